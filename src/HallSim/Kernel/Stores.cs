namespace HallSim.Kernel;

/// <summary>
/// The common mechanics of stores: a put waits while the store is full, a get waits until an item it accepts
/// is there. Waiting puts are served first come, first served; how gets are matched to items depends on the store.
/// </summary>
/// <typeparam name="T">The type of the items.</typeparam>
/// <remarks>Not thread-safe: a store belongs to one simulation.</remarks>
public abstract class StoreBase<T>
{
    private readonly Queue<(ValueEventCore<T> Event, T Item)> _puts = new();
    private readonly List<GetRequest> _gets = [];

    private protected StoreBase(Simulation simulation, int capacity)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1 item");
        }

        Simulation = simulation;
        Capacity = capacity;
    }

    /// <summary>The simulation the store belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>Maximum number of items (default: unbounded, <see cref="int.MaxValue"/>).</summary>
    public int Capacity { get; }

    /// <summary>Items in the store now.</summary>
    public abstract int Count { get; }

    /// <summary>Gets waiting now.</summary>
    public int WaitingGets => _gets.Count;

    /// <summary>Puts waiting for room now.</summary>
    public int WaitingPuts => _puts.Count;

    /// <summary>Puts an item; the returned event is processed when the item is in the store (at once if there is room).</summary>
    /// <param name="item">The item.</param>
    public Event Put(T item)
    {
        var core = new ValueEventCore<T>(Simulation, EventKind.StorePut) { Value = item };
        if (_puts.Count == 0 && Count < Capacity)
        {
            AddItem(item);
            core.CompleteImmediately();
            Balance();
        }
        else
        {
            _puts.Enqueue((core, item));
        }

        return new Event(core, 0);
    }

    /// <summary>Withdraws a get that is still waiting (a consumer that gives up).</summary>
    /// <param name="get">A get of this store.</param>
    /// <returns>True if the get was waiting and is now withdrawn; false if it had already been served.</returns>
    public bool Cancel(Event<T> get)
    {
        var core = get.AsEvent.ValidCore;
        var index = _gets.FindIndex(g => ReferenceEquals(g.Event, core));
        if (index < 0)
        {
            return false;
        }

        _gets.RemoveAt(index);
        return true;
    }

    private protected Event<T> GetCore(Func<T, bool>? filter)
    {
        var core = new ValueEventCore<T>(Simulation, EventKind.StoreGet);
        var request = new GetRequest(core, filter);
        if ((_gets.Count == 0 || filter is not null) && TryTake(filter, out var item))
        {
            core.Value = item;
            core.CompleteImmediately();
            Balance();
        }
        else
        {
            _gets.Add(request);
        }

        return new Event<T>(core, 0);
    }

    private protected abstract void AddItem(T item);

    private protected abstract bool TryTake(Func<T, bool>? filter, out T item);

    /// <summary>Whether a waiting get that cannot be served blocks the gets behind it (FIFO stores) or not (filter stores).</summary>
    private protected virtual bool HeadOfLineBlocking => true;

    private void Balance()
    {
        bool progress;
        do
        {
            progress = false;
            while (_puts.Count > 0 && Count < Capacity)
            {
                var (e, item) = _puts.Dequeue();
                AddItem(item);
                e.TriggerSucceed();
                progress = true;
            }

            for (var i = 0; i < _gets.Count && Count > 0;)
            {
                var g = _gets[i];
                if (TryTake(g.Filter, out var item))
                {
                    _gets.RemoveAt(i);
                    g.Event.Value = item;
                    g.Event.TriggerSucceed();
                    progress = true;
                }
                else if (HeadOfLineBlocking)
                {
                    break;
                }
                else
                {
                    i++;
                }
            }
        }
        while (progress);
    }

    private sealed record GetRequest(ValueEventCore<T> Event, Func<T, bool>? Filter);
}

