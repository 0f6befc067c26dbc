using System.Globalization;
using HallSim.Staffing;

namespace HallSim.Rostering;

/// <summary>
/// Chooses rosters with OR-Tools CP-SAT in two models: shift counts per day, shift and staff type (optimal or within
/// the gap), then named staff meeting those counts under the working-time rules. The only public entry point that
/// sees OR-Tools; everything it returns is HallSim's own types. Thread-safe: calls share nothing.
/// </summary>
public static class RosterOptimiser
{
    /// <summary>Solves a rostering problem with the waiting curves of the stationary formulas.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">CP-SAT settings (default: <see cref="RosterOptions"/>' defaults).</param>
    /// <param name="progress">Receives each stage.</param>
    /// <param name="cancellationToken">Stops the search (CP-SAT stops within a fraction of a second).</param>
    /// <returns>The roster with its intervals, issues and explanation.</returns>
    /// <exception cref="HallSim.Scenarios.ScenarioValidationException">The problem has bad fields (all listed with their paths).</exception>
    /// <exception cref="RosterInfeasibleException">Rules cannot all be met and <see cref="RosterOptions.AllowPartial"/> is false.</exception>
    public static RosterResult Solve(RosterProblem problem, RosterOptions? options = null, IProgress<RosterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var compiled = CompiledProblem.Compile(problem, cancellationToken);
        return Solve(compiled, options ?? new RosterOptions(), progress, cancellationToken);
    }

    /// <summary>
    /// Solves a long horizon (for example January–March) week by week (Monday–Sunday), carrying each person's
    /// consecutive working days, last shift end and owed days off across the week boundaries.
    /// </summary>
    /// <param name="problem">The problem over the whole horizon; its carry-in applies to the first week.</param>
    /// <param name="options">CP-SAT settings.</param>
    /// <param name="progress">Receives one stage per week.</param>
    /// <param name="cancellationToken">Stops between and within weeks.</param>
    /// <returns>One result per week, in order.</returns>
    public static IReadOnlyList<RosterResult> SolveByWeek(RosterProblem problem, RosterOptions? options = null, IProgress<RosterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        CompiledProblem.Compile(problem, cancellationToken); // every field checked once, before any week is solved
        var results = new List<RosterResult>();
        var carry = problem.CarryIn;
        var from = problem.From;
        var end = problem.To;
        var weeks = ((end.DayNumber - from.DayNumber) / 7) + 2;
        while (from <= end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var daysToSunday = 6 - Weekdays.Index(from);
            var to = from.AddDays(daysToSunday);
            to = to > end ? end : to;
            progress?.Report(new RosterProgress(RosterStage.Week, results.Count, weeks) { Week = from });
            var week = problem with
            {
                From = from,
                Days = to.DayNumber - from.DayNumber + 1,
                CarryIn = carry,
                Fixed = problem.Fixed.Where(f => f.Date >= from && f.Date <= to).ToArray(),
            };
            var result = Solve(week, options, null, cancellationToken);
            results.Add(result);
            carry = CarryOut(week, result.Roster);
            from = to.AddDays(1);
        }

        return results;
    }

