namespace HallSim.Rostering;

/// <summary>
/// CP-SAT settings. Same problem and options ⇒ same roster: the search stops on CP-SAT's deterministic time or a
/// proven gap, never on the wall clock, unless <see cref="WallClockSeconds"/> is reached first (a safety cap; then the
/// result says so). With more than one worker CP-SAT interleaves its workers deterministically. Instances are immutable.
/// </summary>
public sealed record RosterOptions
{
    /// <summary>Deterministic time limit of the shift-count model, CP-SAT's deterministic seconds (default 10).</summary>
    public double CountTimeLimit { get; init; } = 10;

    /// <summary>Deterministic time limit of the named assignment, deterministic seconds (default 20).</summary>
    public double AssignmentTimeLimit { get; init; } = 20;

    /// <summary>Safety cap on each solve's wall-clock time, seconds (default 120). Reaching it makes the result
    /// machine-dependent, and <see cref="RosterResult.HitWallClock"/> says so.</summary>
    public double WallClockSeconds { get; init; } = 120;

    /// <summary>CP-SAT workers (default 1; more workers search in deterministic interleaved mode, which is
    /// reproducible but can find a different roster than one worker).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>CP-SAT's random seed (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Stop the shift-count model at this relative gap between the best roster and the proven bound (default 0.005).</summary>
    public double RelativeGap { get; init; } = 0.005;

    /// <summary>Return the best partial roster with its unmet intervals and shortfalls when the rules cannot all be
    /// met (default true); false throws <see cref="RosterInfeasibleException"/> with the diagnosis instead.</summary>
    public bool AllowPartial { get; init; } = true;
}
