using Google.OrTools.Sat;

namespace HallSim.Rostering;

/// <summary>The shift counts chosen by the first model: how many staff of each type work each shift on each day.</summary>
internal sealed record ShiftCounts(int[][][] Count, int[] OpenWindows, SolveStatistics Statistics, bool Optimal, bool HitWallClock, int[] Shortfall);

/// <summary>
/// First model: integer counts <c>count[d,s,k]</c> of staff of type k on shift s on day d — no names, so no symmetry
/// between interchangeable people. Open windows per interval follow from the counts; the objective is the
/// piecewise-linear waiting (exact for convex curves at integer points) or the staff-hours for a requirement.
/// </summary>
internal static class CountModel
{
    /// <param name="c">The compiled problem (with its cuts, surrogate and trust region, if any).</param>
    /// <param name="options">CP-SAT settings.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <param name="tieBreak">Add the objective's staff-hour cost (default true); false leaves waiting alone, for a bound.</param>
    internal static ShiftCounts Solve(CompiledProblem c, RosterOptions options, CancellationToken cancellationToken, bool tieBreak = true)
    {
        var model = new CpModel();
        var days = c.Days;
        var shifts = c.Shifts.Length;
        var types = c.TypeWindows.Length;
        var count = new IntVar?[days][][];
        for (var d = 0; d < days; d++)
        {
            count[d] = new IntVar?[shifts][];
            for (var s = 0; s < shifts; s++)
            {
                count[d][s] = new IntVar?[types];
                for (var k = 0; k < types; k++)
                {
                    var people = Enumerable.Range(0, c.Staff.Length).Where(i => c.TypeOf[i] == k).ToArray();
                    var ub = people.Count(i => c.Allowed[i][d][s]);
                    var lb = people.Count(i => c.Forced[i][d][s]);
                    if (ub > 0)
                    {
                        count[d][s][k] = model.NewIntVar(lb, ub, $"count[d{d},s{s},k{k}]");
                    }
                }
            }
        }

        AddDailyHeadcount(model, c, count);
        AddWeeklyLimits(model, c, count);
        var onDuty = AddWindowCap(model, c, count);
        var staffMinutes = CpSat.Sum(Terms(c, count).Select(x => ((LinearExpr)x.Var, (long)c.Shifts[x.S].WorkMinutes)));
        var shortfall = new IntVar?[c.Grid.Count];

        switch (c.Problem.Objective)
        {
            case MinimiseWaiting w:
                if (w.StaffHourBudget is { } budget)
                {
                    model.Add(staffMinutes <= (long)Math.Floor(budget * 60));
                }

                if (w.MaxStaffPerDay is { } most)
                {
                    for (var d = 0; d < days; d++)
                    {
                        model.Add(LinearExpr.Sum(Terms(c, count).Where(x => x.D == d).Select(x => x.Var)) <= most);
                    }
                }

                AddTrustRegion(model, c, onDuty);
                var waiting = c.Cuts.Count > 0 ? AddCuts(model, c, onDuty) : AddWaiting(model, c, onDuty);
                var perShiftCost = Terms(c, count).Select(x => ((LinearExpr)x.Var, (long)Math.Round((tieBreak ? w.StaffHourCost : 0) * c.Shifts[x.S].WorkMinutes / 60.0 / c.Problem.WaitingResolution * waiting.Scale)));
                model.Minimize(waiting.Objective + CpSat.Sum(perShiftCost));
                break;
            case MinimiseStaffHours h:
                var penalty = (long)Math.Round(h.ShortfallPenalty * 60);
                var terms = new List<(LinearExpr, long)> { (staffMinutes, 1) };
                for (var t = 0; t < c.Grid.Count; t++)
                {
                    if (c.Required[t] > 0)
                    {
                        shortfall[t] = model.NewIntVar(0, c.Required[t], $"short[t{t}]");
                        model.Add(onDuty[t] + shortfall[t]! >= c.Required[t]);
                        terms.Add((shortfall[t]!, penalty));
                    }
                }

                model.Minimize(CpSat.Sum(terms));
                break;
        }

        var (solver, status, stats, hitWall) = CpSat.Solve(model, RosterModel.Counts, options.CountTimeLimit, options, cancellationToken);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            throw new InvalidOperationException($"CP-SAT found no shift counts ({status}); the count model is always feasible, so this is a defect or a time limit too short to find any");
        }

