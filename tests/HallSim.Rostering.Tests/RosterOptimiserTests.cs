using HallSim.Model;
using HallSim.Queueing;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Rostering.Tests;

public class RosterOptimiserTests
{
    /// <summary>The count model's objective in its own integer units, for a person × day shift table (−1 off).</summary>
    private static long Objective(CompiledProblem c, int[][] shiftOf)
    {
        var open = RosterOptimiser.OpenWindows(c, shiftOf);
        long total = 0;
        for (var t = 0; t < c.Grid.Count; t++)
        {
            if (c.Counted[t])
            {
                var (f, _) = CountModel.Scaled(c.Curves[0][t], c.Problem.WaitingResolution);
                total += Math.Max(0, f[Math.Min(open[t], c.Windows)]);
            }
        }

        var cost = ((MinimiseWaiting)c.Problem.Objective).StaffHourCost;
        total += shiftOf.SelectMany(x => x).Where(s => s >= 0).Sum(s => (long)Math.Round(cost * c.Shifts[s].WorkMinutes / 60.0 / c.Problem.WaitingResolution));
        return total;
    }

    private static int[][] ShiftTable(CompiledProblem c, Roster roster)
    {
        var table = c.Staff.Select(_ => Enumerable.Repeat(-1, c.Days).ToArray()).ToArray();
        foreach (var a in roster.Assignments)
        {
            var i = Array.FindIndex(c.Staff, m => m.Id == a.StaffId);
            var s = Array.FindIndex(c.Shifts, x => x.Template.Id == a.ShiftId);
            table[i][a.Date.DayNumber - c.Problem.From.DayNumber] = s;
        }

        return table;
    }

    [Theory]
    [InlineData(12.0, 1.0)]
    [InlineData(20.0, 1.0)]
    [InlineData(100.0, 0.0)]
    public void Solve_SmallHall_MatchesBruteForceOptimum(double budget, double staffHourCost)
    {
        // 3 people × 2 days × {off, early, late, full} = 4,096 rosters, each checked against the window cap and budget.
        var problem = new RosterProblem(SmallHalls.Hall(), SmallHalls.Monday, 2)
        {
            Objective = new MinimiseWaiting { StaffHourBudget = budget, StaffHourCost = staffHourCost },
        };
        var c = CompiledProblem.Compile(problem);
        long best = long.MaxValue;
        var table = c.Staff.Select(_ => new int[c.Days]).ToArray();
        for (var code = 0; code < 4096; code++)
        {
            var x = code;
            for (var i = 0; i < 3; i++)
            {
                for (var d = 0; d < 2; d++)
                {
                    table[i][d] = (x % 4) - 1;
                    x /= 4;
                }
            }

            var open = RosterOptimiser.OpenWindows(c, table);
            if (open.Any(n => n > c.Windows) || RosterOptimiser.StaffHours(c, table) > budget + 1e-9)
            {
                continue;
            }

            best = Math.Min(best, Objective(c, table));
        }

        var result = RosterOptimiser.Solve(problem);
        Assert.Equal(RosterStatus.Optimal, result.Status);
        Assert.Equal(best, Objective(c, ShiftTable(c, result.Roster)));
        Assert.True(result.StaffHours <= budget + 1e-9);
    }

