using HallSim.Kernel;
using HallSim.Randomness;

namespace HallSim.Tests.Kernel;

public class CalendarTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HundredThousandSameTimeEvents_ScheduledAtDifferentMoments_LeaveInSchedulingOrder(bool lanes)
    {
        // The pattern that breaks a heap ordered by time alone once it has to grow (SimSharp's defect): entries for
        // t = 5 scheduled at different moments — half at t = 0, half at t = 5 itself — while the calendar is resized
        // and entries at other times are mixed in. A sequence number in the key keeps scheduling order at any size.
        const int half = 50_000;
        var sim = new Simulation(0, 0, 0, new KernelTuning { SameTimeLanes = lanes });
        var order = new List<int>(2 * half);
        var others = new List<double>();
        for (var i = 0; i < half; i++)
        {
            var index = i;
            sim.Timeout(5).AddCallback(_ =>
            {
                order.Add(index);
                if (index == 0)
                {
                    for (var j = half; j < 2 * half; j++)
                    {
                        var late = j;
                        sim.Timeout(0).AddCallback(_ => order.Add(late)); // for t = 5, scheduled at t = 5
                        if (j % 10 == 0)
                        {
                            sim.Timeout(1 + (j % 3)).AddCallback(_ => others.Add(sim.Now));
                        }
                    }
                }
            });
            if (i % 10 == 0)
            {
                sim.Timeout(i % 2 == 0 ? 3 : 7).AddCallback(_ => others.Add(sim.Now));
            }
        }

        sim.Run();

        Assert.Equal(2 * half, order.Count);
        Assert.Equal(Enumerable.Range(0, 2 * half), order);
        Assert.Equal(others.Order(), others); // the mixed-in entries left in time order
        Assert.Equal(half / 10 + half / 10, others.Count);
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
            calendar.Schedule(time, priority, core, 0, now: -1);
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
