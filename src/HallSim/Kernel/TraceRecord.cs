namespace HallSim.Kernel;

/// <summary>What a processed calendar entry was.</summary>
public enum TraceKind
{
    /// <summary>An event was processed and its waiters resumed.</summary>
    EventProcessed,

    /// <summary>A process started.</summary>
    ProcessStarted,

    /// <summary>An interrupt reached its process.</summary>
    InterruptScheduled,

    /// <summary>A process was resumed by an interrupt.</summary>
    ProcessInterrupted,
}

/// <summary>One line of a simulation trace (see <see cref="Simulation.Trace"/>).</summary>
/// <param name="Time">Simulated minutes.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Subject">The event or process concerned, for example "Timeout" or "Process 'customer 3'".</param>
public readonly record struct TraceRecord(double Time, TraceKind Kind, string Subject);