    [Theory]
    [InlineData(0.3, null)]
    [InlineData(1.2, 90.0)]
    [InlineData(1.7, null)]  // at the capacity of 16 windows (16 ÷ 9.5 = 1.68 a minute)
    [InlineData(2.5, 90.0)]  // 150% of it: every count overloaded
    public void FormulaCurve_IsTheExactIntervalQueue_AtEveryCount_OverloadIncluded(double rate, double? patience)
    {
        // The curve at n windows must be the interval's own exact queue (from empty, then called by the same n windows),
        // not a fluid placeholder: the convex envelope may lower a value only where the exact values are not convex,
        // and the test bounds that by 1%.
        var curve = CompiledProblem.FormulaCurve(rate, 9.5, patience, 30, 16);
        for (var n = 0; n <= 16; n++)
        {
            var exact = TransientQueue.Evaluate([new QueuePiece(30, rate, n)], 9.5, patience, Math.Max(1, n)).TotalQueueMinutes;
            Assert.True(curve[n] >= exact * 0.99 - 1e-6, $"n = {n}: curve {curve[n]:0.00} under the exact {exact:0.00}");
            Assert.True(n == 0 || curve[n] <= exact + 1e-6, $"n = {n}: curve {curve[n]:0.00} above the exact {exact:0.00}"); // 0 is charged more on purpose
        }

        // An overloaded count costs at least the citizens it leaves waiting at the interval's end, called one by one.
        var n0 = (int)Math.Floor(rate * 9.5) - 2;
        if (n0 >= 1 && n0 < 16)
        {
            var left = (rate - (n0 / 9.5)) * 30;
            Assert.True(curve[n0] >= left * left / 2 / (n0 / 9.5) * 0.9, $"overloaded n = {n0}: {curve[n0]:0} citizen-minutes");
        }
    }

    [Fact]
    public void Scaled_KeepsSlopesNonDecreasing_AndStaysWithinHalfAUnitPerWindow()
    {
        var curve = CompiledProblem.FormulaCurve(0.9, 9.5, 90, 30, 16);
        var (f, slope) = CountModel.Scaled(curve, 0.1);
        for (var n = 1; n < slope.Length; n++)
        {
            Assert.True(slope[n] >= slope[n - 1], $"slope {n}");
        }

        for (var n = 0; n < curve.Length; n++)
        {
            Assert.True(Math.Abs((f[n] * 0.1) - curve[n]) <= 0.05 * (n + 1) + 1e-9, $"n = {n}: {f[n] * 0.1} vs {curve[n]}");
        }
    }

    [Fact]
    public void Solve_JihuaPeakWeek_EveryHardRuleHolds_AndTheRosterSimulates()
    {
        var scenario = Halls.JihuaPeak;
        var problem = new RosterProblem(scenario, Halls.JihuaPeakWeek, 6);
        var result = RosterOptimiser.Solve(problem);
        Assert.NotEqual(RosterStatus.Partial, result.Status);
        Assert.Empty(result.Issues);

        var shifts = scenario.Shifts.ToDictionary(s => s.Id);
        foreach (var person in result.Roster.Assignments.GroupBy(a => a.StaffId))
        {
            var days = person.OrderBy(a => a.Date).ToList();
            Assert.Equal(days.Count, days.Select(a => a.Date).Distinct().Count()); // one shift a day
            Assert.True(days.Count <= 5, $"{person.Key} works {days.Count} days"); // two days off in the week
            Assert.True(days.Sum(a => shifts[a.ShiftId].WorkingMinutes) <= 40 * 60, $"{person.Key} over contract hours");
            for (var k = 1; k < days.Count; k++)
            {
                if (days[k].Date == days[k - 1].Date.AddDays(1))
                {
                    var rest = 1440 + shifts[days[k].ShiftId].Start.ToTimeSpan().TotalMinutes - shifts[days[k - 1].ShiftId].End.ToTimeSpan().TotalMinutes;
                    Assert.True(rest >= 11 * 60, $"{person.Key} rests {rest} minutes");
                }
            }
        }

        Assert.All(result.Intervals, i => Assert.InRange(i.OpenWindows, 0, 16));
        var specialists = scenario.Staff.Where(m => !m.Categories.Contains(Window.AnyCategory)).GroupBy(m => string.Join(",", m.Categories));
        foreach (var group in specialists)
        {
            // Specialists at work at once never exceed their group's two windows: checked by seating them in the simulation.
            Assert.Equal(5, group.Count());
        }

        var horizon = scenario with { StartDate = problem.From, Days = problem.Days };
        var run = HallModel.Run(horizon, new StaffingPlan { Roster = result.Roster }, 1, 0, new HallRunOptions { KeepTickets = false });
        Assert.True(run.Totals.Served > 3000);
        Assert.Equal(Enumerable.Range(0, problem.Days).Count(d => scenario.Calendar.SessionsOn(problem.From.AddDays(d)).Count > 0), result.DaySummaries.Count);
        Assert.All(result.DaySummaries, d => Assert.NotEmpty(d.Runs));
    }

