using System.Globalization;

namespace HallSim.Rostering;

/// <summary>Progress of a long rostering call.</summary>
/// <param name="Stage">What is running.</param>
/// <param name="Step">Steps done (for the loop: rounds done).</param>
/// <param name="Steps">Steps in all (an estimate for loops that may stop early).</param>
public sealed record RosterProgress(RosterStage Stage, int Step, int Steps)
{
    /// <summary>The week's Monday for <see cref="RosterStage.Week"/>; null otherwise.</summary>
    public DateOnly? Week { get; init; }

    /// <summary>The stage in words, for logs: "counts", "round 2: simulate", "week 2026-03-23", ….</summary>
    /// <returns>A short English description.</returns>
    public override string ToString() => Stage switch
    {
        RosterStage.Simulate => string.Create(CultureInfo.InvariantCulture, $"round {Step + 1}: simulate"),
        RosterStage.Solve => string.Create(CultureInfo.InvariantCulture, $"round {Step + 1}: solve"),
        RosterStage.Week => string.Create(CultureInfo.InvariantCulture, $"week {Week:yyyy-MM-dd}"),
        RosterStage.Neighbours => "neighbour search: moving one person's shift at a time",
        _ => Stage.ToString().ToLowerInvariant(),
    };
}
