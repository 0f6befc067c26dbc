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
