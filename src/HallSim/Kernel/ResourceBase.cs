using HallSim.Monitoring;

namespace HallSim.Kernel;

/// <summary>
/// A resource with <see cref="Capacity"/> identical units (windows, counters, machines) that processes request,
/// hold and release. The subclasses differ in the order in which waiting requests are served:
/// <see cref="Resource"/> (first come, first served), <see cref="PriorityResource"/> (by priority, then first come)
/// and <see cref="PreemptiveResource"/> (by priority, and a more urgent request can take a unit away).
/// </summary>
/// <remarks>Not thread-safe: a resource belongs to one simulation.</remarks>
public abstract class ResourceBase
{
    private readonly Pool<RequestCore>? _pool;
    private readonly Pool<RequestCore>? _usePool;
    private readonly bool _tracksOwners;
    private long _sequence;

    private protected ResourceBase(Simulation simulation, int capacity, string? name, bool tracksOwners = false)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1 unit");
        }

        Simulation = simulation;
        Capacity = capacity;
        Name = name ?? GetType().Name;
        _tracksOwners = tracksOwners;

        // Each resource pools its own requests: a recycled request keeps its resource, so renting one stores no
        // reference (no GC write barrier) unless the resource must know whose request it is (preemption).
        _pool = simulation.Pooling ? new Pool<RequestCore>() : null;
        _usePool = simulation.Pooling ? new Pool<RequestCore>() : null;
    }

    /// <summary>The simulation the resource belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>The resource's name, for messages (default: the type's name).</summary>
    public string Name { get; }

    /// <summary>Number of units.</summary>
    public int Capacity { get; }

    /// <summary>Units granted now.</summary>
    public int Count { get; private set; }

    /// <summary>Requests waiting now (withdrawn requests excluded).</summary>
    public int QueueLength { get; private set; }

    /// <summary>Optional monitor of <see cref="Count"/> over time (default: none, no cost).</summary>
    public TimeWeightedMonitor? UsageMonitor { get; set; }

    /// <summary>Optional monitor of <see cref="QueueLength"/> over time (default: none, no cost).</summary>
    public TimeWeightedMonitor? QueueMonitor { get; set; }

    /// <summary>Releases a granted unit; the longest-waiting (or most urgent) request is granted next.</summary>
    /// <param name="request">A request of this resource that was granted and not yet released.</param>
    /// <exception cref="ArgumentException">The request is default or belongs to another resource.</exception>
    /// <exception cref="InvalidOperationException">The request was never granted, or was already released, withdrawn or preempted.</exception>
    public void Release(Request request)
    {
        if (request.IsNone)
        {
            throw new ArgumentException("default(Request) is no request.", nameof(request));
        }

        var core = request.LiveCore ?? throw new InvalidOperationException(
            $"Release on {Name}: the request was already released, withdrawn or preempted.");
        if (!ReferenceEquals(core.Resource, this))
        {
            throw new ArgumentException($"The request belongs to {core.Resource.Name}, not to {Name}.", nameof(request));
        }

        if (core.RequestState != RequestState.Granted)
        {
            throw new InvalidOperationException(
                $"Release on {Name}: the request was never granted (it is still waiting); dispose it to withdraw it.");
        }

        ReleaseGranted(core);
    }

    internal Request Make(int priority, bool preempt)
    {
        var sim = Simulation;
        if (_pool is null || !_pool.TryTake(out var core))
        {
            core = new RequestCore(sim, this);
        }

        if (_tracksOwners)
        {
            core.Owner = sim.ActiveCore;
            core.OwnerVersion = sim.ActiveCore?.Version ?? 0;
        }

        core.Preempt = preempt;
        var handle = new Request(core);
        if (Admit(core, priority))
        {
            // A free unit: granted at once, no calendar step (docs/architecture.md, "Immediate completion").
            core.CompleteImmediately();
        }
        else if (preempt && FindVictim(core) is { } victim)
        {
            Preempt(victim, core);
        }

        return handle;
    }

    internal ResourceUse MakeUse(double minutes, int priority)
    {
        if (!(minutes >= 0) || double.IsPositiveInfinity(minutes))
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "must be a finite number of minutes, at least 0");
        }

        if (_usePool is null || !_usePool.TryTake(out var core))
        {
            core = new RequestCore(Simulation, this, EventKind.Use);
        }

        core.HoldMinutes = minutes;
        var handle = new ResourceUse(core);
        if (Admit(core, priority))
        {
            StartHold(core);
        }

        return handle;
    }

    /// <summary>Stamps a request or use and grants it if a unit is free (true), else queues it (false).</summary>
    private bool Admit(RequestCore core, int priority)
    {
        core.Priority = priority;
        core.Sequence = _sequence++;
        core.RequestedAt = Simulation.Now;
        if (Count < Capacity)
        {
            Grant(core);
            return true;
        }

        core.RequestState = RequestState.Queued;
        Enqueue(core);
        QueueLength++;
        QueueMonitor?.Update(QueueLength);
        return false;
    }

    /// <summary>A granted use: its hold end goes into the calendar now; its event is processed when the hold ends.</summary>
    internal void StartHold(RequestCore core)
    {
        core.State = EventState.Triggered;
        core.HoldStarted = true;
        Simulation.ScheduleAt(Simulation.Now + core.HoldMinutes, core);
    }

    /// <summary>Called when a use's hold ends, before its waiter resumes: releases the unit, grants the next request.</summary>
    internal void EndHold(RequestCore core)
    {
        core.RequestState = RequestState.Released;
        FreeUnit(core); // the core stays readable until its waiter moves on (RecycleUse)
        Drain();
    }

    internal void RecycleUse(RequestCore core) => Return(core);

    /// <summary>Dispose semantics: release if granted, withdraw if waiting.</summary>
    internal void Finish(RequestCore core)
    {
        if (core.RequestState == RequestState.Granted)
        {
            ReleaseGranted(core);
        }
        else if (core.RequestState == RequestState.Queued)
        {
            core.RequestState = RequestState.Cancelled; // left in the queue as a tombstone, recycled when dequeued
            core.Version++;
            QueueLength--;
            QueueMonitor?.Update(QueueLength);
        }
    }

    private protected abstract void Enqueue(RequestCore request);

    /// <summary>The next waiting request in service order, or null; may return cancelled tombstones.</summary>
    private protected abstract RequestCore? Dequeue();

    private protected virtual void OnGranted(RequestCore request)
    {
    }

    private protected virtual void OnReleased(RequestCore request)
    {
    }

    private protected virtual RequestCore? FindVictim(RequestCore request) => null;

    private void Grant(RequestCore core)
    {
        Count++;
        core.RequestState = RequestState.Granted;
        core.UsageSince = Simulation.Now;
        if (_tracksOwners)
        {
            OnGranted(core); // only the preemptive resource keeps its users; a flag test is cheaper than the call
        }

        UsageMonitor?.Update(Count);
    }

    private void ReleaseGranted(RequestCore core)
    {
        FreeUnit(core);
        Return(core);
        Drain();
    }

    private void FreeUnit(RequestCore core)
    {
        Count--;
        if (_tracksOwners)
        {
            OnReleased(core);
        }

        UsageMonitor?.Update(Count);
    }

    /// <summary>Back to its pool (requests and uses have one each).</summary>
    private void Return(RequestCore core)
    {
        core.ResetForPool(); // bumps the version even without pooling: old handles must go stale
        (core.Kind == EventKind.Use ? _usePool : _pool)?.Return(core);
    }

    private void Drain()
    {
        while (Count < Capacity && QueueLength > 0)
        {
            var next = Dequeue();
            if (next is null)
            {
                break;
            }

            if (next.RequestState == RequestState.Cancelled)
            {
                Return(next);
                continue;
            }

            QueueLength--;
            QueueMonitor?.Update(QueueLength);
            Grant(next);
            // A grant entry now. A use granted from the queue books its hold end when this entry fires (its hold has
            // not started, EventCore.Fire), where a request/timeout/release customer resumes and books its timeout.
            next.TriggerSucceed();
        }
    }

    private void Preempt(RequestCore victim, RequestCore by)
    {
        var owner = victim.Owner;
        var ownerVersion = victim.OwnerVersion;
        var since = victim.UsageSince;
        FreeUnit(victim);
        Return(victim); // the victim's handle is now stale: its `using` does nothing
        if (owner is not null && owner.Version == ownerVersion && owner.IsAlive)
        {
            owner.QueueInterrupt(new Preempted(by.Owner is { } p ? new Process(p, by.OwnerVersion) : null, since, this));
        }

        Drain();
    }
}

