namespace HallSim.Queueing;

/// <summary>
/// Erlang A (Palm; M/M/c+M): Poisson arrivals, exponential service, c servers, exponentially distributed patience.
/// Always stable. Rates per minute, times in minutes.
/// </summary>
/// <remarks>
/// Computed exactly from the birth–death chain of the number in system (state n leaves at rate
/// min(n, c)μ + max(n − c, 0)θ), in log space so that thousands of servers and heavily overloaded systems neither
/// overflow nor underflow; the sum over queue lengths stops once the terms fall below e^−40 of the largest. The
/// service level is HallSim's — tickets called within T ÷ tickets issued, so a citizen who left still counts
/// if the number is called within T — and is computed with PASTA and the tagged number's offered wait: with k ahead,
/// the queue in front shrinks at rate cμ + iθ; P(called by T) by uniformization.
/// </remarks>
public static class ErlangA
{
    private const double Negligible = -40; // log of a term small enough to stop summing

    /// <summary>Every KPI of M/M/c+M.</summary>
    /// <param name="servers">c, at least 1.</param>
    /// <param name="arrivalRate">λ, arrivals per minute, at least 0.</param>
    /// <param name="meanService">Mean service time 1/μ, minutes, greater than 0.</param>
    /// <param name="meanPatience">Mean patience 1/θ, minutes, greater than 0.</param>
    /// <param name="targetMinutes">T for the service level "called within T", at least 0 (default 0).</param>
    public static QueueKpis Evaluate(int servers, double arrivalRate, double meanService, double meanPatience, double targetMinutes = 0) =>
        Evaluate(servers, arrivalRate, meanService, meanPatience, targetMinutes, ExactWorkLimit);

    /// <summary>As the public overload, with the work above which the service level's called-within-T is moment-matched.</summary>
    internal static QueueKpis Evaluate(int servers, double arrivalRate, double meanService, double meanPatience, double targetMinutes, double exactWorkLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        Check.NonNegative(arrivalRate, nameof(arrivalRate), "arrivals per minute");
        Check.Positive(meanService, nameof(meanService), "minutes");
        Check.Positive(meanPatience, nameof(meanPatience), "minutes");
        Check.NonNegative(targetMinutes, nameof(targetMinutes), "minutes");
        var a = arrivalRate * meanService;
        if (arrivalRate == 0)
        {
            return new QueueKpis(servers, 0, true, 0, 0, 1, 0, 0);
        }

        var mu = 1 / meanService;
        var theta = 1 / meanPatience;

        // Unnormalised log-probabilities relative to state c: Σ_{n≤c} π_n/π_c = 1/B(c, a).
        var logBelow = -Math.Log(ErlangB.BlockingProbability(servers, a)); // includes state c itself
        var queue = new List<double>(); // log π_{c+k} for k = 1, 2, …
        double logTerm = 0, max = 0;
        for (var k = 1; ; k++)
        {
            logTerm += Math.Log(arrivalRate / ((servers * mu) + (k * theta)));
            queue.Add(logTerm);
            max = Math.Max(max, logTerm);
            var pastPeak = (servers * mu) + (k * theta) > arrivalRate;
            if (pastPeak && logTerm < max + Negligible && logTerm < logBelow + Negligible)
            {
                break;
            }
        }

        var scale = Math.Max(logBelow, max);
        var z = Math.Exp(logBelow - scale) + queue.Sum(l => Math.Exp(l - scale));
        var pAtLeastC = (Math.Exp(-scale) + queue.Sum(l => Math.Exp(l - scale))) / z; // state c and above
        var meanQueue = queue.Select((l, i) => (i + 1) * Math.Exp(l - scale)).Sum() / z;
        var pAbandon = theta * meanQueue / arrivalRate;
        var meanWait = meanQueue / arrivalRate;

        // Called within T: arriving to n < c → at once; to c + k (k ≥ 0 ahead) → the tagged chain.
        var stateProbabilities = new double[queue.Count + 1];
        stateProbabilities[0] = Math.Exp(-scale) / z;
        for (var k = 1; k <= queue.Count; k++)
        {
            stateProbabilities[k] = Math.Exp(queue[k - 1] - scale) / z;
        }

        var calledWithin = CalledWithin(servers * mu, theta, targetMinutes, stateProbabilities.Length - 1, exactWorkLimit);
        // Note: the served-within-T variant would also require the citizen's own patience to last (kill rate θ).
        var serviceLevel = (1 - pAtLeastC) + stateProbabilities.Select((p, k) => p * calledWithin[k]).Sum();
        var occupancy = (1 - pAbandon) * a / servers;
        return new QueueKpis(servers, a, true, pAtLeastC, meanWait, Math.Clamp(serviceLevel, 0, 1), pAbandon, Math.Min(1, occupancy));
    }

