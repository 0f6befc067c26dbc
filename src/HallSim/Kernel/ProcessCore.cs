namespace HallSim.Kernel;

/// <summary>
/// A running process: an iterator of events. Resumed directly by the event it waits on (no callback
/// list, no calendar step when the yielded event has already been processed).
/// </summary>
internal sealed class ProcessCore : EventCore, IEventListener
{
    // Every field here is paid by every process (one per citizen): rare state lives in _extras.
    // 80 bytes per process with this layout, 128 bytes with the rare fields inline (docs/performance.md).
    // The process's number is its Version: a recycled core takes the next number, so handles to the process that
    // ended on it go stale (and read as "ended successfully", which is what a recycled process did).
    private IEnumerator<Event> _body;
    private Extras? _extras;

    // True while the body waits on the event it yielded last, which is the body's Current: the event is not stored
    // here (a reference store per wait costs a GC write barrier, docs/performance.md).
    private bool _waiting;

    internal ProcessCore(Simulation sim, IEnumerator<Event> body, string? name, int number)
        : base(sim, EventKind.Process)
    {
        _body = body;
        Version = number;
        if (name is not null)
        {
            _extras = new Extras { Name = name };
        }
    }

    internal string Name => _extras?.Name ?? DefaultName(Version);

    /// <summary>A process that ended successfully, unnamed, never interrupted or faulted, that nobody waits on or
    /// listens to: nothing can tell its core from a new one, so it can be recycled.</summary>
    internal bool CanRecycle => State == EventState.Processed && Ok && _extras is null && !Shared && Waiter is null && Listeners is null;

    internal static string DefaultName(int number) => $"process #{(uint)number}";

    /// <summary>Makes a recycled core a new process with its own number.</summary>
    internal void Reuse(IEnumerator<Event> body, int number)
    {
        ResetForPool();
        Version = number;
        _body = body;
        _waiting = false;
    }

    internal bool IsAlive => State == EventState.Pending;

    internal Event Target => _waiting ? _body.Current : default;

    internal override string Describe() => $"Process '{Name}'";

    public void OnEventProcessed(EventCore e) => Resume(e);

    internal void Start() => Resume(null);

    internal void QueueInterrupt(object? cause)
    {
        var extras = _extras ??= new Extras();
        (extras.Interrupts ??= new Queue<object?>()).Enqueue(cause);
        Sim.ScheduleInterrupt(this);
    }

    /// <summary>Called by the calendar when an interrupt's time has come.</summary>
    internal void DeliverInterrupt()
    {
        var extras = _extras!;
        var cause = extras.Interrupts!.Dequeue();
        if (!IsAlive)
        {
            return; // the process ended before the interrupt arrived: nothing to interrupt (as in SimPy)
        }

        if (_waiting && _body.Current is { CoreOrNull: { } target } current && target.Version == current.Version)
        {
            target.Unsubscribe(this);
        }

        _waiting = false;
        extras.InterruptPending = true;
        extras.InterruptCause = cause;
        Sim.Trace?.Invoke(new TraceRecord(Sim.Now, TraceKind.ProcessInterrupted, Describe()));
        Resume(null);
    }

    internal bool TakeInterrupt(out object? cause)
    {
        var extras = _extras;
        cause = extras?.InterruptCause;
        if (extras is null || !extras.InterruptPending)
        {
            return false;
        }

        extras.InterruptPending = false;
        extras.InterruptCause = null;
        return true;
    }

    internal bool TakeFault(out Exception? error)
    {
        error = _extras?.PendingFault;
        if (error is null)
        {
            return false;
        }

        _extras!.PendingFault = null;
        return true;
    }

    private void SetPendingFault(Exception? error) => (_extras ??= new Extras()).PendingFault = error;

