using HallSim.Kernel;
using HallSim.Randomness;

namespace HallSim.Benchmarks;

/// <summary>What an M/M/c run reports; both implementations must report identical values.</summary>
public readonly record struct MmcResult(long Served, double TotalWait, double EndTime);

/// <summary>The M/M/c parameters of the kernel benchmark: 16 servers, utilisation 0.9, mean service 10 minutes.</summary>
/// <param name="PendingBackground">Far-future entries kept in the calendar (0 by default) to measure a deep calendar.</param>
/// <param name="Tuning">The kernel's optimisations (default: all on); the hand loop ignores it.</param>
public sealed record MmcSpec(int Servers = 16, double Utilisation = 0.9, double MeanService = 10, int Customers = 100_000, ulong Seed = 42, int PendingBackground = 0, KernelTuning? Tuning = null)
{
    public double MeanInterarrival => MeanService / (Utilisation * Servers);
}

/// <summary>
/// The fastest honest M/M/c loop: a struct 4-ary heap of (time, sequence, kind) in one array, a ring buffer of
/// waiting customers, no allocation per event, no processes. The baseline the kernel is measured against.
/// </summary>
public static class MmcHandLoop
{
    private struct Entry
    {
        public double Time;
        public long Seq;
        public bool IsArrival;
    }

    public static MmcResult Run(MmcSpec spec) => RunCounting(spec).Result;

    /// <summary>Runs the model; also returns the number of events popped from the heap.</summary>
    public static (MmcResult Result, long Events) RunCounting(MmcSpec spec)
    {
        var streams = new RandomStreams(spec.Seed);
        var arrivals = streams["arrivals"];
        var services = streams["service"];
        var interarrival = new ExponentialDistribution(spec.MeanInterarrival);
        var service = new ExponentialDistribution(spec.MeanService);

        var heap = new Entry[64];
        var count = 0;
        long seq = 0;
        var waitArrival = new double[1024];
        var waitService = new double[1024];
        int qHead = 0, qCount = 0;

        var busy = 0;
        long served = 0;
        double totalWait = 0, now = 0;
        var generated = 1;
        long events = 0;
        Push(ref heap, ref count, new Entry { Time = interarrival.Sample(arrivals), Seq = seq++, IsArrival = true });
        while (count > 0)
        {
            var e = Pop(heap, ref count);
            events++;
            now = e.Time;
            if (e.IsArrival)
            {
                var s = service.Sample(services);
                if (generated < spec.Customers)
                {
                    generated++;
                    Push(ref heap, ref count, new Entry { Time = now + interarrival.Sample(arrivals), Seq = seq++, IsArrival = true });
                }

                if (busy < spec.Servers)
                {
                    busy++;
                    served++;
                    Push(ref heap, ref count, new Entry { Time = now + s, Seq = seq++ });
                }
                else
                {
                    if (qCount == waitArrival.Length)
                    {
                        Grow(ref waitArrival, qHead, qCount);
                        Grow(ref waitService, qHead, qCount);
                        qHead = 0;
                    }

                    var tail = (qHead + qCount) & (waitArrival.Length - 1);
                    waitArrival[tail] = now;
                    waitService[tail] = s;
                    qCount++;
                }
            }
            else if (qCount > 0)
            {
                var arrivedAt = waitArrival[qHead];
                var s = waitService[qHead];
                qHead = (qHead + 1) & (waitArrival.Length - 1);
                qCount--;
                totalWait += now - arrivedAt;
                served++;
                Push(ref heap, ref count, new Entry { Time = now + s, Seq = seq++ });
            }
            else
            {
                busy--;
            }
        }

        return (new MmcResult(served, totalWait, now), events);
    }

    private static void Grow(ref double[] ring, int head, int count)
    {
        var bigger = new double[ring.Length * 2];
        for (var i = 0; i < count; i++)
        {
            bigger[i] = ring[(head + i) & (ring.Length - 1)];
        }

        ring = bigger;
    }

    private static bool Before(in Entry a, in Entry b) => a.Time < b.Time || (a.Time == b.Time && a.Seq < b.Seq);

    private static void Push(ref Entry[] heap, ref int count, Entry entry)
    {
        if (count == heap.Length)
        {
            Array.Resize(ref heap, heap.Length * 2);
        }

        var hole = count++;
        while (hole > 0)
        {
            var parent = (hole - 1) >> 2;
            if (!Before(entry, heap[parent]))
            {
                break;
            }

            heap[hole] = heap[parent];
            hole = parent;
        }

        heap[hole] = entry;
    }

    private static Entry Pop(Entry[] heap, ref int count)
    {
        var top = heap[0];
        var n = --count;
        if (n == 0)
        {
            return top;
        }

        var last = heap[n];
        var hole = 0;
        while (true)
        {
            var first = (hole << 2) + 1;
            if (first >= n)
            {
                break;
            }

            var best = first;
            var end = Math.Min(first + 4, n);
            for (var c = first + 1; c < end; c++)
            {
                if (Before(heap[c], heap[best]))
                {
                    best = c;
                }
            }

            if (!Before(heap[best], last))
            {
                break;
            }

            heap[hole] = heap[best];
            hole = best;
        }

        heap[hole] = last;
        return top;
    }
}

