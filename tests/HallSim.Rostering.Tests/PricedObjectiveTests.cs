using HallSim.Model;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;
using Xunit.Abstractions;

namespace HallSim.Rostering.Tests;

/// <summary>The loop's oracle prices what the mean wait leaves out: citizens turned away, and the tail of the waits.</summary>
public class PricedObjectiveTests(ITestOutputHelper output)
{
    private static Scenario Hall() => SmallHalls.Hall(windows: 3, staff: 3, arrivalsPerDay: 300, days: 1) with
    {
        Behaviour = new CitizenBehaviour { Patience = new ExponentialDistribution(30), Balking = new Balking(1, 3) },
    };

    private static Roster Staffed(int people) =>
        new([.. Enumerable.Range(1, people).Select(i => new RosterAssignment(SmallHalls.Monday, $"P{i}", "full"))]);

    [Fact]
    public void CitizensTurnedAway_ArePricedPerReplication_AndAThinRosterPaysForThem()
    {
        // One window instead of three: more citizens balk at the queue or are gone when called. The oracle's cost per
        // replication is the waiting plus 60 citizen-minutes for each of them, so the thin roster cannot look better
        // by sending people home (its ticket holders' waits alone would leave them out).
        var c = CompiledProblem.Compile(new RosterProblem(Hall(), SmallHalls.Monday, 1) { Objective = new MinimiseWaiting { TailWeight = 0 } });
        var thin = RosterEvaluator.Evaluate(c.Hall.Compile(new StaffingPlan { Roster = Staffed(1) }), 3, 10, waitTargetMinutes: 30);
        var full = RosterEvaluator.Evaluate(c.Hall.Compile(new StaffingPlan { Roster = Staffed(3) }), 3, 10, waitTargetMinutes: 30);
        var thinCost = SimulationEvaluator.Costs(c, thin);
        var fullCost = SimulationEvaluator.Costs(c, full);
        output.WriteLine($"thin: waiting {thin.TotalWaiting.Mean:0}, turned away {thin.TurnedAway.Mean:0}, cost {thinCost.Average():0}; full: waiting {full.TotalWaiting.Mean:0}, turned away {full.TurnedAway.Mean:0}, cost {fullCost.Average():0}");

        Assert.True(thin.TurnedAway.Mean > full.TurnedAway.Mean + 50);
        for (var r = 0; r < 10; r++)
        {
            Assert.Equal(thin.TotalWaitingByReplication[r] + (60 * thin.TurnedAwayByReplication[r]), thinCost[r], 6);
            Assert.Equal(full.TotalWaitingByReplication[r] + (60 * full.TurnedAwayByReplication[r]), fullCost[r], 6);
        }

        Assert.True(thinCost.Average() - fullCost.Average() > thin.TotalWaiting.Mean - full.TotalWaiting.Mean + (60 * 50));
    }

    [Fact]
    public void TheTail_IsChargedOncePerMinuteBeyondTheThreshold()
    {
        var c = CompiledProblem.Compile(new RosterProblem(Hall(), SmallHalls.Monday, 1) { Objective = new MinimiseWaiting { TailWeight = 2, TailMinutes = 10, TurnedAwayCost = 0 } });
        var staffing = c.Hall.Compile(new StaffingPlan { Roster = Staffed(2) });
        var e = RosterEvaluator.Evaluate(staffing, 4, 3, waitTargetMinutes: 10);
        var cost = SimulationEvaluator.Costs(c, e);

        // The sum from the tickets: every issued ticket's wait (never-called ones until the horizon's end), and twice
        // each minute beyond 10.
        var runs = Enumerable.Range(0, 3).Select(rep => HallModel.Run(staffing, 4, rep, new HallRunOptions { KeepTickets = true })).ToList();
        for (var r = 0; r < 3; r++)
        {
            var waits = runs[r].Tickets!.Where(t => t.IssuedAt is not null && (t.Wait is not null || t.Outcome == TicketOutcome.InProgress))
                .Select(t => t.Wait ?? (IntervalGrid.MinutesPerDay - t.IssuedAt!.Value)).ToList();
            var expected = waits.Sum() + (2 * waits.Sum(w => Math.Max(0, w - 10)));
            Assert.Equal(expected, cost[r], 6);
        }
    }
}
