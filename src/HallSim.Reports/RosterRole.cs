namespace HallSim.Reports;

/// <summary>The part a roster plays in a report's comparison.</summary>
public enum RosterRole
{
    /// <summary>The roster the optimiser recommends.</summary>
    Recommended,

    /// <summary>The usual method's roster: SIPP requirements per interval, then the cheapest shifts that cover them.</summary>
    UsualMethod,

    /// <summary>The manager's own roster, being evaluated.</summary>
    Current,
}
