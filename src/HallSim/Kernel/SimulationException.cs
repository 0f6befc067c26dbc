namespace HallSim.Kernel;

/// <summary>A failure that nobody in the model handled: it stops the run.</summary>
public sealed class SimulationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, where and when.</param>
    /// <param name="time">Simulated minutes at which the run stopped.</param>
    /// <param name="processName">The process that failed or failed the event, if any.</param>
    /// <param name="innerException">The original error.</param>
    public SimulationException(string message, double time, string? processName, Exception? innerException)
        : base(message, innerException)
    {
        Time = time;
        ProcessName = processName;
    }

    /// <summary>Simulated minutes at which the run stopped.</summary>
    public double Time { get; }

    /// <summary>The process that failed or that failed the event; <c>null</c> when the model failed it outside a process.</summary>
    public string? ProcessName { get; }
}

/// <summary>
/// The error a process fails with when it was interrupted and yielded again (or ended) without calling
/// <see cref="Process.HandleInterrupt"/>: an interrupt cannot be ignored silently.
/// </summary>
public sealed class UnhandledInterruptException : Exception
{
    internal UnhandledInterruptException(string processName, object? cause, double time)
        : base($"Process '{processName}' was interrupted at {time} minutes (cause: {cause ?? "none"}) and did not call HandleInterrupt before its next yield.")
    {
        Cause = cause;
    }

    /// <summary>The cause passed to <see cref="Process.Interrupt"/>.</summary>
    public object? Cause { get; }
}
