using System.Runtime.CompilerServices;
using HallSim.Randomness;

namespace HallSim.Kernel;

/// <summary>
/// A discrete-event simulation: the clock, the event calendar and the random streams of one run.
/// Processes are C# iterators that yield the <see cref="Event"/>s they wait for, as in SimPy.
/// </summary>
/// <remarks>
/// <para>Time is a <see cref="double"/> of simulated <b>minutes</b> from the start of the run (the hall model's
/// day d starts at 1440·d). Events at the same time are processed by priority (interrupts and process starts
/// first), then in the order they were scheduled, at any calendar size.</para>
/// <para>An operation that can complete at the moment it is asked for (a request for a free resource, a put into
/// a store with room, a get from a store with a matching item) returns an event that is already processed, and a
/// process that yields it continues without a calendar step. SimPy would resume it one step later at the same
/// time; times and allocations are the same (see docs/architecture.md).</para>
/// <para>A failed event that nobody waits on stops the run with a <see cref="SimulationException"/>.</para>
/// <para>Instances are not thread-safe; run replications on separate instances.</para>
/// </remarks>
public sealed class Simulation
{
    private readonly Calendar _calendar;
    private readonly Pool<EventCore> _timeoutPool = new();
    private readonly Pool<ProcessCore> _processPool = new();
    private readonly bool _pooling;
    private readonly UrgentQueue _urgent = new();
    private long _processIds;

    /// <summary>Creates a simulation whose clock starts at <paramref name="startTime"/>.</summary>
    /// <param name="seed">Seed of the random streams (default 0).</param>
    /// <param name="replication">Replication index of the random streams, 0 or more (default 0).</param>
    /// <param name="startTime">The clock's initial value in minutes (default 0).</param>
    public Simulation(ulong seed = 0, int replication = 0, double startTime = 0)
        : this(seed, replication, startTime, KernelTuning.Default)
    {
    }

    /// <summary>Creates a simulation with some of the kernel's optimisations switched off (to measure what each buys;
    /// results are identical either way).</summary>
    /// <param name="seed">Seed of the random streams.</param>
    /// <param name="replication">Replication index of the random streams, 0 or more.</param>
    /// <param name="startTime">The clock's initial value in minutes.</param>
    /// <param name="tuning">Which optimisations are on.</param>
    public Simulation(ulong seed, int replication, double startTime, KernelTuning tuning)
    {
        ArgumentNullException.ThrowIfNull(tuning);
        if (!double.IsFinite(startTime))
        {
            throw new ArgumentOutOfRangeException(nameof(startTime), startTime, "must be a finite number of minutes");
        }

        _calendar = new Calendar(tuning.SameTimeLanes);
        _pooling = tuning.Pooling;

        Streams = new RandomStreams(seed, replication);
        Now = startTime;
    }

    /// <summary>The current simulated time in minutes from the start of the run.</summary>
    public double Now { get; private set; }

    /// <summary>The number of calendar entries processed so far (events fired, processes started, interrupts delivered).</summary>
    public long ProcessedEvents { get; private set; }

    /// <summary>The random streams of this run, keyed by name (see <see cref="RandomStreams"/>).</summary>
    public RandomStreams Streams { get; }

    /// <summary>The process whose body is running now.</summary>
    /// <exception cref="InvalidOperationException">No process body is running (called from outside a process).</exception>
    public Process ActiveProcess => ActiveCore is { } core
        ? new Process(core, core.Version)
        : throw new InvalidOperationException("ActiveProcess is only available inside a process body.");

    /// <summary>True while a process body is running.</summary>
    public bool InProcess => ActiveCore is not null;

    /// <summary>Optional observer called for each processed calendar entry (default: none; costs one null check per event when unset).</summary>
    public Action<TraceRecord>? Trace { get; set; }

    internal ProcessCore? ActiveCore { get; set; }

    /// <summary>Whether timeouts and requests are recycled (<see cref="KernelTuning.Pooling"/>).</summary>
    internal bool Pooling => _pooling;

    /// <summary>The random stream with this name (shortcut for <c>Streams.Get(name)</c>).</summary>
    /// <param name="name">A stable, non-empty name.</param>
    public RandomStream Stream(string name) => Streams.Get(name);

    /// <summary>A new event that the model triggers itself with <see cref="Event.Succeed"/> or <see cref="Event.Fail"/>.</summary>
    public Event Event() => new(new EventCore(this, EventKind.User), 0);

    /// <summary>A new event carrying a value of type <typeparamref name="T"/>, triggered with <see cref="Event{T}.Succeed"/>.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    public Event<T> Event<T>() => new(new ValueEventCore<T>(this, EventKind.User), 0);

