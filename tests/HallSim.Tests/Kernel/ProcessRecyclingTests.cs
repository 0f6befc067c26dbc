using HallSim.Kernel;

namespace HallSim.Tests.Kernel;

/// <summary>
/// An unnamed process that ended successfully and that nobody waited on is recycled for the next process. A handle
/// to the ended process must still read as SimPy would read it (ended, successful), and must never reach the new
/// process that runs on the same core.
/// </summary>
public class ProcessRecyclingTests
{
    private static IEnumerable<Event> Hold(Simulation sim, double minutes)
    {
        yield return sim.Timeout(minutes);
    }

    [Fact]
    public void EndedProcess_CoreIsReused_AndTheOldHandleReadsAsEndedSuccessfully()
    {
        var sim = new Simulation();
        var first = sim.Process(Hold(sim, 1));
        sim.Run();
        var second = sim.Process(Hold(sim, 5));

        Assert.Same(first.Core, second.Core); // the core was recycled
        Assert.NotEqual(first, second);
        Assert.False(first.IsAlive);
        Assert.True(first.IsOk);
        Assert.Null(first.Error);
        Assert.Equal("process #1", first.Name);
        Assert.Equal("process #2", second.Name);
        Assert.True(second.IsAlive);
        Event asEvent = first;
        Assert.True(asEvent.IsProcessed);
        Assert.True(asEvent.IsOk);
        var ex = Assert.Throws<InvalidOperationException>(() => first.Interrupt());
        Assert.Contains("has ended", ex.Message);
        Assert.True(second.IsAlive); // the failed interrupt did not reach the process on the same core
        sim.Run();
        Assert.Equal(6, sim.Now);
    }

    [Fact]
    public void WaitingOnARecycledProcess_ContinuesAtOnce_AsOnAnEndedOne()
    {
        var sim = new Simulation();
        var child = sim.Process(Hold(sim, 1));
        sim.Run();
        _ = sim.Process(Hold(sim, 10)); // takes the child's core
        double? resumedAt = null;
        var anyOfDone = false;

        IEnumerable<Event> Parent()
        {
            yield return child;
            resumedAt = sim.Now;
            yield return sim.AllOf(child, sim.Timeout(2));
            anyOfDone = true;
        }

        sim.Process(Parent(), "parent");
        sim.Run();

        Assert.Equal(1, resumedAt); // did not wait for the new process on the child's old core
        Assert.True(anyOfDone);
        Assert.Equal(11, sim.Now);
        sim.Run(until: child); // returns at once
        var called = false;
        ((Event)child).AddCallback(_ => called = true);
        Assert.True(called);
    }

    [Fact]
    public void AWaitedProcess_IsReadableRightAfterTheYield_AndRecycledOnlyAfterTheWaiterMovesOn()
    {
        var sim = new Simulation();
        bool? okRightAfter = null;
        bool? okLater = null;
        Process child = default;

        IEnumerable<Event> Parent()
        {
            child = sim.Process(Hold(sim, 3));
            yield return child;
            okRightAfter = child.IsOk && !child.IsAlive && ((Event)child).IsProcessed && !((Event)child).IsRecycledProcess;
            yield return sim.Timeout(1);
            var next = sim.Process(Hold(sim, 1)); // the pool gives it the child's core, now that the parent moved on
            okLater = ReferenceEquals(next.Core, child.Core) && child.IsOk && !child.IsAlive && ((Event)child).IsRecycledProcess;
        }

        sim.Process(Parent());
        sim.Run();

        Assert.True(okRightAfter);
        Assert.True(okLater);
    }

    [Fact]
    public void ARecycledHandle_OfAnotherSimulation_IsRefusedAsSuch()
    {
        var one = new Simulation();
        var p = one.Process(Hold(one, 1));
        one.Run();
        _ = one.Process(Hold(one, 1)); // recycles p's core
        var other = new Simulation();
        Assert.Same(one, ((Event)p).Simulation);
        Assert.Throws<ArgumentException>(() => other.Run(until: p));
        string? error = null;

        IEnumerable<Event> Waits()
        {
            yield return p;
        }

        var w = other.Process(Waits());
        other.AnyOf(w).AddCallback(e => error = e.Error?.Message);
        other.Run();
        Assert.Contains("another simulation", error);
    }

