using HallSim.Kernel;
using HallSim.Randomness;

namespace HallSim.Tests.Kernel;

/// <summary><see cref="Resource.Use"/>: request, hold and release in one event, checked against the same customers
/// written as request, timeout and release (the oracle), and for its handle rules.</summary>
public class ResourceUseTests
{
    private sealed record Customer(double Arrival, double Service, int Priority, double Patience);

    private static List<Customer> Workload(ulong seed, int n)
    {
        var rng = new RandomStream(seed);
        var t = 0.0;
        var list = new List<Customer>(n);
        for (var i = 0; i < n; i++)
        {
            t += rng.NextDouble() * 2;
            // Whole minutes for some arrivals and services: many ties, where an order difference would show.
            var service = i % 3 == 0 ? Math.Floor(rng.NextDouble() * 6) : rng.NextDouble() * 6;
            list.Add(new Customer(i % 4 == 0 ? Math.Floor(t) : t, service, rng.NextInt(3), 1 + (rng.NextDouble() * 8)));
        }

        return list;
    }

    private static (double[] Granted, double[] Left, double End) Run(List<Customer> customers, int capacity, bool use, bool priority, bool reneging)
    {
        var sim = new Simulation(1);
        ResourceBase desk = priority ? new PriorityResource(sim, capacity, "desk") : new Resource(sim, capacity, "desk");
        var granted = Enumerable.Repeat(double.NaN, customers.Count).ToArray();
        var left = Enumerable.Repeat(double.NaN, customers.Count).ToArray();

        IEnumerable<Event> Classic(int i, Customer c)
        {
            yield return sim.Timeout(c.Arrival);
            using var r = desk is PriorityResource p ? p.Request(c.Priority) : ((Resource)desk).Request();
            if (reneging)
            {
                yield return sim.AnyOf(r, sim.Timeout(c.Patience));
                if (!r.IsGranted)
                {
                    left[i] = sim.Now;
                    yield break;
                }
            }
            else
            {
                yield return r;
            }

            granted[i] = sim.Now;
            yield return sim.Timeout(c.Service);
            left[i] = sim.Now;
        }

        IEnumerable<Event> WithUse(int i, Customer c)
        {
            yield return sim.Timeout(c.Arrival);
            using var u = desk is PriorityResource p ? p.Use(c.Service, c.Priority) : ((Resource)desk).Use(c.Service);
            if (reneging)
            {
                yield return sim.AnyOf(u, sim.Timeout(c.Patience));
                if (!u.IsGranted)
                {
                    left[i] = sim.Now; // leaving the block withdraws the use
                    yield break;
                }

                granted[i] = u.GrantedAt;
                if (!u.IsReleased)
                {
                    yield return u;
                }
            }
            else
            {
                yield return u;
                granted[i] = u.GrantedAt;
            }

            left[i] = sim.Now;
        }

        for (var i = 0; i < customers.Count; i++)
        {
            sim.Process(use ? WithUse(i, customers[i]) : Classic(i, customers[i]));
        }

        sim.Run();
        Assert.Equal(0, desk.Count);
        Assert.Equal(0, desk.QueueLength);
        return (granted, left, sim.Now);
    }

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(3, false, false)]
    [InlineData(3, true, false)]
    [InlineData(2, false, true)]
    [InlineData(2, true, true)]
    public void Use_GrantsAndReleasesAtTheSameTimes_AsRequestTimeoutRelease(int capacity, bool priority, bool reneging)
    {
        var customers = Workload(11, 3_000);
        var classic = Run(customers, capacity, use: false, priority, reneging);
        var fused = Run(customers, capacity, use: true, priority, reneging);

        Assert.Equal(classic.Granted, fused.Granted);
        Assert.Equal(classic.Left, fused.Left);
        Assert.Equal(classic.End, fused.End);
        Assert.Contains(classic.Granted, g => !double.IsNaN(g));
        if (reneging)
        {
            Assert.Contains(classic.Granted, double.IsNaN); // somebody did give up: the withdrawal was exercised
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TwoStageFlowWithTies_UseAndRequestTimeoutRelease_GrantAtTheSameTimes(bool priority)
    {
        // Whole-minute times: a use granted from the queue and another customer's timeout end at the same moment,
        // where the order of their calendar entries decides who gets the second stage first.
        static (double[] Desk, double[] Cashier) Run(bool use, bool priority)
        {
            const int n = 400;
            var sim = new Simulation(5);
            ResourceBase desk = priority ? new PriorityResource(sim, 1) : new Resource(sim, 1);
            ResourceBase cashier = priority ? new PriorityResource(sim, 1) : new Resource(sim, 2);
            var rng = new RandomStream(9);
            var deskGranted = new double[n];
            var cashierGranted = new double[n];

            IEnumerable<Event> Serve(ResourceBase r, double minutes, int rank, double[] granted, int i)
            {
                if (use)
                {
                    var u = r is PriorityResource p ? p.Use(minutes, rank) : ((Resource)r).Use(minutes);
                    yield return u;
                    granted[i] = u.GrantedAt;
                }
                else
                {
                    using var q = r is PriorityResource p ? p.Request(rank) : ((Resource)r).Request();
                    yield return q;
                    granted[i] = sim.Now;
                    yield return sim.Timeout(minutes);
                }
            }

            IEnumerable<Event> Customer(int i, double arrive, double first, double gap, double second, int rank)
            {
                yield return sim.Timeout(arrive);
                foreach (var e in Serve(desk, first, rank, deskGranted, i))
                {
                    yield return e;
                }

                if (gap > 0)
                {
                    yield return sim.Timeout(gap); // some walk on at once: their request meets the others' timeouts
                }

                foreach (var e in Serve(cashier, second, rank, cashierGranted, i))
                {
                    yield return e;
                }
            }

            for (var i = 0; i < n; i++)
            {
                sim.Process(Customer(i, rng.NextInt(600), 1 + rng.NextInt(3), rng.NextInt(3), 1 + rng.NextInt(5), rng.NextInt(2)));
            }

            sim.Run();
            return (deskGranted, cashierGranted);
        }

        var classic = Run(use: false, priority);
        var fused = Run(use: true, priority);
        Assert.Equal(classic.Desk, fused.Desk);
        Assert.Equal(classic.Cashier, fused.Cashier);
    }

    [Fact]
    public void Use_IsOneCalendarEntry_AndItsHandleIsReadableRightAfterTheYield_ThenStale()
    {
        var sim = new Simulation();
        var desk = new Resource(sim, 1);
        ResourceUse kept = default;
        double? grantedFirst = null, grantedSecond = null;

        IEnumerable<Event> Citizen(double service, Action<double> granted, bool keep)
        {
            var u = desk.Use(service);
            if (keep)
            {
                kept = u;
            }

            yield return u;
            Assert.True(u.IsReleased);
            Assert.Equal(service, u.HoldMinutes);
            granted(u.GrantedAt);
            yield return sim.Timeout(1);
        }

        sim.Process(Citizen(4, g => grantedFirst = g, keep: true));
        sim.Process(Citizen(2, g => grantedSecond = g, keep: false));
        sim.Run();

        Assert.Equal(0, grantedFirst);
        Assert.Equal(4, grantedSecond);
        Assert.Equal(7, sim.Now);
        Assert.Throws<InvalidOperationException>(() => kept.GrantedAt); // recycled once its process moved on
        kept.Dispose(); // a stale handle's Dispose does nothing
        // 2 process starts + 2 hold ends + 1 grant entry (the second use waited) + 2 timeouts: no separate service
        // timeout, and no grant entry for a use granted at once.
        Assert.Equal(7, sim.ProcessedEvents);
    }

    [Fact]
    public void Use_NobodyWaits_StillHoldsAndReleases_AndDisposeOfAGrantedUseDoesNotCutItShort()
    {
        var sim = new Simulation();
        var desk = new Resource(sim, 1);
        var first = desk.Use(5); // outside any process, nobody waits on it
        first.Dispose();         // granted: runs its whole hold
        var second = desk.Use(3);
        Assert.True(second.IsWaiting);
        sim.Run(until: 5.5); // events at exactly `until` stay scheduled: run past the first hold's end
        Assert.True(second.IsGranted);
        Assert.Equal(5, second.GrantedAt);
        sim.Run();
        Assert.Equal(8, sim.Now);
        Assert.Equal(0, desk.Count);
    }

    [Fact]
    public void Use_RejectsAHoldThatIsNotAFiniteNonNegativeNumberOfMinutes()
    {
        var sim = new Simulation();
        var desk = new Resource(sim, 1);
        foreach (var bad in new[] { -1, double.NaN, double.PositiveInfinity })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => desk.Use(bad));
            Assert.Contains("finite number of minutes", ex.Message);
        }

        Assert.Equal(0, desk.Count);
    }

    [Fact]
    public void Use_WithMonitors_RecordsTheSameUsageAsTheClassicCustomer()
    {
        static double Area(bool use)
        {
            var sim = new Simulation();
            var desk = new Resource(sim, 2) { UsageMonitor = new HallSim.Monitoring.TimeWeightedMonitor(sim, "busy") };

            IEnumerable<Event> C(double at, double s)
            {
                yield return sim.Timeout(at);
                if (use)
                {
                    yield return desk.Use(s);
                }
                else
                {
                    using var r = desk.Request();
                    yield return r;
                    yield return sim.Timeout(s);
                }
            }

            for (var i = 0; i < 20; i++)
            {
                sim.Process(C(i * 0.7, 1 + (i % 5)));
            }

            sim.Run();
            return desk.UsageMonitor!.Summary(0, sim.Now).TimeAverage;
        }

        Assert.Equal(Area(use: false), Area(use: true), 12);
    }
}
