using HallSim.Kernel;

namespace HallSim.Tests.Kernel;

public class SimulationTests
{
    [Fact]
    public void Timeout_AdvancesClock_AndProcessResumesAtThatTime()
    {
        var sim = new Simulation();
        var times = new List<double>();
        IEnumerable<Event> Body()
        {
            yield return sim.Timeout(2.5);
            times.Add(sim.Now);
            yield return sim.Timeout(0);
            times.Add(sim.Now);
            yield return sim.Timeout(4);
            times.Add(sim.Now);
        }

        sim.Process(Body());
        sim.Run();

        Assert.Equal([2.5, 2.5, 6.5], times);
        Assert.Equal(6.5, sim.Now);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Timeout_BadDelay_Throws(double delay)
    {
        var sim = new Simulation();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Timeout(delay));
        Assert.Equal("delay", ex.ParamName);
    }

    [Fact]
    public void Run_UntilBeforeNow_Throws()
    {
        var sim = new Simulation();
        sim.Timeout(10);
        sim.Run(until: 5);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(until: 4));
        Assert.Contains("current time", ex.Message);
    }

    [Fact]
    public void Run_Until_StopsBeforeEventsAtThatTime_AndSetsNow()
    {
        var sim = new Simulation();
        var fired = new List<double>();
        foreach (var t in new[] { 1.0, 5.0, 7.0 })
        {
            sim.Timeout(t).AddCallback(_ => fired.Add(sim.Now));
        }

        sim.Run(until: 5);

        Assert.Equal([1.0], fired);
        Assert.Equal(5, sim.Now);
        Assert.Equal(5, sim.Peek());
        sim.Run();
        Assert.Equal([1.0, 5.0, 7.0], fired);
    }

    [Fact]
    public void Run_UntilEvent_StopsWhenProcessed()
    {
        var sim = new Simulation();
        var stop = sim.Timeout(3);
        sim.Timeout(10);

        sim.Run(stop);

        Assert.Equal(3, sim.Now);
        Assert.True(stop.IsProcessed);
        Assert.Equal(10, sim.Peek());
    }

    [Fact]
    public void Run_UntilEventThatNeverHappens_Throws()
    {
        var sim = new Simulation();
        var never = sim.Event();
        sim.Timeout(1);

        var ex = Assert.Throws<InvalidOperationException>(() => sim.Run(never));
        Assert.Contains("ran empty", ex.Message);
    }

    [Fact]
    public void Run_UntilFailedEvent_ThrowsWithInnerError()
    {
        var sim = new Simulation();
        var e = sim.Event();
        IEnumerable<Event> Failer()
        {
            yield return sim.Timeout(2);
            e.Fail(new InvalidDataException("boom"));
        }

        sim.Process(Failer(), "failer");

        var ex = Assert.Throws<SimulationException>(() => sim.Run(e));
        Assert.IsType<InvalidDataException>(ex.InnerException);
        Assert.Equal("failer", ex.ProcessName);
    }

    [Fact]
    public void Step_And_Peek_And_ProcessedEvents()
    {
        var sim = new Simulation();
        Assert.Equal(double.PositiveInfinity, sim.Peek());
        Assert.False(sim.Step());

        sim.Timeout(4);
        sim.Timeout(2);
        Assert.Equal(2, sim.Peek());
        Assert.True(sim.Step());
        Assert.Equal(2, sim.Now);
        Assert.Equal(1, sim.ProcessedEvents);
        Assert.True(sim.Step());
        Assert.Equal(4, sim.Now);
        Assert.False(sim.Step());
        Assert.Equal(2, sim.ProcessedEvents);
    }

    [Fact]
    public void StartTime_IsTheInitialClock()
    {
        var sim = new Simulation(startTime: 1440);
        sim.Timeout(30);
        sim.Run();
        Assert.Equal(1470, sim.Now);
    }

    [Fact]
    public void ProcessesCreatedAtSameTime_StartInCreationOrder_BeforeNormalEvents()
    {
        var sim = new Simulation();
        var order = new List<string>();
        IEnumerable<Event> Named(string name)
        {
            order.Add(name);
            yield break;
        }

        IEnumerable<Event> Parent()
        {
            sim.Timeout(0).AddCallback(_ => order.Add("timeout"));
            sim.Process(Named("a"));
            sim.Process(Named("b"));
            order.Add("parent continues");
            yield break;
        }

        sim.Process(Parent());
        sim.Run();

        Assert.Equal(["parent continues", "a", "b", "timeout"], order);
    }

    [Fact]
    public void Process_CanWaitForAnotherProcess()
    {
        var sim = new Simulation();
        double childEnded = -1, parentResumed = -1;
        IEnumerable<Event> Child()
        {
            yield return sim.Timeout(7);
            childEnded = sim.Now;
        }

        IEnumerable<Event> Parent()
        {
            var child = sim.Process(Child(), "child");
            yield return child;
            parentResumed = sim.Now;
            Assert.False(child.IsAlive);
            Assert.True(child.IsOk);
        }

        sim.Process(Parent());
        sim.Run();

        Assert.Equal(7, childEnded);
        Assert.Equal(7, parentResumed);
    }

    [Fact]
    public void YieldingAProcessedEvent_ContinuesAtOnce()
    {
        var sim = new Simulation();
        var e = sim.Event<int>();
        var seen = new List<(double, int)>();
        IEnumerable<Event> Waiter()
        {
            yield return e;
            seen.Add((sim.Now, e.Value));
            yield return sim.Timeout(5);
            var steps = sim.ProcessedEvents;
            yield return e; // already processed: no calendar step
            Assert.Equal(steps, sim.ProcessedEvents);
            seen.Add((sim.Now, e.Value));
        }

        IEnumerable<Event> Trigger()
        {
            yield return sim.Timeout(1);
            e.Succeed(42);
        }

        sim.Process(Waiter());
        sim.Process(Trigger());
        sim.Run();

        Assert.Equal([(1.0, 42), (6.0, 42)], seen);
    }

    [Fact]
    public void SeveralProcesses_CanWaitOnOneEvent()
    {
        var sim = new Simulation();
        var gate = sim.Event();
        var resumed = new List<string>();
        IEnumerable<Event> Waiter(string name)
        {
            yield return gate;
            resumed.Add(name);
        }

        sim.Process(Waiter("a"));
        sim.Process(Waiter("b"));
        sim.Process(Waiter("c"));
        sim.Timeout(3).AddCallback(_ => gate.Succeed());
        sim.Run();

        Assert.Equal(["a", "b", "c"], resumed);
    }

    [Fact]
    public void Succeed_Twice_Throws_AndSucceedOnTimeout_Throws()
    {
        var sim = new Simulation();
        var e = sim.Event();
        e.Succeed();
        Assert.Throws<InvalidOperationException>(() => e.Succeed());
        var t = sim.Timeout(1);
        var ex = Assert.Throws<InvalidOperationException>(() => t.Succeed());
        Assert.Contains("Simulation.Event()", ex.Message);
    }

    [Fact]
    public void AllOf_WaitsForAll_AnyOf_ForFirst()
    {
        var sim = new Simulation();
        double allAt = -1, anyAt = -1;
        IEnumerable<Event> Body()
        {
            var a = sim.Timeout(2);
            var b = sim.Timeout(5);
            yield return sim.AnyOf(a, b);
            anyAt = sim.Now;
            Assert.True(a.IsProcessed);
            Assert.False(b.IsProcessed);
            yield return sim.AllOf(a, b, sim.Timeout(3));
            allAt = sim.Now;
        }

        sim.Process(Body());
        sim.Run();

        Assert.Equal(2, anyAt);
        Assert.Equal(5, allAt);
    }

    [Fact]
    public void AllOf_Empty_SucceedsAtOnce()
    {
        var sim = new Simulation();
        var done = false;
        IEnumerable<Event> Body()
        {
            yield return sim.AllOf();
            done = true;
        }

        sim.Process(Body());
        sim.Run();
        Assert.True(done);
        Assert.Equal(0, sim.Now);
    }

    [Fact]
    public void AllOf_FailsWithFirstFailure()
    {
        var sim = new Simulation();
        var bad = sim.Event();
        Exception? seen = null;
        IEnumerable<Event> Body()
        {
            yield return sim.AllOf(sim.Timeout(10), bad);
            Assert.True(sim.ActiveProcess.HandleFault(out seen));
        }

        sim.Process(Body());
        sim.Timeout(1).AddCallback(_ => bad.Fail(new TimeoutException("late")));
        sim.Run();

        Assert.IsType<TimeoutException>(seen);
    }

    [Fact]
    public void FailedEvent_NobodyWaits_StopsRun_NamingTheProcess()
    {
        var sim = new Simulation();
        IEnumerable<Event> Body()
        {
            yield return sim.Timeout(1);
            sim.Event().Fail(new InvalidOperationException("no forms left"));
        }

        sim.Process(Body(), "clerk");

        var ex = Assert.Throws<SimulationException>(() => sim.Run());
        Assert.Contains("clerk", ex.Message);
        Assert.Contains("no forms left", ex.Message);
        Assert.Equal(1, ex.Time);
    }

    [Fact]
    public void ProcessBodyThrows_NobodyWaits_StopsRun_NamingTheProcess()
    {
        var sim = new Simulation();
        IEnumerable<Event> Body()
        {
            yield return sim.Timeout(3);
            throw new FormatException("bad ticket");
        }

        sim.Process(Body(), "ticket printer");

        var ex = Assert.Throws<SimulationException>(() => sim.Run());
        Assert.Equal("ticket printer", ex.ProcessName);
        Assert.IsType<FormatException>(ex.InnerException);
        Assert.Equal(3, ex.Time);
    }

    [Fact]
    public void ProcessBodyThrows_WaitingParentSeesFault()
    {
        var sim = new Simulation();
        Exception? seen = null;
        IEnumerable<Event> Child()
        {
            yield return sim.Timeout(1);
            throw new FormatException("child broke");
        }

        IEnumerable<Event> Parent()
        {
            yield return sim.Process(Child());
            Assert.True(sim.ActiveProcess.HandleFault(out seen));
        }

        sim.Process(Parent());
        sim.Run();

        Assert.IsType<FormatException>(seen);
    }

    [Fact]
    public void FaultNotHandled_PropagatesToTheWaitingProcess()
    {
        var sim = new Simulation();
        var e = sim.Event();
        IEnumerable<Event> Waiter()
        {
            yield return e;
            yield return sim.Timeout(1); // did not call HandleFault: the process fails with e's error
        }

        sim.Process(Waiter(), "waiter");
        sim.Timeout(2).AddCallback(_ => e.Fail(new ArithmeticException("overflow")));

        var ex = Assert.Throws<SimulationException>(() => sim.Run());
        Assert.Equal("waiter", ex.ProcessName);
        Assert.IsType<ArithmeticException>(ex.InnerException);
    }

    [Fact]
    public void Interrupt_Handled_ProcessContinues()
    {
        var sim = new Simulation();
        var log = new List<string>();
        IEnumerable<Event> Worker()
        {
            yield return sim.Timeout(10);
            if (sim.ActiveProcess.HandleInterrupt(out var cause))
            {
                log.Add($"interrupted at {sim.Now} by {cause}");
            }

            yield return sim.Timeout(1);
            log.Add($"done at {sim.Now}");
        }

        var worker = sim.Process(Worker(), "worker");
        sim.Timeout(4).AddCallback(_ => worker.Interrupt("lunch"));
        sim.Run();

        Assert.Equal(["interrupted at 4 by lunch", "done at 5"], log);
    }

    [Fact]
    public void Interrupt_NotHandled_FailsTheProcess_AndStopsTheRun()
    {
        var sim = new Simulation();
        IEnumerable<Event> Worker()
        {
            yield return sim.Timeout(10);
            yield return sim.Timeout(10);
        }

        var worker = sim.Process(Worker(), "worker");
        sim.Timeout(4).AddCallback(_ => worker.Interrupt("fire alarm"));

        var ex = Assert.Throws<SimulationException>(() => sim.Run());
        var inner = Assert.IsType<UnhandledInterruptException>(ex.InnerException);
        Assert.Equal("fire alarm", inner.Cause);
        Assert.Contains("HandleInterrupt", inner.Message);
        Assert.Equal(4, ex.Time);
    }

    [Fact]
    public void Interrupt_EndedProcess_Throws_AndSelfInterrupt_Throws()
    {
        var sim = new Simulation();
        IEnumerable<Event> Quick()
        {
            yield return sim.Timeout(1);
        }

        var quick = sim.Process(Quick());
        sim.Run();
        Assert.Throws<InvalidOperationException>(() => quick.Interrupt());

        Exception? selfError = null;
        IEnumerable<Event> Self()
        {
            selfError = Record.Exception(() => sim.ActiveProcess.Interrupt());
            yield break;
        }

        sim.Process(Self());
        sim.Run();
        Assert.IsType<InvalidOperationException>(selfError);
    }

    [Fact]
    public void StaleTimeoutHandle_Throws_WhenReadAfterTheProcessMovedOn()
    {
        var sim = new Simulation();
        Event kept = default;
        IEnumerable<Event> Body()
        {
            kept = sim.Timeout(1);
            yield return kept;
            Assert.True(kept.IsProcessed); // still valid during the step it resumed
            yield return sim.Timeout(1);
        }

        sim.Process(Body());
        sim.Run();

        var ex = Assert.Throws<InvalidOperationException>(() => kept.IsProcessed);
        Assert.Contains("Stale handle", ex.Message);
    }

    [Fact]
    public void YieldingDefaultEvent_FailsTheProcess()
    {
        var sim = new Simulation();
        IEnumerable<Event> Body()
        {
            yield return default;
        }

        sim.Process(Body(), "broken");

        var ex = Assert.Throws<SimulationException>(() => sim.Run());
        Assert.Contains("default(Event)", ex.Message);
    }

    [Fact]
    public void RunFromInsideAProcess_Throws()
    {
        var sim = new Simulation();
        Exception? error = null;
        IEnumerable<Event> Body()
        {
            error = Record.Exception(() => sim.Run());
            yield break;
        }

        sim.Process(Body());
        sim.Run();
        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public void ActiveProcess_OutsideAProcess_Throws()
    {
        var sim = new Simulation();
        Assert.False(sim.InProcess);
        Assert.Throws<InvalidOperationException>(() => sim.ActiveProcess);
    }
}