    /// <summary>Resumes the process after <paramref name="from"/> was processed (null: start or interrupt).</summary>
    internal void Resume(EventCore? from)
    {
        if (from is not null && !from.Ok)
        {
            SetPendingFault(from.Error);
        }

        _waiting = false;
        var sim = Sim;
        sim.ActiveCore = this;
        Step();
        sim.ActiveCore = null; // Resume never nests: processes are resumed only from the run loop

        // No try/finally: the only exception that leaves Step is an unhandled failure, which stops the run,
        // and End clears the active process before throwing it. (Measured: no difference in time either way.)
        if (from is not null && !from.Shared)
        {
            if (from.Kind == EventKind.Timeout)
            {
                // This process was the timeout's only listener and has moved on: recycle it.
                sim.RecycleTimeout(from);
            }
            else if (from.Kind == EventKind.Use)
            {
                // This process was the use's only waiter and has moved on (it could read GrantedAt until now).
                var use = (RequestCore)from;
                use.Resource.RecycleUse(use);
            }
            else if (from is ProcessCore ended && ended.CanRecycle)
            {
                // This process was the only one waiting for `ended`, has read what it wanted and moved on.
                sim.RecycleProcess(ended);
            }
        }

        if (CanRecycle)
        {
            sim.RecycleProcess(this); // ended, and nobody waits for it
        }
    }

    /// <summary>Runs the body until it waits on an event that has not been processed, or ends.</summary>
    private void Step()
    {
        var sim = Sim;
        while (true)
        {
            bool hasNext;
            try
            {
                hasNext = _body.MoveNext();
            }
            catch (Exception ex)
            {
                End(ex, disposeBody: false);
                return;
            }

            if (_extras is { } extras)
            {
                if (extras.InterruptPending)
                {
                    End(new UnhandledInterruptException(Name, extras.InterruptCause, sim.Now), disposeBody: true);
                    return;
                }

                if (extras.PendingFault is { } fault)
                {
                    End(fault, disposeBody: true);
                    return;
                }
            }

            if (!hasNext)
            {
                End(null, disposeBody: true);
                return;
            }

            var next = _body.Current;
            var core = next.CoreOrNull;
            if (core is not null && core.Version != next.Version && core.Kind == EventKind.Process && ReferenceEquals(core.Sim, sim))
            {
                continue; // a process that ended successfully and was recycled: done, as SimPy would say at once
            }

            if (core is null || core.Version != next.Version || !ReferenceEquals(core.Sim, sim) || ReferenceEquals(core, this))
            {
                End(new InvalidOperationException($"Process '{Name}' {DescribeBadYield(core, next)}."), disposeBody: true);
                return;
            }

            if (core.State == EventState.Processed)
            {
                // Already fired: continue at once, no calendar step.
                if (!core.Ok)
                {
                    SetPendingFault(core.Error);
                }

                continue;
            }

            core.Subscribe(this);
            _waiting = true;
            return;
        }
    }

    private string DescribeBadYield(EventCore? core, Event next) =>
        core is null ? "yielded default(Event), which is no event"
        : !ReferenceEquals(core.Sim, Sim) ? "yielded an event of another simulation"
        : core.Version != next.Version ? $"yielded a stale handle to a {core.Describe()} that was already recycled (a timeout is recycled once the process that waited on it has moved on; a request once it is released)"
        : "yielded itself and would wait forever";

    private void End(Exception? error, bool disposeBody)
    {
        if (disposeBody)
        {
            try
            {
                _body.Dispose(); // runs the body's finally blocks: `using` requests are released
            }
            catch (Exception ex) when (error is null)
            {
                error = ex;
            }
        }

        if (_extras is not null)
        {
            _extras.InterruptPending = false;
        }

        if (error is null)
        {
            Ok = true;
            if (HasListeners)
            {
                State = EventState.Triggered;
                Sim.ScheduleNow(this);
            }
            else
            {
                State = EventState.Processed; // nobody waits: no completion event (see docs/performance.md)
            }

            return;
        }

        Ok = false;
        FailureInfo = new Failure(error, Name);
        if (HasListeners)
        {
            State = EventState.Triggered;
            Sim.ScheduleNow(this);
        }
        else
        {
            State = EventState.Processed;
            Sim.ActiveCore = null;
            throw Sim.Unhandled(this, error);
        }
    }

    private sealed class Extras
    {
        public string? Name;
        public Queue<object?>? Interrupts;
        public bool InterruptPending;
        public object? InterruptCause;
        public Exception? PendingFault;
    }
}
