namespace HallSim.Rostering;

/// <summary>The CP-SAT models HallSim solves.</summary>
public enum RosterModel
{
    /// <summary>How many people of each staff type start each shift on each day.</summary>
    Counts,

    /// <summary>Who works which shift on which day, meeting the counts.</summary>
    Assignment,
}