/// <summary>A resource that serves waiting requests first come, first served.</summary>
public sealed class Resource : ResourceBase
{
    private RequestCore?[] _queue = new RequestCore?[16];
    private int _head;
    private int _tail;

    /// <summary>Creates the resource.</summary>
    /// <param name="simulation">The simulation it belongs to.</param>
    /// <param name="capacity">Number of units, at least 1.</param>
    /// <param name="name">Name for messages (default "Resource").</param>
    public Resource(Simulation simulation, int capacity, string? name = null)
        : base(simulation, capacity, name)
    {
    }

    /// <summary>Requests one unit. Yield the request to wait for it; dispose it to release or withdraw.</summary>
    public Request Request() => Make(0, preempt: false);

    /// <summary>Requests one unit, holds it for <paramref name="minutes"/> once granted and then releases it: request,
    /// timeout and release in one event, processed when the hold ends (see <see cref="ResourceUse"/>).</summary>
    /// <param name="minutes">How long the unit is held once granted, finite and at least 0.</param>
    public ResourceUse Use(double minutes) => MakeUse(minutes, 0);

    private protected override void Enqueue(RequestCore request)
    {
        var mask = _queue.Length - 1;
        if (((_tail + 1) & mask) == (_head & mask))
        {
            var count = (_tail - _head) & mask;
            var bigger = new RequestCore?[_queue.Length * 2];
            for (var i = 0; i < count; i++)
            {
                bigger[i] = _queue[(_head + i) & mask];
            }

            _queue = bigger;
            _head = 0;
            _tail = count;
            mask = _queue.Length - 1;
        }

        _queue[_tail] = request;
        _tail = (_tail + 1) & mask;
    }

