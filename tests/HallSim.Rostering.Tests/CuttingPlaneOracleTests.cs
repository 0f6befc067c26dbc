using HallSim.Queueing;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;
using Xunit.Abstractions;

namespace HallSim.Rostering.Tests;

/// <summary>
/// The optimiser against an exhaustive oracle: every combination of shift counts of a small hall (identical staff, so
/// counts decide the open windows), each judged by the exact transient M/M/c(+M) queue of each day — queues carried
/// between intervals, overloaded hours and the queue left at closing included — and the least total waiting within the
/// budget. The hall is one with exponential service and patience, where that queue is the truth.
/// </summary>
public class CuttingPlaneOracleTests(ITestOutputHelper output)
{
    public sealed record Case(string Name, int Windows, int Staff, double PerDay, double[] Hours, int Days, double? Budget, double? Patience)
    {
        public override string ToString() => Name;
    }

    // Hour weights 09–17; capacity is windows × 7.5 tickets an hour (8-minute services).
    internal static readonly double[] Morning = [30, 25, 15, 5, 10, 10, 5, 0];
    internal static readonly double[] Flat = [1, 1, 1, 1, 1, 1, 1, 1];
    internal static readonly double[] Afternoon = [5, 5, 10, 5, 15, 25, 25, 10];

    public static TheoryData<Case> Cases() =>
    [
        new Case("2 windows, binding budget, patience", 2, 3, 80, Flat, 2, 20, 60),
        new Case("3 windows, morning overload, no patience", 3, 5, 150, Morning, 1, 24, null),
        new Case("4 windows, morning overload, contract hours", 4, 6, 220, Morning, 1, null, 30),
        new Case("3 windows, overloaded all day", 3, 4, 200, Flat, 2, 30, 45),
        new Case("2 windows, afternoon peak, tight budget", 2, 4, 110, Afternoon, 2, 16, null),
    ];

    internal static Scenario Hall(Case k)
    {
        var hours = new double[24];
        k.Hours.CopyTo(hours, 9);
        return SmallHalls.Hall(k.Windows, k.Staff, k.PerDay) with
        {
            Demand = new Demand(k.PerDay) { HourWeights = hours },
            Behaviour = new CitizenBehaviour { Patience = k.Patience is { } p ? new ExponentialDistribution(p) : null },
            Shifts =
            [
                new ShiftTemplate("early", SmallHalls.T(9), SmallHalls.T(13)),
                new ShiftTemplate("mid", SmallHalls.T(11), SmallHalls.T(15)),
                new ShiftTemplate("late", SmallHalls.T(13), SmallHalls.T(17)),
                new ShiftTemplate("full", SmallHalls.T(9), SmallHalls.T(17)) { Breaks = [new StaffBreak(SmallHalls.T(12), SmallHalls.T(13))] },
            ],
        };
    }

    /// <summary>
    /// The oracle's own arrival rate per 30-minute interval of a day, per minute: tickets a day × the weekday factor,
    /// spread over the issuing minutes (09:00 to the cut-off 30 minutes before closing) in proportion to each hour's
    /// weight, a weight being a rate per issuing minute of its hour.
    /// </summary>
    private static double[] Rates(Case k, DateOnly date)
    {
        var factor = new Demand(1).WeekdayFactors[((int)date.DayOfWeek + 6) % 7];
        var issuing = Enumerable.Range(9, 8).Sum(h => k.Hours[h - 9] * (h == 16 ? 30 : 60));
        var rates = new double[48];
        for (var t = 18; t < 33; t++)
        {
            rates[t] = k.PerDay * factor * k.Hours[(t / 2) - 9] / issuing;
        }

        return rates;
    }

    /// <summary>Exact waiting of one day for open windows per 30-minute interval (09:00–17:00).</summary>
    private static double DayWaiting(Case k, double[] rates, int[] open) =>
        TransientQueue.Evaluate(Enumerable.Range(18, 16).Select(t => new QueuePiece(30, rates[t], open[t])).ToArray(), 8, k.Patience).TotalQueueMinutes;