        var values = count.Select(ds => ds.Select(ss => ss.Select(v => v is null ? 0 : (int)solver.Value(v)).ToArray()).ToArray()).ToArray();
        var open = onDuty.Select(e => (int)solver.Value(e)).ToArray();
        var shorts = shortfall.Select(v => v is null ? 0 : (int)solver.Value(v)).ToArray();
        return new ShiftCounts(values, open, stats, status == CpSolverStatus.Optimal, hitWall, shorts);
    }

    private static IEnumerable<(int D, int S, int K, IntVar Var)> Terms(CompiledProblem c, IntVar?[][][] count)
    {
        for (var d = 0; d < count.Length; d++)
        {
            for (var s = 0; s < count[d].Length; s++)
            {
                for (var k = 0; k < count[d][s].Length; k++)
                {
                    if (count[d][s][k] is { } v)
                    {
                        yield return (d, s, k, v);
                    }
                }
            }
        }
    }

    /// <summary>At most one shift per person per day: per day and type, no more shifts than people available.</summary>
    private static void AddDailyHeadcount(CpModel model, CompiledProblem c, IntVar?[][][] count)
    {
        for (var d = 0; d < c.Days; d++)
        {
            for (var k = 0; k < c.TypeWindows.Length; k++)
            {
                var available = Enumerable.Range(0, c.Staff.Length).Count(i => c.TypeOf[i] == k && c.Allowed[i][d].Any(x => x));
                var vars = Enumerable.Range(0, c.Shifts.Length).Select(s => count[d][s][k]).OfType<IntVar>().ToArray();
                if (vars.Length > 0)
                {
                    model.Add(LinearExpr.Sum(vars) <= available);
                }
            }
        }
    }

    /// <summary>Per calendar week and type: contract hours and working days of the type's members, summed.</summary>
    private static void AddWeeklyLimits(CpModel model, CompiledProblem c, IntVar?[][][] count)
    {
        foreach (var week in Weeks(c))
        {
            for (var k = 0; k < c.TypeWindows.Length; k++)
            {
                var people = Enumerable.Range(0, c.Staff.Length).Where(i => c.TypeOf[i] == k).ToArray();
                var minutes = people.Sum(i => (long)Math.Floor(c.Staff[i].ContractHoursPerWeek * 60));
                var workDays = people.Sum(i => MaxWorkingDays(c, i, week));
                var terms = week.SelectMany(d => Enumerable.Range(0, c.Shifts.Length).Select(s => (Var: count[d][s][k], S: s))).Where(x => x.Var is not null).ToArray();
                if (terms.Length == 0)
                {
                    continue;
                }

                model.Add(CpSat.Sum(terms.Select(x => ((LinearExpr)x.Var!, (long)c.Shifts[x.S].WorkMinutes))) <= minutes);
                model.Add(LinearExpr.Sum(terms.Select(x => x.Var!)) <= workDays);
            }
        }
    }

    /// <summary>Windows staffed per interval: at most the cap, and for every group of staff types at most the windows
    /// they can staff (Hall's condition, so that the people at work can always be seated).</summary>
    private static LinearExpr[] AddWindowCap(CpModel model, CompiledProblem c, IntVar?[][][] count)
    {
        var onDuty = new LinearExpr[c.Grid.Count];
        for (var t = 0; t < c.Grid.Count; t++)
        {
            var d = t / c.PerDay;
            var k0 = t % c.PerDay;
            var byType = new List<(LinearExpr, long)>[c.TypeWindows.Length];
            for (var k = 0; k < byType.Length; k++)
            {
                byType[k] = [];
                for (var s = 0; s < c.Shifts.Length; s++)
                {
                    if (c.Shifts[s].Covers[k0] && count[d][s][k] is { } v)
                    {
                        byType[k].Add((v, 1));
                    }
                }
            }

            onDuty[t] = CpSat.Sum(byType.SelectMany(x => x));
            if (!c.Open[t])
            {
                continue;
            }

            model.Add(onDuty[t] <= c.Windows);
            foreach (var (members, windows) in c.WindowGroupLimits)
            {
                var terms = members.SelectMany(k => byType[k]).ToArray();
                if (terms.Length > windows)
                {
                    model.Add(CpSat.Sum(terms) <= windows);
                }
            }
        }

        return onDuty;
    }

    /// <summary>
    /// The day's waiting as the largest of its cuts: θ_d ≥ W + Σ g_t·(n_t − a_t), integer-scaled at the waiting
    /// resolution (constants rounded up and slopes rounded toward zero would both shift a cut by under one unit per term).
    /// </summary>
    private static (LinearExpr Objective, long Scale) AddCuts(CpModel model, CompiledProblem c, LinearExpr[] onDuty)
    {
        var res = c.Problem.WaitingResolution;
        var terms = new List<(LinearExpr, long)>();
        var forecast = c.Curves[c.ForecastVariant];
        foreach (var day in c.Cuts.GroupBy(x => x.Day).OrderBy(g => g.Key))
        {
            var most = (long)Math.Ceiling(day.Max(x => x.Waiting - x.Slopes.Sum(g => g * (c.Windows + 1))) / res) + 1;
            var theta = model.NewIntVar(0, c.Surrogate is null ? Math.Max(1, most) : 1L << 50, $"theta[d{day.Key}]");
            foreach (var cut in day)
            {
                var slopes = cut.Slopes.Select(g => (long)Math.Round(g / res)).ToArray();
                var constant = (long)Math.Round(cut.Waiting / res) - slopes.Select((g, i) => g * cut.At[i]).Sum();
                var rhs = CpSat.Sum(slopes.Select((g, i) => (onDuty[cut.Intervals[i]], g)));
                model.Add(theta >= rhs + constant);
            }

            if (c.Surrogate is { } surrogate)
            {
                // θ_d ≥ Σ_t w_t + Σ_t s_t·n_t + offset_d, with w_t on the forecast's convex curve.
                var parts = new List<(LinearExpr, long)> { (theta, 1) };
                for (var t = day.Key * c.PerDay; t < (day.Key + 1) * c.PerDay; t++)
                {
                    if (!c.Counted[t])
                    {
                        continue;
                    }

                    var (f, slope) = Scaled(forecast[t], res);
                    if (f[0] > 0)
                    {
                        var w = model.NewIntVar(0, f[0], $"surrogate[t{t}]");
                        for (var n = 0; n < slope.Length; n++)
                        {
                            model.Add(w - (slope[n] * onDuty[t]) >= f[n] - (slope[n] * n));
                        }

                        parts.Add((w, -1));
                    }

                    parts.Add((onDuty[t], -(long)Math.Round(surrogate.Slope[t] / res)));
                }

                model.Add(CpSat.Sum(parts) >= (long)Math.Round(surrogate.Offset[day.Key] / res));
            }

            terms.Add((theta, 1));
        }

        return (CpSat.Sum(terms), 1);
    }

    /// <summary>Open windows per counted interval within the trust region's radius of its centre.</summary>
    private static void AddTrustRegion(CpModel model, CompiledProblem c, LinearExpr[] onDuty)
    {
        if (c.Trust is not { } trust)
        {
            return;
        }

        for (var t = 0; t < c.Grid.Count; t++)
        {
            if (c.Counted[t])
            {
                model.Add(onDuty[t] <= trust.Center[t] + trust.Radius);
                model.Add(onDuty[t] >= Math.Max(0, trust.Center[t] - trust.Radius));
            }
        }
    }

    /// <summary>Waiting per interval and variant: w ≥ F(n) + S(n)·(x − n) for each segment of the integer-scaled convex curve.</summary>
    private static (LinearExpr Objective, long Scale) AddWaiting(CpModel model, CompiledProblem c, LinearExpr[] onDuty)
    {
        var variants = c.Curves.Length;
        var weights = variants == 1 ? [1L] : c.VariantWeights.Select(w => Math.Max(1L, (long)Math.Round(w * 100))).ToArray();
        var perVariant = new List<(LinearExpr, long)>[variants];
        for (var v = 0; v < variants; v++)
        {
            perVariant[v] = [];
            for (var t = 0; t < c.Grid.Count; t++)
            {
                if (!c.Counted[t])
                {
                    continue;
                }

                var (f, slope) = Scaled(c.Curves[v][t], c.Problem.WaitingResolution);
                if (f[0] == 0)
                {
                    continue;
                }

                var w = model.NewIntVar(0, f[0], $"wait[v{v},t{t}]");
                for (var n = 0; n < slope.Length; n++)
                {
                    // w ≥ f[n] + slope[n]·(x − n)
                    model.Add(w - (slope[n] * onDuty[t]) >= f[n] - (slope[n] * n));
                }

                perVariant[v].Add((w, 1));
            }
        }

        if (c.Problem.Robustness == Robustness.WorstCase && variants > 1)
        {
            var worst = model.NewIntVar(0, long.MaxValue / 4, "worst");
            foreach (var terms in perVariant)
            {
                model.Add(worst >= CpSat.Sum(terms));
            }

            return (worst, 1);
        }

        return (CpSat.Sum(Enumerable.Range(0, variants).SelectMany(v => perVariant[v].Select(x => (x.Item1, x.Item2 * weights[v])))), weights.Sum());
    }

    /// <summary>
    /// Integer curve with non-decreasing slopes: F[0] = round(f(0)/res), slope[n] = round((f(n+1) − f(n))/res),
    /// F[n+1] = F[n] + slope[n]. Rounding is monotone, so convexity survives; the error grows by at most half a unit per
    /// window (0.05 citizen-minutes at the default resolution).
    /// </summary>
    internal static (long[] F, long[] Slope) Scaled(double[] curve, double resolution)
    {
        var f = new long[curve.Length];
        var slope = new long[curve.Length - 1];
        f[0] = (long)Math.Round(curve[0] / resolution);
        for (var n = 0; n + 1 < curve.Length; n++)
        {
            slope[n] = Math.Min(0, (long)Math.Round((curve[n + 1] - curve[n]) / resolution));
            f[n + 1] = f[n] + slope[n];
        }

        return (f, slope);
    }

    /// <summary>The horizon's days grouped by calendar week (Monday–Sunday).</summary>
    internal static IEnumerable<int[]> Weeks(CompiledProblem c) =>
        Enumerable.Range(0, c.Days)
            .GroupBy(d => Weekdays.MondayOf(c.Date(d)))
            .Select(g => g.ToArray());

    /// <summary>Most days person i may work in the week: 7 − days off − days owed (first week), and no more than the days they are available.</summary>
    internal static int MaxWorkingDays(CompiledProblem c, int i, int[] week)
    {
        var owed = week[0] == 0 ? c.CarryOf(i).OwedDaysOff : 0;
        var limit = Math.Max(0, 7 - c.Problem.Rules.MinDaysOffPerWeek - owed);
        return Math.Min(limit, week.Count(d => c.Allowed[i][d].Any(x => x)));
    }
}