    /// <summary>An event processed <paramref name="delay"/> minutes from now.</summary>
    /// <param name="delay">Minutes to wait, finite and at least 0.</param>
    /// <remarks>
    /// Timeouts are pooled (as are requests, uses and ended unnamed processes, see <see cref="KernelTuning.Pooling"/>):
    /// once the single process that waited on one has resumed and moved on, the timeout is recycled and its old
    /// handle throws if used again. A timeout passed to
    /// <see cref="AllOf"/>, <see cref="AnyOf"/> or given a callback is never recycled.
    /// </remarks>
    public Event Timeout(double delay)
    {
        if (!(delay >= 0) || double.IsPositiveInfinity(delay))
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "must be a finite number of minutes, at least 0");
        }

        if (!_pooling || !_timeoutPool.TryTake(out var core))
        {
            core = new EventCore(this, EventKind.Timeout);
        }

        core.State = EventState.Triggered;
        _calendar.Schedule(Now + delay, Calendar.NormalPriority, core, core.Version, Now);
        return new Event(core, core.Version);
    }

    /// <summary>Starts a process at the current time (after the running step, before other events at this time).</summary>
    /// <param name="body">The process body: an iterator yielding the events it waits for.</param>
    /// <param name="name">A name for messages and traces (default: "process #n").</param>
    /// <returns>The process, which is also an event that others can wait on.</returns>
    public Process Process(IEnumerable<Event> body, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var number = unchecked((int)++_processIds);
        var enumerator = body.GetEnumerator();
        if (name is null && _pooling && _processPool.TryTake(out var core))
        {
            core.Reuse(enumerator, number);
        }
        else
        {
            core = new ProcessCore(this, enumerator, name, number);
        }

        _urgent.Enqueue(core, EntryKind.Start);
        return new Process(core, number);
    }

    /// <summary>An event that succeeds once all <paramref name="events"/> have succeeded, or fails with the first failure.</summary>
    /// <param name="events">The events to wait for, all of this simulation.</param>
    public Event AllOf(params ReadOnlySpan<Event> events) => new(new ConditionCore(this, all: true, events), 0);

    /// <summary>An event that succeeds as soon as one of <paramref name="events"/> succeeds, or fails with the first failure.</summary>
    /// <param name="events">The events to wait for, all of this simulation.</param>
    public Event AnyOf(params ReadOnlySpan<Event> events) => new(new ConditionCore(this, all: false, events), 0);

    /// <summary>Processes events until the calendar is empty.</summary>
    public void Run()
    {
        CheckNotInProcess();
        while (StepCore())
        {
        }
    }

    /// <summary>Processes every event scheduled before <paramref name="until"/>, then sets <see cref="Now"/> to it.
    /// Events at exactly <paramref name="until"/> stay scheduled.</summary>
    /// <param name="until">Minutes from the start, at least <see cref="Now"/>.</param>
    public void Run(double until)
    {
        if (double.IsNaN(until) || until < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"must be at least the current time ({Now} minutes)");
        }

        CheckNotInProcess();
        while (Peek() < until)
        {
            StepCore();
        }

        Now = until;
    }

    /// <summary>Processes events until <paramref name="until"/> has been processed.</summary>
    /// <param name="until">An event of this simulation.</param>
    /// <exception cref="SimulationException">The event failed (its error is the inner exception).</exception>
    /// <exception cref="InvalidOperationException">The calendar ran empty before the event was processed.</exception>
    public void Run(Event until)
    {
        if (until.IsRecycledProcess)
        {
            if (!ReferenceEquals(until.CoreOrNull!.Sim, this))
            {
                throw new ArgumentException("The event belongs to another simulation.", nameof(until));
            }

            CheckNotInProcess();
            return; // a process that ended successfully long ago
        }

        var core = until.ValidCore;
        if (!ReferenceEquals(core.Sim, this))
        {
            throw new ArgumentException("The event belongs to another simulation.", nameof(until));
        }

        CheckNotInProcess();
        core.Shared = true; // keep the handle valid until it is read
        while (core.State != EventState.Processed)
        {
            if (!StepCore())
            {
                throw new InvalidOperationException(
                    $"The calendar ran empty at {Now} minutes before the {core.Describe()} passed to Run was processed.");
            }
        }

        if (!core.Ok)
        {
            throw new SimulationException(
                $"The {core.Describe()} passed to Run failed at {Now} minutes: {core.Error!.Message}", Now, core.FailedBy, core.Error);
        }
    }

    /// <summary>Processes the next calendar entry.</summary>
    /// <returns><c>false</c> when the calendar was empty.</returns>
    public bool Step()
    {
        CheckNotInProcess();
        return StepCore();
    }

    private bool StepCore()
    {
        // Process starts and interrupts are always due now and come before every other entry due now (SimPy's
        // URGENT priority): a FIFO queue of their own serves them in the same order the calendar would, without
        // its slot table, sequence key or comparison with the heap (docs/performance.md).
        if (_urgent.Count > 0)
        {
            var process = _urgent.Dequeue(out var kind);
            ProcessedEvents++;
            if (Trace is not null)
            {
                TraceEntry(kind == EntryKind.Start ? TraceKind.ProcessStarted : TraceKind.InterruptScheduled, process);
            }

            if (kind == EntryKind.Start)
            {
                process.Start();
            }
            else
            {
                process.DeliverInterrupt();
            }

            return true;
        }

        while (true)
        {
            var target = _calendar.Pop(out var time, out var version);
            if (target is null)
            {
                return false;
            }

            if (version != target.Version)
            {
                continue; // a pooled event recycled after it was scheduled (released or cancelled request)
            }

            Now = time;
            ProcessedEvents++;
            if (Trace is not null)
            {
                TraceEntry(TraceKind.EventProcessed, target);
            }

            target.Fire();
            return true;
        }
    }

    // Out of line: the trace record's locals would otherwise be zeroed in every step's frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TraceEntry(TraceKind kind, EventCore target) => Trace?.Invoke(new TraceRecord(Now, kind, target.Describe()));

    /// <summary>The time of the next scheduled entry, or <see cref="double.PositiveInfinity"/> when there is none.</summary>
    public double Peek()
    {
        if (_urgent.Count > 0)
        {
            return Now;
        }

        while (_calendar.TryPeek(out var entry))
        {
            if (entry.Version == entry.Target.Version)
            {
                return entry.Time;
            }

            _calendar.TryPop(out _); // discard a stale entry
        }

        return double.PositiveInfinity;
    }

    private void CheckNotInProcess()
    {
        if (ActiveCore is not null)
        {
            throw new InvalidOperationException(
                $"Run and Step cannot be called from inside a process body (process '{ActiveCore.Name}'): yield events instead.");
        }
    }

    internal void ScheduleAt(double time, EventCore core) =>
        _calendar.Schedule(time, Calendar.NormalPriority, core, core.Version, Now);

    internal void ScheduleNow(EventCore core) =>
        _calendar.Schedule(Now, Calendar.NormalPriority, core, core.Version, Now);

    internal void ScheduleInterrupt(ProcessCore core) => _urgent.Enqueue(core, EntryKind.Interrupt);

    internal void RecycleTimeout(EventCore core)
    {
        if (_pooling)
        {
            // A recyclable timeout never failed, had one waiter (already cleared by Fire) and no listeners:
            // bumping the version is the whole reset.
            core.Version++;
            _timeoutPool.Return(core);
        }
    }

    internal void RecycleProcess(ProcessCore core)
    {
        if (_pooling)
        {
            _processPool.Return(core);
        }
    }

    internal SimulationException Unhandled(EventCore core, Exception error)
    {
        var who = core.FailedBy is null ? string.Empty : $" (failed by process '{core.FailedBy}')";
        var what = core is ProcessCore process
            ? $"Process '{process.Name}' failed at {Now} minutes and no process waited on it: {error.Message}"
            : $"A {core.Describe()}{who} failed at {Now} minutes and no process waited on it: {error.Message}";
        return new SimulationException(what, Now, core.FailedBy, error);
    }

    /// <summary>A growable ring buffer of process starts and interrupts, all due now, in the order they were asked for.</summary>
    private sealed class UrgentQueue
    {
        private Item[] _items = new Item[16];
        private int _head;

        internal int Count { get; private set; }

        internal void Enqueue(ProcessCore process, EntryKind kind)
        {
            if (Count == _items.Length)
            {
                var bigger = new Item[_items.Length * 2];
                for (var i = 0; i < Count; i++)
                {
                    bigger[i] = _items[(_head + i) & (_items.Length - 1)];
                }

                _items = bigger;
                _head = 0;
            }

            ref var item = ref _items[(_head + Count) & (_items.Length - 1)];
            item.Process = process;
            item.Kind = kind;
            Count++;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal ProcessCore Dequeue(out EntryKind kind)
        {
            ref var item = ref _items[_head];
            var process = item.Process!;
            kind = item.Kind;
            item.Process = null;
            _head = (_head + 1) & (_items.Length - 1);
            Count--;
            return process;
        }

        private struct Item
        {
            internal ProcessCore? Process;
            internal EntryKind Kind;
        }
    }
}
