using BenchmarkDotNet.Attributes;

namespace HallSim.Benchmarks;

/// <summary>M/M/16 at utilisation 0.9 (mean service 10 minutes), 100,000 customers per operation, written twice.</summary>
[MemoryDiagnoser]
public class KernelThroughput
{
    private readonly MmcSpec _spec = new();

    [Benchmark(Baseline = true)]
    public MmcResult HandWrittenLoop() => MmcHandLoop.Run(_spec);

    [Benchmark]
    public MmcResult ProcessApi() => MmcProcessModel.Run(_spec);

    [Benchmark]
    public MmcResult ProcessApiReadmeStyle() => MmcReadmeModel.Run(_spec);

    [Benchmark]
    public MmcResult ProcessApiUse() => MmcUseModel.Run(_spec);
}