    [Fact]
    public void Solve_SameInputs_SameRoster_OnOneAndOnTwoWorkers()
    {
        var problem = new RosterProblem(Halls.JihuaPeak, Halls.JihuaPeakWeek, 3) { Objective = new MinimiseWaiting { StaffHourBudget = 300 } };
        string Key(RosterResult r) => string.Join(";", r.Roster.Assignments.Select(a => $"{a.Date}{a.StaffId}{a.ShiftId}"));
        var one = new RosterOptions { AssignmentTimeLimit = 2 };
        Assert.Equal(Key(RosterOptimiser.Solve(problem, one)), Key(RosterOptimiser.Solve(problem, one)));
        var two = one with { Workers = 2 };
        Assert.Equal(Key(RosterOptimiser.Solve(problem, two)), Key(RosterOptimiser.Solve(problem, two)));
    }

    [Fact]
    public void Solve_BadProblem_ListsEveryBadField()
    {
        var problem = new RosterProblem(SmallHalls.Hall(), SmallHalls.Monday, 2)
        {
            IntervalMinutes = 7,
            Absences = [new StaffAbsence("NOBODY", SmallHalls.Monday)],
            Preferences = [new ShiftPreference("P1", 1) { ShiftId = "night" }],
            Rules = new RosterRules { MinDaysOffPerWeek = 9 },
            DemandVariants = [new DemandVariant("broken", -1, 1)],
        };
        var e = Assert.Throws<ScenarioValidationException>(() => RosterOptimiser.Solve(problem));
        var paths = e.Problems.Select(p => p.Path).ToHashSet();
        Assert.Superset(new HashSet<string> { "intervalMinutes", "absences[0].staffId", "preferences[0].shiftId", "rules.minDaysOffPerWeek", "demandVariants[0].factor" }, paths);
        Assert.Contains("NOBODY", e.Message);
    }

    [Fact]
    public void Solve_AbsencesAndPreferences_AreHonoured()
    {
        var problem = new RosterProblem(SmallHalls.Hall(staff: 4), SmallHalls.Monday, 2)
        {
            Absences = [new StaffAbsence("P1", SmallHalls.Monday)],
            Preferences = [new ShiftPreference("P2", -3) { Date = SmallHalls.Monday.AddDays(1) }, new ShiftPreference("P3", 3) { ShiftId = "early" }],
            Objective = new MinimiseWaiting { StaffHourBudget = 24 },
        };
        var result = RosterOptimiser.Solve(problem);
        Assert.DoesNotContain(result.Roster.Assignments, a => a.StaffId == "P1" && a.Date == SmallHalls.Monday);
        Assert.DoesNotContain(result.Roster.Assignments, a => a.StaffId == "P2" && a.Date == SmallHalls.Monday.AddDays(1));
    }

    [Fact]
    public void Solve_RestRuleLeavesAShiftUnfilled_DiagnosisNamesTheRule()
    {
        // One person; the hall opens 06:00–22:00; demand needs someone late on Monday and early on Tuesday: with 11 hours'
        // rest one person cannot do both, so the named assignment falls short and the diagnosis must say why.
        var hall = SmallHalls.Hall(windows: 1, staff: 1, days: 2) with
        {
            Calendar = new HallCalendar { WeekdayHours = [new Session(SmallHalls.T(6), SmallHalls.T(22))] },
            Shifts =
            [
                new ShiftTemplate("early", SmallHalls.T(6), SmallHalls.T(14)),
                new ShiftTemplate("late", SmallHalls.T(14), SmallHalls.T(22)),
            ],
        };
        var c = CompiledProblem.Compile(new RosterProblem(hall, SmallHalls.Monday, 2) { Objective = new MinimiseWaiting { StaffHourBudget = 16 } });
        var counts = new[] { new[] { new[] { 0 }, new[] { 1 } }, new[] { new[] { 1 }, new[] { 0 } } }; // late Mon, early Tue
        var assignment = AssignmentModel.Solve(c, counts, new RosterOptions(), default);
        Assert.Equal(1, assignment.Shortfall.SelectMany(x => x).SelectMany(x => x).Sum());
        var relaxed = AssignmentModel.Solve(c, counts, new RosterOptions(), default, new RuleSet(Rest: false));
        Assert.Equal(0, relaxed.Shortfall.SelectMany(x => x).SelectMany(x => x).Sum());
    }

