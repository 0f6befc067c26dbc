using HallSim.Experiments;

namespace HallSim.Staffing;

/// <summary>The result of the iterative staffing algorithm.</summary>
/// <param name="Servers">Servers per interval after the last iteration.</param>
/// <param name="Iterations">Iterations run.</param>
/// <param name="Converged">True when the last iteration changed no interval by more than the tolerance.</param>
/// <param name="History">Servers per interval after each iteration.</param>
public sealed record IsaResult(IReadOnlyList<int> Servers, int Iterations, bool Converged, IReadOnlyList<IReadOnlyList<int>> History);

/// <summary>
/// The iterative staffing algorithm of Feldman, Mandelbaum, Massey and Whitt (Management Science 2008): simulate with
/// the current staffing, then set each interval's staffing to the least s with P(N(t) ≥ s) ≤ α, where N(t) is the
/// simulated number in system at the interval's midpoint; repeat until the staffing stops changing.
/// </summary>
public static class Isa
{
    /// <summary>Runs ISA for a delay-probability target α.</summary>
    /// <param name="simulate">Simulates replication i with the given servers per interval and returns the number in system
    /// sampled at <paramref name="samplesPerInterval"/> points of each interval (entry i·k + j).</param>
    /// <param name="intervals">Number of intervals.</param>
    /// <param name="alpha">Target delay probability α in (0, 1).</param>
    /// <param name="initialServers">Starting staffing for every interval (large: nobody waits).</param>
    /// <param name="replications">Replications per iteration (default 200).</param>
    /// <param name="maxIterations">Most iterations (default 12).</param>
    /// <param name="tolerance">Converged when no interval changes by more than this many servers (default 1).</param>
    /// <param name="samplesPerInterval">Samples of the number in system per interval and replication (default 1).</param>
    public static IsaResult Run(Func<IReadOnlyList<int>, int, IReadOnlyList<int>> simulate, int intervals, double alpha, int initialServers, int replications = 200, int maxIterations = 12, int tolerance = 1, int samplesPerInterval = 1)
    {
        ArgumentNullException.ThrowIfNull(simulate);
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must lie strictly between 0 and 1");
        }

        var servers = Enumerable.Repeat(initialServers, intervals).ToArray();
        var history = new List<IReadOnlyList<int>>();
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            var current = servers;
            var samples = ReplicationRunner.Run(replications, rep => simulate(current, rep));
            var next = new int[intervals];
            for (var i = 0; i < intervals; i++)
            {
                // The least s with P(N ≥ s) ≤ α: the (1 − α)-quantile of N, plus one unless N < s already holds there.
                var sorted = samples.SelectMany(s => Enumerable.Range(0, samplesPerInterval).Select(j => s[(i * samplesPerInterval) + j])).Order().ToArray();
                var s = 0;
                while (sorted.Count(n => n >= s) > alpha * sorted.Length)
                {
                    s++;
                }

                next[i] = s;
            }

            history.Add(next);
            var change = next.Zip(servers, (a, b) => Math.Abs(a - b)).Max();
            servers = next;
            if (change <= tolerance && iteration > 1)
            {
                return new IsaResult(servers, iteration, true, history);
            }
        }

        return new IsaResult(servers, maxIterations, false, history);
    }
}
