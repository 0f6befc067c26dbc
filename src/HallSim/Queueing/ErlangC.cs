namespace HallSim.Queueing;

/// <summary>Erlang C: M/M/c with an infinite queue and patient customers. Rates per minute, times in minutes.</summary>
public static class ErlangC
{
    /// <summary>C(c, a) = B / (1 − ρ(1 − B)): the probability that an arrival waits; 1 when a ≥ c (unstable).</summary>
    /// <param name="servers">c, at least 1.</param>
    /// <param name="offeredLoad">a in erlangs, at least 0.</param>
    public static double WaitProbability(int servers, double offeredLoad)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        Check.Load(offeredLoad);
        if (offeredLoad >= servers)
        {
            return 1;
        }

        var b = ErlangB.BlockingProbability(servers, offeredLoad);
        var rho = offeredLoad / servers;
        return b / (1 - (rho * (1 - b)));
    }

    /// <summary>Every KPI of M/M/c for arrival rate λ and mean service time 1/μ.</summary>
    /// <param name="servers">c, at least 1.</param>
    /// <param name="arrivalRate">λ, arrivals per minute, at least 0.</param>
    /// <param name="meanService">Mean service time, minutes, greater than 0.</param>
    /// <param name="targetMinutes">T for the service level P(W ≤ T) = 1 − C·e^(−(cμ − λ)T), at least 0 (default 0).</param>
    public static QueueKpis Evaluate(int servers, double arrivalRate, double meanService, double targetMinutes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        Check.NonNegative(arrivalRate, nameof(arrivalRate), "arrivals per minute");
        Check.Positive(meanService, nameof(meanService), "minutes");
        Check.NonNegative(targetMinutes, nameof(targetMinutes), "minutes");
        var a = arrivalRate * meanService;
        if (a >= servers)
        {
            return new QueueKpis(servers, a, false, 1, double.PositiveInfinity, 0, 0, 1);
        }

        var c = WaitProbability(servers, a);
        var drain = (servers / meanService) - arrivalRate; // cμ − λ, per minute
        var meanWait = c / drain;
        var serviceLevel = 1 - (c * Math.Exp(-drain * targetMinutes));
        return new QueueKpis(servers, a, true, c, meanWait, serviceLevel, 0, a / servers);
    }
}
