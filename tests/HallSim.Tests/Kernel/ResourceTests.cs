using HallSim.Kernel;

namespace HallSim.Tests.Kernel;

public class ResourceTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Capacity_NotPositive_Throws(int capacity)
    {
        var sim = new Simulation();
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new Resource(sim, capacity)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PriorityResource(sim, capacity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PreemptiveResource(sim, capacity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Store<int>(sim, capacity));
    }

    [Fact]
    public void Release_WhatWasNeverGranted_Throws()
    {
        var sim = new Simulation();
        var r = new Resource(sim, 1, "window");
        var first = r.Request();
        var second = r.Request(); // waits

        var ex = Assert.Throws<InvalidOperationException>(() => r.Release(second));
        Assert.Contains("never granted", ex.Message);
        Assert.Throws<ArgumentException>(() => r.Release(default));
        r.Release(first);
    }

    [Fact]
    public void Release_Twice_Throws_ButDisposeAfterReleaseIsHarmless()
    {
        var sim = new Simulation();
        var r = new Resource(sim, 1, "window");
        var req = r.Request();
        r.Release(req);

        Assert.Throws<InvalidOperationException>(() => r.Release(req));
        req.Dispose(); // `using` after an explicit release: nothing happens
        Assert.Equal(0, r.Count);
    }

    [Fact]
    public void Release_OnAnotherResource_Throws()
    {
        var sim = new Simulation();
        var a = new Resource(sim, 1, "a");
        var b = new Resource(sim, 1, "b");
        var req = a.Request();

        var ex = Assert.Throws<ArgumentException>(() => b.Release(req));
        Assert.Contains("belongs to a", ex.Message);
    }

    [Fact]
    public void Requests_AreGrantedFirstComeFirstServed()
    {
        var sim = new Simulation();
        var r = new Resource(sim, 2);
        var served = new List<(int Id, double Start)>();
        IEnumerable<Event> Customer(int id, double arrive)
        {
            yield return sim.Timeout(arrive);
            using var req = r.Request();
            yield return req;
            served.Add((id, sim.Now));
            yield return sim.Timeout(10);
        }

        for (var i = 0; i < 5; i++)
        {
            sim.Process(Customer(i, i));
        }

        sim.Run();

        Assert.Equal([(0, 0.0), (1, 1.0), (2, 10.0), (3, 11.0), (4, 20.0)], served);
        Assert.Equal(0, r.Count);
        Assert.Equal(0, r.QueueLength);
    }

    [Fact]
    public void WithdrawingAWaitingRequest_Reneging_LetsTheNextOneIn()
    {
        var sim = new Simulation();
        var r = new Resource(sim, 1);
        var log = new List<string>();
        IEnumerable<Event> Holder()
        {
            using var req = r.Request();
            yield return req;
            yield return sim.Timeout(10);
        }

        IEnumerable<Event> Impatient()
        {
            yield return sim.Timeout(1);
            using var req = r.Request();
            var patience = sim.Timeout(3);
            yield return sim.AnyOf(req, patience);
            log.Add(req.IsGranted ? "impatient served" : $"impatient left at {sim.Now}");
        }

        IEnumerable<Event> Patient()
        {
            yield return sim.Timeout(2);
            using var req = r.Request();
            yield return req;
            log.Add($"patient served at {sim.Now}");
        }

        sim.Process(Holder());
        sim.Process(Impatient());
        sim.Process(Patient());
        sim.Run();

        Assert.Equal(["impatient left at 4", "patient served at 10"], log);
        Assert.Equal(0, r.QueueLength);
    }

    [Fact]
    public void PriorityResource_ServesLowerPriorityValueFirst_ThenFifo()
    {
        var sim = new Simulation();
        var r = new PriorityResource(sim, 1);
        var order = new List<string>();
        IEnumerable<Event> User(string name, int priority, double arrive)
        {
            yield return sim.Timeout(arrive);
            using var req = r.Request(priority);
            yield return req;
            order.Add(name);
            yield return sim.Timeout(5);
        }

        sim.Process(User("first", 5, 0));
        sim.Process(User("low-a", 3, 1));
        sim.Process(User("low-b", 3, 2));
        sim.Process(User("urgent", 0, 3));
        sim.Run();

        Assert.Equal(["first", "urgent", "low-a", "low-b"], order);
    }

    [Fact]
    public void PreemptiveResource_PreemptedUserLearnsByWhomAndSinceWhen()
    {
        var sim = new Simulation();
        var r = new PreemptiveResource(sim, 1, "repairman");
        Preempted? seen = null;
        double resumedAt = -1;
        IEnumerable<Event> Low()
        {
            yield return sim.Timeout(1);
            using var req = r.Request(priority: 2);
            yield return req;
            yield return sim.Timeout(100);
            if (sim.ActiveProcess.HandleInterrupt(out var cause))
            {
                seen = (Preempted)cause!;
                resumedAt = sim.Now;
            }
        }

        Process high = default;
        IEnumerable<Event> High()
        {
            yield return sim.Timeout(7);
            using var req = r.Request(priority: 1);
            yield return req;
            Assert.Equal(7, sim.Now);
            yield return sim.Timeout(2);
        }

        sim.Process(Low(), "low");
        high = sim.Process(High(), "high");
        sim.Run();

        Assert.NotNull(seen);
        Assert.Equal(high, seen!.By);
        Assert.Equal(1, seen.UsageSince);
        Assert.Same(r, seen.Resource);
        Assert.Equal(7, resumedAt);
        Assert.Equal(0, r.Count);
    }

    [Fact]
    public void PreemptiveResource_EqualPriority_DoesNotPreempt()
    {
        var sim = new Simulation();
        var r = new PreemptiveResource(sim, 1);
        double secondStart = -1;
        IEnumerable<Event> User(double arrive, bool record)
        {
            yield return sim.Timeout(arrive);
            using var req = r.Request(priority: 1);
            yield return req;
            if (record)
            {
                secondStart = sim.Now;
            }

            yield return sim.Timeout(10);
        }

        sim.Process(User(0, false));
        sim.Process(User(1, true));
        sim.Run();

        Assert.Equal(10, secondStart);
    }

    [Fact]
    public void Monitors_RecordUsageAndQueue()
    {
        var sim = new Simulation();
        var r = new Resource(sim, 1)
        {
            UsageMonitor = new(sim, "busy"),
            QueueMonitor = new(sim, "queue"),
        };
        IEnumerable<Event> User()
        {
            using var req = r.Request();
            yield return req;
            yield return sim.Timeout(4);
        }

        sim.Process(User());
        sim.Process(User());
        sim.Run(until: 10);

        // busy 1 during [0, 8), queue 1 during [0, 4).
        Assert.Equal(0.8, r.UsageMonitor.Summary().TimeAverage, 12);
        Assert.Equal(0.4, r.QueueMonitor.Summary().TimeAverage, 12);
        Assert.Equal(1, r.QueueMonitor.Summary().Max);
    }
}
