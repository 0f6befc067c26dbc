using HallSim.Experiments;
using HallSim.Model;
using HallSim.Reports;
using HallSim.Rostering;
using HallSim.Staffing;

namespace HallSim.Planning;

/// <summary>
/// Everything a staffing plan found, as data: the horizon and budget, the compared rosters with their simulated KPIs,
/// the optimiser's loop (rounds, lower bound, gap, every-window-open reference), the usual method's roster and its
/// unmet requirements, the current roster's rule breaches and the changes against it. Immutable;
/// <see cref="ToReport"/> turns it into the manager's report in Chinese or English.
/// </summary>
/// <param name="Request">The request, as given.</param>
/// <param name="From">First date of the horizon (the busiest week when the request left it open).</param>
/// <param name="Days">Dates in the horizon.</param>
/// <param name="StaffHourBudget">Staff-hours the recommended roster could use.</param>
/// <param name="Rosters">Recommended first, then the usual method's, then the current roster when one was given.</param>
/// <param name="Loop">The simulation–optimisation loop's result (its best roster is <see cref="Recommended"/>).</param>
/// <param name="UsualMethod">The usual method's roster as the solver returned it (with its unmet requirements).</param>
public sealed record PlanOutcome(
    PlanRequest Request,
    DateOnly From,
    int Days,
    double StaffHourBudget,
    IReadOnlyList<PlannedRoster> Rosters,
    SimulationOptimisationResult Loop,
    RosterResult UsualMethod)
{
    /// <summary>Rule breaches of the current roster (rest, consecutive days, contract hours, …); empty without one.</summary>
    public IReadOnlyList<RosterIssue> CurrentRosterBreaches { get; init; } = [];

    /// <summary>What the recommended roster changes against the current one, by date and person; empty without one.</summary>
    public IReadOnlyList<RosterChange> Changes { get; init; } = [];

    /// <summary>The <see cref="Changes"/> on the dates where the current roster's total waiting (never-called tickets
    /// included) is significantly longer than the recommendation's, paired by replication, at 95% over all the dates
    /// together (Bonferroni); empty when there are none: the current roster is then as good as the recommendation on
    /// every date, within the simulation's noise. Changes on one date may move hours from another.</summary>
    public IReadOnlyList<RosterChange> ChangesThatMatter { get; init; } = [];

    /// <summary>Window utilisation by window and hour of the recommended roster (mean over the validation replications).</summary>
    public UtilisationGrid? Utilisation { get; init; }

    /// <summary>Wall-clock seconds the plan took (the only value that differs between two runs with the same inputs).</summary>
    public double Seconds { get; init; }

    /// <summary>The recommended roster.</summary>
    public PlannedRoster Recommended => Rosters[0];

    /// <summary>The usual method's roster.</summary>
    public PlannedRoster Usual => Rosters[1];

    /// <summary>The manager's roster, when the request gave one.</summary>
    public PlannedRoster? Current => Rosters.Count > 2 ? Rosters[2] : null;

    /// <summary>
    /// Total waiting of the recommended roster minus the usual method's, citizen-minutes over the horizon, paired by
    /// validation replication (common random numbers), with its 95% confidence interval: negative is better.
    /// </summary>
    public MeanEstimate WaitingAgainstUsual => Recommended.WaitingAgainst(Usual);

    /// <summary>
    /// Share of total waiting that every window open in every opening hour would remove from the best roster's
    /// (1 − all-open ÷ best, from the loop's oracle); under 0.2 means the hall's windows and hours are the constraint.
    /// </summary>
    public double EveryWindowGain => Loop.BestWaiting > 0 ? 1 - (Loop.AllWindowsWaiting / Loop.BestWaiting) : 0;

    /// <summary>The manager's report of this plan: headline, labels, explanation, issues and changes in
    /// <paramref name="language"/>, with the people's and shifts' display names.</summary>
    /// <param name="language">Chinese (the hall's managers) or English.</param>
    /// <returns>The report, ready for <see cref="ReportHtml"/>, <see cref="RosterXlsx"/> and <see cref="RosterCsv"/>.</returns>
    public RosterReport ToReport(ReportLanguage language)
    {
        var text = new ReportText(language);
        var scenario = Request.Scenario;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var labels = Rosters.Select(r => text.Label(r.Role)).ToArray();
        var issues = new List<string>(Loop.Best.Issues.Select(i => IssueText.Describe(i, language, scenario)));
        if (Current is not null)
        {
            var separator = language == ReportLanguage.Chinese ? "：" : ": ";
            issues.AddRange(CurrentRosterBreaches.Select(i => language == ReportLanguage.Chinese
                ? labels[2] + separator + IssueText.Describe(i, language, scenario)
                : $"{labels[2]}: {i.Date:yyyy-MM-dd}{(i.Time is { } t ? " " + t.ToString("HH:mm", inv) : string.Empty)} {IssueText.Describe(i, language, scenario)}"));
        }

        if (UsualMethod.Issues.Count > 0)
        {
            issues.Add(text.UsualMethodShortfall(labels[1], UsualMethod.Issues.Count, IssueText.Describe(UsualMethod.Issues[0], language, scenario)));
        }

        return new RosterReport(scenario.Name, From, Days, Request.Target.WithinMinutes, scenario.Staff, scenario.Shifts, Recommended.Roster,
            Rosters.Select((r, i) => ReportKpis.From(labels[i], r.Evaluation) with { Days = r.DayKpis }).ToArray(),
            Rosters.Select((r, i) => r.Hourly with { Label = labels[i] }).ToArray())
        {
            Utilisation = Utilisation,
            Explanation = [text.Headroom(Loop.BoundHolds ? Loop.Gap : null, EveryWindowGain), text.StaffHours(Loop.Best.StaffHours, StaffHourBudget), .. Loop.Best.DaySummaries.Select(text.Day)],
            Issues = issues,
            Changes = Current is null ? [] : ChangesThatMatter.Count == 0
                ? [text.AsGoodAsRecommended(Changes.Count)]
                : [text.ChangesThatMatter(ChangesThatMatter.Count, Changes.Count), .. ChangesThatMatter.Select(c => text.Change(c, scenario.Staff, scenario.Shifts))],
            StaffGroups = scenario.Staff.ToDictionary(m => m.Id, m => text.SkillGroup(m, scenario.Categories)),
            TargetShare = Request.Target.Share,
            Comparison = new ReportComparison(WaitingAgainstUsual, Usual.Evaluation.TotalWaiting.Mean),
            EveryWindowGain = Loop.BestWaiting > 0 ? EveryWindowGain : null, // nobody waits: no advice about windows
        };
    }
}
