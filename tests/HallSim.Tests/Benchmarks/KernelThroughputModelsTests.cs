using HallSim.Benchmarks;

namespace HallSim.Tests.Benchmarks;

public class KernelThroughputModelsTests
{
    [Fact]
    public void ProcessApi_And_HandWrittenLoop_ReportIdenticalResults()
    {
        var spec = new MmcSpec(Customers: 100_000);

        var hand = MmcHandLoop.Run(spec);
        var process = MmcProcessModel.Run(spec);

        Assert.Equal(spec.Customers, hand.Served);
        Assert.Equal(hand.Served, process.Served);
        Assert.Equal(hand.TotalWait, process.TotalWait); // same draws, same FIFO order: bit-identical sums
        Assert.Equal(hand.EndTime, process.EndTime);
    }

    [Fact]
    public void ReadmeStyleAndUseModels_ReportTheHandLoopsResults()
    {
        var spec = new MmcSpec(Customers: 50_000);
        var hand = MmcHandLoop.RunCounting(spec);
        var readme = MmcReadmeModel.RunCounting(spec);
        var use = MmcUseModel.RunCounting(spec);

        Assert.Equal(hand.Result, readme.Result);
        Assert.Equal(hand.Result.Served, use.Result.Served);
        Assert.Equal(hand.Result.EndTime, use.Result.EndTime);
        // The use model adds each wait when the service ends, so the same waits are summed in another order.
        Assert.Equal(hand.Result.TotalWait, use.Result.TotalWait, hand.Result.TotalWait * 1e-12);
        Assert.Equal(2 * spec.Customers, hand.Events);
        // The same calendar entries (arrival, start, a grant entry for those who waited, the service's end): a use
        // saves the process's resume at the grant and the timeout object, not entries.
        Assert.Equal(readme.Events, use.Events);
    }

    [Fact]
    public void RatioHarness_MeasuresEveryVariant_AgainstTheHandLoop()
    {
        var log = new StringWriter();
        var rows = RatioHarness.Measure(RatioHarness.MmcVariants, new MmcSpec(Customers: 2_000), rounds: 2, maxWarmup: 1, log);
        Assert.Equal(RatioHarness.MmcVariants.Count, rows.Count);
        Assert.Equal(1.0, rows[0].MedianRatio);
        Assert.All(rows, r => Assert.True(r.MedianCpuMs > 0 && double.IsFinite(r.MedianRatio) && r.EventsPerCustomer >= 2));
        Assert.Contains("| HandWrittenLoop |", RatioHarness.Format(rows));
    }

    [Fact]
    public void KernelOptimisations_DoNotChangeResults()
    {
        // Pooling and the same-time FIFO lanes must change speed only: same served count, waits and end time.
        var spec = new MmcSpec(Customers: 20_000);
        var full = MmcProcessModel.Run(spec);
        var noPooling = MmcProcessModel.Run(spec with { Tuning = new HallSim.Kernel.KernelTuning { Pooling = false } });
        var noLanes = MmcProcessModel.Run(spec with { Tuning = new HallSim.Kernel.KernelTuning { SameTimeLanes = false } });

        Assert.Equal(full, noPooling);
        Assert.Equal(full, noLanes);
        Assert.Equal(full, MmcProcessModel.Run(spec));

        // A deep calendar (10,000 far-future entries) changes nothing either; the last departure is the same.
        var deep = MmcProcessModel.Run(spec with { PendingBackground = 10_000 });
        Assert.Equal(full, deep);
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentResults()
    {
        var a = MmcHandLoop.Run(new MmcSpec(Customers: 2_000, Seed: 1));
        var b = MmcHandLoop.Run(new MmcSpec(Customers: 2_000, Seed: 2));

        Assert.NotEqual(a.TotalWait, b.TotalWait);
    }
}
