using BenchmarkDotNet.Attributes;
using HallSim.Kernel;

namespace HallSim.Benchmarks;

/// <summary>
/// What each kernel optimisation buys on the KernelThroughput model (M/M/16, ρ = 0.9, 100,000 customers):
/// the full kernel against the same kernel with one optimisation switched off.
/// </summary>
[MemoryDiagnoser]
public class KernelDesignChoices
{
    private MmcSpec _spec = new();

    /// <summary>Far-future entries pending in the calendar: 0 (M/M/16 alone, ~17 entries) or 10,000 (a deep calendar).</summary>
    [Params(0, 10_000)]
    public int PendingBackground { get; set; }

    [GlobalSetup]
    public void Setup() => _spec = new MmcSpec(PendingBackground: PendingBackground);

    [Benchmark(Baseline = true)]
    public MmcResult AllOptimisations() => MmcProcessModel.Run(_spec);

    [Benchmark]
    public MmcResult WithoutPooling() => MmcProcessModel.Run(_spec with { Tuning = new KernelTuning { Pooling = false } });

    [Benchmark]
    public MmcResult WithoutSameTimeLanes() => MmcProcessModel.Run(_spec with { Tuning = new KernelTuning { SameTimeLanes = false } });
}
