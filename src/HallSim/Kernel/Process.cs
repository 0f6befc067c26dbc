namespace HallSim.Kernel;

/// <summary>
/// A handle to a process started with <see cref="Simulation.Process"/>. A process is also an event: it is
/// processed when the body ends (failed if the body threw or ignored an interrupt or a failed event).
/// </summary>
/// <remarks>
/// <para><b>Interrupts.</b> C# cannot throw into an iterator. <see cref="Interrupt"/> detaches the process from the
/// event it waits on and resumes it; the body must then call <see cref="HandleInterrupt"/> (usually through
/// <c>sim.ActiveProcess.HandleInterrupt(out var cause)</c>) before it yields again or ends. If it does not,
/// the process fails with <see cref="UnhandledInterruptException"/>, which stops the run unless another process
/// waits on this one.</para>
/// <para><b>Failed events.</b> A process resumed by a failed event must call <see cref="HandleFault"/> before its next
/// yield; otherwise it fails with that event's error, as a SimPy generator would with the exception thrown into it.</para>
/// </remarks>
public readonly struct Process : IEquatable<Process>
{
    internal readonly ProcessCore Core;
    private readonly int _number;

    internal Process(ProcessCore core, int number)
    {
        Core = core;
        _number = number;
    }

    /// <summary>The process's name (default: "process #n", n counting from 1 in order of creation).</summary>
    public string Name => Live is { } core ? core.Name : ProcessCore.DefaultName(_number);

    /// <summary>True until the body has ended.</summary>
    public bool IsAlive => Live is { } core && core.IsAlive;

    /// <summary>True when the process ended successfully (false while alive).</summary>
    public bool IsOk => Live is not { } core || (!core.IsAlive && core.Ok);

    /// <summary>The error the process failed with, or <c>null</c>.</summary>
    public Exception? Error => Live?.Error;

    /// <summary>The event the process waits on now (default when it is not waiting).</summary>
    public Event Target => Live?.Target ?? default;

    /// <summary>The core while it still runs this process; null once the process ended successfully and its core was
    /// recycled for another (only an unnamed process that nobody waited on or listened to is recycled).</summary>
    private ProcessCore? Live => Core.Version == _number ? Core : null;

    /// <summary>Interrupts the process: at the current time, before other normal events, it is detached from the event it
    /// waits on and resumed; it must call <see cref="HandleInterrupt"/> before its next yield.</summary>
    /// <param name="cause">Anything that tells the process why (for example <see cref="Preempted"/>).</param>
    /// <exception cref="InvalidOperationException">The process has ended, or a process interrupts itself.</exception>
    public void Interrupt(object? cause = null)
    {
        if (!IsAlive)
        {
            throw new InvalidOperationException($"Process '{Name}' has ended and cannot be interrupted.");
        }

        if (ReferenceEquals(Core.Sim.ActiveCore, Core))
        {
            throw new InvalidOperationException($"Process '{Name}' cannot interrupt itself.");
        }

        Core.QueueInterrupt(cause);
    }

    /// <summary>Reads and clears a pending interrupt. Call it after each yield in a process that can be interrupted.</summary>
    /// <param name="cause">The interrupt's cause, or <c>null</c>.</param>
    /// <returns>True if the process was resumed by an interrupt that has not been handled yet.</returns>
    public bool HandleInterrupt(out object? cause)
    {
        if (Live is { } core)
        {
            return core.TakeInterrupt(out cause);
        }

        cause = null;
        return false;
    }

    /// <summary>Reads and clears the error of a failed event that resumed this process.</summary>
    /// <param name="error">The error, or <c>null</c>.</param>
    /// <returns>True if the process was resumed by a failed event.</returns>
    public bool HandleFault(out Exception? error)
    {
        if (Live is { } core)
        {
            return core.TakeFault(out error);
        }

        error = null;
        return false;
    }

    /// <summary>The process as an event to wait on.</summary>
    /// <param name="process">The process.</param>
    public static implicit operator Event(Process process) => new(process.Core, process._number);

    /// <inheritdoc />
    public bool Equals(Process other) => ReferenceEquals(Core, other.Core) && _number == other._number;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Process other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Core, _number);

    /// <summary>Equality of handles.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    public static bool operator ==(Process left, Process right) => left.Equals(right);

    /// <summary>Inequality of handles.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    public static bool operator !=(Process left, Process right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Core is null ? "(no process)" : $"Process '{Name}'";
}
