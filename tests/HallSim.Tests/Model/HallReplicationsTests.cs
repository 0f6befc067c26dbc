using HallSim.Experiments;
using HallSim.Model;
using HallSim.Tests.Support;

namespace HallSim.Tests.Model;

public class HallReplicationsTests
{
    [Fact]
    public void Estimates_MatchTheTestsOwnIntervals_AndNoTicketsMeansNoWaitEstimate()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 500, days: 1);
        var progress = new List<int>();
        var result = HallReplications.Run(s, HallScenarios.Weekday(4), seed: 6, replications: 8, maxDegreeOfParallelism: 1, progress: new Sync(progress.Add));

        var waits = result.Runs.Select(r => r.Days[0].MeanWait).ToList();
        var oracle = ConfidenceInterval.Of(waits, 0.95);
        Assert.Equal(oracle.Mean, result.Days[0].MeanWait.Mean, 12);
        Assert.Equal(oracle.HalfWidth, result.Days[0].MeanWait.HalfWidth, 12);
        Assert.Equal(8, progress.Count);

        var night = result.Intervals.Single(i => i.Start == 3 * 60);
        Assert.Null(night.MeanWait);
        Assert.Null(night.ServiceLevel);
        Assert.Equal(0, night.TicketsIssued.Mean);
    }

    [Fact]
    public void CompiledOnce_GivesTheSameRunsAsCompilingEveryTime_AndOneHallServesManyStaffings()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 400, days: 2);
        var hall = s.Compile();
        foreach (var windows in new[] { 1, 2, 4 })
        {
            var plan = HallScenarios.Weekday(windows);
            var staffing = hall.Compile(plan);
            for (var rep = 0; rep < 3; rep++)
            {
                var every = HallModel.Run(s, plan, 11, rep);
                var once = HallModel.Run(staffing, 11, rep);
                Assert.Equal(every.Totals, once.Totals);
                Assert.Equal(every.Tickets!.Select(t => (t.TicketId, t.CalledAt, t.Outcome)), once.Tickets!.Select(t => (t.TicketId, t.CalledAt, t.Outcome)));
            }

            var a = HallReplications.Run(s, plan, 4, 4, maxDegreeOfParallelism: 1);
            var b = HallReplications.Run(staffing, 4, 4, maxDegreeOfParallelism: 2);
            Assert.Equal(a.Days.Select(d => d.MeanWait.Mean), b.Days.Select(d => d.MeanWait.Mean));
            Assert.Equal(RosterEvaluator.Evaluate(s, plan, 9, 3).TotalWaitingByReplication, RosterEvaluator.Evaluate(staffing, 9, 3).TotalWaitingByReplication);
        }

        // Bad staffing is named once, when it is compiled; bad options when a run starts.
        var tooMany = Assert.Throws<HallSim.Scenarios.ScenarioValidationException>(() => hall.Compile(HallScenarios.Weekday(99)));
        Assert.NotEmpty(tooMany.Problems);
        Assert.Throws<HallSim.Scenarios.ScenarioValidationException>(() => HallModel.Run(hall.Compile(HallScenarios.Weekday(2)), 1, 0, new HallRunOptions { IntervalMinutes = 7 }));
        Assert.Throws<HallSim.Scenarios.ScenarioValidationException>(() => (s with { Days = 0 }).Compile());
    }

    [Fact]
    public void SameSeed_SameEstimates_OnOneOrManyThreads()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 500, days: 2);
        var one = HallReplications.Run(s, HallScenarios.Weekday(3), 2, 6, maxDegreeOfParallelism: 1);
        var many = HallReplications.Run(s, HallScenarios.Weekday(3), 2, 6, maxDegreeOfParallelism: 4);

        Assert.Equal(one.Days, many.Days);
        Assert.Equal(one.Intervals, many.Intervals);
    }

    [Fact]
    public void Cancellation_Stops()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            HallReplications.Run(HallScenarios.SmallHall(), HallScenarios.Weekday(3), 1, 4, cancellationToken: cts.Token));
    }

    private sealed class Sync(Action<int> report) : IProgress<int>
    {
        private readonly object _gate = new();

        public void Report(int value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
