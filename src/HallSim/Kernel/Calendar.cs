using System.Runtime.CompilerServices;

namespace HallSim.Kernel;

internal enum EntryKind : byte
{
    Fire,
    Start,
    Interrupt,
}

/// <summary>One scheduled entry. The order key is (Time, Key); Key = priority in the top bits, then a global sequence number.</summary>
internal struct CalendarEntry
{
    internal double Time;
    internal ulong Key;
    internal EventCore Target;
    internal int Version;
    internal EntryKind Kind;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly bool Before(in CalendarEntry other) =>
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

    private CalendarEntry[] _heap = new CalendarEntry[64];
    private int _count;
    private readonly Lane _urgent = new();
    private readonly Lane _normal = new();
    private ulong _sequence;

    internal int Count => _count + _urgent.Count + _normal.Count;

    internal void Schedule(double time, ulong priority, EventCore target, int version, EntryKind kind, double now)
    {
        var entry = new CalendarEntry
        {
            Time = time,
            Key = priority | _sequence++,
            Target = target,
            Version = version,
            Kind = kind,
        };
        if (time == now)
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
        var lane = _urgent.Count > 0 ? _urgent : _normal.Count > 0 ? _normal : null;
        if (lane is not null)
        {
            ref readonly var head = ref lane.Head;
            if (_count == 0 || head.Before(_heap[0]))
            {
                entry = lane.Dequeue();
                return true;
            }
        }

        if (_count == 0)
        {
            entry = default;
            return false;
        }

        entry = PopHeap();
        return true;
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
        var lane = _urgent.Count > 0 ? _urgent : _normal.Count > 0 ? _normal : null;
        if (lane is not null && (_count == 0 || lane.Head.Before(_heap[0])))
        {
            entry = lane.Head;
            return true;
        }

        if (_count == 0)
        {
            entry = default;
            return false;
        }

        entry = _heap[0];
        return true;
    }

    private void Push(in CalendarEntry entry)
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

    private CalendarEntry PopHeap()
    {
        var heap = _heap;
        var top = heap[0];
        var count = --_count;
        if (count > 0)
        {
            var last = heap[count];
            heap[count] = default; // drop the reference for the GC
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
        else
        {
            heap[0] = default;
        }

        return top;
    }

    /// <summary>A growable ring buffer of entries, all at the current time, in sequence order.</summary>
    private sealed class Lane
    {
        private CalendarEntry[] _items = new CalendarEntry[16];
        private int _head;

        internal int Count { get; private set; }

        internal ref readonly CalendarEntry Head => ref _items[_head];

        internal void Enqueue(in CalendarEntry entry)
        {
            if (Count == _items.Length)
            {
                var bigger = new CalendarEntry[_items.Length * 2];
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

        internal CalendarEntry Dequeue()
        {
            var entry = _items[_head];
            _items[_head] = default;
            _head = (_head + 1) & (_items.Length - 1);
            Count--;
            return entry;
        }
    }
}
