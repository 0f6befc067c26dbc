using System.Runtime.CompilerServices;

namespace HallSim.Kernel;

internal enum EventState : byte
{
    Pending,
    Triggered,
    Processed,
}

internal enum EventKind : byte
{
    User,
    Timeout,
    Request,
    StorePut,
    StoreGet,
    ContainerPut,
    ContainerGet,
    Condition,
    Process,
    Use,
}

/// <summary>Something that wants to know when an event has been processed (conditions, second waiters, callbacks).</summary>
internal interface IEventListener
{
    void OnEventProcessed(EventCore e);
}

/// <summary>
/// The state behind the public <see cref="Event"/> handle. Timeouts and resource requests are pooled:
/// <see cref="Version"/> goes up each time a core is recycled, so a handle that outlived its event is
/// detected instead of silently reading another event's state.
/// </summary>
internal class EventCore
{
    internal readonly Simulation Sim;
    internal readonly EventKind Kind;
    internal int Version;
    internal EventState State;
    internal bool Ok = true;

    /// <summary>A listener other than a single waiting process was attached: never recycle this core.</summary>
    internal bool Shared;

    /// <summary>Set only for failed events: keeps two rarely used references out of every event.</summary>
    internal Failure? FailureInfo;

    /// <summary>The first process waiting on this event: stored inline, no list allocated (see docs/performance.md).</summary>
    internal ProcessCore? Waiter;

    internal List<IEventListener>? Listeners;

    internal EventCore(Simulation sim, EventKind kind)
    {
        Sim = sim;
        Kind = kind;
    }

    internal virtual object? BoxedValue => null;

    internal Exception? Error => FailureInfo?.Error;

    internal string? FailedBy => FailureInfo?.FailedBy;

    internal bool HasListeners => Waiter is not null || Listeners is { Count: > 0 };

    internal virtual string Describe() => Kind switch
    {
        EventKind.User => "Event",
        EventKind.Timeout => "Timeout",
        EventKind.StorePut => "Store.Put",
        EventKind.StoreGet => "Store.Get",
        EventKind.ContainerPut => "Container.Put",
        EventKind.ContainerGet => "Container.Get",
        EventKind.Condition => "Condition",
        _ => Kind.ToString(),
    };

    internal void AddListener(IEventListener listener)
    {
        Shared = true;
        (Listeners ??= new List<IEventListener>(2)).Add(listener);
    }

    internal void Subscribe(ProcessCore process)
    {
        if (Waiter is null && Listeners is null)
        {
            Waiter = process;
        }
        else
        {
            AddListener(process);
        }
    }

    internal void Unsubscribe(ProcessCore process)
    {
        if (ReferenceEquals(Waiter, process))
        {
            Waiter = null;
        }
        else
        {
            Listeners?.Remove(process);
        }
    }

    /// <summary>Triggers the event successfully; it is processed through the calendar at the current time.</summary>
    internal void TriggerSucceed()
    {
        Ok = true;
        State = EventState.Triggered;
        Sim.ScheduleNow(this);
    }

    internal void TriggerFail(Exception error)
    {
        Ok = false;
        FailureInfo = new Failure(error, Sim.ActiveCore?.Name);
        State = EventState.Triggered;
        Sim.ScheduleNow(this);
    }

    /// <summary>Marks the event processed without a calendar step (it completed at the moment it was asked for).</summary>
    internal void CompleteImmediately()
    {
        Ok = true;
        State = EventState.Processed;
    }

    /// <summary>Called by the calendar: the event's time has come.</summary>
    internal void Fire()
    {
        if (Kind == EventKind.Use)
        {
            var use = (RequestCore)this;
            if (!use.HoldStarted)
            {
                use.Resource.StartHold(use); // the grant entry of a use that waited: now its hold begins
                return;
            }

            use.Resource.EndHold(use); // release the unit before anyone resumes
        }

        State = EventState.Processed;
        if (Listeners is not null)
        {
            FireToListeners();
            return;
        }

        // The common case, kept small: one waiting process, or nobody.
        var waiter = Waiter;
        if (waiter is not null)
        {
            Waiter = null;
            waiter.Resume(this);
        }
        else if (!Ok)
        {
            throw Sim.Unhandled(this, Error!);
        }
        else if (Kind == EventKind.Use && !Shared)
        {
            ((RequestCore)this).Resource.RecycleUse((RequestCore)this); // nobody waited: recycle at once
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FireToListeners()
    {
        var waiter = Waiter;
        var listeners = Listeners!;
        if (!Ok && waiter is null && listeners.Count == 0)
        {
            throw Sim.Unhandled(this, Error!);
        }

        if (waiter is not null)
        {
            Waiter = null;
            waiter.Resume(this);
        }

        Listeners = null;
        foreach (var listener in listeners)
        {
            listener.OnEventProcessed(this);
        }
    }

    internal virtual void ResetForPool()
    {
        Version++;
        State = EventState.Pending;
        Ok = true;
        Shared = false;
        FailureInfo = null;
        Waiter = null;
        Listeners = null;
    }
}

/// <summary>Why an event failed, and which process failed it.</summary>
internal sealed record Failure(Exception Error, string? FailedBy);

/// <summary>An event that carries a typed value.</summary>
internal sealed class ValueEventCore<T> : EventCore
{
    internal T Value = default!;

    internal ValueEventCore(Simulation sim, EventKind kind)
        : base(sim, kind)
    {
    }

    internal override object? BoxedValue => Value;
}

/// <summary>A user callback attached with <see cref="Event.AddCallback"/>.</summary>
internal sealed class CallbackListener(Action<Event> callback) : IEventListener
{
    public void OnEventProcessed(EventCore e) => callback(new Event(e, e.Version));
}

/// <summary>AllOf / AnyOf.</summary>
internal sealed class ConditionCore : EventCore, IEventListener
{
    private readonly bool _all;
    private int _remaining;

    internal ConditionCore(Simulation sim, bool all, ReadOnlySpan<Event> events)
        : base(sim, EventKind.Condition)
    {
        _all = all;
        _remaining = events.Length;
        Events = events.ToArray();
        foreach (var e in events)
        {
            if (e.IsRecycledProcess)
            {
                if (!ReferenceEquals(e.CoreOrNull!.Sim, sim))
                {
                    throw new ArgumentException("A condition can only combine events of its own simulation.", nameof(events));
                }

                continue; // ended successfully; its core runs another process now and must not be marked
            }

            var core = e.ValidCore;
            if (!ReferenceEquals(core.Sim, sim))
            {
                throw new ArgumentException("A condition can only combine events of its own simulation.", nameof(events));
            }

            core.Shared = true;
        }

        if (events.Length == 0)
        {
            TriggerSucceed();
            return;
        }

        foreach (var e in events)
        {
            if (e.IsRecycledProcess)
            {
                Succeeded();
                continue;
            }

            var core = e.ValidCore;
            if (core.State == EventState.Processed)
            {
                OnEventProcessed(core);
            }
            else
            {
                core.AddListener(this);
            }
        }
    }

    internal Event[] Events { get; }

    internal override string Describe() => _all ? "AllOf" : "AnyOf";

    public void OnEventProcessed(EventCore e)
    {
        if (State != EventState.Pending)
        {
            return;
        }

        if (!e.Ok)
        {
            TriggerFail(e.Error!);
            return;
        }

        Succeeded();
    }

    private void Succeeded()
    {
        if (State != EventState.Pending)
        {
            return;
        }

        _remaining--;
        if (!_all || _remaining == 0)
        {
            TriggerSucceed();
        }
    }
}
