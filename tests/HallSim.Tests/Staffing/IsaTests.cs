using HallSim.Experiments;
using HallSim.Queueing;
using HallSim.Staffing;

namespace HallSim.Tests.Staffing;

/// <summary>
/// The example of Feldman, Mandelbaum, Massey and Whitt (2008): λ(t) = 100 + 20·sin t, μ = 1, θ = 0.2, target
/// P(delay) = 0.1, staffing changes every 0.1 time units, three cycles, measured over the third.
/// </summary>
public class IsaTests
{
    private const double Alpha = 0.1;
    private const double Delta = 0.1;
    private static readonly int Intervals = (int)Math.Ceiling(6 * Math.PI / Delta);
    private static readonly TimeVaryingQueue Fmmw = new(t => 100 + (20 * Math.Sin(t)), 120, 1, 5, Delta, Intervals);
    private static readonly int ThirdCycleFrom = (int)Math.Ceiling(4 * Math.PI / Delta);

    /// <summary>P(delay) per interval of the third cycle, from 1,600 replications (~16,000 arrivals per interval: sd ≈ 0.0024,
    /// so the extremes over the cycle's 63 intervals are inflated by noise by about 0.006).</summary>
    private static double[] DelayProbability(IReadOnlyList<int> servers)
    {
        var runs = ReplicationRunner.Run(1600, rep => Fmmw.Simulate(servers, 2008, rep));
        return Enumerable.Range(ThirdCycleFrom, Intervals - ThirdCycleFrom)
            .Select(i => (double)runs.Sum(r => r.Delayed[i]) / runs.Sum(r => r.Arrivals[i]))
            .ToArray();
    }

    [Fact]
    public void Isa_KeepsTheDelayProbabilityStable_WhilePointwiseStationaryStaffingSwings()
    {
        // 1,000 replications × 4 samples per interval: the (1 − α)-quantile of N(t) from 4,000 samples.
        var isa = Isa.Run((servers, rep) => Fmmw.Simulate(servers, 7, rep).NumberInSystem, Intervals, Alpha, initialServers: 200, replications: 1000, samplesPerInterval: Fmmw.SamplesPerInterval);
        var isaDelay = DelayProbability(isa.Servers);

        var psaServers = Enumerable.Range(0, Intervals)
            .Select(i => MinimumStaffing.ErlangA(100 + (20 * Math.Sin((i + 0.5) * Delta)), 1, 5, new WaitProbabilityTarget(Alpha), 300).Servers)
            .ToArray();
        var psaDelay = DelayProbability(psaServers);

        Assert.True(isa.Converged, $"ISA did not converge in {isa.Iterations} iterations");
        Assert.All(isa.Servers.Skip(ThirdCycleFrom), s => Assert.InRange(s, 95, 140));
        Assert.True(isaDelay.Min() >= 0.07 && isaDelay.Max() <= 0.12, $"ISA P(delay) ranges {isaDelay.Min():0.000}–{isaDelay.Max():0.000}");
        Assert.True(psaDelay.Max() - psaDelay.Min() > 2 * (isaDelay.Max() - isaDelay.Min()),
            $"PSA P(delay) {psaDelay.Min():0.000}–{psaDelay.Max():0.000} should swing far wider than ISA {isaDelay.Min():0.000}–{isaDelay.Max():0.000}");
    }
}
