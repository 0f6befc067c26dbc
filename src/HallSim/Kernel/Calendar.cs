using System.Runtime.CompilerServices;

namespace HallSim.Kernel;

internal enum EntryKind : byte
{
    Fire,
    Start,
    Interrupt,
}

/// <summary>A calendar entry as the run loop sees it.</summary>
internal struct CalendarEntry
{
    internal double Time;
    internal EventCore Target;
    internal int Version;
    internal EntryKind Kind;
}

/// <summary>
/// One heap entry: 24 bytes and no object reference, so moving entries in the heap costs no GC write barrier.
/// The order key is (Time, Key); Key = priority in the top bits, then a global sequence number. The target
/// lives in the calendar's slot table at <see cref="Slot"/>.
/// </summary>
internal struct HeapEntry
{
    internal double Time;
    internal ulong Key;
    internal int Slot;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly bool Before(in HeapEntry other) =>
        Time < other.Time || (Time == other.Time && Key < other.Key);
}

/// <summary>
/// The event calendar: a 4-ary min-heap of struct entries in one array (the hole moves instead of swapping),
/// plus two FIFO lanes for entries scheduled at the current time (urgent and normal). The lanes' heads are
/// compared with the heap's top by the same (time, key) order, so the lanes change speed, never order.
/// Same-time entries leave in (priority, sequence) order at any size: the sequence is part of the key.
/// </summary>
internal sealed class Calendar
{
    internal const ulong UrgentPriority = 0;
    internal const ulong NormalPriority = 1UL << 62;

    private const int Arity = 4; // 4-ary: fewer levels than binary, the 4 children share a cache line or two (docs/performance.md)

    private HeapEntry[] _heap = new HeapEntry[64];
    private int _count;

    // Slot table: what each scheduled entry refers to. References live here, not in the heap; an array of
    // structs also avoids the covariance check of storing into an EventCore[] (docs/performance.md).
    private Slot[] _slots = new Slot[64];
    private int[] _freeSlots = new int[64];
    private int _freeCount;
    private int _slotsUsed;
    private readonly Lane _urgent = new();
    private readonly Lane _normal = new();
    private readonly bool _useLanes;
    private ulong _sequence;

    internal Calendar(bool useLanes = true) => _useLanes = useLanes;

    internal int Count => _count + _urgent.Count + _normal.Count;

    internal void Schedule(double time, ulong priority, EventCore target, int version, EntryKind kind, double now)
    {
        var slot = _freeCount > 0 ? _freeSlots[--_freeCount] : NewSlot();
        ref var s = ref _slots[slot];
        s.Target = target;
        s.Version = version;
        s.Kind = kind;
        var entry = new HeapEntry
        {
            Time = time,
            Key = priority | _sequence++,
            Slot = slot,
        };
        if (time == now && _useLanes)
        {
            (priority == UrgentPriority ? _urgent : _normal).Enqueue(entry);
        }
        else
        {
            Push(entry);
        }
    }

    /// <summary>Takes the next entry; false when the calendar is empty.</summary>
    internal bool TryPop(out CalendarEntry entry)
    {
        HeapEntry next;
        var lane = _urgent.Count > 0 ? _urgent : _normal.Count > 0 ? _normal : null;
        if (lane is not null && (_count == 0 || lane.Head.Before(_heap[0])))
        {
            next = lane.Dequeue();
        }
        else if (_count > 0)
        {
            next = PopHeap();
        }
        else
        {
            entry = default;
            return false;
        }

        ref var s = ref _slots[next.Slot];
        entry.Time = next.Time;
        entry.Target = s.Target!;
        entry.Version = s.Version;
        entry.Kind = s.Kind;
        s.Target = null;
        _freeSlots[_freeCount++] = next.Slot;
        return true;
    }

    private int NewSlot()
    {
        if (_slotsUsed == _slots.Length)
        {
            var size = _slots.Length * 2;
            Array.Resize(ref _slots, size);
            Array.Resize(ref _freeSlots, size);
        }

        return _slotsUsed++;
    }

    /// <summary>The time of the next entry, or +∞.</summary>
    internal double PeekTime()
    {
        if (_urgent.Count > 0)
        {
            return _urgent.Head.Time;
        }

        if (_normal.Count > 0)
        {
            return _normal.Head.Time;
        }

        return _count > 0 ? _heap[0].Time : double.PositiveInfinity;
    }

    /// <summary>The next entry without removing it.</summary>
    internal bool TryPeek(out CalendarEntry entry)
    {
        HeapEntry next;
        var lane = _urgent.Count > 0 ? _urgent : _normal.Count > 0 ? _normal : null;
        if (lane is not null && (_count == 0 || lane.Head.Before(_heap[0])))
        {
            next = lane.Head;
        }
        else if (_count > 0)
        {
            next = _heap[0];
        }
        else
        {
            entry = default;
            return false;
        }

        ref readonly var s = ref _slots[next.Slot];
        entry.Time = next.Time;
        entry.Target = s.Target!;
        entry.Version = s.Version;
        entry.Kind = s.Kind;
        return true;
    }

    private void Push(in HeapEntry entry)
    {
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var heap = _heap;
        var hole = _count++;
        while (hole > 0)
        {
            var parent = (hole - 1) / Arity;
            if (!entry.Before(heap[parent]))
            {
                break;
            }

            heap[hole] = heap[parent];
            hole = parent;
        }

        heap[hole] = entry;
    }

    private HeapEntry PopHeap()
    {
        var heap = _heap;
        var top = heap[0];
        var count = --_count;
        if (count > 0)
        {
            var last = heap[count];
            var hole = 0;
            while (true)
            {
                var first = (hole * Arity) + 1;
                if (first >= count)
                {
                    break;
                }

                var best = first;
                var end = Math.Min(first + Arity, count);
                for (var c = first + 1; c < end; c++)
                {
                    if (heap[c].Before(heap[best]))
                    {
                        best = c;
                    }
                }

                if (!heap[best].Before(last))
                {
                    break;
                }

                heap[hole] = heap[best];
                hole = best;
            }

            heap[hole] = last;
        }

        return top;
    }

    private struct Slot
    {
        internal EventCore? Target;
        internal int Version;
        internal EntryKind Kind;
    }

    /// <summary>A growable ring buffer of entries, all at the current time, in sequence order.</summary>
    private sealed class Lane
    {
        private HeapEntry[] _items = new HeapEntry[16];
        private int _head;

        internal int Count { get; private set; }

        internal ref readonly HeapEntry Head => ref _items[_head];

        internal void Enqueue(in HeapEntry entry)
        {
            if (Count == _items.Length)
            {
                var bigger = new HeapEntry[_items.Length * 2];
                for (var i = 0; i < Count; i++)
                {
                    bigger[i] = _items[(_head + i) & (_items.Length - 1)];
                }

                _items = bigger;
                _head = 0;
            }

            _items[(_head + Count) & (_items.Length - 1)] = entry;
            Count++;
        }

        internal HeapEntry Dequeue()
        {
            var entry = _items[_head];
            _head = (_head + 1) & (_items.Length - 1);
            Count--;
            return entry;
        }
    }
}
