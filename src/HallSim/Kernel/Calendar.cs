using System.Runtime.CompilerServices;

namespace HallSim.Kernel;

/// <summary>What the urgent queue holds: a process to start, or an interrupt to deliver.</summary>
internal enum EntryKind : byte
{
    Start,
    Interrupt,
}

/// <summary>A calendar entry as <see cref="Calendar.TryPeek"/> shows it: the event <see cref="Target"/> is fired at
/// <see cref="Time"/> unless its version moved on from <see cref="Version"/> (recycled since).</summary>
internal struct CalendarEntry
{
    internal double Time;
    internal EventCore Target;
    internal int Version;
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
/// plus a FIFO lane for normal-priority entries scheduled at the current time. The lane's head is compared with
/// the heap's top by the same (time, key) order, so the lane changes speed, never order. Same-time entries leave
/// in (priority, sequence) order at any size: the sequence is part of the key.
/// </summary>
internal sealed class Calendar
{
    internal const ulong UrgentPriority = 0;
    internal const ulong NormalPriority = 1UL << 62;

    private const int Arity = 4; // 4-ary: fewer levels than binary, the 4 children share a cache line or two (docs/performance.md)

    private HeapEntry[] _heap = new HeapEntry[64];
    private int _count;

    // Slot table: what each heap entry refers to. References live here, not in the heap; an array of
    // structs also avoids the covariance check of storing into an EventCore[] (docs/performance.md).
    private Slot[] _slots = new Slot[64];
    private int[] _freeSlots = new int[64];
    private int _freeCount;
    private int _slotsUsed;
    private readonly Lane _now = new();
    private readonly bool _useLane;
    private ulong _sequence;

    internal Calendar(bool useLanes = true) => _useLane = useLanes;

    internal int Count => _count + _now.Count;

    internal void Schedule(double time, ulong priority, EventCore target, int version, double now)
    {
        var key = priority | _sequence++;
        if (time == now && priority == NormalPriority && _useLane)
        {
            // Lane entries never move once written: the target is stored with the entry, no slot needed.
            _now.Enqueue(time, key, target, version);
            return;
        }

        var slot = _freeCount > 0 ? _freeSlots[--_freeCount] : NewSlot();
        ref var s = ref _slots[slot];
        s.Target = target;
        s.Version = version;
        Push(new HeapEntry { Time = time, Key = key, Slot = slot });
    }

    /// <summary>Takes the next entry: its target, or null when the calendar is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal EventCore? Pop(out double time, out int version)
    {
        if (_now.Count > 0 && (_count == 0 || _now.HeadBefore(_heap[0])))
        {
            return _now.Dequeue(out time, out version);
        }

        if (_count == 0)
        {
            time = 0;
            version = 0;
            return null;
        }

        return PopFromHeap(out time, out version);
    }

    /// <summary>Takes the next entry; false when the calendar is empty.</summary>
    internal bool TryPop(out CalendarEntry entry)
    {
        var target = Pop(out var time, out var version);
        entry = new CalendarEntry { Time = time, Target = target!, Version = version };
        return target is not null;
    }

    private EventCore PopFromHeap(out double time, out int version)
    {
        var next = PopHeap();
        ref var s = ref _slots[next.Slot];
        var target = s.Target!;
        time = next.Time;
        version = s.Version;
        s.Target = null;
        _freeSlots[_freeCount++] = next.Slot;
        return target;
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

    /// <summary>The next entry without removing it.</summary>
    internal bool TryPeek(out CalendarEntry entry)
    {
        if (_now.Count > 0 && (_count == 0 || _now.HeadBefore(_heap[0])))
        {
            _now.Peek(out entry);
            return true;
        }

        if (_count == 0)
        {
            entry = default;
            return false;
        }

        var next = _heap[0];
        ref readonly var s = ref _slots[next.Slot];
        entry.Time = next.Time;
        entry.Target = s.Target!;
        entry.Version = s.Version;
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
    }

    /// <summary>A growable ring buffer of entries, all at the current time, in sequence order.</summary>
    private sealed class Lane
    {
        private LaneEntry[] _items = new LaneEntry[16];
        private int _head;

        internal int Count { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool HeadBefore(in HeapEntry other)
        {
            ref readonly var head = ref _items[_head];
            return head.Time < other.Time || (head.Time == other.Time && head.Key < other.Key);
        }

        internal void Enqueue(double time, ulong key, EventCore target, int version)
        {
            if (Count == _items.Length)
            {
                var bigger = new LaneEntry[_items.Length * 2];
                for (var i = 0; i < Count; i++)
                {
                    bigger[i] = _items[(_head + i) & (_items.Length - 1)];
                }

                _items = bigger;
                _head = 0;
            }

            ref var e = ref _items[(_head + Count) & (_items.Length - 1)];
            e.Time = time;
            e.Key = key;
            e.Target = target;
            e.Version = version;
            Count++;
        }

        internal void Peek(out CalendarEntry entry)
        {
            ref readonly var e = ref _items[_head];
            entry.Time = e.Time;
            entry.Target = e.Target!;
            entry.Version = e.Version;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal EventCore Dequeue(out double time, out int version)
        {
            ref var e = ref _items[_head];
            var target = e.Target!;
            time = e.Time;
            version = e.Version;
            e.Target = null;
            _head = (_head + 1) & (_items.Length - 1);
            Count--;
            return target;
        }

        private struct LaneEntry
        {
            internal double Time;
            internal ulong Key;
            internal EventCore? Target;
            internal int Version;
        }
    }
}
