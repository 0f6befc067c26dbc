using HallSim.Model;
using HallSim.Queueing;
using HallSim.Randomness;
using HallSim.Scenarios;

namespace HallSim.Staffing;

/// <summary>How requirements per interval are computed from a time-varying arrival rate.</summary>
public enum RequirementMethod
{
    /// <summary>Stationary independent period by period: each interval's average arrival rate in a stationary formula.</summary>
    Sipp,

    /// <summary>SIPP with the arrival rate lagged by the mean service time (arrivals earlier are still being served).</summary>
    LagSipp,

    /// <summary>Modified offered load: the offered load m(t) = E[Λ(t) − Λ(t − S)] of the infinite-server system with the
    /// real service-time distribution, turned into a rate m(t) / E[S] for the stationary formula.</summary>
    ModifiedOfferedLoad,

    /// <summary>The iterative staffing algorithm run on the hall simulation itself (skills, kiosks, lunch closure,
    /// balking, abandonment and recalls included); see <see cref="Requirements.ComputeIsa"/>.</summary>
    Isa,
}

/// <summary>One interval's requirement.</summary>
/// <param name="Start">Interval start, minutes from the scenario start.</param>
/// <param name="ArrivalRate">The window-ticket arrival rate the method used, per minute.</param>
/// <param name="OfferedLoad">The offered load the method used, erlangs.</param>
/// <param name="Servers">Windows needed (0 when nothing arrives); the maximum when not achievable.</param>
/// <param name="Achievable">False when even the maximum number of windows misses the target: flagged, never silently capped.</param>
/// <param name="Predicted">The formula's KPIs at <paramref name="Servers"/>.</param>
public sealed record IntervalRequirement(double Start, double ArrivalRate, double OfferedLoad, int Servers, bool Achievable, QueueKpis Predicted);

/// <summary>Windows needed per interval to meet a target, with the KPIs the formula predicts at that level.</summary>
/// <param name="Method">How they were computed.</param>
/// <param name="Grid">The intervals.</param>
/// <param name="Target">The target.</param>
/// <param name="MaxServers">The most windows available.</param>
/// <param name="MeanService">Mean window service time of the ticket mix, minutes.</param>
/// <param name="Intervals">One requirement per interval of <paramref name="Grid"/>.</param>
public sealed record StaffingRequirements(
    RequirementMethod Method,
    IntervalGrid Grid,
    StaffingTarget Target,
    int MaxServers,
    double MeanService,
    IReadOnlyList<IntervalRequirement> Intervals)
{
    /// <summary>Window-hours required: Σ servers × interval length ÷ 60.</summary>
    public double StaffHours => Intervals.Sum(i => i.Servers) * Grid.Length / 60;

    /// <summary>The requirements as a staffing plan (the first N windows open in each interval), for simulation.</summary>
    /// <param name="scenario">The scenario they were computed for.</param>
    public StaffingPlan ToStaffingPlan(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var byDate = new Dictionary<DateOnly, IReadOnlyList<OpenWindows>>();
        var perDay = (int)Math.Round(IntervalGrid.MinutesPerDay / Grid.Length);
        for (var d = 0; d < scenario.Days; d++)
        {
            var list = new List<OpenWindows>();
            var i = d * perDay;
            while (i < (d + 1) * perDay && i < Intervals.Count)
            {
                var servers = Intervals[i].Servers;
                var j = i + 1;
                while (j < (d + 1) * perDay && j < Intervals.Count && Intervals[j].Servers == servers)
                {
                    j++;
                }

                if (servers > 0)
                {
                    var from = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes((i - (d * perDay)) * Grid.Length));
                    var endMinutes = (j - (d * perDay)) * Grid.Length;
                    var to = endMinutes >= IntervalGrid.MinutesPerDay ? new TimeOnly(23, 59) : TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(endMinutes));
                    list.Add(new OpenWindows(from, to, servers));
                }

                i = j;
            }

            byDate[scenario.StartDate.AddDays(d)] = list;
        }

        return new StaffingPlan { ByDate = byDate, Daily = [] };
    }
}

