namespace HallSim.Kernel;

/// <summary>
/// A running process: an iterator of events. Resumed directly by the event it waits on (no callback
/// list, no calendar step when the yielded event has already been processed).
/// </summary>
internal sealed class ProcessCore : EventCore, IEventListener
{
    private readonly IEnumerator<Event> _body;
    private readonly string? _name;
    private Queue<object?>? _interrupts;
    private EventCore? _target;
    private int _targetVersion;
    private bool _interruptPending;
    private object? _interruptCause;
    private Exception? _pendingFault;

    internal ProcessCore(Simulation sim, IEnumerator<Event> body, string? name, long id)
        : base(sim, EventKind.Process)
    {
        _body = body;
        _name = name;
        Id = id;
    }

    internal long Id { get; }

    internal string Name => _name ?? $"process #{Id}";

    internal bool IsAlive => State == EventState.Pending;

    internal bool IsStarted { get; private set; }

    internal Event Target => _target is null ? default : new Event(_target, _targetVersion);

    internal override string Describe() => $"Process '{Name}'";

    public void OnEventProcessed(EventCore e) => Resume(e);

    internal void Start()
    {
        IsStarted = true;
        Resume(null);
    }

    internal void QueueInterrupt(object? cause)
    {
        (_interrupts ??= new Queue<object?>()).Enqueue(cause);
        Sim.ScheduleInterrupt(this);
    }

    /// <summary>Called by the calendar when an interrupt's time has come.</summary>
    internal void DeliverInterrupt()
    {
        var cause = _interrupts!.Dequeue();
        if (!IsAlive)
        {
            return; // the process ended before the interrupt arrived: nothing to interrupt (as in SimPy)
        }

        if (_target is not null && _target.Version == _targetVersion)
        {
            _target.Unsubscribe(this);
        }

        _target = null;
        _interruptPending = true;
        _interruptCause = cause;
        Sim.Trace?.Invoke(new TraceRecord(Sim.Now, TraceKind.ProcessInterrupted, Describe()));
        Resume(null);
    }

    internal bool TakeInterrupt(out object? cause)
    {
        cause = _interruptCause;
        if (!_interruptPending)
        {
            return false;
        }

        _interruptPending = false;
        _interruptCause = null;
        return true;
    }

    internal bool TakeFault(out Exception? error)
    {
        error = _pendingFault;
        _pendingFault = null;
        return error is not null;
    }

    /// <summary>Runs the body until it waits on an event that has not been processed, or ends.</summary>
    internal void Resume(EventCore? from)
    {
        if (from is not null && !from.Ok)
        {
            _pendingFault = from.Error;
        }

        _target = null;
        var sim = Sim;
        var previous = sim.ActiveCore;
        sim.ActiveCore = this;
        try
        {
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

                if (_interruptPending)
                {
                    End(new UnhandledInterruptException(Name, _interruptCause, sim.Now), disposeBody: true);
                    return;
                }

                if (_pendingFault is not null)
                {
                    End(_pendingFault, disposeBody: true);
                    return;
                }

                if (!hasNext)
                {
                    End(null, disposeBody: true);
                    return;
                }

                var next = _body.Current;
                var core = next.CoreOrNull;
                string? problem = null;
                if (core is null)
                {
                    problem = "yielded default(Event), which is no event";
                }
                else if (core.Version != next.Version)
                {
                    problem = $"yielded a stale handle to a {core.Describe()} that was already recycled (a timeout is recycled once the process that waited on it has moved on; a request once it is released)";
                }
                else if (!ReferenceEquals(core.Sim, sim))
                {
                    problem = "yielded an event of another simulation";
                }
                else if (ReferenceEquals(core, this))
                {
                    problem = "yielded itself and would wait forever";
                }

                if (problem is not null)
                {
                    End(new InvalidOperationException($"Process '{Name}' {problem}."), disposeBody: true);
                    return;
                }

                if (core!.State == EventState.Processed)
                {
                    // Already fired: continue at once, no calendar step.
                    if (!core.Ok)
                    {
                        _pendingFault = core.Error;
                    }

                    continue;
                }

                core.Subscribe(this);
                _target = core;
                _targetVersion = next.Version;
                return;
            }
        }
        finally
        {
            sim.ActiveCore = previous;
            if (from is not null && from.Kind == EventKind.Timeout && !from.Shared)
            {
                // This process was the timeout's only listener and has moved on: recycle it.
                sim.RecycleTimeout(from);
            }
        }
    }

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

        _interruptPending = false;
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
        Error = error;
        FailedBy = Name;
        if (HasListeners)
        {
            State = EventState.Triggered;
            Sim.ScheduleNow(this);
        }
        else
        {
            State = EventState.Processed;
            throw Sim.Unhandled(this, error);
        }
    }
}
