using HallSim.Experiments;
using HallSim.Reports;
using HallSim.Scenarios;

namespace HallSim.Planning;

/// <summary>
/// What a set of measures does against a plan: the plan made again on the scenario with the measures (the usual method
/// and the optimised roster, the budget raised by what the measures allow), validated on the same fresh seeds as the
/// plan, so that every difference is paired by replication (common random numbers). Immutable.
/// </summary>
/// <param name="Measures">The measures, as given.</param>
/// <param name="Base">The plan without them.</param>
/// <param name="Plan">The plan with them.</param>
public sealed record WhatIfOutcome(IReadOnlyList<Measure> Measures, PlanOutcome Base, PlanOutcome Plan)
{
    /// <summary>Total waiting with the measures minus without, citizen-minutes over the horizon, paired by replication,
    /// with its 95% interval: negative is better; an interval covering 0 is no significant difference.</summary>
    public MeanEstimate WaitingDifference => Plan.Recommended.WaitingAgainst(Base.Recommended);

    /// <summary>Citizens turned away (balked, or gone when called) with the measures minus without, over the horizon,
    /// paired by replication, with its 95% interval. A measure never looks better by sending people home: read this
    /// beside <see cref="WaitingDifference"/>.</summary>
    public MeanEstimate TurnedAwayDifference => MeanEstimate.Of(Plan.Recommended.Evaluation.TurnedAwayByReplication
        .Zip(Base.Recommended.Evaluation.TurnedAwayByReplication, (a, b) => a - b).ToList());

    /// <summary>Staff-hours of the roster with the measures, overtime after closing included.</summary>
    public double StaffHours => Plan.Recommended.Evaluation.StaffHoursWithOvertime;

    /// <summary>Staff-hours with the measures minus without, overtime after closing included on both sides.</summary>
    public double ExtraStaffHours => StaffHours - Base.Recommended.Evaluation.StaffHoursWithOvertime;

    /// <summary>Money per week of the measures (Σ <see cref="Measure.MoneyPerWeek"/>).</summary>
    public double MoneyPerWeek => Measures.Sum(m => m.MoneyPerWeek);

    /// <summary>Whether every open date with tickets calls at least the target's share within its minutes, on the mean
    /// of the validation replications (the plan's target).</summary>
    public bool MeetsTargetEveryDay => Playbook.MeetsEveryDay(Plan);

    /// <summary>The dates whose mean share called within the target falls short.</summary>
    public IReadOnlyList<DateOnly> DaysShort => Playbook.DaysShort(Plan);
}

/// <summary>Measures beyond the roster, judged by simulation against a plan.</summary>
public static class Playbook
{
    /// <summary>
    /// Plans again with <paramref name="measures"/> applied over the plan's horizon, with the plan's budget plus what
    /// the measures allow (<see cref="Measure.ExtraStaffHours"/>), its seeds, replications and target, and pairs the
    /// result with the plan.
    /// </summary>
    /// <param name="plan">The plan without the measures (from <see cref="RosterPlanner.Plan"/>).</param>
    /// <param name="measures">The measures, at least one.</param>
    /// <param name="progress">Receives the new plan's stages.</param>
    /// <param name="cancellationToken">Stops the solver and the simulations.</param>
    /// <returns>Both plans and their paired differences.</returns>
    /// <exception cref="ScenarioValidationException">A measure does not fit the scenario (every problem, with
    /// "measures[i]" in its path).</exception>
    public static WhatIfOutcome WhatIf(PlanOutcome plan, IReadOnlyList<Measure> measures, IProgress<PlanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(measures);
        if (measures.Count == 0)
        {
            throw new ScenarioValidationException("the measures", [new ValidationProblem("measures", "no measures: give at least one")]);
        }

        var scenario = Measures.Apply(plan.Request.Scenario, measures, plan.From, plan.Days);
        var request = plan.Request with
        {
            Scenario = scenario,
            From = plan.From,
            Days = plan.Days,
            StaffHourBudget = plan.StaffHourBudget + measures.Sum(m => m.ExtraStaffHours(plan.Request.Scenario, plan.From, plan.Days)),
            CurrentRoster = null,
        };
        return new WhatIfOutcome(measures, plan, RosterPlanner.Plan(request, progress, cancellationToken));
    }

    internal static bool MeetsEveryDay(PlanOutcome plan) => DaysShort(plan).Count == 0;

    internal static IReadOnlyList<DateOnly> DaysShort(PlanOutcome plan) =>
        [.. plan.Recommended.DayKpis.Where(d => d.Tickets.Mean > 0 && d.WithinTarget.Mean < plan.Request.Target.Share).Select(d => d.Date)];
}
