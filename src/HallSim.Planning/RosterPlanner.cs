using HallSim.Model;
using HallSim.Queueing;
using HallSim.Reports;
using HallSim.Rostering;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Planning;

/// <summary>
/// A hall's staffing plan in one call — what <c>hallsim plan</c> and <c>hallsim evaluate</c> do, as data: the usual
/// method's roster (SIPP + cheapest cover), the simulation-optimised roster at the same staff-hours (or a budget),
/// every compared roster simulated once on fresh seeds (KPIs with confidence intervals, hourly and daily series), the
/// optimiser's bound and gap, and against a manager's own roster its rule breaches and the changes.
/// </summary>
/// <remarks>The problem is validated and compiled once (<see cref="CompiledProblem"/>): the usual method, the loop and
/// the validation share it. Same request ⇒ same outcome, whatever the thread count (only
/// <see cref="PlanOutcome.Seconds"/> differs), unless a CP-SAT solve stops on its wall-clock safety cap
/// (<see cref="RosterResult.HitWallClock"/>), which depends on the machine.</remarks>
public static class RosterPlanner
{
    /// <summary>Offset of the validation seed from the loop's: fresh citizens for the comparison.</summary>
    public const ulong ValidationSeedOffset = 1_000_003;

    /// <summary>Plans.</summary>
    /// <param name="request">What to plan.</param>
    /// <param name="progress">Receives each stage (and the loop's rounds).</param>
    /// <param name="cancellationToken">Stops the solver and the simulations.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ScenarioValidationException">The request has problems (a scenario without staff or shifts, a
    /// horizon outside its dates, a current roster with unknown staff or shifts or that cannot be seated); every one
    /// is listed, with the request's property as its path.</exception>
    public static PlanOutcome Plan(PlanRequest request, IProgress<PlanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (from, days) = Horizon(request);
        var scenario = request.Scenario;
        var compiled = CompiledProblem.Compile(new RosterProblem(scenario, from, days), cancellationToken);
        var current = request.CurrentRoster;
        List<RosterIssue> unseated = [];
        var currentStaffing = current is null ? null : Seatable(compiled, current, unseated);

        var target = request.Target;
        progress?.Report(new PlanProgress(PlanStage.UsualMethod, 0.02) { From = from, Days = days });
        var usual = Baselines.SippCover(compiled, target, cancellationToken: cancellationToken);
        var budget = request.StaffHourBudget ?? (currentStaffing?.StaffHours ?? usual.StaffHours);
        var rounds = (request.Loop ?? new SimulationOptimisationOptions()) with { Replications = request.Replications, Seed = request.Seed, WaitTargetMinutes = target.WithinMinutes };
        progress?.Report(new PlanProgress(PlanStage.Optimising, 0.1) { From = from, Days = days, StaffHourBudget = budget });
        var loopProgress = progress is null ? null : new Relay<RosterProgress>(p => progress.Report(new PlanProgress(PlanStage.Optimising,
            0.1 + (0.6 * (p.Step + (p.Stage == RosterStage.Simulate ? 0.5 : 0)) / rounds.MaxIterations)) { Loop = p, From = from, Days = days, StaffHourBudget = budget }));
        var loop = SimulationOptimiser.Run(compiled.WithObjective(new MinimiseWaiting { StaffHourBudget = budget }), rounds, loopProgress, cancellationToken);

        progress?.Report(new PlanProgress(PlanStage.Validating, 0.72));
        var compared = new List<(RosterRole Role, Roster Roster)> { (RosterRole.Recommended, loop.Best.Roster), (RosterRole.UsualMethod, usual.Roster) };
        if (current is not null)
        {
            compared.Add((RosterRole.Current, current));
        }

        // One simulation per roster serves the KPIs (from its tickets) and the hourly and daily series (from its intervals).
        var validationSeed = request.Seed + ValidationSeedOffset;
        var options = new HallRunOptions { IntervalMinutes = 60, KeepTickets = true, WaitTargetMinutes = target.WithinMinutes };
        var horizon = compiled.Hall.Scenario;
        var planned = new List<PlannedRoster>();
        UtilisationGrid? utilisation = null;
        foreach (var (role, roster) in compared)
        {
            var staffing = role == RosterRole.Current && currentStaffing is not null ? currentStaffing : compiled.Hall.Compile(new StaffingPlan { Roster = roster });
            var runs = HallReplications.Run(staffing, validationSeed, request.Replications, options, cancellationToken: cancellationToken);
            planned.Add(new PlannedRoster(role, roster, RosterEvaluator.Summarise(staffing, runs.Runs, target.WithinMinutes, 30),
                ReportCharts.Hourly(role.ToString(), horizon, runs), runs.Days)
            {
                DayKpis = RosterEvaluator.SummariseDays(staffing, runs.Runs, target.WithinMinutes),
            });
            utilisation ??= ReportCharts.UtilisationOf(horizon, runs);
        }

        // Against the manager's roster: the dates where its total waiting is significantly longer than the
        // recommendation's (paired by replication; 95% over all the dates together, Bonferroni: 1 − 0.05/days each);
        // only the changes on those dates are worth making.
        var changes = current is null ? [] : RosterChange.Between(current, loop.Best.Roster, scenario.Shifts);
        var worseDays = new HashSet<DateOnly>();
        if (current is not null)
        {
            var (mine, best) = (planned[2].DayKpis, planned[0].DayKpis);
            for (var d = 0; d < days; d++)
            {
                var difference = HallSim.Experiments.MeanEstimate.Of(mine[d].TotalWaitingByReplication.Zip(best[d].TotalWaitingByReplication, (a, b) => a - b).ToList(), 1 - (0.05 / days));
                if (difference.Lower > 0)
                {
                    worseDays.Add(from.AddDays(d));
                }
            }
        }

        progress?.Report(new PlanProgress(PlanStage.Done, 1));
        return new PlanOutcome(request, from, days, budget, planned, loop, usual)
        {
            CurrentRosterBreaches = current is null ? [] : [.. unseated, .. RosterChecker.Check(compiled, current)],
            Changes = changes,
            ChangesThatMatter = current is null ? [] : [.. changes.Where(c => worseDays.Contains(c.Date))],
            Utilisation = utilisation,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The Monday-to-Sunday week with the most expected window workload (arrivals × mean service) in the
    /// scenario; its first date when no whole week starting on a Monday fits.</summary>
    /// <param name="scenario">A valid scenario.</param>
    /// <returns>That week's Monday.</returns>
    public static DateOnly BusiestWeek(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var sipp = Requirements.Compute(scenario, RequirementMethod.Sipp, new WaitProbabilityTarget(1), 60, 1);
        var perDay = sipp.Intervals.Select((x, i) => (Day: i / 24, Load: x.ArrivalRate)).GroupBy(x => x.Day).Select(g => g.Sum(x => x.Load)).ToArray();
        var best = scenario.StartDate;
        var bestLoad = -1.0;
        for (var d = 0; d < perDay.Length; d++)
        {
            var date = scenario.StartDate.AddDays(d);
            if (date.DayOfWeek != DayOfWeek.Monday || d + 7 > perDay.Length)
            {
                continue;
            }

            var load = perDay.Skip(d).Take(7).Sum();
            if (load > bestLoad + 1e-9)
            {
                (best, bestLoad) = (date, load);
            }
        }

        return bestLoad < 0 ? scenario.StartDate : best;
    }

    /// <summary>
    /// Every problem of a request at once, without planning: a scenario without staff or shift templates, fewer than 2
    /// replications, a bad budget or target, a horizon outside the scenario's dates, a current roster with unknown
    /// staff or shifts. (A roster that cannot be seated on the windows is found by <see cref="Plan"/>.)
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The problems, each with the request property as its path; empty when the request can be planned.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Problems(request, resolveBusiestWeek: false, out _, out _);
    }

    /// <summary>The horizon the request asks for, or every problem with it at once.</summary>
    private static (DateOnly From, int Days) Horizon(PlanRequest request)
    {
        var problems = Problems(request, resolveBusiestWeek: true, out var from, out var days);
        return problems.Count > 0 ? throw new ScenarioValidationException("plan request", problems) : (from, days);
    }

    private static List<ValidationProblem> Problems(PlanRequest request, bool resolveBusiestWeek, out DateOnly from, out int days)
    {
        var problems = new List<ValidationProblem>();
        var scenario = request.Scenario;
        from = default;
        days = 0;
        if (scenario is null)
        {
            problems.Add(new ValidationProblem("scenario", "is missing"));
            return problems;
        }

        problems.AddRange(scenario.Validate().Select(p => p with { Path = "scenario." + p.Path }));
        if (scenario.Staff.Count == 0 || scenario.Shifts.Count == 0)
        {
            problems.Add(new ValidationProblem("scenario", $"\"{scenario.Name}\" has no staff or no shift templates (a roster needs both)"));
        }

        if (request.Replications < 2)
        {
            problems.Add(new ValidationProblem("replications", $"{request.Replications} is fewer than 2 (a confidence interval needs two)"));
        }

        if (request.StaffHourBudget is { } b && (!(b > 0) || !double.IsFinite(b)))
        {
            problems.Add(new ValidationProblem("staffHourBudget", $"{b} is not a positive number of staff-hours"));
        }

        if (request.Target is null || !(request.Target.Share is > 0 and < 1) || !(request.Target.WithinMinutes > 0) || !double.IsFinite(request.Target.WithinMinutes))
        {
            problems.Add(new ValidationProblem("target", $"{request.Target} is not a share strictly between 0 and 1 within a positive number of minutes"));
        }

        var current = request.CurrentRoster;
        // The busiest week lies within the scenario by construction: validating needs only its length, not the SIPP pass.
        from = request.From ?? (current is { Assignments.Count: > 0 } ? current.Assignments.Min(a => a.Date) : resolveBusiestWeek && problems.Count == 0 ? BusiestWeek(scenario) : scenario.StartDate);
        days = request.Days ?? (current is { Assignments.Count: > 0 } && request.From is null ? current.Assignments.Max(a => a.Date).DayNumber - from.DayNumber + 1 : 7);
        if (days is < 1 or > 366)
        {
            problems.Add(new ValidationProblem("days", $"{days} is not between 1 and 366"));
        }
        else if (from < scenario.StartDate || from.AddDays(days - 1) > scenario.EndDate)
        {
            problems.Add(new ValidationProblem("from", $"{from:yyyy-MM-dd} + {days} days is outside the scenario ({scenario.StartDate:yyyy-MM-dd} to {scenario.EndDate:yyyy-MM-dd})"));
        }

        if (current is not null)
        {
            var staff = scenario.Staff.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var shifts = scenario.Shifts.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var a in current.Assignments)
            {
                if (!staff.Contains(a.StaffId))
                {
                    problems.Add(new ValidationProblem("currentRoster", $"{a.Date:yyyy-MM-dd}: unknown staff member \"{a.StaffId}\" (not in the scenario's staff)"));
                }

                if (!shifts.Contains(a.ShiftId))
                {
                    problems.Add(new ValidationProblem("currentRoster", $"{a.Date:yyyy-MM-dd}: unknown shift \"{a.ShiftId}\" for {a.StaffId} (expected one of {string.Join(", ", shifts)})"));
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// The manager's roster compiled for simulation. A shift that finds no window (more people than windows at once, or
    /// no free window their skills fit) is left out of the simulation and becomes a breach the report lists, instead of
    /// stopping the plan; anything else wrong is a request problem, found before any solving.
    /// </summary>
    private static CompiledStaffing Seatable(CompiledProblem compiled, Roster current, List<RosterIssue> unseated)
    {
        var roster = current;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return compiled.Hall.Compile(new StaffingPlan { Roster = roster });
            }
            catch (ScenarioValidationException ex)
            {
                var seating = ex.Problems.Select(p => (Problem: p, Index: AssignmentIndex(p.Path))).ToList();
                if (attempt > current.Assignments.Count || seating.Count == 0 || seating.Any(x => x.Index < 0 || x.Index >= roster.Assignments.Count || !IsSeating(x.Problem.Message)))
                {
                    throw new ScenarioValidationException("plan request", [.. ex.Problems.Select(p => p with { Path = "currentRoster" + (p.Path.Length > 0 ? "." + p.Path : string.Empty) })]);
                }

                var drop = seating.Select(x => x.Index).ToHashSet();
                foreach (var (problem, index) in seating.DistinctBy(x => x.Index))
                {
                    var a = roster.Assignments[index];
                    unseated.Add(new RosterIssue(RosterRule.WindowCap, a.Date, null, $"{a.StaffId} \"{a.ShiftId}\": {problem.Message}; this shift is left out of the simulation")
                    {
                        StaffId = a.StaffId,
                        ShiftId = a.ShiftId,
                    });
                }

                roster = new Roster([.. roster.Assignments.Where((_, i) => !drop.Contains(i))]);
            }
        }
    }

    /// <summary>i of a placement problem's path "roster.assignments[i]…"; −1 when it names no assignment.</summary>
    private static int AssignmentIndex(string path)
    {
        const string prefix = "roster.assignments[";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return -1;
        }

        var end = path.IndexOf(']', prefix.Length);
        return end > 0 && int.TryParse(path.AsSpan(prefix.Length, end - prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : -1;
    }

    private static bool IsSeating(string message) =>
        message.StartsWith("no free window", StringComparison.Ordinal) || message.Contains("already has someone", StringComparison.Ordinal) || message.Contains("cannot serve any category of window", StringComparison.Ordinal);

    private sealed class Relay<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
