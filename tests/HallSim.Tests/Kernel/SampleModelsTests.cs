using HallSim.Kernel;
using HallSim.Randomness;
using HallSim.Tests.Support;

namespace HallSim.Tests.Kernel;

/// <summary>SimSharp's (and SimPy's) sample models rebuilt on HallSim's kernel, each checked against something that can fail.</summary>
public class SampleModelsTests
{
    // ---- Bank with reneging customers ------------------------------------------------------------------------

    private sealed record BankResult(int Arrived, int Served, int Reneged, int InSystemAtEnd);

    private static BankResult RunBank(ulong seed, int replication, double lambda, double mu, double theta, double horizon)
    {
        var sim = new Simulation(seed, replication);
        var counter = new Resource(sim, 1, "counter");
        var arrivalsStream = sim.Stream("arrivals");
        var serviceStream = sim.Stream("service");
        var patienceStream = sim.Stream("patience");
        var interarrival = new ExponentialDistribution(1 / lambda);
        var service = new ExponentialDistribution(1 / mu);
        var patienceDist = new ExponentialDistribution(1 / theta);
        int arrived = 0, served = 0, reneged = 0;

        IEnumerable<Event> Customer(double serviceTime, double patience)
        {
            using var request = counter.Request();
            var gaveUp = sim.Timeout(patience);
            yield return sim.AnyOf(request, gaveUp);
            if (!request.IsGranted)
            {
                reneged++;
                yield break; // `using` withdraws the request
            }

            yield return sim.Timeout(serviceTime);
            served++;
        }

        IEnumerable<Event> Source()
        {
            while (true)
            {
                yield return sim.Timeout(interarrival.Sample(arrivalsStream));
                arrived++;
                sim.Process(Customer(service.Sample(serviceStream), patienceDist.Sample(patienceStream)));
            }
        }

        sim.Process(Source(), "source");
        sim.Run(horizon);
        return new BankResult(arrived, served, reneged, counter.Count + counter.QueueLength);
    }

    [Fact]
    public void Bank_Conservation_ArrivedEqualsServedPlusRenegedPlusInside()
    {
        var r = RunBank(seed: 1, replication: 0, lambda: 1, mu: 1.2, theta: 0.5, horizon: 5_000);
        Assert.True(r.Reneged > 0 && r.Served > 0);
        Assert.Equal(r.Arrived, r.Served + r.Reneged + r.InSystemAtEnd);
    }

    [Fact]
    public void Bank_AbandonmentProbability_MatchesBirthDeathChain()
    {
        // λ = 1, μ = 1.2, θ = 0.5 (mean patience 2 minutes). Oracle: the M/M/1+M birth–death chain, solved
        // numerically in the test. 12 replications of 20,000 minutes (~20,000 customers each) give a 99%
        // Student-t interval of about ±0.004 around the mean abandonment fraction; the oracle must lie inside.
        const double lambda = 1, mu = 1.2, theta = 0.5;
        var expected = QueueingOracle.Mm1AbandonProbability(lambda, mu, theta);
        var fractions = Enumerable.Range(0, 12)
            .Select(rep => RunBank(seed: 2024, replication: rep, lambda, mu, theta, horizon: 20_000))
            .Select(r => (double)r.Reneged / r.Arrived)
            .ToList();

        var ci = ConfidenceInterval.Of(fractions);

        Assert.True(ci.Contains(expected), $"P(abandon) {ci} does not contain {expected:G6}");
        Assert.True(ci.HalfWidth < 0.01, $"interval too wide to mean anything: {ci}");
    }

    // ---- M/M/1 and M/M/c against closed forms ----------------------------------------------------------------

