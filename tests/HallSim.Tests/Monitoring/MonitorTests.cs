using HallSim.Kernel;
using HallSim.Monitoring;
using HallSim.Randomness;

namespace HallSim.Tests.Monitoring;

public class MonitorTests
{
    [Fact]
    public void SampleMonitor_MatchesNaiveStatistics_OverallAndPerInterval()
    {
        var sim = new Simulation();
        var monitor = new SampleMonitor(sim, "wait");
        var rng = new RandomStream(5);
        var recorded = new List<(double Time, double Value)>();
        IEnumerable<Event> Recorder()
        {
            for (var i = 0; i < 1_000; i++)
            {
                yield return sim.Timeout(rng.NextDouble() * 0.5);
                var v = rng.NextDouble() * 30;
                monitor.Add(v);
                recorded.Add((sim.Now, v));
            }
        }

        sim.Process(Recorder());
        sim.Run();

        AssertMatches(recorded.Select(r => r.Value).ToList(), monitor.Summary());
        var grid = new IntervalGrid(0, 60, (int)Math.Ceiling(sim.Now / 60));
        var perHour = monitor.ByInterval(grid);
        for (var h = 0; h < grid.Count; h++)
        {
            var inHour = recorded.Where(r => r.Time >= h * 60 && r.Time < (h + 1) * 60).Select(r => r.Value).ToList();
            AssertMatches(inHour, perHour[h]);
        }
    }

    private static void AssertMatches(List<double> values, SampleStatistics stats)
    {
        Assert.Equal(values.Count, stats.Count);
        if (values.Count == 0)
        {
            Assert.Equal(SampleStatistics.Empty, stats);
            return;
        }

        var mean = values.Average();
        Assert.Equal(mean, stats.Mean, 9);
        Assert.Equal(Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)), stats.StandardDeviation, 9);
        Assert.Equal(values.Min(), stats.Min);
        Assert.Equal(values.Max(), stats.Max);
        var sorted = values.Order().ToArray();
        Assert.Equal(NaiveQuantile(sorted, 0.5), stats.P50, 9);
        Assert.Equal(NaiveQuantile(sorted, 0.9), stats.P90, 9);
        Assert.Equal(NaiveQuantile(sorted, 0.95), stats.P95, 9);
    }

    // numpy's default ("linear", Hyndman–Fan type 7), written out from its definition.
    private static double NaiveQuantile(double[] sorted, double p)
    {
        var pos = p * (sorted.Length - 1);
        var below = sorted[(int)Math.Floor(pos)];
        var above = sorted[(int)Math.Ceiling(pos)];
        return below + ((pos - Math.Floor(pos)) * (above - below));
    }

    [Fact]
    public void SampleMonitor_RejectsNaN_NamingTheMonitor()
    {
        var monitor = new SampleMonitor(new Simulation(), "wait");
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => monitor.Add(double.NaN));
        Assert.Contains("wait", ex.Message);
    }

    [Fact]
    public void TimeWeightedMonitor_MatchesHandIntegration()
    {
        // Queue length 0 on [0,2), 3 on [2,5), 1 on [5,9), 4 on [9, 12): area 0 + 9 + 4 + 12 = 25 over 12 minutes.
        var sim = new Simulation();
        var q = new TimeWeightedMonitor(sim, "queue");
        foreach (var (t, v) in new[] { (2.0, 3.0), (5.0, 1.0), (9.0, 4.0) })
        {
            sim.Timeout(t).AddCallback(_ => q.Update(v));
        }

        sim.Run(until: 12);

        var all = q.Summary();
        Assert.Equal(12, all.Duration);
        Assert.Equal(25.0 / 12, all.TimeAverage, 12);
        Assert.Equal(0, all.Min);
        Assert.Equal(4, all.Max);

        // [3, 7): 3 on [3,5) and 1 on [5,7) → (6 + 2) / 4.
        var window = q.Summary(3, 7);
        Assert.Equal(2.0, window.TimeAverage, 12);
        Assert.Equal(1, window.Min);
        Assert.Equal(3, window.Max);

        var perFour = q.ByInterval(new IntervalGrid(0, 4, 3));
        Assert.Equal(6.0 / 4, perFour[0].TimeAverage, 12); // 0 on [0,2), 3 on [2,4)
        Assert.Equal(6.0 / 4, perFour[1].TimeAverage, 12); // 3 on [4,5), 1 on [5,8)
        Assert.Equal(13.0 / 4, perFour[2].TimeAverage, 12); // 1 on [8,9), 4 on [9,12)
    }

    [Fact]
    public void TimeWeightedMonitor_SeveralChangesAtOneInstant_LastHolds()
    {
        var sim = new Simulation();
        var m = new TimeWeightedMonitor(sim, "busy", initialValue: 1);
        sim.Timeout(5).AddCallback(_ =>
        {
            m.Update(9);
            m.Update(2);
        });
        sim.Run(until: 10);

        Assert.Equal(1.5, m.Summary().TimeAverage, 12);
        Assert.Equal(2, m.Summary().Max); // 9 was never held for a positive time
        Assert.Equal(2, m.Current);
    }

    [Fact]
    public void IntervalGrid_IndexOf_AndBounds()
    {
        var day3 = IntervalGrid.ForDay(3, 30);
        Assert.Equal(48, day3.Count);
        Assert.Equal(3 * 1440, day3.Start);
        Assert.Equal(4 * 1440, day3.End);
        Assert.Equal(18, day3.IndexOf((3 * 1440) + (9 * 60))); // 09:00 is interval 18
        Assert.Equal(-1, day3.IndexOf(4 * 1440));
        Assert.Equal(-1, day3.IndexOf(double.NaN));
        Assert.Equal((3 * 1440) + 570, day3.IntervalStart(19));
        Assert.Throws<ArgumentOutOfRangeException>(() => day3.IntervalStart(48));
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => IntervalGrid.ForDay(0, 7)).ParamName);
        Assert.Equal("Length", Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalGrid(0, 0, 3)).ParamName);
        Assert.Equal("Count", Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalGrid(0, 15, -1)).ParamName);
    }
}
