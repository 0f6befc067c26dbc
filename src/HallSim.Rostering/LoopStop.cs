namespace HallSim.Rostering;

/// <summary>Why the simulation–optimisation loop stopped.</summary>
public enum LoopStop
{
    /// <summary>It ran the most rounds allowed.</summary>
    MostRounds,

    /// <summary>A simulated round one window from the best (the smallest trust region) found nothing better.</summary>
    NoBetterNeighbour,

    /// <summary>The best roster is within the tolerance of the cuts' bound around it.</summary>
    WithinTolerance,

    /// <summary>The next round proposed open windows already judged: the cuts cannot separate further.</summary>
    Repeated,
}
