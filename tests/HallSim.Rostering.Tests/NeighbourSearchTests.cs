using HallSim.Model;
using HallSim.Scenarios;
using HallSim.Staffing;
using Xunit.Abstractions;
using static HallSim.Rostering.Tests.CuttingPlaneOracleTests;

namespace HallSim.Rostering.Tests;

/// <summary>
/// The loop with the simulation as its oracle, against an exhaustive search that judges every combination of shift
/// counts of a small one-day hall by the same simulation (same seed, same replications: the loop's own sample), so
/// that the optimum is the simulation's and not a formula's. Identical staff, so counts decide the roster.
/// </summary>
public class NeighbourSearchTests(ITestOutputHelper output)
{
    private const ulong Seed = 1;
    private const int Replications = 20;

    private static readonly double[] Midday = [5, 10, 20, 30, 30, 10, 5, 5];

    // The last two are halls where the cutting planes alone stop 6–7% above the simulated optimum (a late shift that
    // clears the midday queue is worth more than the curves and the slopes say) and the neighbour search reaches it.
    public static TheoryData<Case> Cases() =>
    [
        new Case("2 windows, flat demand near capacity, binding budget", 2, 3, 110, Flat, 1, 12, 60),
        new Case("3 windows, morning overload", 3, 5, 150, Morning, 1, 16, null),
        new Case("3 windows, afternoon peak, tight budget", 3, 5, 160, Afternoon, 1, 12, 45),
        new Case("4 windows, 5 staff, midday overload", 4, 5, 290, Midday, 1, 20, null),
        new Case("4 windows, 7 staff, midday overload, binding budget", 4, 7, 289, Midday, 1, 20, null),
    ];

    private static RosterProblem Problem(Case k) =>
        new(Hall(k), SmallHalls.Monday, 1) { Objective = new MinimiseWaiting { StaffHourBudget = k.Budget, StaffHourCost = 0, TurnedAwayCost = 0, TailWeight = 0 } };

    private static readonly string[] ShiftIds = ["early", "mid", "late", "full"];
    private static readonly double[] ShiftHours = [4, 4, 4, 7];

    /// <summary>The simulated total waiting of a roster on the loop's sample (mean over the replications).</summary>
    private static double Simulated(Case k, Roster roster) =>
        RosterEvaluator.Evaluate((Hall(k) with { StartDate = SmallHalls.Monday, Days = 1 }).Compile().Compile(new StaffingPlan { Roster = roster }), Seed, Replications, waitTargetMinutes: 30)
            .TotalWaitingByReplication.Average();

    private static Roster RosterOf(Case k, int[] counts)
    {
        var list = new List<RosterAssignment>();
        var person = 1;
        for (var s = 0; s < counts.Length; s++)
        {
            for (var n = 0; n < counts[s]; n++)
            {
                list.Add(new RosterAssignment(SmallHalls.Monday, $"P{person++}", ShiftIds[s]));
            }
        }

        return new Roster(list);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheLoop_ReachesTheSimulatedOptimum_OnItsOwnSample(Case k)
    {
        var best = double.PositiveInfinity;
        var judged = 0;
        foreach (var counts in Counts(k.Staff))
        {
            var hours = counts.Select((n, s) => n * ShiftHours[s]).Sum();
            var peak = Enumerable.Range(9, 8).Max(h => (h < 13 ? counts[0] : 0) + (h is >= 11 and < 15 ? counts[1] : 0) + (h >= 13 ? counts[2] : 0) + (h != 12 ? counts[3] : 0));
            if (hours <= k.Budget!.Value + 1e-9 && peak <= k.Windows)
            {
                judged++;
                best = Math.Min(best, Simulated(k, RosterOf(k, counts)));
            }
        }

        var options = new SimulationOptimisationOptions { Seed = Seed, Replications = Replications };
        var result = SimulationOptimiser.Run(Problem(k), options);
        var without = SimulationOptimiser.Run(Problem(k), options with { NeighbourCandidates = 0 });
        var found = Simulated(k, result.Best.Roster);
        var canonical = Simulated(k, RosterOf(k, ShiftIds.Select(id => result.Best.Roster.Assignments.Count(a => a.ShiftId == id)).ToArray()));
        var canonicalWithout = Simulated(k, RosterOf(k, ShiftIds.Select(id => without.Best.Roster.Assignments.Count(a => a.ShiftId == id)).ToArray()));
        output.WriteLine($"{k.Name}: optimum {best:0.0} of {judged} rosters, loop {canonical:0.0} ({(canonical / best) - 1:P2}), without the neighbour search {canonicalWithout:0.0} ({(canonicalWithout / best) - 1:P2}); {result.NeighbourMoves} moves of {result.NeighbourCandidatesJudged} judged");

        // The loop's own figure is the simulation's (the day judged alone and with probes: the same random numbers).
        Assert.Equal(found, result.BestWaiting, found * 1e-9);
        Assert.True(result.Best.StaffHours <= k.Budget!.Value + 1e-9);
        Assert.Empty(RosterChecker.Check(Problem(k), result.Best.Roster));
        Assert.True(result.BestWaiting <= without.BestWaiting + 1e-9, "the neighbour search made the loop's roster worse on its own sample");
        // Judged as the enumeration judges it (its counts with the enumeration's names: which person meets which random
        // numbers is noise of the sample, not part of the roster's worth).
        Assert.True(canonical <= best * 1.005, $"{k.Name}: simulated optimum {best:0.0}, loop {canonical:0.0} ({(canonical / best) - 1:P2})");
    }

    [Fact]
    public void TheSearch_KeepsEveryRule_AndTheBudget_AndIsDeterministic()
    {
        // Two days with a days-off rule that binds, so moves across days must respect it.
        var k = new Case("2 windows, two days", 2, 4, 120, Afternoon, 2, 20, 45);
        var problem = new RosterProblem(Hall(k), SmallHalls.Monday, 2)
        {
            Objective = new MinimiseWaiting { StaffHourBudget = k.Budget, StaffHourCost = 0 },
        };
        var options = new SimulationOptimisationOptions { MaxIterations = 1, Replications = 10 };
        var once = SimulationOptimiser.Run(problem, options);
        var again = SimulationOptimiser.Run(problem, options);
        var first = SimulationOptimiser.Run(problem, options with { NeighbourCandidates = 0 });
        output.WriteLine($"first round {first.BestWaiting:0.0}, after the neighbour search {once.BestWaiting:0.0}: {once.NeighbourMoves} moves, {once.NeighbourCandidatesJudged} judged");

        Assert.Empty(RosterChecker.Check(problem, once.Best.Roster));
        Assert.True(once.Best.StaffHours <= k.Budget!.Value + 1e-9);
        Assert.True(once.BestWaiting <= first.BestWaiting + 1e-9);
        Assert.Equal(Key(once.Best.Roster), Key(again.Best.Roster));
        Assert.Equal(once.BestWaiting, again.BestWaiting, 9);
        Assert.True(once.NeighbourCandidatesJudged > 0);
        Assert.Equal(once.NeighbourMoves > 0 ? 2 : 1, once.History.Count);
    }

    private static string Key(Roster r) => string.Join(";", r.Assignments.OrderBy(a => a.Date).ThenBy(a => a.StaffId, StringComparer.Ordinal).Select(a => $"{a.Date}|{a.StaffId}|{a.ShiftId}|{string.Join(",", a.BreakStarts ?? [])}"));
}