    [Fact]
    public void Solve_StaffHoursForATargetNobodyCanMeet_FlagsTheIntervals_OrThrowsWhenPartialIsRefused()
    {
        var problem = new RosterProblem(SmallHalls.Hall(windows: 2, staff: 1, arrivalsPerDay: 150), SmallHalls.Monday, 1)
        {
            Objective = new MinimiseStaffHours(new ServiceLevelTarget(0.8, 15)),
        };
        var result = RosterOptimiser.Solve(problem);
        Assert.Equal(RosterStatus.Partial, result.Status);
        Assert.Contains(result.Issues, i => i.Rule == RosterRule.Coverage && i.Time is not null);
        var e = Assert.Throws<RosterInfeasibleException>(() => RosterOptimiser.Solve(problem, new RosterOptions { AllowPartial = false }));
        Assert.Contains(e.Issues, i => i.Rule == RosterRule.Coverage);
    }

    [Fact]
    public void Solve_CategoryNobodyCanServe_IsReportedAsASkillIssue()
    {
        var hall = SmallHalls.Hall() with
        {
            Categories = [new ServiceCategory("any", 0.8, new HallSim.Randomness.ExponentialDistribution(8)), new ServiceCategory("tax", 0.2, new HallSim.Randomness.ExponentialDistribution(8)) { Name = "Tax" }],
            Windows = [new Window("W1", ["any"]), new Window("W2", ["tax"])],
            Staff = [new StaffMember("P1", "Person 1", ["any"]), new StaffMember("P2", "Person 2", ["any"])],
        };
        var result = RosterOptimiser.Solve(new RosterProblem(hall, SmallHalls.Monday, 1));
        Assert.Contains(result.Issues, i => i.Rule == RosterRule.Skills && i.Message.Contains("Tax"));
    }

    [Fact]
    public void SolveByWeek_CarriesConsecutiveDaysAcrossTheWeekBoundary()
    {
        // Hall open every day; at most 3 consecutive days; two weeks solved one by one must still never chain 4.
        var hall = SmallHalls.Hall(windows: 2, staff: 3, days: 14) with
        {
            Calendar = new HallCalendar { WeekdayHours = [new Session(SmallHalls.T(9), SmallHalls.T(17))], SaturdayHours = [new Session(SmallHalls.T(9), SmallHalls.T(17))], SundayHours = [new Session(SmallHalls.T(9), SmallHalls.T(17))] },
        };
        var problem = new RosterProblem(hall, SmallHalls.Monday, 14) { Rules = new RosterRules { MaxConsecutiveDays = 3, MinDaysOffPerWeek = 1 } };
        var weeks = RosterOptimiser.SolveByWeek(problem, new RosterOptions { AssignmentTimeLimit = 2 });
        Assert.Equal(2, weeks.Count);
        var all = weeks.SelectMany(w => w.Roster.Assignments).ToList();
        foreach (var person in all.GroupBy(a => a.StaffId))
        {
            var worked = person.Select(a => a.Date.DayNumber).ToHashSet();
            for (var d = SmallHalls.Monday.DayNumber; d + 3 < SmallHalls.Monday.DayNumber + 14; d++)
            {
                Assert.False(worked.Contains(d) && worked.Contains(d + 1) && worked.Contains(d + 2) && worked.Contains(d + 3), $"{person.Key} works 4 days from day {d}");
            }
        }
    }

