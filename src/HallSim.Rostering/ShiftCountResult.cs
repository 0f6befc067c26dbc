namespace HallSim.Rostering;

/// <summary>The count model's answer: open windows per interval, without names.</summary>
/// <param name="OpenWindows">Open windows per interval of the horizon (interval length of the problem, from 00:00 of its first date).</param>
/// <param name="Optimal">The solver proved the counts optimal.</param>
/// <param name="Statistics">The solver's statistics.</param>
public sealed record ShiftCountResult(IReadOnlyList<int> OpenWindows, bool Optimal, SolveStatistics Statistics);