    private static (double MeanWait, double WaitedShare) RunMmc(int c, double lambda, double mu, int customers, ulong seed, int replication)
    {
        var sim = new Simulation(seed, replication);
        var servers = new Resource(sim, c);
        var arrivals = sim.Stream("arrivals");
        var services = sim.Stream("service");
        var ia = new ExponentialDistribution(1 / lambda);
        var st = new ExponentialDistribution(1 / mu);
        const int warmUp = 2_000;
        double totalWait = 0;
        int counted = 0, waited = 0, index = 0;

        IEnumerable<Event> Customer(int id, double serviceTime)
        {
            var arrive = sim.Now;
            using var req = servers.Request();
            yield return req;
            if (id >= warmUp)
            {
                var wait = sim.Now - arrive;
                totalWait += wait;
                counted++;
                waited += wait > 0 ? 1 : 0;
            }

            yield return sim.Timeout(serviceTime);
        }

        IEnumerable<Event> Source()
        {
            for (var i = 0; i < customers + warmUp; i++)
            {
                yield return sim.Timeout(ia.Sample(arrivals));
                sim.Process(Customer(index++, st.Sample(services)));
            }
        }

        sim.Process(Source());
        sim.Run();
        return (totalWait / counted, (double)waited / counted);
    }

    [Fact]
    public void Mm1_MeanWait_MatchesClosedForm()
    {
        // λ = 0.8, μ = 1: Wq = ρ/(μ − λ) = 4 minutes. 10 replications × 40,000 customers after a 2,000 warm-up:
        // 99% interval about ±0.25 minutes.
        const double lambda = 0.8, mu = 1.0;
        var expected = lambda / mu / (mu - lambda);
        var waits = Enumerable.Range(0, 10).Select(rep => RunMmc(1, lambda, mu, 40_000, 11, rep).MeanWait).ToList();

        var ci = ConfidenceInterval.Of(waits);

        Assert.True(ci.Contains(expected), $"Wq {ci} does not contain {expected}");
        Assert.True(ci.HalfWidth < 0.1 * expected, $"interval too wide: {ci}");
    }

    [Fact]
    public void Mmc_WaitProbabilityAndMeanWait_MatchErlangC()
    {
        // c = 5, λ = 4, μ = 1 (ρ = 0.8). Erlang C is computed in the test (Support/Queueing.cs). 10 replications
        // × 40,000 customers: 99% intervals of about ±0.02 on P(wait) and ±7% on the mean wait.
        const int c = 5;
        const double lambda = 4, mu = 1;
        var runs = Enumerable.Range(0, 10).Select(rep => RunMmc(c, lambda, mu, 40_000, 5, rep)).ToList();

        var pWait = ConfidenceInterval.Of(runs.Select(r => r.WaitedShare).ToList());
        var meanWait = ConfidenceInterval.Of(runs.Select(r => r.MeanWait).ToList());

        Assert.True(pWait.Contains(QueueingOracle.ErlangC(c, lambda / mu)), $"P(wait) {pWait} vs Erlang C {QueueingOracle.ErlangC(c, lambda / mu):G6}");
        Assert.True(meanWait.Contains(QueueingOracle.MmcMeanWait(c, lambda, mu)), $"Wq {meanWait} vs {QueueingOracle.MmcMeanWait(c, lambda, mu):G6}");
    }

    // ---- Machine shop: breakdowns and a preemptive repairman ---------------------------------------------------

    private sealed class Machine
    {
        public int PartsMade;
        public double WorkDone; // minutes of processing completed, including the part in progress
        public double CompletedPartTime; // sum of the processing times of finished parts
        public double CurrentPartDone;
        public double TimeBroken;
        public int Breakdowns;
        public bool Broken;
    }

    // A remainder below the clock's resolution would make Timeout(left) fire at the same instant forever.
    private const double Epsilon = 1e-9;

