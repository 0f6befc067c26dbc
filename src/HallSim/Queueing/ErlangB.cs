namespace HallSim.Queueing;

/// <summary>Erlang B: the blocking probability of M/M/c/c (a loss system).</summary>
public static class ErlangB
{
    /// <summary>
    /// B(c, a) by the recursion B(k) = a·B(k−1) / (k + a·B(k−1)), B(0) = 1: every intermediate value lies in [0, 1],
    /// so it neither overflows nor loses precision at thousands of servers.
    /// </summary>
    /// <param name="servers">c, at least 0.</param>
    /// <param name="offeredLoad">a in erlangs, finite and at least 0.</param>
    public static double BlockingProbability(int servers, double offeredLoad)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(servers);
        Check.Load(offeredLoad);
        var b = 1.0;
        for (var k = 1; k <= servers; k++)
        {
            b = offeredLoad * b / (k + (offeredLoad * b));
        }

        return b;
    }
}

internal static class Check
{
    internal static void Load(double offeredLoad, string name = "offeredLoad")
    {
        if (!(offeredLoad >= 0) || !double.IsFinite(offeredLoad))
        {
            throw new ArgumentOutOfRangeException(name, offeredLoad, "must be a finite number of erlangs, at least 0");
        }
    }

    internal static void Positive(double value, string name, string unit)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"must be a finite number of {unit} greater than 0");
        }
    }

    internal static void NonNegative(double value, string name, string unit)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"must be a finite number of {unit}, at least 0");
        }
    }
}
