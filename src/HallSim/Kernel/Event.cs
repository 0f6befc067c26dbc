namespace HallSim.Kernel;

/// <summary>
/// A handle to a simulation event: something that happens at a simulated time and that processes wait for
/// by yielding it. A default <see cref="Event"/> is no event. Handles to pooled events (timeouts, requests)
/// become stale when the event is recycled; using a stale handle throws <see cref="InvalidOperationException"/>.
/// </summary>
public readonly struct Event : IEquatable<Event>
{
    internal readonly EventCore? CoreOrNull;
    internal readonly int Version;

    internal Event(EventCore core, int version)
    {
        CoreOrNull = core;
        Version = version;
    }

    /// <summary>The simulation this event belongs to.</summary>
    public Simulation Simulation => IsRecycledProcess ? CoreOrNull!.Sim : ValidCore.Sim;

    /// <summary>True once the event has been triggered (it is scheduled or already processed).</summary>
    public bool IsTriggered => IsRecycledProcess || ValidCore.State != EventState.Pending;

    /// <summary>True once the event has been processed and its waiters resumed.</summary>
    public bool IsProcessed => IsRecycledProcess || ValidCore.State == EventState.Processed;

    /// <summary>True unless the event failed (meaningful once triggered).</summary>
    public bool IsOk => IsRecycledProcess || ValidCore.Ok;

    /// <summary>The event's value (<c>null</c> for events without one).</summary>
    public object? Value => IsRecycledProcess ? null : ValidCore.BoxedValue;

    /// <summary>The error the event failed with, or <c>null</c>.</summary>
    public Exception? Error => IsRecycledProcess ? null : ValidCore.Error;

    /// <summary>True for the default value, which is no event.</summary>
    public bool IsDefault => CoreOrNull is null;

    /// <summary>A handle to a process that ended successfully and whose core now runs another process: it reads as
    /// processed and successful, as the process it named was.</summary>
    internal bool IsRecycledProcess => CoreOrNull is { Kind: EventKind.Process } core && core.Version != Version;

    internal EventCore ValidCore
    {
        get
        {
            var core = CoreOrNull ?? throw new InvalidOperationException("This is default(Event), which is no event.");
            if (core.Version != Version)
            {
                throw new InvalidOperationException(
                    $"Stale handle: this {core.Describe()} was recycled (a timeout is recycled once the process that waited on it has moved on; a request once it is released). Read what you need before the next yield.");
            }

            return core;
        }
    }

    /// <summary>Triggers an event created by <see cref="Simulation.Event()"/> successfully; it is processed at the current time.</summary>
    /// <returns>This event.</returns>
    /// <exception cref="InvalidOperationException">The event was already triggered, or it is not a user event.</exception>
    public Event Succeed()
    {
        var core = UserCore(nameof(Succeed));
        core.TriggerSucceed();
        return this;
    }

    /// <summary>Triggers an event created by <see cref="Simulation.Event()"/> as failed; waiting processes see the error.</summary>
    /// <param name="error">The error.</param>
    /// <returns>This event.</returns>
    public Event Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var core = UserCore(nameof(Fail));
        core.TriggerFail(error);
        return this;
    }

    /// <summary>Calls <paramref name="callback"/> when the event is processed (at once if it already was).
    /// A callback takes responsibility for a failure: a failed event with a callback does not stop the run.</summary>
    /// <param name="callback">The callback.</param>
    public void AddCallback(Action<Event> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (IsRecycledProcess)
        {
            callback(this);
            return;
        }

        var core = ValidCore;
        if (core.State == EventState.Processed)
        {
            core.Shared = true;
            callback(this);
            return;
        }

        core.AddListener(new CallbackListener(callback));
    }

    internal EventCore UserCore(string operation)
    {
        var core = ValidCore;
        if (core.Kind != EventKind.User)
        {
            throw new InvalidOperationException($"{operation} is only for events created by Simulation.Event(); a {core.Describe()} is triggered by the simulation.");
        }

        if (core.State != EventState.Pending)
        {
            throw new InvalidOperationException($"{operation}: the event was already triggered at or before {core.Sim.Now} minutes.");
        }

        return core;
    }

    /// <inheritdoc />
    public bool Equals(Event other) => ReferenceEquals(CoreOrNull, other.CoreOrNull) && Version == other.Version;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Event other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CoreOrNull, Version);

    /// <summary>Equality of handles: same event, same version.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    public static bool operator ==(Event left, Event right) => left.Equals(right);

    /// <summary>Inequality of handles.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    public static bool operator !=(Event left, Event right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => CoreOrNull is null ? "(no event)" : IsRecycledProcess ? $"Process '{ProcessCore.DefaultName(Version)}'" : CoreOrNull.Describe();
}

/// <summary>A handle to an event that carries a value of type <typeparamref name="T"/> (for example a store's get).</summary>
/// <typeparam name="T">The value's type.</typeparam>
public readonly struct Event<T> : IEquatable<Event<T>>
{
    private readonly Event _event;

    internal Event(ValueEventCore<T> core, int version) => _event = new Event(core, version);

    /// <summary>The untyped handle, for yielding and for <see cref="Simulation.AllOf"/>.</summary>
    public Event AsEvent => _event;

    /// <summary>True once the event has been processed.</summary>
    public bool IsProcessed => _event.IsProcessed;

    /// <summary>True once the event has been triggered.</summary>
    public bool IsTriggered => _event.IsTriggered;

    /// <summary>True unless the event failed.</summary>
    public bool IsOk => _event.IsOk;

    /// <summary>The error the event failed with, or <c>null</c>.</summary>
    public Exception? Error => _event.Error;

    /// <summary>The value; <c>default</c> until the event has been triggered.</summary>
    public T Value => ((ValueEventCore<T>)_event.ValidCore).Value;

    /// <summary>Triggers an event created by <see cref="Simulation.Event{T}"/> with <paramref name="value"/>.</summary>
    /// <param name="value">The value waiting processes will read.</param>
    /// <returns>This event.</returns>
    public Event<T> Succeed(T value)
    {
        var core = (ValueEventCore<T>)_event.UserCore(nameof(Succeed));
        core.Value = value;
        core.TriggerSucceed();
        return this;
    }

    /// <summary>Triggers the event as failed.</summary>
    /// <param name="error">The error.</param>
    /// <returns>This event.</returns>
    public Event<T> Fail(Exception error)
    {
        _event.Fail(error);
        return this;
    }

    /// <summary>Calls <paramref name="callback"/> when the event is processed.</summary>
    /// <param name="callback">The callback.</param>
    public void AddCallback(Action<Event> callback) => _event.AddCallback(callback);

    /// <summary>The untyped handle.</summary>
    /// <param name="e">A typed handle.</param>
    public static implicit operator Event(Event<T> e) => e._event;

    /// <inheritdoc />
    public bool Equals(Event<T> other) => _event.Equals(other._event);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Event<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _event.GetHashCode();

    /// <summary>Equality of handles.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    public static bool operator ==(Event<T> left, Event<T> right) => left.Equals(right);

    /// <summary>Inequality of handles.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    public static bool operator !=(Event<T> left, Event<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => _event.ToString();
}