/// <summary>A store of items served first in, first out to getters in the order they asked (SimPy's Store).</summary>
/// <typeparam name="T">The type of the items.</typeparam>
public sealed class Store<T> : StoreBase<T>
{
    private readonly Queue<T> _items = new();

    /// <summary>Creates the store.</summary>
    /// <param name="simulation">The simulation it belongs to.</param>
    /// <param name="capacity">Maximum number of items, at least 1 (default unbounded).</param>
    public Store(Simulation simulation, int capacity = int.MaxValue)
        : base(simulation, capacity)
    {
    }

    /// <inheritdoc />
    public override int Count => _items.Count;

    /// <summary>The items, oldest first.</summary>
    public IReadOnlyCollection<T> Items => _items;

    /// <summary>Gets the oldest item; the event's value is the item (at once if the store holds one and no get waits).</summary>
    public Event<T> Get() => GetCore(null);

    private protected override void AddItem(T item) => _items.Enqueue(item);

    private protected override bool TryTake(Func<T, bool>? filter, out T item) => _items.TryDequeue(out item!);
}

/// <summary>A store whose getters each name which items they accept; a waiting getter does not block others (SimPy's FilterStore).</summary>
/// <typeparam name="T">The type of the items.</typeparam>
public sealed class FilterStore<T> : StoreBase<T>
{
    private readonly List<T> _items = [];

    /// <summary>Creates the store.</summary>
    /// <param name="simulation">The simulation it belongs to.</param>
    /// <param name="capacity">Maximum number of items, at least 1 (default unbounded).</param>
    public FilterStore(Simulation simulation, int capacity = int.MaxValue)
        : base(simulation, capacity)
    {
    }

    /// <inheritdoc />
    public override int Count => _items.Count;

    /// <summary>The items, oldest first.</summary>
    public IReadOnlyList<T> Items => _items;

    /// <summary>Gets the oldest item that <paramref name="filter"/> accepts.</summary>
    /// <param name="filter">Which items this getter accepts (default: any).</param>
    public Event<T> Get(Func<T, bool>? filter = null) => GetCore(filter ?? (static _ => true));

    private protected override bool HeadOfLineBlocking => false;

    private protected override void AddItem(T item) => _items.Add(item);

    private protected override bool TryTake(Func<T, bool>? filter, out T item)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (filter is null || filter(_items[i]))
            {
                item = _items[i];
                _items.RemoveAt(i);
                return true;
            }
        }

        item = default!;
        return false;
    }
}

/// <summary>A store that hands out its most urgent item first (lowest by the comparer; equal items first in, first out).</summary>
/// <typeparam name="T">The type of the items.</typeparam>
public sealed class PriorityStore<T> : StoreBase<T>
{
    private readonly PriorityQueue<T, (T Item, long Sequence)> _items;
    private long _sequence;

    /// <summary>Creates the store.</summary>
    /// <param name="simulation">The simulation it belongs to.</param>
    /// <param name="comparer">Orders items, smallest first (default: <see cref="Comparer{T}.Default"/>).</param>
    /// <param name="capacity">Maximum number of items, at least 1 (default unbounded).</param>
    public PriorityStore(Simulation simulation, IComparer<T>? comparer = null, int capacity = int.MaxValue)
        : base(simulation, capacity)
    {
        var itemComparer = comparer ?? Comparer<T>.Default;
        _items = new PriorityQueue<T, (T Item, long Sequence)>(Comparer<(T Item, long Sequence)>.Create((a, b) =>
        {
            var c = itemComparer.Compare(a.Item, b.Item);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        }));
    }

    /// <inheritdoc />
    public override int Count => _items.Count;

    /// <summary>Gets the most urgent item.</summary>
    public Event<T> Get() => GetCore(null);

    private protected override void AddItem(T item) => _items.Enqueue(item, (item, _sequence++));

    private protected override bool TryTake(Func<T, bool>? filter, out T item) => _items.TryDequeue(out item!, out _);
}
