namespace HallSim.Tests.Support;

/// <summary>Closed-form queueing results, written here independently of the library (test oracles).</summary>
public static class QueueingOracle
{
    /// <summary>Erlang C: probability that an arrival waits in M/M/c with offered load a = λ/μ (a &lt; c).</summary>
    public static double ErlangC(int c, double a)
    {
        // Erlang B by the stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)), then C = B / (1 − ρ(1 − B)).
        var b = 1.0;
        for (var k = 1; k <= c; k++)
        {
            b = a * b / (k + (a * b));
        }

        var rho = a / c;
        return b / (1 - (rho * (1 - b)));
    }

    /// <summary>Mean wait in queue of M/M/c: C(c, a) / (cμ − λ).</summary>
    public static double MmcMeanWait(int c, double lambda, double mu) => ErlangC(c, lambda / mu) / ((c * mu) - lambda);

    /// <summary>
    /// Erlang A (M/M/c+M) by its birth–death chain: state n leaves at rate min(n, c)μ + max(n − c, 0)θ.
    /// Returns P(abandon) = θ·E[queue] / λ.
    /// </summary>
    public static double ErlangAAbandonProbability(int c, double lambda, double mu, double theta)
    {
        var p = new List<double> { 1.0 };
        for (var n = 1; n < 100_000; n++)
        {
            var next = p[^1] * lambda / ((Math.Min(n, c) * mu) + (Math.Max(n - c, 0) * theta));
            p.Add(next);
            if (n > c && next < 1e-18 * p.Sum())
            {
                break;
            }
        }

        var total = p.Sum();
        var meanQueue = p.Select((pn, n) => Math.Max(n - c, 0) * pn / total).Sum();
        return theta * meanQueue / lambda;
    }

    /// <summary>
    /// M/M/1 with exponential patience (rate θ) by the birth–death chain truncated where probabilities vanish:
    /// state n ≥ 1 leaves at rate μ + (n − 1)θ. Returns P(abandon) = θ·E[queue] / λ.
    /// </summary>
    public static double Mm1AbandonProbability(double lambda, double mu, double theta)
    {
        var p = new List<double> { 1.0 };
        for (var n = 1; n < 10_000; n++)
        {
            var next = p[^1] * lambda / (mu + ((n - 1) * theta));
            p.Add(next);
            if (next < 1e-18 * p.Sum())
            {
                break;
            }
        }

        var total = p.Sum();
        var meanQueue = p.Select((pn, n) => Math.Max(n - 1, 0) * pn / total).Sum();
        return theta * meanQueue / lambda;
    }
}