    [Fact]
    public void MachineShop_TimeAccountingHolds_AndPreemptionsNameTheMachine()
    {
        // SimPy's machine-shop example: 10 machines, each breaks down (exponential, mean 300 minutes) and is
        // repaired (30 minutes) by one repairman, who otherwise does unimportant jobs (priority 2) that machine
        // repairs (priority 1) preempt. Checks: every machine's time splits exactly into working and broken;
        // work done = finished parts + the part in progress; each preemption names a machine's process and
        // the moment the repairman started the job it interrupted.
        const double horizon = 4 * 7 * 24 * 60;
        var sim = new Simulation(seed: 42);
        var repairman = new PreemptiveResource(sim, 1, "repairman");
        var machines = new List<Machine>();
        var machineProcesses = new HashSet<Process>();
        var jobStarts = new List<double>();
        var preemptions = new List<Preempted>();
        double otherJobWork = 0;
        var processing = new NormalDistribution(10, 2);
        var failure = new ExponentialDistribution(300);

        IEnumerable<Event> Working(Machine m, RandomStream s)
        {
            while (true)
            {
                var partTime = Math.Max(0.5, processing.Sample(s));
                var left = partTime;
                m.CurrentPartDone = 0;
                while (left > Epsilon)
                {
                    var start = sim.Now;
                    yield return sim.Timeout(left);
                    var done = sim.Now - start;
                    m.WorkDone += done;
                    m.CurrentPartDone += done;
                    left -= done;
                    if (sim.ActiveProcess.HandleInterrupt(out _))
                    {
                        var brokenAt = sim.Now;
                        m.Breakdowns++;
                        m.Broken = true;
                        using (var req = repairman.Request(priority: 1))
                        {
                            yield return req;
                            yield return sim.Timeout(30);
                        }

                        m.TimeBroken += sim.Now - brokenAt;
                        m.Broken = false;
                    }
                }

                m.PartsMade++;
                m.CompletedPartTime += partTime;
            }
        }

        IEnumerable<Event> BreakMachine(Machine m, Process working, RandomStream s)
        {
            while (true)
            {
                yield return sim.Timeout(failure.Sample(s));
                if (!m.Broken)
                {
                    working.Interrupt("broken");
                }
            }
        }

        IEnumerable<Event> OtherJobs()
        {
            while (true)
            {
                var left = 30.0;
                while (left > Epsilon)
                {
                    using var req = repairman.Request(priority: 2, preempt: false);
                    yield return req;
                    var start = sim.Now;
                    jobStarts.Add(start);
                    yield return sim.Timeout(left);
                    otherJobWork += sim.Now - start;
                    left -= sim.Now - start;
                    if (sim.ActiveProcess.HandleInterrupt(out var cause))
                    {
                        preemptions.Add((Preempted)cause!);
                    }
                }
            }
        }

        for (var i = 0; i < 10; i++)
        {
            var m = new Machine();
            machines.Add(m);
            var working = sim.Process(Working(m, sim.Stream($"machine {i}")), $"machine {i}");
            machineProcesses.Add(working);
            sim.Process(BreakMachine(m, working, sim.Stream($"failure {i}")), $"failure {i}");
        }

        sim.Process(OtherJobs(), "other jobs");
        sim.Run(horizon);

        Assert.True(preemptions.Count > 10);
        foreach (var p in preemptions)
        {
            Assert.NotNull(p.By);
            Assert.Contains(p.By!.Value, machineProcesses);
            Assert.Contains(p.UsageSince, jobStarts);
            Assert.Same(repairman, p.Resource);
        }

        foreach (var m in machines)
        {
            Assert.True(m.Breakdowns > 0);
            Assert.Equal(m.CompletedPartTime + m.CurrentPartDone, m.WorkDone, 6);
            // Work time + completed breakdown time + the time spent in a breakdown still open at the horizon = horizon.
            Assert.True(m.WorkDone + m.TimeBroken <= horizon + 1e-6);
            Assert.True(horizon - (m.WorkDone + m.TimeBroken) < 30 + (7 * 24 * 60), "a machine lost time outside work and repair");
        }

        Assert.True(otherJobWork > 0 && otherJobWork < horizon);
    }