    /// <summary>
    /// Same-day re-planning: keeps the shifts of <paramref name="roster"/> already started at <paramref name="at"/>
    /// by staff who are present, removes <paramref name="absent"/> staff, and re-optimises the rest of that day for
    /// the staff still free (new shifts must start at or after <paramref name="at"/>; citizens already waiting are
    /// added to the first interval's demand).
    /// </summary>
    /// <param name="problem">The original problem (its scenario, rules and objective).</param>
    /// <param name="roster">The roster being worked.</param>
    /// <param name="at">Now: the date and time of re-planning.</param>
    /// <param name="absent">Staff ids who are absent today.</param>
    /// <param name="alreadyWaiting">Citizens waiting now.</param>
    /// <param name="options">CP-SAT settings.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The day's new roster (only <paramref name="at"/>'s date).</returns>
    public static RosterResult Replan(RosterProblem problem, Roster roster, DateTime at, IReadOnlyCollection<string> absent, int alreadyWaiting = 0, RosterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(absent);
        var date = DateOnly.FromDateTime(at);
        var shifts = problem.Scenario.Shifts.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var started = roster.Assignments
            .Where(a => a.Date == date && !absent.Contains(a.StaffId) && shifts.TryGetValue(a.ShiftId, out var s) && s.Start.ToTimeSpan() < at.TimeOfDay)
            .Select(a => a with { WindowId = null })
            .ToArray();
        var before = roster.Assignments.Where(a => a.Date < date).ToList();
        var day = problem with
        {
            From = date,
            Days = 1,
            Fixed = started,
            NotBefore = at,
            AlreadyWaiting = alreadyWaiting,
            Absences = [.. problem.Absences, .. absent.Select(id => new StaffAbsence(id, date))],
            CarryIn = CarryOut(problem with { Days = Math.Max(1, date.DayNumber - problem.From.DayNumber) }, new Roster(before), date),
        };
        return Solve(day, options, null, cancellationToken);
    }

    /// <summary>
    /// The first step alone: how many people of each staff type start each shift on each day (the count model),
    /// without naming anyone. Cheaper than <see cref="Solve(CompiledProblem, RosterOptions?, IProgress{RosterProgress}?, CancellationToken)"/>;
    /// for what-ifs on open windows.
    /// </summary>
    /// <param name="problem">The compiled problem.</param>
    /// <param name="options">CP-SAT settings (default: <see cref="RosterOptions"/>' defaults).</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The open windows per interval of the horizon and the solver's statistics.</returns>
    public static ShiftCountResult SolveCounts(CompiledProblem problem, RosterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var counts = CountModel.Solve(problem, options ?? new RosterOptions(), cancellationToken);
        return new ShiftCountResult(counts.OpenWindows, counts.Optimal, counts.Statistics);
    }

    /// <summary>
    /// Solves a problem compiled once (<see cref="CompiledProblem.Compile(RosterProblem)"/>): the shift counts, then the named
    /// assignment. The same as <see cref="Solve(RosterProblem, RosterOptions?, IProgress{RosterProgress}?, CancellationToken)"/>
    /// without validating and compiling again.
    /// </summary>
    /// <param name="problem">The compiled problem.</param>
    /// <param name="options">CP-SAT settings (default: <see cref="RosterOptions"/>' defaults).</param>
    /// <param name="progress">Receives the stages.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The roster, its predicted waiting and its issues.</returns>
    /// <exception cref="RosterInfeasibleException">The rules cannot be met and <see cref="RosterOptions.AllowPartial"/> is off.</exception>
    public static RosterResult Solve(CompiledProblem problem, RosterOptions? options = null, IProgress<RosterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var c = problem;
        options ??= new RosterOptions();
        progress?.Report(new RosterProgress(RosterStage.Counts, 0, 2));
        var counts = CountModel.Solve(c, options, cancellationToken);
        progress?.Report(new RosterProgress(RosterStage.Assignment, 1, 2));
        var assignment = AssignmentModel.Solve(c, counts.Count, options, cancellationToken);
        var statistics = new List<SolveStatistics> { counts.Statistics, assignment.Statistics };
        var issues = new List<RosterIssue>(c.PreIssues);
        var open = OpenWindows(c, assignment.ShiftOf);
        AddCoverageIssues(c, open, issues);
        if (assignment.Shortfall.SelectMany(x => x).SelectMany(x => x).Any(x => x > 0))
        {
            progress?.Report(new RosterProgress(RosterStage.Diagnosis, 1, 2));
            issues.AddRange(Diagnose(c, counts.Count, assignment, options, cancellationToken));
        }

        progress?.Report(new RosterProgress(RosterStage.Done, 2, 2));
        var partial = issues.Count > 0;
        if (partial && !options.AllowPartial)
        {
            throw new RosterInfeasibleException(issues);
        }

        var status = partial ? RosterStatus.Partial : counts.Optimal || counts.Statistics.Gap <= options.RelativeGap ? RosterStatus.Optimal : RosterStatus.Feasible;
        var intervals = Intervals(c, open);
        var roster = ToRoster(c, assignment.ShiftOf);
        var staffHours = StaffHours(c, assignment.ShiftOf);
        var summaries = Summarise(c, intervals);
        return new RosterResult(status, roster, intervals, staffHours, intervals.Sum(i => i.PredictedWaiting), issues, statistics)
        {
            HitWallClock = counts.HitWallClock || assignment.HitWallClock,
            DaySummaries = summaries,
        };
    }

