using HallSim.Kernel;

namespace HallSim.Staffing;

/// <summary>
/// A generic M_t/M/s_t+M queue on the kernel: non-homogeneous Poisson arrivals (by thinning against
/// <see cref="MaxRate"/>), exponential service and patience, FIFO, and a number of servers that changes at the
/// boundaries of equal intervals. When the staffing drops, busy servers finish their customer first. Time is in
/// any unit (FMMW use mean service times); rates per that unit.
/// </summary>
/// <param name="Rate">λ(t), arrivals per time unit, never above <paramref name="MaxRate"/>.</param>
/// <param name="MaxRate">An upper bound of λ(t) for thinning.</param>
/// <param name="MeanService">Mean service time.</param>
/// <param name="MeanPatience">Mean patience (exponential); +∞ for none.</param>
/// <param name="IntervalLength">Length of a staffing interval.</param>
/// <param name="Intervals">Number of intervals; the horizon is their total length.</param>
public sealed record TimeVaryingQueue(Func<double, double> Rate, double MaxRate, double MeanService, double MeanPatience, double IntervalLength, int Intervals)
{
    /// <summary>Points per interval at which the number in system is sampled (default 4).</summary>
    public int SamplesPerInterval { get; init; } = 4;

    /// <summary>What one replication saw, per interval.</summary>
    /// <param name="Arrivals">Arrivals per interval.</param>
    /// <param name="Delayed">Arrivals who had to wait (no free server on arrival).</param>
    /// <param name="Abandoned">Arrivals who left before service.</param>
    /// <param name="NumberInSystem">Customers present (waiting and not yet gone, plus in service), sampled at
    /// <see cref="SamplesPerInterval"/> evenly spaced points of each interval: entry i·k + j is point j of interval i.</param>
    public sealed record Observation(int[] Arrivals, int[] Delayed, int[] Abandoned, int[] NumberInSystem);

    /// <summary>Simulates one replication with <paramref name="servers"/> per interval.</summary>
    /// <param name="servers">Servers per interval (length <see cref="Intervals"/>).</param>
    /// <param name="seed">Seed.</param>
    /// <param name="replication">Replication index.</param>
    public Observation Simulate(IReadOnlyList<int> servers, ulong seed, int replication)
    {
        ArgumentNullException.ThrowIfNull(servers);
        if (servers.Count != Intervals)
        {
            throw new ArgumentException($"needs one staffing level per interval ({Intervals}), not {servers.Count}", nameof(servers));
        }

        var sim = new Simulation(seed, replication);
        var arrivalStream = sim.Stream("arrivals");
        var serviceStream = sim.Stream("service");
        var patienceStream = sim.Stream("patience");
        var horizon = IntervalLength * Intervals;
        var arrivals = new int[Intervals];
        var delayed = new int[Intervals];
        var abandoned = new int[Intervals];
        var k = SamplesPerInterval;
        var inSystem = new int[Intervals * k];
        var waiting = new Queue<(double Deadline, double Service, int Interval)>();
        var busy = 0;
        var capacity = servers[0];

        int IntervalOf(double t) => Math.Min(Intervals - 1, (int)(t / IntervalLength));

        void StartWaiting()
        {
            while (busy < capacity && waiting.Count > 0)
            {
                var (deadline, service, interval) = waiting.Dequeue();
                if (deadline <= sim.Now)
                {
                    abandoned[interval]++; // left before a server was free (lazily: no timer per customer)
                    continue;
                }

                busy++;
                sim.Process(Serve(service));
            }
        }

        IEnumerable<Event> Serve(double service)
        {
            yield return sim.Timeout(service);
            busy--;
            StartWaiting();
        }

        IEnumerable<Event> Source()
        {
            while (true)
            {
                yield return sim.Timeout(-Math.Log(arrivalStream.NextDoubleNonZero()) / MaxRate);
                if (sim.Now >= horizon)
                {
                    yield break;
                }

                var accept = arrivalStream.NextDouble() * MaxRate < Rate(sim.Now);
                var service = -MeanService * Math.Log(serviceStream.NextDoubleNonZero());
                var patience = double.IsPositiveInfinity(MeanPatience) ? double.PositiveInfinity : -MeanPatience * Math.Log(patienceStream.NextDoubleNonZero());
                if (!accept)
                {
                    continue;
                }

                var interval = IntervalOf(sim.Now);
                arrivals[interval]++;
                if (busy < capacity && waiting.Count == 0)
                {
                    busy++;
                    sim.Process(Serve(service));
                }
                else
                {
                    delayed[interval]++;
                    waiting.Enqueue((sim.Now + patience, service, interval));
                }
            }
        }

        IEnumerable<Event> Staffing()
        {
            for (var i = 0; i < Intervals; i++)
            {
                capacity = servers[i];
                StartWaiting();
                var start = sim.Now;
                for (var j = 0; j < k; j++)
                {
                    yield return sim.Timeout(start + ((j + 0.5) * IntervalLength / k) - sim.Now);
                    inSystem[(i * k) + j] = busy + waiting.Count(w => w.Deadline > sim.Now);
                }

                yield return sim.Timeout(start + IntervalLength - sim.Now);
            }
        }

        sim.Process(Source());
        sim.Process(Staffing());
        sim.Run(horizon);
        return new Observation(arrivals, delayed, abandoned, inSystem);
    }
}
