using Google.OrTools.Sat;

namespace HallSim.Rostering;

/// <summary>The named roster chosen by the second model: shift index per person per day (−1: off), and unmet counts.</summary>
internal sealed record Assignment(int[][] ShiftOf, int[][][] Shortfall, SolveStatistics Statistics, bool HitWallClock);

/// <summary>Which hard rule families the assignment model enforces (all by default; the diagnosis relaxes one at a time).</summary>
internal sealed record RuleSet(bool Rest = true, bool Consecutive = true, bool DaysOff = true, bool ContractHours = true);

/// <summary>
/// Second model: <c>work[p,d,s]</c> for named people meeting the shift counts of the first model (short counts are
/// allowed at a large penalty and reported), with rest, consecutive days, days off, contract hours, forbidden
/// transitions as hard rules and fairness and preferences as soft ones.
/// </summary>
internal static class AssignmentModel
{
    private const long ShortfallPenalty = 1_000_000;

    internal static Assignment Solve(CompiledProblem c, int[][][] counts, RosterOptions options, CancellationToken cancellationToken, RuleSet? rules = null)
    {
        rules ??= new RuleSet();
        var model = new CpModel();
        var people = c.Staff.Length;
        var work = new BoolVar?[people][][];
        for (var i = 0; i < people; i++)
        {
            work[i] = new BoolVar?[c.Days][];
            for (var d = 0; d < c.Days; d++)
            {
                work[i][d] = new BoolVar?[c.Shifts.Length];
                for (var s = 0; s < c.Shifts.Length; s++)
                {
                    if (c.Allowed[i][d][s])
                    {
                        var v = model.NewBoolVar($"work[p{i},d{d},s{s}]");
                        work[i][d][s] = v;
                        if (c.Forced[i][d][s])
                        {
                            model.Add(v == 1);
                        }
                    }
                }

                var today = work[i][d].OfType<BoolVar>().ToArray();
                if (today.Length > 1)
                {
                    model.AddAtMostOne(today);
                }
            }
        }

        var objective = new List<(LinearExpr, long)>();
        var shortfall = AddCounts(model, c, counts, work, objective);
        if (rules.Rest)
        {
            AddRestRules(model, c, work);
        }

        AddForbiddenTransitions(model, c, work);
        if (rules.Consecutive)
        {
            AddConsecutiveDays(model, c, work);
        }

        if (rules.DaysOff || rules.ContractHours)
        {
            AddWeeklyRules(model, c, work, rules);
        }

        AddFairness(model, c, work, objective);
        AddPreferences(c, work, objective);
        model.Minimize(CpSat.Sum(objective));

        var (solver, status, stats, hitWall) = CpSat.Solve(model, RosterModel.Assignment, options.AssignmentTimeLimit, options, cancellationToken);
        if (status == CpSolverStatus.Unknown && !hitWall)
        {
            // No assignment yet within the deterministic limit (a large hall whose staff can take any seat is slow to
            // start): once more with four times the limit, still deterministic.
            (solver, status, stats, hitWall) = CpSat.Solve(model, RosterModel.Assignment, 4 * options.AssignmentTimeLimit, options, cancellationToken);
        }

        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            throw new InvalidOperationException($"CP-SAT found no named assignment ({status}); with shortfalls allowed the model is always feasible, so the time limit is too short");
        }

        var shiftOf = new int[people][];
        for (var i = 0; i < people; i++)
        {
            shiftOf[i] = new int[c.Days];
            for (var d = 0; d < c.Days; d++)
            {
                shiftOf[i][d] = -1;
                for (var s = 0; s < c.Shifts.Length; s++)
                {
                    if (work[i][d][s] is { } v && solver.BooleanValue(v))
                    {
                        shiftOf[i][d] = s;
                    }
                }
            }
        }

