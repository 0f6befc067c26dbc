namespace HallSim.Rostering;

/// <summary>What a long rostering call is doing.</summary>
public enum RosterStage
{
    /// <summary>Solving the shift-count model.</summary>
    Counts,

    /// <summary>Naming staff for the counts (the assignment model).</summary>
    Assignment,

    /// <summary>Finding why some requirement or shift could not be staffed.</summary>
    Diagnosis,

    /// <summary>One roster finished.</summary>
    Done,

    /// <summary>One week of a season (<see cref="RosterProgress.Week"/>) started.</summary>
    Week,

    /// <summary>The simulation–optimisation loop simulates a round's roster (its waiting and sensitivities).</summary>
    Simulate,

    /// <summary>The loop solves the next round's counts and assignment against the cuts.</summary>
    Solve,

    /// <summary>The loop computes its lower bound and the every-window-open reference.</summary>
    Bound,

    /// <summary>The loop's neighbour search judges moves of one person's shift (after the cuts).</summary>
    Neighbours,
}
