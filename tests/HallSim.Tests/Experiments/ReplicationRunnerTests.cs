using HallSim.Benchmarks;
using HallSim.Experiments;
using HallSim.Tests.Support;

namespace HallSim.Tests.Experiments;

public class ReplicationRunnerTests
{
    private static MmcResult Replication(int i) => MmcProcessModel.Run(new MmcSpec(Customers: 3_000, Seed: 100 + (ulong)i));

    [Fact]
    public void Results_AreInReplicationOrder_AndIdenticalOnOneOrManyThreads()
    {
        var one = ReplicationRunner.Run(12, Replication, maxDegreeOfParallelism: 1);
        var many = ReplicationRunner.Run(12, Replication, maxDegreeOfParallelism: 4);

        Assert.Equal(one, many);
        Assert.Equal(Replication(5), one[5]);
    }

    [Fact]
    public void Progress_ReportsEachReplication()
    {
        var reports = new List<int>();
        var progress = new SynchronousProgress<int>(reports.Add);
        ReplicationRunner.Run(6, i => i, progress: progress);

        Assert.Equal(6, reports.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6], reports.Order());
    }

    [Fact]
    public void Cancellation_StopsTheRun()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ReplicationRunner.Run(4, i => i, cancellationToken: cts.Token));
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplicationRunner.Run(0, i => i));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplicationRunner.Run(3, i => i, maxDegreeOfParallelism: 0));
    }

    [Fact]
    public void MeanEstimate_MatchesTheTestsOwnStudentTInterval()
    {
        double[] values = [3.1, 2.7, 3.9, 3.3, 2.8, 3.6];
        var ours = MeanEstimate.Of(values, 0.95);
        var oracle = ConfidenceInterval.Of(values, 0.95);

        Assert.Equal(oracle.Mean, ours.Mean, 12);
        Assert.Equal(oracle.HalfWidth, ours.HalfWidth, 12);
        Assert.Equal(0, MeanEstimate.Of([4.0]).HalfWidth);
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanEstimate.Of([1.0, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeanEstimate.Of([1.0, 2.0], 1.0));
        Assert.Throws<ArgumentException>(() => MeanEstimate.Of([]));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly object _gate = new();

        public void Report(T value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