/// <summary>Staffing requirements per interval from a scenario's demand and the closed-form queueing formulas.</summary>
public static class Requirements
{
    /// <summary>
    /// Computes requirements for every interval of the scenario. The window-ticket arrival rate is the scenario's
    /// demand (exactly as the simulation compiles it) less the citizens whom self-service machines serve for good; the
    /// service time is the mix of the categories' distributions; with a patience distribution in the scenario the
    /// formula is Erlang A (exponential patience of the same mean), otherwise Erlang C. Windows are pooled (every
    /// window taken as able to serve every ticket); skills, balking and recalls are left to the simulation.
    /// </summary>
    /// <param name="scenario">A valid scenario.</param>
    /// <param name="method">SIPP, lag-SIPP or modified offered load.</param>
    /// <param name="target">The target per interval.</param>
    /// <param name="intervalMinutes">Interval length, minutes, dividing 1440 (default 30).</param>
    /// <param name="maxServers">The most windows (default: the scenario's windows).</param>
    public static StaffingRequirements Compute(Scenario scenario, RequirementMethod method, StaffingTarget target, double intervalMinutes = 30, int? maxServers = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(target);
        scenario.EnsureValid();
        var max = maxServers ?? scenario.Windows.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxServers));
        if (method == RequirementMethod.Isa)
        {
            throw new ArgumentException("use ComputeIsa for ISA", nameof(method));
        }

        var (grid, rates, meanService) = Rates(scenario, method, intervalMinutes);
        var patience = scenario.Behaviour.Patience?.Mean;
        var intervals = new IntervalRequirement[grid.Count];
        for (var i = 0; i < grid.Count; i++)
        {
            var start = grid.IntervalStart(i);
            var rate = rates[i];
            if (rate <= 1e-12)
            {
                intervals[i] = new IntervalRequirement(start, 0, 0, 0, true, new QueueKpis(0, 0, true, 0, 0, 1, 0, 0));
                continue;
            }

            var answer = patience is { } p
                ? MinimumStaffing.ErlangA(rate, meanService, p, target, max)
                : MinimumStaffing.ErlangC(rate, meanService, target, max);
            intervals[i] = new IntervalRequirement(start, rate, rate * meanService, answer.Servers, answer.Achievable, answer.Kpis);
        }

        return new StaffingRequirements(method, grid, target, max, meanService, intervals);
    }

    /// <summary>
    /// Requirements by ISA on the hall simulation. Starts from the modified-offered-load requirements; each iteration
    /// simulates <paramref name="replications"/> replications with the current staffing (the first N windows open),
    /// samples the number of citizens in the system N at 4 points per interval, and sets each interval's windows to
    /// the least s that meets the target given those samples: for a <see cref="WaitProbabilityTarget"/> P(N ≥ s) ≤ α
    /// (FMMW's rule); for service-level and mean-wait targets an arrival finding N ≥ s waits for N − s + 1
    /// completions at rate sμ; for an abandonment target, the formula's minimum with the simulated mean N as the
    /// offered load. Stops when no interval
    /// changes by more than one window, or after <paramref name="maxIterations"/>. Intervals that need more than the
    /// hall's windows are flagged.
    /// </summary>
    /// <param name="scenario">A valid scenario.</param>
    /// <param name="target">The target per interval.</param>
    /// <param name="intervalMinutes">Interval length, minutes (default 30).</param>
    /// <param name="replications">Replications per iteration (default 100).</param>
    /// <param name="seed">Seed of the simulations (default 1).</param>
    /// <param name="maxIterations">Most iterations (default 8).</param>
    /// <param name="maxServers">Most windows (default: the scenario's windows).</param>
    public static StaffingRequirements ComputeIsa(Scenario scenario, StaffingTarget target, double intervalMinutes = 30, int replications = 100, ulong seed = 1, int maxIterations = 8, int? maxServers = null)
    {
        var start = Compute(scenario, RequirementMethod.ModifiedOfferedLoad, target, intervalMinutes, maxServers);
        var max = start.MaxServers;
        var meanService = start.MeanService;
        var patience = scenario.Behaviour.Patience?.Mean;
        const int samplesPerInterval = 4;
        var options = new HallRunOptions { IntervalMinutes = intervalMinutes, KeepTickets = false, NumberInSystemSamplesPerInterval = samplesPerInterval };
        var current = start.Intervals;
        var hall = scenario.Compile(); // once for every iteration and replication
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var plan = hall.Compile((start with { Intervals = current }).ToStaffingPlan(scenario));
            var runs = HallSim.Experiments.ReplicationRunner.Run(replications, rep => HallModel.Run(plan, seed, rep, options).NumberInSystem);
            var next = new IntervalRequirement[current.Count];
            for (var i = 0; i < current.Count; i++)
            {
                var samples = runs.SelectMany(r => Enumerable.Range(0, samplesPerInterval).Select(j => r[(i * samplesPerInterval) + j])).ToArray();
                var load = samples.Average();
                var begin = current[i].Start;
                if (load <= 1e-9)
                {
                    next[i] = new IntervalRequirement(begin, 0, 0, 0, true, new QueueKpis(0, 0, true, 0, 0, 1, 0, 0));
                    continue;
                }

                var rate = load / meanService;
                Func<int, QueueKpis> evaluate = patience is { } p
                    ? c => ErlangA.Evaluate(c, rate, meanService, p, target.TargetMinutes)
                    : c => ErlangC.Evaluate(c, rate, meanService, target.TargetMinutes);
                int servers;
                if (target is WaitProbabilityTarget or ServiceLevelTarget or MeanWaitTarget)
                {
                    // Given the simulated number in system N: an arrival finding N ≥ c waits for q = N − c + 1
                    // completions at rate cμ. T = 0 is FMMW's rule P(N ≥ c) ≤ α.
                    servers = 1;
                    while (!MetBySamples(target, samples, servers, meanService))
                    {
                        servers++;
                    }
                }
                else
                {
                    var answer = MinimumStaffing.Find(evaluate, target, Math.Max(max, (int)Math.Ceiling(load * 3) + 10));
                    servers = answer.Servers;
                }

                var achievable = servers <= max;
                servers = Math.Min(servers, max);
                next[i] = new IntervalRequirement(begin, rate, load, servers, achievable, evaluate(Math.Max(1, servers)));
            }

            var change = next.Zip(current, (a, b) => Math.Abs(a.Servers - b.Servers)).Max();
            current = next;
            if (change <= 1)
            {
                break;
            }
        }

        return start with { Method = RequirementMethod.Isa, Intervals = current };
    }

    /// <summary>
    /// The reverse calculation: the KPIs the formula predicts in every interval for a given number of open windows per
    /// interval (for example a manager's roster counted per interval), with the arrival rates of <paramref name="method"/>.
    /// <see cref="IntervalRequirement.Achievable"/> says whether the given windows meet <paramref name="target"/>.
    /// </summary>
    /// <param name="scenario">A valid scenario.</param>
    /// <param name="windows">Open windows per interval of the grid (intervalMinutes long, from the scenario's start).</param>
    /// <param name="target">The target to judge against.</param>
    /// <param name="method">How the rate per interval is taken (default SIPP).</param>
    /// <param name="intervalMinutes">Interval length, minutes (default 30).</param>
    public static StaffingRequirements Predict(Scenario scenario, IReadOnlyList<int> windows, StaffingTarget target, RequirementMethod method = RequirementMethod.Sipp, double intervalMinutes = 30)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(target);
        scenario.EnsureValid();
        if (method == RequirementMethod.Isa)
        {
            throw new ArgumentException("the reverse calculation uses a formula method (Sipp, LagSipp, ModifiedOfferedLoad); simulate for ISA", nameof(method));
        }

        var (grid, rates, meanService) = Rates(scenario, method, intervalMinutes);
        if (windows.Count != grid.Count)
        {
            throw new ArgumentException($"needs one window count per interval ({grid.Count}), not {windows.Count}", nameof(windows));
        }

        var patience = scenario.Behaviour.Patience?.Mean;
        var intervals = new IntervalRequirement[grid.Count];
        for (var i = 0; i < grid.Count; i++)
        {
            var rate = rates[i];
            var c = windows[i];
            if (c < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(windows), c, $"windows[{i}] must be at least 0");
            }

            QueueKpis kpis = rate <= 1e-12
                ? new QueueKpis(c, 0, true, 0, 0, 1, 0, 0)
                : c == 0
                    ? new QueueKpis(0, rate * meanService, false, 1, double.PositiveInfinity, 0, patience is null ? 0 : 1, 1)
                    : patience is { } p ? ErlangA.Evaluate(c, rate, meanService, p, target.TargetMinutes) : ErlangC.Evaluate(c, rate, meanService, target.TargetMinutes);
            intervals[i] = new IntervalRequirement(grid.IntervalStart(i), rate, rate * meanService, c, target.IsMetBy(kpis) || rate <= 1e-12, kpis);
        }

        return new StaffingRequirements(method, grid, target, Math.Max(1, windows.DefaultIfEmpty(1).Max()), meanService, intervals);
    }

    /// <summary>The window-ticket arrival rate per interval by a formula method, and the mixed mean service time.</summary>
    private static (IntervalGrid Grid, double[] Rates, double MeanService) Rates(Scenario scenario, RequirementMethod method, double intervalMinutes)
    {
        var perDay = IntervalGrid.MinutesPerDay / intervalMinutes;
        if (!IntervalGrid.DividesDay(intervalMinutes))
        {
            throw new ArgumentOutOfRangeException(nameof(intervalMinutes), intervalMinutes, "must divide a day of 1440 minutes");
        }

        var grid = new IntervalGrid(0, intervalMinutes, scenario.Days * (int)Math.Round(perDay));
        var days = DemandCompiler.Compile(scenario);
        var (ticketShare, service) = TicketMix(scenario, days);
        var samples = method == RequirementMethod.ModifiedOfferedLoad ? ServiceSamples(service, 4000) : []; // only MOL needs the distribution
        var meanService = service.Sum(x => x.Dist.Mean * x.Weight) / service.Sum(x => x.Weight); // exact, not sampled
        var cumulative = new CumulativeRate(days, ticketShare);
        var rates = new double[grid.Count];
        for (var i = 0; i < grid.Count; i++)
        {
            var start = grid.IntervalStart(i);
            var end = grid.IntervalEnd(i);
            rates[i] = method switch
            {
                RequirementMethod.Sipp => (cumulative.At(end) - cumulative.At(start)) / intervalMinutes,
                RequirementMethod.LagSipp => (cumulative.At(end - meanService) - cumulative.At(start - meanService)) / intervalMinutes,
                _ => ModifiedOfferedLoad(cumulative, samples, start, end) / meanService,
            };
        }

        return (grid, rates, meanService);
    }

    /// <summary>
    /// Whether <paramref name="servers"/> windows meet the target given samples of the number in system: an arrival
    /// finding n ≥ c waits for q = n − c + 1 service completions at rate cμ (exponential), so
    /// P(W &gt; T | n) = P(Poisson(cμT) ≤ q − 1) and E[W | n] = q / (cμ). Those ahead who give up are ignored, which
    /// errs towards more windows.
    /// </summary>
    private static bool MetBySamples(StaffingTarget target, int[] samples, int servers, double meanService)
    {
        var completionRate = servers / meanService;
        switch (target)
        {
            case WaitProbabilityTarget w:
                return samples.Count(n => n >= servers) <= w.Alpha * samples.Length;
            case MeanWaitTarget m:
                return samples.Average(n => Math.Max(0, n - servers + 1) / completionRate) <= m.Minutes;
            case ServiceLevelTarget sl:
                var late = 0.0;
                foreach (var n in samples)
                {
                    var q = n - servers + 1;
                    if (q > 0)
                    {
                        late += MathNet.Numerics.Distributions.Poisson.CDF(completionRate * sl.WithinMinutes, q - 1);
                    }
                }

                return 1 - (late / samples.Length) >= sl.Share;
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "not a sample-based target");
        }
    }

    /// <summary>m averaged over [start, end): E over service samples X of Λ(t) − Λ(t − X), at 6 points in the interval.</summary>
    private static double ModifiedOfferedLoad(CumulativeRate cumulative, double[] samples, double start, double end)
    {
        const int points = 6;
        var total = 0.0;
        for (var k = 0; k < points; k++)
        {
            var t = start + ((k + 0.5) * (end - start) / points);
            var at = cumulative.At(t);
            var sum = 0.0;
            foreach (var x in samples)
            {
                sum += at - cumulative.At(t - x);
            }

            total += sum / samples.Length;
        }

        return total / points;
    }

    /// <summary>Per day, the share of arrivals that take a window ticket; and the ticket mix's service distributions with weights.</summary>
    private static (double[] TicketShare, (Distribution Dist, double Weight)[] Service) TicketMix(Scenario s, DayPlan[] days)
    {
        var diverted = s.Categories.Select(c =>
        {
            var k = s.Kiosks.FirstOrDefault(g => g.Count > 0 && g.Categories.Contains(c.Id));
            return k is null ? 0 : k.UseShare * (1 - k.FailureShare);
        }).ToArray();

        var shares = days.Select(d =>
        {
            var total = 0.0;
            for (var c = 0; c < s.Categories.Count; c++)
            {
                var p = d.CategoryCumulative[c] - (c == 0 ? 0 : d.CategoryCumulative[c - 1]);
                total += p * (1 - diverted[c]);
            }

            return total;
        }).ToArray();

        // Service mix weighted by expected window tickets over the whole scenario.
        var weights = new double[s.Categories.Count];
        foreach (var d in days)
        {
            for (var c = 0; c < weights.Length; c++)
            {
                var p = d.CategoryCumulative[c] - (c == 0 ? 0 : d.CategoryCumulative[c - 1]);
                weights[c] += d.ExpectedArrivals * p * (1 - diverted[c]);
            }
        }

        var sum = weights.Sum();
        var service = s.Categories.Select((c, i) => (c.ServiceTime, sum > 0 ? weights[i] / sum : 1.0 / weights.Length)).ToArray();
        return (shares, service);
    }

    /// <summary>Samples of the mixed service time from a fixed stream: the method is deterministic for a scenario.</summary>
    private static double[] ServiceSamples((Distribution Dist, double Weight)[] mix, int n)
    {
        var stream = new RandomStream(RandomStreams.DeriveSeed(0, "requirements/service", 0));
        var cumulative = new double[mix.Length];
        var running = 0.0;
        for (var i = 0; i < mix.Length; i++)
        {
            running += mix[i].Weight;
            cumulative[i] = running;
        }

        var samples = new double[n];
        for (var k = 0; k < n; k++)
        {
            var u = stream.NextDouble() * running;
            var i = 0;
            while (i < mix.Length - 1 && u >= cumulative[i])
            {
                i++;
            }

            samples[k] = mix[i].Dist.Sample(stream);
        }

        return samples;
    }

    /// <summary>Λ(t): expected window tickets issued up to time t, from the day plans' piecewise-constant rates.</summary>
    private sealed class CumulativeRate
    {
        private readonly double[] _starts;
        private readonly double[] _ends;
        private readonly double[] _rates;
        private readonly double[] _before; // Λ at each piece's start

        internal CumulativeRate(DayPlan[] days, double[] ticketShare)
        {
            var pieces = days.SelectMany(d => d.Pieces.Select(p => (p.Start, p.End, Rate: p.Rate * ticketShare[d.Index]))).OrderBy(p => p.Start).ToArray();
            _starts = pieces.Select(p => p.Start).ToArray();
            _ends = pieces.Select(p => p.End).ToArray();
            _rates = pieces.Select(p => p.Rate).ToArray();
            _before = new double[pieces.Length];
            var total = 0.0;
            for (var i = 0; i < pieces.Length; i++)
            {
                _before[i] = total;
                total += _rates[i] * (_ends[i] - _starts[i]);
            }
        }

        internal double At(double t)
        {
            var i = Array.BinarySearch(_starts, t);
            i = i >= 0 ? i : ~i - 1; // the last piece starting at or before t
            if (i < 0)
            {
                return 0;
            }

            return _before[i] + (_rates[i] * (Math.Min(t, _ends[i]) - _starts[i]));
        }
    }
}
