namespace HallSim.Kernel;

/// <summary>
/// Switches that turn single kernel optimisations off, read once when a <see cref="Simulation"/> is created.
/// Only the benchmarks set them (KernelDesignChoices), to measure what each optimisation buys in the same run.
/// </summary>
internal static class KernelAblation
{
    /// <summary>Pool timeouts and requests (default true).</summary>
    internal static bool Pooling { get; set; } = true;

    /// <summary>FIFO lanes for entries scheduled at the current time (default true); off: everything goes through the heap.</summary>
    internal static bool Lanes { get; set; } = true;
}
