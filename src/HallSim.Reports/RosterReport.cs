using HallSim.Experiments;
using HallSim.Model;
using HallSim.Staffing;

namespace HallSim.Reports;

/// <summary>The language of a report.</summary>
public enum ReportLanguage
{
    /// <summary>Simplified Chinese (the default: the hall's managers).</summary>
    Chinese,

    /// <summary>English.</summary>
    English,
}

/// <summary>Simulated KPIs of one roster, for the report's comparison.</summary>
/// <param name="Label">"recommended", "usual method", "current roster", … (shown escaped).</param>
/// <param name="StaffHours">Paid working hours.</param>
/// <param name="MeanWait">Mean wait, minutes.</param>
/// <param name="P90Wait">90th percentile of the wait, minutes.</param>
/// <param name="WithinTarget">Share called within the target.</param>
/// <param name="Abandonment">Share who had left when called.</param>
public sealed record ReportKpis(string Label, double StaffHours, MeanEstimate MeanWait, MeanEstimate P90Wait, MeanEstimate WithinTarget, MeanEstimate Abandonment)
{
    /// <summary>The KPIs of a simulated roster.</summary>
    /// <param name="label">Its label.</param>
    /// <param name="evaluation">Its evaluation.</param>
    public static ReportKpis From(string label, RosterEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return new(label, evaluation.StaffHours, evaluation.MeanWait, evaluation.P90Wait, evaluation.WithinTarget, evaluation.Abandonment)
        {
            OvertimeHours = evaluation.OvertimeHours,
            TurnedAway = evaluation.TurnedAway,
        };
    }

    /// <summary>Window-hours worked after windows closed (unpaid by <see cref="StaffHours"/>); null: not known.</summary>
    public MeanEstimate? OvertimeHours { get; init; }

    /// <summary>Citizens turned away over the horizon (left without a ticket, or gone when called); null: not known.</summary>
    public MeanEstimate? TurnedAway { get; init; }

    /// <summary>The KPIs of each date (from <see cref="RosterEvaluator.SummariseDays"/>); empty: no per-day table.</summary>
    public IReadOnlyList<DayKpis> Days { get; init; } = [];
}

/// <summary>The first compared roster's total waiting against the second's, paired by replication (both simulated on
/// the same citizens).</summary>
/// <param name="Difference">First minus second, citizen-minutes over the horizon, with its 95% interval: negative is
/// better; an interval that covers 0 is no significant difference.</param>
/// <param name="AgainstTotal">The second roster's mean total waiting, citizen-minutes (to state the difference as a share).</param>
public sealed record ReportComparison(MeanEstimate Difference, double AgainstTotal)
{
    /// <summary>True when the 95% interval of <see cref="Difference"/> excludes 0.</summary>
    public bool Significant => Difference.Lower > 0 || Difference.Upper < 0;
}

/// <summary>One roster's simulated results per hour of the horizon.</summary>
/// <param name="Label">The roster's label (as in <see cref="ReportKpis.Label"/>).</param>
/// <param name="Hours">Per open hour, in order.</param>
public sealed record HourlySeries(string Label, IReadOnlyList<HourlyResult> Hours);

/// <summary>Simulated results of one hour.</summary>
/// <param name="Date">The date.</param>
/// <param name="Hour">Hour of the day, 0 … 23.</param>
/// <param name="MeanWait">Mean wait of tickets issued in the hour, minutes; null when none were issued.</param>
/// <param name="WithinTarget">Share of them called within the target; null when none were issued.</param>
/// <param name="OpenWindows">Mean windows open in the hour.</param>
/// <param name="Arrivals">Mean tickets issued in the hour.</param>
public sealed record HourlyResult(DateOnly Date, int Hour, MeanEstimate? MeanWait, MeanEstimate? WithinTarget, double OpenWindows, double Arrivals);

/// <summary>Window utilisation by hour of the day, averaged over the horizon's open days.</summary>
/// <param name="WindowIds">The windows (rows).</param>
/// <param name="Hours">Hours of the day (columns).</param>
/// <param name="Values">[window][hour] busy ÷ open time; null where the window was never open at that hour.</param>
public sealed record UtilisationGrid(IReadOnlyList<string> WindowIds, IReadOnlyList<int> Hours, IReadOnlyList<IReadOnlyList<double?>> Values);