    private static readonly (int From, int To, double Hours)[] Shifts = [(18, 26, 4), (22, 30, 4), (26, 34, 4), (18, 34, 7)];

    private static int[] OpenOf(int[] counts)
    {
        var open = new int[48];
        for (var s = 0; s < Shifts.Length; s++)
        {
            for (var t = Shifts[s].From; t < Shifts[s].To; t++)
            {
                open[t] += s == 3 && t is 24 or 25 ? 0 : counts[s]; // the full shift's lunch break 12:00–13:00
            }
        }

        return open;
    }

    /// <summary>Every day's (hours, least waiting) for each count vector that fits the windows, then the best sum within the budget.</summary>
    private static double Enumerate(Case k, DateOnly from, double budget)
    {
        var perDay = new List<(double Hours, double Waiting)>[k.Days];
        for (var d = 0; d < k.Days; d++)
        {
            var rates = Rates(k, from.AddDays(d));
            perDay[d] = [];
            foreach (var counts in Counts(k.Staff))
            {
                var open = OpenOf(counts);
                if (open.Max() <= k.Windows)
                {
                    perDay[d].Add((counts.Select((n, s) => n * Shifts[s].Hours).Sum(), DayWaiting(k, rates, open)));
                }
            }
        }

        var best = double.PositiveInfinity;
        foreach (var a in perDay[0])
        {
            if (k.Days == 1)
            {
                best = a.Hours <= budget + 1e-9 ? Math.Min(best, a.Waiting) : best;
                continue;
            }

            foreach (var b in perDay[1])
            {
                if (a.Hours + b.Hours <= budget + 1e-9)
                {
                    best = Math.Min(best, a.Waiting + b.Waiting);
                }
            }
        }

        return best;
    }

    internal static IEnumerable<int[]> Counts(int staff)
    {
        for (var a = 0; a <= staff; a++)
        {
            for (var b = 0; a + b <= staff; b++)
            {
                for (var c = 0; a + b + c <= staff; c++)
                {
                    for (var f = 0; a + b + c + f <= staff; f++)
                    {
                        yield return [a, b, c, f];
                    }
                }
            }
        }
    }