    [Fact]
    public void NamedOrInterruptedOrSharedProcesses_AreNeverRecycled()
    {
        var sim = new Simulation();
        var named = sim.Process(Hold(sim, 1), "named");
        var shared = sim.Process(Hold(sim, 1));
        var condition = sim.AnyOf(shared, sim.Timeout(50));
        var interrupted = sim.Process(Interruptible(sim));
        sim.Process(InterruptAfter(sim, interrupted, 1));
        sim.Run();

        var cores = Enumerable.Range(0, 10).Select(_ => sim.Process(Hold(sim, 1)).Core).ToList();
        Assert.DoesNotContain(named.Core, cores);
        Assert.DoesNotContain(shared.Core, cores);
        Assert.DoesNotContain(interrupted.Core, cores);
        Assert.Equal("named", named.Name);
        Assert.True(condition.IsProcessed);
        Assert.True(interrupted.IsOk);
    }

    private static IEnumerable<Event> Interruptible(Simulation sim)
    {
        yield return sim.Timeout(10);
        sim.ActiveProcess.HandleInterrupt(out _);
    }

    private static IEnumerable<Event> InterruptAfter(Simulation sim, Process target, double minutes)
    {
        yield return sim.Timeout(minutes);
        target.Interrupt("stop");
    }

    [Fact]
    public void PreemptingARequestWhoseOwnerEndedAndWasRecycled_DoesNotInterruptTheCoresNewProcess()
    {
        var sim = new Simulation();
        var machine = new PreemptiveResource(sim, 1, "machine");
        Request leaked = default;

        IEnumerable<Event> Leaker()
        {
            leaked = machine.Request(priority: 5);
            yield return leaked; // granted, never released: the process ends holding the unit
        }

        var leaker = sim.Process(Leaker());
        sim.Run();
        Assert.False(leaker.IsAlive);
        var interrupted = false;

        IEnumerable<Event> Bystander()
        {
            yield return sim.Timeout(10);
            interrupted = sim.ActiveProcess.HandleInterrupt(out _);
        }

        var bystander = sim.Process(Bystander());
        Assert.Same(leaker.Core, bystander.Core);

        IEnumerable<Event> Urgent()
        {
            using var r = machine.Request(priority: 0);
            yield return r;
        }

        sim.Process(Urgent(), "urgent");
        sim.Run();

        Assert.False(interrupted);
        Assert.True(bystander.IsOk);
    }

    [Fact]
    public void WithoutPooling_NoCoreIsReused_WithPoolingMost_AndResultsAreTheSame()
    {
        static (double, List<double>, int Cores) Run(KernelTuning tuning)
        {
            var sim = new Simulation(3, 0, 0, tuning);
            var desk = new Resource(sim, 2);
            var ends = new List<double>();
            var cores = new HashSet<object>(ReferenceEqualityComparer.Instance);

            IEnumerable<Event> Customer(double service)
            {
                using var r = desk.Request();
                yield return r;
                yield return sim.Timeout(service);
                ends.Add(sim.Now);
            }

            IEnumerable<Event> Door()
            {
                var rng = sim.Stream("x");
                for (var i = 0; i < 200; i++)
                {
                    yield return sim.Timeout(rng.NextDouble());
                    var p = sim.Process(Customer(rng.NextDouble() * 3));
                    cores.Add(p.Core);
                    if (i % 7 == 0)
                    {
                        yield return p; // wait for some of them
                    }
                }
            }

            sim.Process(Door());
            sim.Run();
            return (sim.Now, ends, cores.Count);
        }

        var pooled = Run(KernelTuning.Default);
        var unpooled = Run(new KernelTuning { Pooling = false });
        Assert.Equal(pooled.Item1, unpooled.Item1);
        Assert.Equal(pooled.Item2, unpooled.Item2);
        Assert.Equal(200, pooled.Item2.Count);
        Assert.Equal(200, unpooled.Cores); // without pooling every process has a core of its own
        Assert.True(pooled.Cores < 50, $"{pooled.Cores} cores for 200 processes: the ended ones were not reused");
    }
}
