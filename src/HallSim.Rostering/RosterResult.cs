using HallSim.Staffing;

namespace HallSim.Rostering;

/// <summary>How a roster solve ended.</summary>
public enum RosterStatus
{
    /// <summary>Every rule and requirement is met and the shift counts are proven optimal (within the relative gap).</summary>
    Optimal,

    /// <summary>Every rule and requirement is met; the search stopped on its time limit before proving optimality.</summary>
    Feasible,

    /// <summary>A roster was returned but some requirement or some shift count could not be staffed (see <see cref="RosterResult.Issues"/>).</summary>
    Partial,
}

/// <summary>One interval of the horizon in a solved roster.</summary>
/// <param name="Start">Interval start, minutes from 00:00 of the scenario's first date.</param>
/// <param name="Date">Its date.</param>
/// <param name="Time">Its time of day.</param>
/// <param name="OpenWindows">Staff at windows in the interval (staff on shift, not on a break).</param>
/// <param name="Required">Windows required (staff-hours objective), otherwise 0.</param>
/// <param name="PredictedWaiting">Expected total waiting of citizens whose tickets are issued in the interval,
/// citizen-minutes, from the (possibly simulation-corrected) waiting curve, weighted over the demand variants.</param>
/// <param name="MarginalWaiting">Waiting saved by the last open window here, citizen-minutes (curve at n − 1 minus curve at n; 0 when none open).</param>
public sealed record RosterInterval(double Start, DateOnly Date, TimeOnly Time, int OpenWindows, int Required, double PredictedWaiting, double MarginalWaiting);

/// <summary>Something a manager must know about the roster: a requirement or shift count that could not be met, and why.</summary>
/// <param name="Rule">The rule or requirement concerned; several flags when several rules together leave shifts unfilled.</param>
/// <param name="Date">The date.</param>
/// <param name="Time">The time of day, when it concerns an interval.</param>
/// <param name="Message">A plain sentence in English (a report in another language words the issue from the
/// structured fields below).</param>
public sealed record RosterIssue(RosterRule Rule, DateOnly Date, TimeOnly? Time, string Message)
{
    /// <summary>The staff member concerned; null when none is.</summary>
    public string? StaffId { get; init; }

    /// <summary>The shift template concerned (for a forbidden transition: the later one); null when none is.</summary>
    public string? ShiftId { get; init; }

    /// <summary>The other shift template concerned (a forbidden transition's earlier shift); null when none is.</summary>
    public string? OtherShiftId { get; init; }

    /// <summary>The figure found: hours of rest, days in a row, days worked in the week, hours worked, staff on duty,
    /// windows required or shifts not given; null when the rule has none.</summary>
    public double? Found { get; init; }

    /// <summary>The figure the rule allows or asks for: the minimum rest hours, the most days, the contract hours, the
    /// windows that can be open or staffed, the shifts asked for; null when the rule has none.</summary>
    public double? Limit { get; init; }

    /// <summary>The service category concerned (a category no one available can serve); null when none is.</summary>
    public string? CategoryId { get; init; }
}

/// <summary>What CP-SAT reported for one model.</summary>
/// <param name="Model">Which model.</param>
/// <param name="Status">How the solve ended.</param>
/// <param name="Objective">Objective value, the model's integer units.</param>
/// <param name="Bound">Best proven bound, the same units.</param>
/// <param name="DeterministicTime">CP-SAT deterministic seconds used.</param>
/// <param name="WallSeconds">Wall-clock seconds (informative only: varies between machines).</param>
public sealed record SolveStatistics(RosterModel Model, SolverStatus Status, double Objective, double Bound, double DeterministicTime, double WallSeconds)
{
    /// <summary>Relative gap |objective − bound| ÷ max(1, |objective|).</summary>
    public double Gap => Math.Abs(Objective - Bound) / Math.Max(1, Math.Abs(Objective));
}

/// <summary>A solved roster. Immutable.</summary>
/// <param name="Status">How the solve ended.</param>
/// <param name="Roster">The roster (the core type: simulate or evaluate it without OR-Tools).</param>
/// <param name="Intervals">Every interval of the horizon, open or closed.</param>
/// <param name="StaffHours">Paid working hours of the roster.</param>
/// <param name="PredictedWaiting">Σ predicted waiting over the intervals, citizen-minutes.</param>
/// <param name="Issues">Unmet requirements and shortfalls with their causes; empty when everything is met.</param>
/// <param name="Statistics">One entry per CP-SAT model solved.</param>
public sealed record RosterResult(
    RosterStatus Status,
    Roster Roster,
    IReadOnlyList<RosterInterval> Intervals,
    double StaffHours,
    double PredictedWaiting,
    IReadOnlyList<RosterIssue> Issues,
    IReadOnlyList<SolveStatistics> Statistics)
{
    /// <summary>True when some solve stopped on the wall-clock safety cap (the result may then differ between machines).</summary>
    public bool HitWallClock { get; init; }

    /// <summary>How each open day is staffed and why, as data (Reports' <c>ReportText</c> puts it in words, zh or en).</summary>
    public IReadOnlyList<RosterDaySummary> DaySummaries { get; init; } = [];
}

/// <summary>The rules cannot be met and <see cref="RosterOptions.AllowPartial"/> is false.</summary>
public sealed class RosterInfeasibleException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="issues">The diagnosis.</param>
    public RosterInfeasibleException(IReadOnlyList<RosterIssue> issues)
        : base("the roster cannot meet every rule: " + string.Join("; ", (issues ?? []).Select(i => $"{i.Date:yyyy-MM-dd}{(i.Time is { } t ? " " + t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)} [{i.Rule}] {i.Message}")))
    {
        Issues = issues ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public RosterInfeasibleException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public RosterInfeasibleException(string message)
        : base(message)
    {
        Issues = [];
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RosterInfeasibleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Issues = [];
    }

    /// <summary>The diagnosis: each unmet rule with its date and interval.</summary>
    public IReadOnlyList<RosterIssue> Issues { get; }
}