    /// <summary>
    /// For k = 0 … K citizens ahead, the probability that a tagged number is called within <paramref name="t"/>
    /// minutes: from i ahead the next one ahead leaves at rate cμ + iθ (from 0 ahead: the number is called).
    /// Uniformization with rate Λ = cμ + Kθ.
    /// </summary>
    internal static double[] CalledWithin(double serviceRate, double theta, double t, int maxAhead, double exactWorkLimit = ExactWorkLimit)
    {
        var result = new double[maxAhead + 1];
        if (t <= 0)
        {
            return result;
        }

        var lambda = serviceRate + (maxAhead * theta);
        var mean = lambda * t;
        if ((maxAhead + 1.0) * mean > exactWorkLimit)
        {
            return CalledWithinMomentMatched(serviceRate, theta, t, maxAhead);
        }

        var v = new double[maxAhead + 1]; // P(called within n uniformised steps | i ahead)
        var stay = new double[maxAhead + 1];
        var move = new double[maxAhead + 1];
        for (var i = 0; i <= maxAhead; i++)
        {
            move[i] = (serviceRate + (i * theta)) / lambda;
            stay[i] = 1 - move[i];
        }

        // Poisson weights computed in log space; stop when the remaining mass is negligible.
        var limit = (int)Math.Ceiling(mean + (12 * Math.Sqrt(mean + 1)) + 20);
        var logWeight = -mean; // log Poisson(0; mean)
        var next = new double[maxAhead + 1];
        for (var n = 0; n <= limit; n++)
        {
            var w = Math.Exp(logWeight);
            for (var i = 0; i <= maxAhead; i++)
            {
                result[i] += w * v[i];
            }

            for (var i = 0; i <= maxAhead; i++)
            {
                var below = i == 0 ? 1.0 : v[i - 1];
                next[i] = (stay[i] * v[i]) + (move[i] * below);
            }

            (v, next) = (next, v);
            logWeight += Math.Log(mean) - Math.Log(n + 1);
        }

        return result;
    }

    /// <summary>Above this many state-steps (queue states × uniformised steps) the exact called-within-T gives way to
    /// <see cref="CalledWithinMomentMatched"/>: the exact cost grows with the square of the arrival rate in an overloaded
    /// hall (a 100,000-citizen day took 28 s), the approximation's is linear.</summary>
    internal const double ExactWorkLimit = 2e7;

    /// <summary>
    /// The time to be called from k ahead is a sum of k + 1 independent exponential phases with rates cμ + iθ,
    /// i = k … 0; approximated by the gamma distribution with the same mean and variance. Used only where the exact
    /// computation would be too long, that is with hundreds of citizens ahead, where the sum has many phases and the
    /// gamma is close (a test bounds the error against the exact computation).
    /// </summary>
    internal static double[] CalledWithinMomentMatched(double serviceRate, double theta, double t, int maxAhead)
    {
        var result = new double[maxAhead + 1];
        double mean = 0, variance = 0;
        for (var k = 0; k <= maxAhead; k++)
        {
            var rate = serviceRate + (k * theta);
            mean += 1 / rate;
            variance += 1 / (rate * rate);
            var shape = mean * mean / variance;
            var gammaRate = mean / variance;
            result[k] = MathNet.Numerics.Distributions.Gamma.CDF(shape, gammaRate, t);
        }

        return result;
    }
}
