namespace HallSim.Kernel;

/// <summary>
/// Which of the kernel's optimisations a <see cref="Simulation"/> uses. Every switch changes speed and memory only,
/// never results: the benchmarks turn one off at a time to measure what it buys in the same run.
/// </summary>
public sealed record KernelTuning
{
    /// <summary>Every optimisation on (what <see cref="Simulation(ulong, int, double)"/> uses).</summary>
    public static KernelTuning Default { get; } = new();

    /// <summary>Reuse the objects of timeouts, resource requests and uses, and of unnamed processes that ended successfully
    /// and that nobody waits on (default true).</summary>
    public bool Pooling { get; init; } = true;

    /// <summary>FIFO lanes for entries scheduled at the current time (default true); off: everything goes through the heap.</summary>
    public bool SameTimeLanes { get; init; } = true;
}