    // ---- Gas station refuelled from a container ----------------------------------------------------------------

    [Fact]
    public void GasStation_FuelConservation_InitialPlusDeliveredEqualsSoldPlusLevel()
    {
        // SimPy's gas-station example: cars refuel from a 200 L station tank through 2 pumps; a controller calls a
        // tank truck when the level falls below 25% (the largest demand, so a waiting car cannot block it), which arrives 300 s later and fills the tank up.
        const double tankSize = 200, threshold = 25, refuelSpeed = 2; // litres per second; time in seconds here
        var sim = new Simulation(seed: 7);
        var pumps = new Resource(sim, 2, "pumps");
        var tank = new Container(sim, tankSize, tankSize);
        var rng = sim.Stream("cars");
        double sold = 0, delivered = 0;
        var truckCalls = 0;
        var carsDone = 0;

        IEnumerable<Event> Car()
        {
            var need = 35 + (rng.NextDouble() * 15);
            using var req = pumps.Request();
            yield return req;
            yield return tank.Get(need);
            sold += need;
            yield return sim.Timeout(need / refuelSpeed);
            carsDone++;
        }

        IEnumerable<Event> Truck()
        {
            truckCalls++;
            yield return sim.Timeout(300);
            var amount = tankSize - tank.Level;
            if (amount > 0)
            {
                delivered += amount;
                yield return tank.Put(amount);
            }
        }

        IEnumerable<Event> Controller()
        {
            while (true)
            {
                if (tank.Level / tankSize * 100 < threshold)
                {
                    yield return sim.Process(Truck());
                }

                yield return sim.Timeout(10);
            }
        }

        IEnumerable<Event> Cars()
        {
            while (true)
            {
                yield return sim.Timeout(30 + (rng.NextDouble() * 270));
                sim.Process(Car());
            }
        }

        sim.Process(Controller(), "controller");
        sim.Process(Cars(), "car source");
        sim.Run(until: 100_000);

        Assert.True(truckCalls > 5, $"truck calls {truckCalls}");
        Assert.True(carsDone > 100, $"cars {carsDone}");
        Assert.Equal(tankSize + delivered, sold + tank.Level, 6);
    }

    // ---- Process communication through a store ----------------------------------------------------------------

    [Fact]
    public void Cable_MessagesArriveInOrder_WithExactLatency()
    {
        // SimPy's process-communication example: a sender puts messages on a cable (a store) that delivers each
        // one after a fixed latency; the receiver reads them. Every message is received once, in order, exactly
        // latency minutes after it was sent; sent = received + still on the cable.
        const double latency = 10;
        var sim = new Simulation(seed: 3);
        var cable = new Store<(int Id, double SentAt)>(sim);
        var received = new List<(int Id, double SentAt, double At)>();
        var sent = 0;
        var rng = sim.Stream("sender");

        IEnumerable<Event> Deliver((int, double) message)
        {
            yield return sim.Timeout(latency);
            yield return cable.Put(message);
        }

        IEnumerable<Event> Sender()
        {
            while (true)
            {
                yield return sim.Timeout(5 + (rng.NextDouble() * 5));
                sim.Process(Deliver((sent++, sim.Now)));
            }
        }

        IEnumerable<Event> Receiver()
        {
            while (true)
            {
                var get = cable.Get();
                yield return get;
                received.Add((get.Value.Id, get.Value.SentAt, sim.Now));
            }
        }

        sim.Process(Sender());
        sim.Process(Receiver());
        sim.Run(until: 10_000);

        Assert.True(received.Count > 900);
        Assert.Equal(Enumerable.Range(0, received.Count), received.Select(m => m.Id));
        Assert.All(received, m => Assert.Equal(m.SentAt + latency, m.At, 9));
        var inFlight = sent - received.Count - cable.Count;
        Assert.InRange(inFlight, 0, 2); // at most two messages within one latency of the horizon (sent ≥ 5 minutes apart)
    }
}