    /// <summary>The exact waiting of a roster the optimiser returned, by the oracle's own reckoning.</summary>
    private static double TrueWaiting(Case k, DateOnly from, Roster roster)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal) { ["early"] = 0, ["mid"] = 1, ["late"] = 2, ["full"] = 3 };
        double total = 0;
        for (var d = 0; d < k.Days; d++)
        {
            var date = from.AddDays(d);
            var counts = new int[4];
            foreach (var a in roster.Assignments.Where(a => a.Date == date))
            {
                counts[index[a.ShiftId]]++;
            }

            total += DayWaiting(k, Rates(k, date), OpenOf(counts));
        }

        return total;
    }

    private static double Budget(Case k) => k.Budget ?? (k.Staff * 40.0);

    private static RosterProblem Problem(Case k, double budget) =>
        new(Hall(k), SmallHalls.Monday, k.Days) { Objective = new MinimiseWaiting { StaffHourBudget = budget, StaffHourCost = 0, TurnedAwayCost = 0 } };

    private static readonly SimulationOptimisationOptions Exact = new() { Oracle = WaitingOracle.Markov, MaxIterations = 40, Tolerance = 0.001 };

    [Fact]
    public void TheOraclesRates_AreTheOptimisersRates()
    {
        var k = new Case("2 windows, binding budget, patience", 2, 3, 80, Flat, 2, 20, 60);
        var c = CompiledProblem.Compile(Problem(k, 20));
        for (var d = 0; d < k.Days; d++)
        {
            var rates = Rates(k, SmallHalls.Monday.AddDays(d));
            for (var t = 0; t < 48; t++)
            {
                Assert.Equal(rates[t], c.Rates[(d * 48) + t], 9);
            }
        }

        Assert.Equal(8, c.MeanService, 9);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CuttingPlanes_ReachTheExhaustiveOptimum_WithinHalfAPercent_AndTheBoundHolds(Case k)
    {
        var budget = Budget(k);
        var optimum = Enumerate(k, SmallHalls.Monday, budget);
        var result = SimulationOptimiser.Run(Problem(k, budget), Exact);
        var found = TrueWaiting(k, SmallHalls.Monday, result.Best.Roster);
        var first = TrueWaiting(k, SmallHalls.Monday, RosterOptimiser.Solve(Problem(k, budget)).Roster);

        output.WriteLine($"{k.Name}: optimum {optimum:0.0}, found {found:0.0} ({(found / optimum) - 1:P2}), bound {result.LowerBound:0.0}, formula curves alone {first:0.0} ({(first / optimum) - 1:P1}); {result.History.Count} rounds: {result.StopReason}");
        Assert.True(result.Best.StaffHours <= budget + 1e-9);
        Assert.True(found <= optimum * 1.005, $"{k.Name}: optimum {optimum:0.0}, found {found:0.0} ({(found / optimum) - 1:P2}); formula curves alone {first:0.0}; {result.History.Count} rounds, {result.StopReason}");
        Assert.Equal(found, result.BestWaiting, found * 1e-9);
        Assert.True(result.LowerBound <= optimum * (1 + 1e-6), $"{k.Name}: bound {result.LowerBound:0.0} above the optimum {optimum:0.0}");
    }

    [Fact]
    public void MoreStaffHours_NeverWaitMore()
    {
        var k = new Case("3 windows, morning overload", 3, 5, 150, Morning, 1, null, 45);
        var previous = double.PositiveInfinity;
        foreach (var budget in new[] { 8.0, 12, 16, 20, 24 })
        {
            var result = SimulationOptimiser.Run(Problem(k, budget), Exact);
            var found = TrueWaiting(k, SmallHalls.Monday, result.Best.Roster);
            Assert.True(found <= previous * 1.005, $"budget {budget} h: {found:0.0} citizen-minutes after {previous:0.0} with 4 staff-hours less");
            previous = Math.Min(previous, found);
        }
    }

    [Fact]
    public void OneCompiledProblem_ServesTheBaselineAndTheLoop_AndIsNotChangedByThem()
    {
        var k = new Case("2 windows, binding budget, patience", 2, 3, 80, Flat, 2, 20, 60);
        var problem = Problem(k, 20);
        var compiled = CompiledProblem.Compile(problem);
        var target = new ServiceLevelTarget(0.8, 15);

        // The usual method on the compiled problem is the usual method compiled afresh.
        var usual = Baselines.SippCover(compiled, target);
        var fresh = Baselines.SippCover(problem, target);
        Assert.Equal(Key(fresh.Roster), Key(usual.Roster));
        Assert.Equal(fresh.StaffHours, usual.StaffHours, 9);

        // The loop on the compiled problem is the loop compiled afresh; running it leaves the compiled problem as it was.
        var once = SimulationOptimiser.Run(compiled, Exact);
        var again = SimulationOptimiser.Run(compiled, Exact);
        var afresh = SimulationOptimiser.Run(problem, Exact);
        Assert.Equal(Key(afresh.Best.Roster), Key(once.Best.Roster));
        Assert.Equal(Key(once.Best.Roster), Key(again.Best.Roster));
        Assert.Equal(afresh.BestWaiting, again.BestWaiting, 9);
        Assert.Empty(compiled.Cuts);
        Assert.Null(compiled.Trust);

        // Another objective on the same compiled problem: the budget now binds at 12 staff-hours.
        var tighter = RosterOptimiser.Solve(compiled.WithObjective(new MinimiseWaiting { StaffHourBudget = 12, StaffHourCost = 0 }));
        Assert.True(tighter.StaffHours <= 12 + 1e-9);
        Assert.Throws<ScenarioValidationException>(() => compiled.WithObjective(new MinimiseWaiting { StaffHourBudget = double.NaN }));
    }

    private static string Key(Roster r) => string.Join(";", r.Assignments.OrderBy(a => a.Date).ThenBy(a => a.StaffId, StringComparer.Ordinal).Select(a => $"{a.Date}|{a.StaffId}|{a.ShiftId}"));
}