    [Fact]
    public void Replan_KeepsStartedShifts_DropsTheAbsent_AndStartsNewShiftsLater()
    {
        var hall = SmallHalls.Hall(windows: 2, staff: 4);
        var problem = new RosterProblem(hall, SmallHalls.Monday, 1) { Objective = new MinimiseWaiting { StaffHourBudget = 16 } };
        var plan = RosterOptimiser.Solve(problem);
        var morning = plan.Roster.Assignments.Where(a => a.ShiftId is "early" or "full").ToList();
        Assert.NotEmpty(morning);
        var absent = morning[0].StaffId;
        var at = SmallHalls.Monday.ToDateTime(SmallHalls.T(10));
        var replanned = RosterOptimiser.Replan(problem, plan.Roster, at, [absent], alreadyWaiting: 5);
        Assert.DoesNotContain(replanned.Roster.Assignments, a => a.StaffId == absent);
        foreach (var kept in morning.Skip(1))
        {
            Assert.Contains(replanned.Roster.Assignments, a => a.StaffId == kept.StaffId && a.ShiftId == kept.ShiftId);
        }

        var started = morning.Select(a => a.StaffId).ToHashSet();
        Assert.All(replanned.Roster.Assignments.Where(a => !started.Contains(a.StaffId)), a => Assert.Equal("late", a.ShiftId));
    }

    [Fact]
    public void Solve_WorstCase_IsNoWorseThanExpected_OnTheWorstVariant()
    {
        DemandVariant[] variants = [new("forecast", 1, 0.8), new("-20%", 0.8, 0.1), new("+20%", 1.2, 0.1)];
        var problem = new RosterProblem(SmallHalls.Hall(windows: 3, staff: 4, arrivalsPerDay: 120), SmallHalls.Monday, 2)
        {
            DemandVariants = variants,
            Objective = new MinimiseWaiting { StaffHourBudget = 28 },
        };
        double Worst(Robustness mode)
        {
            var p = problem with { Robustness = mode };
            var c = CompiledProblem.Compile(p);
            var r = RosterOptimiser.Solve(p);
            var open = r.Intervals.Select(i => Math.Min(i.OpenWindows, c.Windows)).ToArray();
            return Enumerable.Range(0, variants.Length).Max(v => Enumerable.Range(0, c.Grid.Count).Where(t => c.Counted[t]).Sum(t => c.Curves[v][t][open[t]]));
        }

        Assert.True(Worst(Robustness.WorstCase) <= Worst(Robustness.Expected) + 1, "worst-case mode must not lose on the worst variant");
    }

    [Fact]
    public void SimulationOptimiser_ReturnsTheBestRoundBySimulatedWaiting_WithItsHistory()
    {
        var problem = new RosterProblem(Halls.JihuaPeak, Halls.JihuaPeakWeek, 1) { Objective = new MinimiseWaiting { StaffHourBudget = 100 } };
        var result = SimulationOptimiser.Run(problem, new SimulationOptimisationOptions { Replications = 6, MaxIterations = 3, Solver = new RosterOptions { AssignmentTimeLimit = 2 } });
        // At most three rounds, and the neighbour search as one more when it moved someone.
        Assert.InRange(result.History.Count, 1, 3 + (result.NeighbourMoves > 0 ? 1 : 0));
        Assert.True(result.NeighbourMoves == 0 || result.History[^1].Accepted, "a neighbour search that moved someone is the best round");
        Assert.Equal(result.History.Min(h => h.SimulatedWaiting.Mean), result.BestWaiting, 6);
        Assert.InRange(result.LowerBound, 0, result.BestWaiting);
        Assert.True(result.Best.StaffHours <= 100 + 1e-9);
        Assert.False(string.IsNullOrWhiteSpace(result.StopReason));
    }
}