    private protected override RequestCore? Dequeue()
    {
        if (_head == _tail)
        {
            return null;
        }

        var r = _queue[_head];
        _queue[_head] = null;
        _head = (_head + 1) & (_queue.Length - 1);
        return r;
    }
}

/// <summary>A resource that serves waiting requests by priority (lower value first), then first come, first served.</summary>
public sealed class PriorityResource : ResourceBase
{
    private readonly PriorityQueue<RequestCore, (int Priority, long Sequence)> _queue = new();

    /// <summary>Creates the resource.</summary>
    /// <param name="simulation">The simulation it belongs to.</param>
    /// <param name="capacity">Number of units, at least 1.</param>
    /// <param name="name">Name for messages (default: the type's name).</param>
    public PriorityResource(Simulation simulation, int capacity, string? name = null)
        : base(simulation, capacity, name)
    {
    }

    /// <summary>Requests one unit with a priority; lower values are served first (default 0).</summary>
    /// <param name="priority">The priority; lower is more urgent.</param>
    public Request Request(int priority = 0) => Make(priority, preempt: false);

    /// <summary>Requests one unit with a priority, holds it for <paramref name="minutes"/> once granted and then releases
    /// it (see <see cref="ResourceUse"/>).</summary>
    /// <param name="minutes">How long the unit is held once granted, finite and at least 0.</param>
    /// <param name="priority">The priority; lower is more urgent (default 0).</param>
    public ResourceUse Use(double minutes, int priority = 0) => MakeUse(minutes, priority);

    private protected override void Enqueue(RequestCore request) => _queue.Enqueue(request, (request.Priority, request.Sequence));

    private protected override RequestCore? Dequeue() => _queue.TryDequeue(out var r, out _) ? r : null;
}

/// <summary>
/// A priority resource on which a more urgent request (strictly lower priority value) may take a unit from the
/// least urgent current user (highest priority value, latest request). The preempted user's process is
/// interrupted with a <see cref="Preempted"/> cause that says by whom and since when it held the unit.
/// </summary>
public sealed class PreemptiveResource : ResourceBase
{
    private readonly PriorityQueue<RequestCore, (int Priority, long Sequence)> _queue = new();
    private readonly List<RequestCore> _users = [];

    /// <summary>Creates the resource.</summary>
    /// <param name="simulation">The simulation it belongs to.</param>
    /// <param name="capacity">Number of units, at least 1.</param>
    /// <param name="name">Name for messages (default "PreemptiveResource").</param>
    public PreemptiveResource(Simulation simulation, int capacity, string? name = null)
        : base(simulation, capacity, name, tracksOwners: true)
    {
    }

    /// <summary>Requests one unit.</summary>
    /// <param name="priority">The priority; lower is more urgent.</param>
    /// <param name="preempt">Whether this request may take a unit from a less urgent user (default true).</param>
    public Request Request(int priority = 0, bool preempt = true) => Make(priority, preempt);

    private protected override void Enqueue(RequestCore request) => _queue.Enqueue(request, (request.Priority, request.Sequence));

    private protected override RequestCore? Dequeue() => _queue.TryDequeue(out var r, out _) ? r : null;

    private protected override void OnGranted(RequestCore request) => _users.Add(request);

    private protected override void OnReleased(RequestCore request) => _users.Remove(request);

    private protected override RequestCore? FindVictim(RequestCore request)
    {
        RequestCore? victim = null;
        foreach (var user in _users)
        {
            if (victim is null || user.Priority > victim.Priority || (user.Priority == victim.Priority && user.Sequence > victim.Sequence))
            {
                victim = user;
            }
        }

        return victim is not null && victim.Priority > request.Priority ? victim : null;
    }
}

/// <summary>The interrupt cause a process receives when its unit of a <see cref="PreemptiveResource"/> was taken away.</summary>
/// <param name="By">The process whose request preempted it (null when the request was made outside a process).</param>
/// <param name="UsageSince">Minutes at which the preempted process had been granted the unit.</param>
/// <param name="Resource">The resource.</param>
public sealed record Preempted(Process? By, double UsageSince, ResourceBase Resource);