    /// <summary>A roster result for given shifts per person and day (−1 off) that a search changed from <paramref name="from"/>:
    /// its issues are the problem's own (before solving) and the coverage it now leaves short, its status at best
    /// Feasible (no solver proved these shifts optimal), its statistics those of the solves it came from.</summary>
    internal static RosterResult FromShifts(CompiledProblem c, int[][] shiftOf, RosterResult from)
    {
        var open = OpenWindows(c, shiftOf);
        var intervals = Intervals(c, open);
        var issues = new List<RosterIssue>(c.PreIssues);
        AddCoverageIssues(c, open, issues);
        var status = issues.Count > 0 ? RosterStatus.Partial : from.Status == RosterStatus.Optimal ? RosterStatus.Feasible : from.Status;
        return new RosterResult(status, ToRoster(c, shiftOf), intervals, StaffHours(c, shiftOf), intervals.Sum(i => i.PredictedWaiting), issues, from.Statistics)
        {
            HitWallClock = from.HitWallClock,
            DaySummaries = Summarise(c, intervals),
        };
    }

    /// <summary>Each person's compiled shift per day of <paramref name="roster"/> (−1: off or not in the horizon).</summary>
    internal static int[][] ShiftsOf(CompiledProblem c, Roster roster)
    {
        var shiftOf = c.Staff.Select(_ => Enumerable.Repeat(-1, c.Days).ToArray()).ToArray();
        var person = c.Staff.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var a in roster.Assignments)
        {
            var d = a.Date.DayNumber - c.Problem.From.DayNumber;
            if (d >= 0 && d < c.Days && person.TryGetValue(a.StaffId, out var i) && c.Shifts.FirstOrDefault(s => s.Matches(a)) is { } shift)
            {
                shiftOf[i][d] = shift.Index;
            }
        }