/// <summary>The same M/M/c model through the kernel's public process API: a source process, a <see cref="Resource"/>, one process per customer.</summary>
public sealed class MmcProcessModel
{
    private readonly MmcSpec _spec;
    private readonly Simulation _sim;
    private readonly Resource _servers;
    private readonly RandomStream _arrivals;
    private readonly RandomStream _services;
    private readonly ExponentialDistribution _interarrival;
    private readonly ExponentialDistribution _service;
    private long _served;
    private double _totalWait;
    private double _lastEvent;

    private MmcProcessModel(MmcSpec spec)
    {
        _spec = spec;
        _sim = new Simulation(spec.Seed, 0, 0, spec.Tuning ?? KernelTuning.Default);
        _servers = new Resource(_sim, spec.Servers, "servers");
        _arrivals = _sim.Stream("arrivals");
        _services = _sim.Stream("service");
        _interarrival = new ExponentialDistribution(spec.MeanInterarrival);
        _service = new ExponentialDistribution(spec.MeanService);
    }

    public static MmcResult Run(MmcSpec spec) => Run(spec, null);

    public static MmcResult Run(MmcSpec spec, Action<TraceRecord>? trace) => RunCounting(spec, trace).Result;

    /// <summary>Runs the model; also returns the calendar entries the simulation processed.</summary>
    public static (MmcResult Result, long Events) RunCounting(MmcSpec spec, Action<TraceRecord>? trace = null)
    {
        var model = new MmcProcessModel(spec);
        model._sim.Trace = trace;
        model._sim.Process(model.Source(), "source");
        if (spec.PendingBackground > 0)
        {
            // Far-future timeouts that keep the heap deep; the run stops long before they fire.
            for (var i = 0; i < spec.PendingBackground; i++)
            {
                model._sim.Timeout(1e12 + i);
            }

            model._sim.Run(until: 1e11);
            return (new MmcResult(model._served, model._totalWait, model._lastEvent), model._sim.ProcessedEvents);
        }

        model._sim.Run();
        return (new MmcResult(model._served, model._totalWait, model._sim.Now), model._sim.ProcessedEvents);
    }

    private IEnumerable<Event> Source()
    {
        for (var i = 0; i < _spec.Customers; i++)
        {
            yield return _sim.Timeout(_interarrival.Sample(_arrivals));
            _sim.Process(Customer(_service.Sample(_services)));
        }
    }

    private IEnumerable<Event> Customer(double serviceTime)
    {
        var arrivedAt = _sim.Now;
        using var request = _servers.Request();
        yield return request;
        _totalWait += _sim.Now - arrivedAt;
        _served++;
        yield return _sim.Timeout(serviceTime);
        _lastEvent = _sim.Now;
    }
}

/// <summary>
/// The same M/M/c model written as the README writes a process: local functions that capture the simulation, and a
/// stream looked up by name at each draw. What a user who copies the README's example gets.
/// </summary>
public static class MmcReadmeModel
{
    public static MmcResult Run(MmcSpec spec) => RunCounting(spec).Result;

    public static (MmcResult Result, long Events) RunCounting(MmcSpec spec)
    {
        var sim = new Simulation(seed: spec.Seed);
        var servers = new Resource(sim, capacity: spec.Servers, name: "servers");
        var service = new ExponentialDistribution(spec.MeanService);
        var arrivals = new ExponentialDistribution(spec.MeanInterarrival);
        long served = 0;
        double totalWait = 0;

        IEnumerable<Event> Customer(double serviceTime)
        {
            var arrivedAt = sim.Now;
            using var request = servers.Request();
            yield return request;
            totalWait += sim.Now - arrivedAt;
            served++;
            yield return sim.Timeout(serviceTime);
        }

        IEnumerable<Event> Door()
        {
            for (var i = 0; i < spec.Customers; i++)
            {
                yield return sim.Timeout(arrivals.Sample(sim.Stream("arrivals")));
                sim.Process(Customer(service.Sample(sim.Stream("service"))));
            }
        }

        sim.Process(Door(), "door");
        sim.Run();
        return (new MmcResult(served, totalWait, sim.Now), sim.ProcessedEvents);
    }
}

/// <summary>
/// The same M/M/c model with <see cref="Resource.Use"/>: each customer is a process that yields one use of a server
/// (request, hold for the service time, release) instead of a request and then a timeout.
/// </summary>
public static class MmcUseModel
{
    public static MmcResult Run(MmcSpec spec) => RunCounting(spec).Result;

    public static (MmcResult Result, long Events) RunCounting(MmcSpec spec)
    {
        var sim = new Simulation(spec.Seed, 0, 0, spec.Tuning ?? KernelTuning.Default);
        var servers = new Resource(sim, spec.Servers, "servers");
        var arrivals = sim.Stream("arrivals");
        var services = sim.Stream("service");
        var interarrival = new ExponentialDistribution(spec.MeanInterarrival);
        var service = new ExponentialDistribution(spec.MeanService);
        long served = 0;
        double totalWait = 0;

        IEnumerable<Event> Customer(double serviceTime)
        {
            var arrivedAt = sim.Now;
            var use = servers.Use(serviceTime);
            yield return use;
            totalWait += use.GrantedAt - arrivedAt;
            served++;
        }

        IEnumerable<Event> Source()
        {
            for (var i = 0; i < spec.Customers; i++)
            {
                yield return sim.Timeout(interarrival.Sample(arrivals));
                sim.Process(Customer(service.Sample(services)));
            }
        }

        sim.Process(Source(), "source");
        sim.Run();
        return (new MmcResult(served, totalWait, sim.Now), sim.ProcessedEvents);
    }
}
