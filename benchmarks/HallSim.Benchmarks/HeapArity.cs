using BenchmarkDotNet.Attributes;
using HallSim.Randomness;

namespace HallSim.Benchmarks;

/// <summary>
/// The classic "hold" workload of event-list studies: a heap of N pending entries, each step pops the minimum
/// and pushes it back at a random later time. Compares the arity of the struct heap the calendar uses
/// (2, 4, 8), with the calendar's entry layout (time, key, slot: 24 bytes, no references).
/// </summary>
public class HeapArity
{
    private const int Operations = 200_000;

    [Params(20, 1_000, 100_000)]
    public int Pending { get; set; }

    [Benchmark(Baseline = true)]
    public double Binary() => Hold(2);

    [Benchmark]
    public double FourAry() => Hold(4);

    [Benchmark]
    public double EightAry() => Hold(8);

    private double Hold(int arity)
    {
        var heap = new StructHeap(arity, Pending);
        var rng = new RandomStream(1);
        var delay = new ExponentialDistribution(1);
        ulong seq = 0;
        for (var i = 0; i < Pending; i++)
        {
            heap.Push(new Entry { Time = delay.Sample(rng), Key = seq++, Slot = i });
        }

        var last = 0.0;
        for (var i = 0; i < Operations; i++)
        {
            var e = heap.Pop();
            last = e.Time;
            e.Time += delay.Sample(rng);
            e.Key = seq++;
            heap.Push(e);
        }

        return last;
    }

    private struct Entry
    {
        public double Time;
        public ulong Key;
        public int Slot;

        public readonly bool Before(in Entry o) => Time < o.Time || (Time == o.Time && Key < o.Key);
    }

    private sealed class StructHeap(int arity, int capacity)
    {
        private readonly Entry[] _items = new Entry[capacity + 1];
        private int _count;

        public void Push(Entry entry)
        {
            var hole = _count++;
            while (hole > 0)
            {
                var parent = (hole - 1) / arity;
                if (!entry.Before(_items[parent]))
                {
                    break;
                }

                _items[hole] = _items[parent];
                hole = parent;
            }

            _items[hole] = entry;
        }

        public Entry Pop()
        {
            var top = _items[0];
            var n = --_count;
            if (n == 0)
            {
                return top;
            }

            var last = _items[n];
            var hole = 0;
            while (true)
            {
                var first = (hole * arity) + 1;
                if (first >= n)
                {
                    break;
                }

                var best = first;
                var end = Math.Min(first + arity, n);
                for (var c = first + 1; c < end; c++)
                {
                    if (_items[c].Before(_items[best]))
                    {
                        best = c;
                    }
                }

                if (!_items[best].Before(last))
                {
                    break;
                }

                _items[hole] = _items[best];
                hole = best;
            }

            _items[hole] = last;
            return top;
        }
    }
}
