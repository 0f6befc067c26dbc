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
/// <param name="Message">A plain sentence.</param>
public sealed record RosterIssue(RosterRule Rule, DateOnly Date, TimeOnly? Time, string Message);

/// <summary>The rules and requirements a roster can miss (flags: a diagnosis can name several together).</summary>
[Flags]
public enum RosterRule
{
    /// <summary>No rule.</summary>
    None = 0,

    /// <summary>An assignment names a person who is not on the staff.</summary>
    Staff = 1 << 0,

    /// <summary>An assignment names a shift template that does not exist.</summary>
    Shift = 1 << 1,

    /// <summary>A person is rostered on a day of absence.</summary>
    Absence = 1 << 2,

    /// <summary>A person has more than one shift on a day.</summary>
    OneShiftADay = 1 << 3,

    /// <summary>Too little rest between two shifts.</summary>
    Rest = 1 << 4,

    /// <summary>A shift follows another that it may not follow.</summary>
    ForbiddenTransition = 1 << 5,

    /// <summary>Too many working days in a row.</summary>
    ConsecutiveDays = 1 << 6,

    /// <summary>Too few days off in a calendar week.</summary>
    DaysOff = 1 << 7,

    /// <summary>More hours in a week than the contract allows.</summary>
    ContractHours = 1 << 8,

    /// <summary>More people at work at once than windows can be open.</summary>
    WindowCap = 1 << 9,

    /// <summary>People of some skills at work at once outnumber the windows they can staff, or no one can staff a category.</summary>
    Skills = 1 << 10,

    /// <summary>An interval's required windows cannot be staffed.</summary>
    Coverage = 1 << 11,
}

/// <summary>The CP-SAT models HallSim solves.</summary>
public enum RosterModel
{
    /// <summary>How many people of each staff type start each shift on each day.</summary>
    Counts,

    /// <summary>Who works which shift on which day, meeting the counts.</summary>
    Assignment,
}

/// <summary>How a CP-SAT solve ended.</summary>
public enum SolverStatus
{
    /// <summary>The status is unknown: no solution was found within the limits.</summary>
    Unknown,

    /// <summary>The model is not valid (a defect).</summary>
    ModelInvalid,

    /// <summary>A solution was found; optimality was not proven within the limits.</summary>
    Feasible,

    /// <summary>No solution exists.</summary>
    Infeasible,

    /// <summary>The solution is proven optimal (within the relative gap).</summary>
    Optimal,
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

/// <summary>The count model's answer: open windows per interval, without names.</summary>
/// <param name="OpenWindows">Open windows per interval of the horizon (interval length of the problem, from 00:00 of its first date).</param>
/// <param name="Optimal">The solver proved the counts optimal.</param>
/// <param name="Statistics">The solver's statistics.</param>
public sealed record ShiftCountResult(IReadOnlyList<int> OpenWindows, bool Optimal, SolveStatistics Statistics);
