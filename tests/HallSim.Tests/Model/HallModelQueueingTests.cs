using HallSim.Experiments;
using HallSim.Model;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Tests.Support;

namespace HallSim.Tests.Model;

/// <summary>The hall model reduced to textbook queues, against closed forms computed in the tests.</summary>
public class HallModelQueueingTests
{
    private static readonly HallRunOptions SummaryOnly = new() { KeepTickets = false };

    private static (double MeanWait, int Called) Waits(HallRunResult r)
    {
        var called = r.Intervals.Sum(i => i.Served + i.NoShows);
        var mean = r.Intervals.Sum(i => i.MeanWait * (i.Served + i.NoShows)) / called;
        return (mean, called);
    }

    [Fact]
    public void ReducedToMmc_MeanWait_MatchesErlangC()
    {
        // c = 5 windows, λ = 0.4 per minute, mean service 10 minutes (ρ = 0.8), around the clock for 80 days
        // (~46,000 tickets per replication; waits are strongly autocorrelated at ρ = 0.8). 10 replications give a 99%
        // Student-t interval of about ±10% of the mean; the test also requires it to be narrower than ±15%.
        const int c = 5;
        const double lambda = 0.4, meanService = 10;
        var scenario = HallScenarios.Mmc(c, lambda, meanService, days: 80);
        var staffing = HallScenarios.AllDayWindows(c);
        var waits = ReplicationRunner.Run(10, rep => Waits(HallModel.Run(scenario, staffing, 7, rep, SummaryOnly)).MeanWait);

        var ci = ConfidenceInterval.Of(waits.ToList());
        var expected = QueueingOracle.MmcMeanWait(c, lambda, 1 / meanService);

        Assert.True(ci.Contains(expected), $"Wq {ci} vs Erlang C {expected:G5}");
        Assert.True(ci.HalfWidth < 0.15 * expected, $"interval too wide: {ci}");
    }

    /// <summary>M/M/c+M over 10 days: exponential patience, no window time lost on recalls.</summary>
    private static Scenario MmcPlusM(int c, double lambda, double meanService, double meanPatience) =>
        HallScenarios.Mmc(c, lambda, meanService, days: 10) with
        {
            Behaviour = new CitizenBehaviour
            {
                Patience = new ExponentialDistribution(meanPatience),
                AbsentWhenCalled = new AbsentWhenCalled(1, 0),
            },
        };

    [Fact]
    public void ReducedToMmcPlusM_Abandonment_MatchesErlangA()
    {
        // Exponential patience (mean 20 minutes), no time lost on recalls: M/M/c+M. Offered load 6 on 5 windows
        // (overloaded without abandonment). Oracle: the Erlang A birth–death chain. 8 replications × 10 days.
        const int c = 5;
        const double lambda = 0.6, meanService = 10, meanPatience = 20;
        var scenario = MmcPlusM(c, lambda, meanService, meanPatience);
        var staffing = HallScenarios.AllDayWindows(c);
        var shares = ReplicationRunner.Run(8, rep =>
        {
            var r = HallModel.Run(scenario, staffing, 11, rep, SummaryOnly);
            return (double)r.Totals.NoShow / (r.Totals.Served + r.Totals.NoShow);
        });

        var ci = ConfidenceInterval.Of(shares.ToList());
        var expected = QueueingOracle.ErlangAAbandonProbability(c, lambda, 1 / meanService, 1 / meanPatience);

        Assert.True(ci.Contains(expected), $"P(abandon) {ci} vs Erlang A {expected:G5}");
    }

    [Fact]
    public void ReducedToMmcPlusM_ServiceLevel_MatchesTheLibrarysErlangA()
    {
        // The library's Erlang A service level ("called within 15 minutes", abandoners count as failures, computed by
        // uniformization) against the simulated share, same model as above. 8 replications × 10 days, 99% interval.
        const int c = 5;
        const double lambda = 0.6, meanService = 10, meanPatience = 20;
        var scenario = MmcPlusM(c, lambda, meanService, meanPatience);
        var levels = ReplicationRunner.Run(8, rep =>
        {
            var r = HallModel.Run(scenario, HallScenarios.AllDayWindows(c), 13, rep, SummaryOnly);
            return r.Intervals.Sum(i => i.ServiceLevel * i.TicketsIssued) / r.Intervals.Sum(i => i.TicketsIssued);
        });

        var ci = ConfidenceInterval.Of(levels.ToList());
        var formula = HallSim.Queueing.ErlangA.Evaluate(c, lambda, meanService, meanPatience, targetMinutes: 15).ServiceLevel;

        Assert.True(ci.Contains(formula), $"service level {ci} vs Erlang A {formula:G5}");
    }

    [Fact]
    public void LittlesLaw_QueueAreaEqualsTotalWait_Exactly()
    {
        // Every called ticket adds its wait to the area under the tickets-waiting curve; with no ticket left
        // waiting at the end the two are equal up to rounding.
        var scenario = HallScenarios.SmallHall(arrivalsPerDay: 400, days: 3);
        var r = HallModel.Run(scenario, HallScenarios.Weekday(3), seed: 5);

        var area = r.Intervals.Sum(i => i.MeanQueue * r.Grid.Length);
        var totalWait = r.Tickets!.Where(t => t.CalledAt is not null).Sum(t => t.CalledAt!.Value - t.IssuedAt!.Value);

        Assert.Equal(0, r.Totals.InProgress);
        Assert.Equal(totalWait, area, totalWait * 1e-9);
    }

    [Fact]
    public void Conservation_HoldsExactly()
    {
        var scenario = HallScenarios.SmallHall(arrivalsPerDay: 600, days: 5) with
        {
            Behaviour = new CitizenBehaviour
            {
                Balking = new Balking(10, 40),
                Patience = new LogNormalDistribution(30, 20),
                PriorityClasses = [new PriorityClass("green", 0.05, 0)],
            },
            Kiosks = [new KioskGroup("etax", 2, ["tax"], 0.5, new ExponentialDistribution(3)) { FailureShare = 0.3 }],
        };
        var r = HallModel.Run(scenario, HallScenarios.Weekday(2), seed: 3);
        var t = r.Totals;

        Assert.True(t.Balked > 0 && t.NoShow > 0 && t.SelfServed > 0);
        Assert.Equal(t.Arrived, t.Served + t.Balked + t.NoShow + t.Cancelled + t.SelfServed + t.InProgress);
        Assert.Equal(t.Arrived, r.Tickets!.Count);
        Assert.Equal(t.Arrived, r.Intervals.Sum(i => i.Arrivals));
        Assert.Equal(t.Served, r.Tickets.Count(x => x.Outcome == TicketOutcome.Served));
        Assert.Equal(t.NoShow, r.Tickets.Count(x => x.Outcome == TicketOutcome.NoShow));
    }
}