/// <summary>
/// Everything a manager's report shows: the recommended roster, the rosters it is compared with, the simulated
/// results and the optimiser's explanation. Built by the <c>hallsim plan</c> and <c>evaluate</c> commands (or by
/// anyone); written by <see cref="ReportHtml"/>, <see cref="RosterXlsx"/> and <see cref="RosterCsv"/>. Immutable.
/// </summary>
/// <param name="HallName">The hall.</param>
/// <param name="From">First date of the roster.</param>
/// <param name="Days">Dates covered.</param>
/// <param name="TargetMinutes">The wait target of "called within", minutes.</param>
/// <param name="Staff">The staff (names, skills, contract hours).</param>
/// <param name="Shifts">The shift templates.</param>
/// <param name="Roster">The roster shown (recommended, or the manager's own when evaluating).</param>
/// <param name="Kpis">The rosters compared: the one shown first.</param>
/// <param name="Hourly">Per compared roster, results per hour (same labels as <paramref name="Kpis"/>).</param>
public sealed record RosterReport(
    string HallName,
    DateOnly From,
    int Days,
    double TargetMinutes,
    IReadOnlyList<StaffMember> Staff,
    IReadOnlyList<ShiftTemplate> Shifts,
    Roster Roster,
    IReadOnlyList<ReportKpis> Kpis,
    IReadOnlyList<HourlySeries> Hourly)
{
    /// <summary>Window utilisation of the shown roster; null: no heatmap.</summary>
    public UtilisationGrid? Utilisation { get; init; }

    /// <summary>Why the roster looks as it does, in plain sentences (from the optimiser).</summary>
    public IReadOnlyList<string> Explanation { get; init; } = [];

    /// <summary>Unmet requirements and broken rules, in plain sentences.</summary>
    public IReadOnlyList<string> Issues { get; init; } = [];

    /// <summary>What differs from the manager's current roster, in plain sentences; empty when there is none.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>Window skills per staff type, for the grid: staff id → a short label (default: their categories).</summary>
    public IReadOnlyDictionary<string, string> StaffGroups { get; init; } = new Dictionary<string, string>();

    /// <summary>The share of tickets the target asks to be called within <see cref="TargetMinutes"/>, 0 to 1 (default 0.8).</summary>
    public double TargetShare { get; init; } = 0.8;

    /// <summary>The first compared roster against the second (the recommendation against the usual method); null: the
    /// headline makes no comparison.</summary>
    public ReportComparison? Comparison { get; init; }

    /// <summary>Share of the best roster's cost (waiting, with turned-away citizens and long waits priced, as the
    /// optimiser counts it) that every window open in every opening hour would remove, at most 1; under 0.2 the headline
    /// says the windows and hours are the constraint, not the roster. Null: not known, or nobody waits.</summary>
    public double? EveryWindowGain { get; init; }

    /// <summary>The playbook's search for a target (what it takes beyond the roster); null: none was run.</summary>
    public ReportPlaybook? Playbook { get; init; }
}

/// <summary>The playbook in a report: its findings in plain sentences and every option it simulated.</summary>
/// <param name="Lines">The findings, in the report's language.</param>
/// <param name="Options">Every option simulated, for the cost–waiting chart.</param>
public sealed record ReportPlaybook(IReadOnlyList<string> Lines, IReadOnlyList<ReportOption> Options);

/// <summary>One simulated option of the playbook.</summary>
/// <param name="Label">Its measures in words.</param>
/// <param name="StaffHours">Staff-hours used, overtime after closing included.</param>
/// <param name="MeanWaitMinutes">Mean wait, minutes.</param>
/// <param name="MeetsTarget">Whether it meets the target (on the dates within reach).</param>
/// <param name="OnFront">Whether no other option beats it on both staff-hours and mean wait.</param>
/// <param name="Chosen">Whether it is the cheapest set that meets the target (validated on fresh seeds).</param>
public sealed record ReportOption(string Label, double StaffHours, double MeanWaitMinutes, bool MeetsTarget, bool OnFront, bool Chosen);
