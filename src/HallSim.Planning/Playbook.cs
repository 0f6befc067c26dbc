using HallSim.Experiments;
using HallSim.Reports;
using HallSim.Scenarios;
using HallSim.Staffing;

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

    /// <summary>Staff-hours the measures need outside the window roster over the horizon (floor guides, reception and
    /// back-office staff; Σ <see cref="Measure.OffRosterStaffHours"/>).</summary>
    public double OffRosterStaffHours => Measures.Sum(m => m.OffRosterStaffHours(Base.Request.Scenario, Base.From, Base.Days));

    /// <summary>Whether every open date with tickets calls at least the target's share within its minutes, on the mean
    /// of the validation replications (the plan's target).</summary>
    public bool MeetsTargetEveryDay => Playbook.MeetsEveryDay(Plan);

    /// <summary>The dates whose mean share called within the target falls short.</summary>
    public IReadOnlyList<DateOnly> DaysShort => Playbook.DaysShort(Plan);
}

/// <summary>Measures beyond the roster, judged by simulation against a plan.</summary>
public static class Playbook
{
    /// <summary>Offset of the seed of the search's quick plans from the plan's seed: the search chooses on its own
    /// sample, and the choice is validated on the plan's fresh seeds (<see cref="RosterPlanner.ValidationSeedOffset"/>).</summary>
    public const ulong QuickSeedOffset = 7_919;

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

