using HallSim.Kernel;
using HallSim.Randomness;

namespace HallSim.Tests.Kernel;

public class CalendarTests
{
    [Fact]
    public void HundredThousandSameTimeEvents_LeaveInSchedulingOrder()
    {
        // SimSharp loses FIFO order past 1,024 same-time entries; the sequence number in our key keeps it at any size.
        const int n = 100_000;
        var sim = new Simulation();
        var order = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            var index = i;
            sim.Timeout(5).AddCallback(_ => order.Add(index));
        }

        sim.Run();

        Assert.Equal(n, order.Count);
        Assert.Equal(Enumerable.Range(0, n), order);
    }

    [Fact]
    public void SameTimeEvents_ScheduledFromDifferentTimes_KeepSchedulingOrder()
    {
        // Entries for t = 10 are scheduled at t = 0 (heap), then more at t = 10 itself (the FIFO lane):
        // the heap ones were scheduled first and must come first.
        var sim = new Simulation();
        var order = new List<string>();
        sim.Timeout(10).AddCallback(_ =>
        {
            order.Add("heap-1");
            sim.Timeout(0).AddCallback(_ => order.Add("lane-1"));
        });
        sim.Timeout(10).AddCallback(_ =>
        {
            order.Add("heap-2");
            sim.Timeout(0).AddCallback(_ => order.Add("lane-2"));
        });
        sim.Timeout(10).AddCallback(_ => order.Add("heap-3"));

        sim.Run();

        Assert.Equal(["heap-1", "heap-2", "heap-3", "lane-1", "lane-2"], order);
    }

    [Fact]
    public void PopOrder_MatchesNaiveStableSort_OnRandomTimesWithTiesAndPriorities()
    {
        var calendar = new Calendar();
        var rng = new RandomStream(7);
        var sim = new Simulation();
        var expected = new List<(double Time, ulong Priority, long Seq, EventCore Core)>();
        long seq = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var time = rng.NextInt(200); // many ties
            var priority = rng.NextInt(4) == 0 ? Calendar.UrgentPriority : Calendar.NormalPriority;
            var core = new EventCore(sim, EventKind.User);
            calendar.Schedule(time, priority, core, 0, EntryKind.Fire, now: -1);
            expected.Add((time, priority, seq++, core));

            if (i % 7 == 0 && calendar.TryPop(out var popped))
            {
                // interleave pops to exercise the hole-moving sift in both directions
                var min = expected.OrderBy(e => e.Time).ThenBy(e => e.Priority).ThenBy(e => e.Seq).First();
                Assert.Same(min.Core, popped.Target);
                expected.Remove(min);
            }
        }

        var naive = expected.OrderBy(e => e.Time).ThenBy(e => e.Priority).ThenBy(e => e.Seq).Select(e => e.Core).ToList();
        var actual = new List<EventCore>();
        while (calendar.TryPop(out var entry))
        {
            actual.Add(entry.Target);
        }

        Assert.Equal(naive.Count, actual.Count);
        for (var i = 0; i < naive.Count; i++)
        {
            Assert.Same(naive[i], actual[i]);
        }
    }
}