        var shorts = shortfall.Select(ds => ds.Select(ss => ss.Select(v => v is null ? 0 : (int)solver.Value(v)).ToArray()).ToArray()).ToArray();
        return new Assignment(shiftOf, shorts, stats, hitWall);
    }

    /// <summary>Σ people of type k on (d, s) + shortfall = count[d,s,k]; every unit short costs <see cref="ShortfallPenalty"/>.</summary>
    private static IntVar?[][][] AddCounts(CpModel model, CompiledProblem c, int[][][] counts, BoolVar?[][][] work, List<(LinearExpr, long)> objective)
    {
        var shortfall = new IntVar?[c.Days][][];
        for (var d = 0; d < c.Days; d++)
        {
            shortfall[d] = new IntVar?[c.Shifts.Length][];
            for (var s = 0; s < c.Shifts.Length; s++)
            {
                shortfall[d][s] = new IntVar?[c.TypeWindows.Length];
                for (var k = 0; k < c.TypeWindows.Length; k++)
                {
                    var vars = Enumerable.Range(0, c.Staff.Length).Where(i => c.TypeOf[i] == k).Select(i => work[i][d][s]).OfType<BoolVar>().ToArray();
                    var wanted = counts[d][s][k];
                    if (wanted == 0)
                    {
                        foreach (var v in vars)
                        {
                            model.Add(v == 0);
                        }

                        continue;
                    }

                    var sh = model.NewIntVar(0, wanted, $"short[d{d},s{s},k{k}]");
                    shortfall[d][s][k] = sh;
                    model.Add(LinearExpr.Sum(vars) + sh == wanted);
                    objective.Add((sh, ShortfallPenalty));
                }
            }
        }

        return shortfall;
    }

    /// <summary>Minimum rest between consecutive days' shifts, including the last shift before the horizon.</summary>
    private static void AddRestRules(CpModel model, CompiledProblem c, BoolVar?[][][] work)
    {
        var minRest = c.Problem.Rules.MinRestHours * 60;
        for (var i = 0; i < c.Staff.Length; i++)
        {
            if (c.CarryOf(i).LastShiftEnd is { } lastEnd)
            {
                foreach (var sh in c.Shifts)
                {
                    if (work[i][0][sh.Index] is { } v && sh.StartMinute - lastEnd < minRest - 1e-9)
                    {
                        model.Add(v == 0);
                    }
                }
            }

            for (var d = 0; d + 1 < c.Days; d++)
            {
                foreach (var a in c.Shifts)
                {
                    foreach (var b in c.Shifts)
                    {
                        if (work[i][d][a.Index] is { } x && work[i][d + 1][b.Index] is { } y &&
                            IntervalGrid.MinutesPerDay + b.StartMinute - a.EndMinute < minRest - 1e-9)
                        {
                            model.AddBoolOr([x.Not(), y.Not()]);
                        }
                    }
                }
            }
        }
    }

    private static void AddForbiddenTransitions(CpModel model, CompiledProblem c, BoolVar?[][][] work)
    {
        // A template with flexible breaks has several variants; the rule holds between every variant of each.
        foreach (var t in c.Problem.Rules.ForbiddenTransitions)
        {
            foreach (var (a, b) in c.Shifts.Where(x => x.Template.Id == t.From).SelectMany(x => c.Shifts.Where(y => y.Template.Id == t.To).Select(y => (x.Index, y.Index))))
            {
                for (var i = 0; i < c.Staff.Length; i++)
                {
                    for (var d = 0; d + 1 < c.Days; d++)
                    {
                        if (work[i][d][a] is { } x && work[i][d + 1][b] is { } y)
                        {
                            model.AddBoolOr([x.Not(), y.Not()]);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Every run of MaxConsecutiveDays + 1 days holds a day off, counting the days worked just before the horizon.</summary>
    private static void AddConsecutiveDays(CpModel model, CompiledProblem c, BoolVar?[][][] work)
    {
        var max = c.Problem.Rules.MaxConsecutiveDays;
        for (var i = 0; i < c.Staff.Length; i++)
        {
            var before = Math.Min(c.CarryOf(i).ConsecutiveDaysWorked, max + 1);
            for (var start = -before; start + max < c.Days + max; start++)
            {
                var end = start + max; // inclusive window [start, end] of max + 1 days
                var inside = Enumerable.Range(Math.Max(start, 0), Math.Max(0, Math.Min(end, c.Days - 1) - Math.Max(start, 0) + 1))
                    .SelectMany(d => work[i][d].OfType<BoolVar>()).ToArray();
                var workedBefore = Math.Max(0, Math.Min(end, -1) - start + 1);
                if (inside.Length > 0 && inside.Length + workedBefore > max)
                {
                    model.Add(LinearExpr.Sum(inside) <= Math.Max(0, max - workedBefore));
                }
            }
        }
    }

    /// <summary>Per calendar week: days off (with owed days in the first week) and contract hours.</summary>
    private static void AddWeeklyRules(CpModel model, CompiledProblem c, BoolVar?[][][] work, RuleSet rules)
    {
        foreach (var week in CountModel.Weeks(c))
        {
            for (var i = 0; i < c.Staff.Length; i++)
            {
                var vars = week.SelectMany(d => c.Shifts.Select(s => (Var: work[i][d][s.Index], s.WorkMinutes))).Where(x => x.Var is not null).ToArray();
                if (vars.Length == 0)
                {
                    continue;
                }

                if (rules.DaysOff)
                {
                    model.Add(LinearExpr.Sum(vars.Select(x => x.Var!)) <= CountModel.MaxWorkingDays(c, i, week));
                }

                if (rules.ContractHours)
                {
                    model.Add(CpSat.Sum(vars.Select(x => ((LinearExpr)x.Var!, (long)x.WorkMinutes))) <= (long)Math.Floor(c.Staff[i].ContractHoursPerWeek * 60));
                }
            }
        }
    }

    /// <summary>Soft: the spread (most − fewest) of evening shifts and of Saturdays among the staff who can work them.</summary>
    private static void AddFairness(CpModel model, CompiledProblem c, BoolVar?[][][] work, List<(LinearExpr, long)> objective)
    {
        var weight = (long)Math.Round(c.Problem.Rules.FairnessWeight / c.Problem.WaitingResolution);
        if (weight == 0)
        {
            return;
        }

        void Spread(string name, Func<int, int, bool> counts)
        {
            var totals = new List<LinearExpr>();
            for (var i = 0; i < c.Staff.Length; i++)
            {
                var vars = Enumerable.Range(0, c.Days).SelectMany(d => c.Shifts.Where(s => counts(d, s.Index)).Select(s => work[i][d][s.Index])).OfType<BoolVar>().ToArray();
                if (vars.Length > 0)
                {
                    totals.Add(LinearExpr.Sum(vars));
                }
            }

            if (totals.Count < 2)
            {
                return;
            }

            var hi = model.NewIntVar(0, c.Days, $"{name}.max");
            var lo = model.NewIntVar(0, c.Days, $"{name}.min");
            model.AddMaxEquality(hi, totals);
            model.AddMinEquality(lo, totals);
            objective.Add((hi - lo, weight));
        }

        if (c.Shifts.Any(s => s.Evening))
        {
            Spread("evenings", (d, s) => c.Shifts[s].Evening);
        }

        if (Enumerable.Range(0, c.Days).Any(d => c.Date(d).DayOfWeek == DayOfWeek.Saturday))
        {
            Spread("saturdays", (d, s) => c.Date(d).DayOfWeek == DayOfWeek.Saturday);
        }
    }

    /// <summary>Soft: each wish met lowers the objective by weight × <see cref="RosterRules.PreferenceWeight"/>.</summary>
    private static void AddPreferences(CompiledProblem c, BoolVar?[][][] work, List<(LinearExpr, long)> objective)
    {
        var unit = c.Problem.Rules.PreferenceWeight / c.Problem.WaitingResolution;
        var staffIndex = c.Staff.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var pref in c.Problem.Preferences)
        {
            var i = staffIndex[pref.StaffId];
            var coefficient = -(long)Math.Round(pref.Weight * unit);
            if (coefficient == 0)
            {
                continue;
            }

            for (var d = 0; d < c.Days; d++)
            {
                if (pref.Date is { } date && date != c.Date(d))
                {
                    continue;
                }

                foreach (var s in c.Shifts)
                {
                    if ((pref.ShiftId is null || pref.ShiftId == s.Template.Id) && work[i][d][s.Index] is { } v)
                    {
                        objective.Add((v, coefficient));
                    }
                }
            }
        }
    }
}