        return shiftOf;
    }

    internal static int[] OpenWindows(CompiledProblem c, int[][] shiftOf)
    {
        var open = new int[c.Grid.Count];
        for (var i = 0; i < shiftOf.Length; i++)
        {
            for (var d = 0; d < c.Days; d++)
            {
                if (shiftOf[i][d] is var s and >= 0)
                {
                    for (var k = 0; k < c.PerDay; k++)
                    {
                        if (c.Shifts[s].Covers[k] && c.Open[(d * c.PerDay) + k])
                        {
                            open[(d * c.PerDay) + k]++;
                        }
                    }
                }
            }
        }

        return open;
    }

    internal static Roster ToRoster(CompiledProblem c, int[][] shiftOf)
    {
        var list = new List<RosterAssignment>();
        for (var d = 0; d < c.Days; d++)
        {
            for (var i = 0; i < shiftOf.Length; i++)
            {
                if (shiftOf[i][d] >= 0)
                {
                    var shift = c.Shifts[shiftOf[i][d]];
                    // Breaks at the template's own (earliest) times are written as the template's: one way to say it.
                    var starts = shift.BreakStarts is { } b && !b.SequenceEqual(shift.Template.Breaks.Select(x => x.Start)) ? b : null;
                    list.Add(new RosterAssignment(c.Date(d), c.Staff[i].Id, shift.Template.Id) { BreakStarts = starts });
                }
            }
        }

        return new Roster(list);
    }

    internal static double StaffHours(CompiledProblem c, int[][] shiftOf) =>
        shiftOf.Sum(days => days.Where(s => s >= 0).Sum(s => c.Shifts[s].WorkMinutes)) / 60.0;

    internal static RosterInterval[] Intervals(CompiledProblem c, int[] open)
    {
        var result = new RosterInterval[c.Grid.Count];
        for (var t = 0; t < c.Grid.Count; t++)
        {
            var n = Math.Min(open[t], c.Windows);
            double waiting = 0, marginal = 0;
            if (c.Counted[t])
            {
                for (var v = 0; v < c.Curves.Length; v++)
                {
                    var curve = c.Curves[v][t];
                    waiting += c.VariantWeights[v] * curve[n];
                    marginal += n > 0 ? c.VariantWeights[v] * (curve[n - 1] - curve[n]) : 0;
                }
            }

            var minute = (t % c.PerDay) * c.Problem.IntervalMinutes;
            result[t] = new RosterInterval(
                c.Grid.IntervalStart(t),
                c.Date(t / c.PerDay),
                TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minute)),
                open[t],
                c.Required[t],
                waiting,
                marginal);
        }

        return result;
    }

    private static void AddCoverageIssues(CompiledProblem c, int[] open, List<RosterIssue> issues)
    {
        for (var t = 0; t < c.Grid.Count; t++)
        {
            if (c.Required[t] > open[t])
            {
                var d = t / c.PerDay;
                var time = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes((t % c.PerDay) * c.Problem.IntervalMinutes));
                var free = Enumerable.Range(0, c.Staff.Length).Count(i => c.Allowed[i][d].Any(x => x));
                issues.Add(new RosterIssue(RosterRule.Coverage, c.Date(d), time, $"{c.Required[t]} windows are required at {time:HH:mm} on {c.Date(d):yyyy-MM-dd} but only {open[t]} can be staffed ({free} staff may work that day; the weekly hours, days off and window limits allow no more)") { Found = c.Required[t], Limit = open[t] });
            }
        }
    }

    /// <summary>
    /// Names the rules that leave shift counts unfilled: the assignment is solved again with each family of hard
    /// rules relaxed in turn, and a family is named when relaxing it fills more shifts.
    /// </summary>
    private static IEnumerable<RosterIssue> Diagnose(CompiledProblem c, int[][][] counts, Assignment assignment, RosterOptions options, CancellationToken cancellationToken)
    {
        var total = assignment.Shortfall.SelectMany(x => x).SelectMany(x => x).Sum();
        var quick = options with { AssignmentTimeLimit = Math.Min(options.AssignmentTimeLimit, 5) };
        var families = new (RosterRule Name, RuleSet Rules, string Words)[]
        {
            (RosterRule.Rest, new RuleSet(Rest: false), $"the minimum rest of {c.Problem.Rules.MinRestHours:0.#} hours between shifts"),
            (RosterRule.ConsecutiveDays, new RuleSet(Consecutive: false), $"at most {c.Problem.Rules.MaxConsecutiveDays} consecutive working days"),
            (RosterRule.DaysOff, new RuleSet(DaysOff: false), $"{c.Problem.Rules.MinDaysOffPerWeek} days off per week (plus days owed)"),
            (RosterRule.ContractHours, new RuleSet(ContractHours: false), "the weekly contract hours"),
        };
        var binding = new List<(RosterRule Name, string Words)>();
        foreach (var (name, rules, words) in families)
        {
            var relaxed = AssignmentModel.Solve(c, counts, quick, cancellationToken, rules);
            if (relaxed.Shortfall.SelectMany(x => x).SelectMany(x => x).Sum() < total)
            {
                binding.Add((name, words));
            }
        }

        var because = binding.Count == 0 ? "no single rule: several rules together" : string.Join(" and ", binding.Select(b => b.Words));
        var rule = binding.Count == 0 ? RosterRule.Several : binding.Select(b => b.Name).Aggregate(RosterRule.None, (a, b) => a | b);
        for (var d = 0; d < c.Days; d++)
        {
            for (var s = 0; s < c.Shifts.Length; s++)
            {
                for (var k = 0; k < c.TypeWindows.Length; k++)
                {
                    var missing = assignment.Shortfall[d][s][k];
                    if (missing > 0)
                    {
                        var shift = c.Shifts[s];
                        yield return new RosterIssue(rule, c.Date(d), shift.Template.Start, $"{missing} of {counts[d][s][k]} \"{shift.Label}\" shifts for staff who serve {c.TypeNames[k]} on {c.Date(d):yyyy-MM-dd} could not be given to anyone: {because} prevent it") { ShiftId = shift.Template.Id, Found = missing, Limit = counts[d][s][k] };
                    }
                }
            }
        }
    }

    /// <summary>Per open day: the stretches of equal staffing, where the last window saves most and least, and where all are open.</summary>
    private static List<RosterDaySummary> Summarise(CompiledProblem c, RosterInterval[] intervals)
    {
        var result = new List<RosterDaySummary>();
        var length = c.Problem.IntervalMinutes;
        for (var d = 0; d < c.Days; d++)
        {
            var day = intervals.Skip(d * c.PerDay).Take(c.PerDay).Where((x, k) => c.Open[(d * c.PerDay) + k]).ToList();
            if (day.Count == 0)
            {
                continue;
            }

            var runs = new List<(TimeOnly, TimeOnly, int)>();
            var start = 0;
            for (var j = 1; j <= day.Count; j++)
            {
                if (j == day.Count || day[j].OpenWindows != day[start].OpenWindows || day[j].Start - day[j - 1].Start > length + 1e-9)
                {
                    runs.Add((day[start].Time, day[j - 1].Time.AddMinutes(length), day[start].OpenWindows));
                    start = j;
                }
            }

            var withStaff = day.Where(x => x.OpenWindows > 0 && x.MarginalWaiting > 0).ToList();
            var most = withStaff.MaxBy(x => x.MarginalWaiting);
            var least = withStaff.MinBy(x => x.MarginalWaiting);
            var full = day.Count(x => x.OpenWindows >= c.Windows && x.PredictedWaiting > 0);
            result.Add(new RosterDaySummary(c.Date(d), runs, most?.Time, most?.MarginalWaiting ?? 0, least?.Time, least?.MarginalWaiting ?? 0, full, c.Windows));
        }

        return result;
    }

    /// <summary>What each person carries out of <paramref name="roster"/> into the day after the problem's horizon (or <paramref name="nextDay"/>).</summary>
    internal static IReadOnlyList<StaffCarryIn> CarryOut(RosterProblem problem, Roster roster, DateOnly? nextDay = null)
    {
        var next = nextDay ?? problem.To.AddDays(1);
        var shifts = problem.Scenario.Shifts.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var byPerson = roster.Assignments.GroupBy(a => a.StaffId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToDictionary(a => a.Date), StringComparer.Ordinal);
        var previous = problem.CarryIn.ToDictionary(c => c.StaffId, StringComparer.Ordinal);
        var result = new List<StaffCarryIn>();
        foreach (var m in problem.Scenario.Staff)
        {
            byPerson.TryGetValue(m.Id, out var days);
            var run = 0;
            var date = next.AddDays(-1);
            while (date >= problem.From && days is not null && days.ContainsKey(date))
            {
                run++;
                date = date.AddDays(-1);
            }

            if (date < problem.From && previous.TryGetValue(m.Id, out var p))
            {
                run += p.ConsecutiveDaysWorked; // worked the whole horizon: the run continues from before it
            }

            double? lastEnd = null;
            if (days is not null && days.TryGetValue(next.AddDays(-1), out var last) && shifts.TryGetValue(last.ShiftId, out var sh))
            {
                lastEnd = sh.End.ToTimeSpan().TotalMinutes - IntervalGrid.MinutesPerDay;
            }

            result.Add(new StaffCarryIn(m.Id, run, lastEnd, 0));
        }

        return result;
    }
}