    /// <summary>
    /// The least-cost set of measures that reaches <paramref name="options"/>' target, judged by simulation: the roster
    /// alone first (the plan), then every lever at its limit (what can be reached at all, and on which dates); then,
    /// with every lever at its strongest, a bisection on the extra staff for the fewest that reach the target, and each
    /// lever lowered or dropped while the target holds. Cost is ordered by staff-hours (the budget the roster is
    /// given), then money, then the number of measures. Each candidate is first screened by the fluid hall with every
    /// window open (<see cref="FluidHall"/>) and by the budget against the work, and only then planned (a quick plan:
    /// fewer rounds and replications, on the search's own seeds); the chosen set is planned in full and validated on
    /// the plan's fresh seeds, paired with the plan (<see cref="WhatIf"/>).
    /// </summary>
    /// <remarks>The search assumes each lever is monotone — a stronger level, or more staff, never makes the target
    /// harder to reach — which holds for capacity and hours in this model up to the simulation's noise; it is a
    /// heuristic, not a proof of optimality over the whole lattice (a test compares it with exhaustive enumeration on
    /// small halls). Same plan and options ⇒ same result, whatever the thread count.</remarks>
    /// <param name="plan">The plan without measures (from <see cref="RosterPlanner.Plan"/>).</param>
    /// <param name="options">The target, the extra staff and the levers (defaults: <see cref="DefaultLevers"/>).</param>
    /// <param name="progress">Receives a <see cref="PlanStage.Playbook"/> step per candidate simulated.</param>
    /// <param name="cancellationToken">Stops the plans and simulations.</param>
    /// <returns>What was found, every option judged, and the cost–waiting front.</returns>
    /// <exception cref="ScenarioValidationException">A setting is out of range, the target's minutes differ from the
    /// plan's, or a lever's level (the given levers or the defaults) does not fit the scenario, changes nothing over
    /// the horizon or adds staff-hours (only the extra staff may): every problem, named by "levers[i].levels[j][k]".</exception>
    public static PlaybookResult Search(PlanOutcome plan, PlaybookSearchOptions? options = null, IProgress<PlanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        options ??= new PlaybookSearchOptions();
        var problems = new List<ValidationProblem>();
        if (options.Target.Share is not null && Math.Abs(options.Target.Minutes - plan.Request.Target.WithinMinutes) > 1e-9)
        {
            problems.Add(new ValidationProblem("target", FormattableString.Invariant($"{options.Target.Minutes} minutes: the plan counts calls within {plan.Request.Target.WithinMinutes} minutes; plan with the target's minutes (PlanRequest.Target)")));
        }

        if (options.ExtraStaffStep < 1)
        {
            problems.Add(new ValidationProblem("extraStaffStep", $"{options.ExtraStaffStep}: expected at least 1"));
        }

        if (options.MaxExtraStaff is < 0 or > 100)
        {
            problems.Add(new ValidationProblem("maxExtraStaff", $"{options.MaxExtraStaff}: expected 0 to 100"));
        }

        if (options.QuickReplications < 2)
        {
            problems.Add(new ValidationProblem("quickReplications", $"{options.QuickReplications}: expected at least 2"));
        }

        if (options.QuickRounds < 1)
        {
            problems.Add(new ValidationProblem("quickRounds", $"{options.QuickRounds}: expected at least 1"));
        }

        problems.AddRange(new ExtraStaff(options.ExtraStaffCategories, 1).Check(plan.Request.Scenario, "extraStaffCategories").Where(p => p.Path != "extraStaffCategories.count"));
        var levers = options.Levers ?? DefaultLevers(plan.Request.Scenario, plan.From, plan.Days);
        for (var i = 0; i < levers.Count; i++)
        {
            for (var j = 0; j < levers[i].Levels.Count; j++)
            {
                var path = FormattableString.Invariant($"levers[{i}].levels[{j}]");
                var level = levers[i].Levels[j];
                var before = problems.Count;
                foreach (var (m, n) in level.Select((m, n) => (m, n)))
                {
                    problems.AddRange(m.Check(plan.Request.Scenario, FormattableString.Invariant($"{path}[{n}]")));
                    if (m.ExtraStaffHours(plan.Request.Scenario, plan.From, plan.Days) > 0)
                    {
                        problems.Add(new ValidationProblem(FormattableString.Invariant($"{path}[{n}]"), $"{m.Describe(ReportLanguage.English)} adds staff-hours: only the search's own extra staff may (ExtraStaffCategories)"));
                    }
                }

                if (problems.Count == before)
                {
                    // Applied on its own over the horizon, before minutes of planning: a level that changes nothing or
                    // leaves an invalid scenario is named here, not in the middle of the search.
                    try
                    {
                        Measures.Apply(plan.Request.Scenario, level, plan.From, plan.Days);
                    }
                    catch (ScenarioValidationException ex)
                    {
                        problems.AddRange(ex.Problems.Select(p => p with { Path = p.Path.StartsWith("measures[", StringComparison.Ordinal) ? path + p.Path["measures".Length..] : $"{path}: {p.Path}" }));
                    }
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new ScenarioValidationException("the playbook search", problems);
        }

        return new PlaybookSearch(plan, options, progress, cancellationToken).Run();
    }

    /// <summary>
    /// The levers the search tries by default for a hall and horizon, each only where it changes something, weakest
    /// level first: self-service (every kiosk group's share who try it +20 points and one more machine, then +40 and two
    /// more), appointments (30%,
    /// then 50% of window demand), Saturdays (09:00–12:00, then 09:00–18:00, each only if it adds to today's
    /// Saturday hours), weekday evenings (to 19:00, 20:00, 21:00, those later than today's closing). Levers later in
    /// the list are the first the search drops. [A] These levels are what Chinese halls report for 延时错时服务,
    /// 预约分流 and 自助办理; the planner can give others, such as <see cref="ComprehensiveWindows"/> (left out by default:
    /// with every person able to take every seat, each CP-SAT assignment runs to its time limit and a candidate's
    /// quick plan takes about 20 times as long on the Jihua deadline week).
    /// </summary>
    /// <param name="scenario">The hall.</param>
    /// <param name="from">First date of the horizon.</param>
    /// <param name="days">Dates in the horizon.</param>
    /// <returns>The levers (possibly none).</returns>
    public static IReadOnlyList<PlaybookLever> DefaultLevers(Scenario scenario, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        static TimeOnly T(int h) => new(h, 0);
        var levers = new List<PlaybookLever>();
        var kiosks = scenario.Kiosks.Where(k => k.Count > 0 && k.UseShare < 1).ToList();
        if (kiosks.Count > 0)
        {
            IReadOnlyList<Measure> Promote(double more, int machines) =>
                [.. kiosks.Select(k => new SelfService(k.Id) { UseShare = Math.Min(1, Math.Round(k.UseShare + more, 2)), ExtraKiosks = machines })];
            levers.Add(new PlaybookLever("self-service", [Promote(0.2, 1), Promote(0.4, 2)]));
        }

        var booked = scenario.Appointments?.Share ?? 0;
        var shares = new[] { 0.3, 0.5 }.Where(s => s > booked + 1e-9).ToList();
        if (shares.Count > 0)
        {
            levers.Add(new PlaybookLever("appointments", [.. shares.Select(s => (IReadOnlyList<Measure>)[new Appointments(s)])]));
        }

        var dates = Enumerable.Range(0, days).Select(d => from.AddDays(d)).ToList();
        var saturday = dates.FirstOrDefault(d => d.DayOfWeek == DayOfWeek.Saturday && !scenario.Calendar.Holidays.Contains(d));
        if (saturday != default)
        {
            var now = scenario.Calendar.SessionsOn(saturday);
            var minutes = now.Sum(s => (s.Close - s.Open).TotalMinutes);
            IReadOnlyList<Session>[] candidates = [[new Session(T(9), T(12))], [new Session(T(9), T(18))]];
            var levels = candidates.Where(c => c.Sum(s => (s.Close - s.Open).TotalMinutes) > minutes + 1e-9 && now.All(x => c.Any(s => s.Open <= x.Open && s.Close >= x.Close)))
                .Select(c => (IReadOnlyList<Measure>)[new SaturdayOpening(c)]).ToList();
            if (levels.Count > 0)
            {
                levers.Add(new PlaybookLever("saturday", levels));
            }
        }

        var closes = dates.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || scenario.Calendar.MakeUpWorkdays.Contains(d))
            .Select(d => scenario.Calendar.SessionsOn(d)).Where(s => s.Count > 0).Select(s => s[^1].Close).ToList();
        if (closes.Count > 0)
        {
            var latest = closes.Min();
            var evenings = new[] { T(19), T(20), T(21) }.Where(t => t > latest).Select(t => (IReadOnlyList<Measure>)[new WeekdayClosing(t)]).ToList();
            if (evenings.Count > 0)
            {
                levers.Add(new PlaybookLever("evening", evenings));
            }
        }

        return levers;
    }

    internal static bool MeetsEveryDay(PlanOutcome plan) => DaysShort(plan).Count == 0;

    internal static IReadOnlyList<DateOnly> DaysShort(PlanOutcome plan) =>
        [.. plan.Recommended.DayKpis.Where(d => d.Tickets.Mean > 0 && d.WithinTarget.Mean < plan.Request.Target.Share).Select(d => d.Date)];
}
