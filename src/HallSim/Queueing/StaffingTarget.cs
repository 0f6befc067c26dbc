using MathNet.Numerics.Distributions;

namespace HallSim.Queueing;

/// <summary>What an interval's staffing must achieve.</summary>
public abstract record StaffingTarget
{
    private protected StaffingTarget()
    {
    }

    /// <summary>True when <paramref name="kpis"/> meet the target.</summary>
    /// <param name="kpis">A queue's KPIs.</param>
    public abstract bool IsMetBy(QueueKpis kpis);

    /// <summary>The minutes the service level is measured against (0 when the target does not need one).</summary>
    public virtual double TargetMinutes => 0;
}

/// <summary>At least <paramref name="Share"/> of citizens called within <paramref name="WithinMinutes"/> (for example 80% within 15 minutes).</summary>
/// <param name="Share">Required share in (0, 1).</param>
/// <param name="WithinMinutes">T, minutes, at least 0.</param>
public sealed record ServiceLevelTarget(double Share, double WithinMinutes) : StaffingTarget
{
    /// <inheritdoc />
    public override double TargetMinutes => WithinMinutes;

    /// <inheritdoc />
    public override bool IsMetBy(QueueKpis kpis) => kpis.IsStable && kpis.ServiceLevel >= Share;
}

/// <summary>Mean wait at most <paramref name="Minutes"/>.</summary>
/// <param name="Minutes">W, minutes, at least 0.</param>
public sealed record MeanWaitTarget(double Minutes) : StaffingTarget
{
    /// <inheritdoc />
    public override bool IsMetBy(QueueKpis kpis) => kpis.IsStable && kpis.MeanWait <= Minutes;
}

/// <summary>Probability of waiting at all at most <paramref name="Alpha"/>.</summary>
/// <param name="Alpha">α in (0, 1).</param>
public sealed record WaitProbabilityTarget(double Alpha) : StaffingTarget
{
    /// <inheritdoc />
    public override bool IsMetBy(QueueKpis kpis) => kpis.IsStable && kpis.WaitProbability <= Alpha;
}

/// <summary>Probability of abandoning at most <paramref name="Share"/> (meaningful with abandonment, Erlang A).</summary>
/// <param name="Share">p in (0, 1).</param>
public sealed record AbandonmentTarget(double Share) : StaffingTarget
{
    /// <inheritdoc />
    public override bool IsMetBy(QueueKpis kpis) => kpis.IsStable && kpis.AbandonProbability <= Share;
}

/// <summary>The least number of servers that meets a target, or the best achievable when even the maximum cannot.</summary>
/// <param name="Servers">The least servers meeting the target; <paramref name="MaxServers"/> when not achievable.</param>
/// <param name="Achievable">False when even <paramref name="MaxServers"/> servers miss the target: never silently capped.</param>
/// <param name="Kpis">The KPIs at <paramref name="Servers"/>.</param>
/// <param name="MaxServers">The most servers allowed (for example the hall's 16 windows).</param>
public sealed record StaffingAnswer(int Servers, bool Achievable, QueueKpis Kpis, int MaxServers);

/// <summary>Minimum staffing from the closed forms, and square-root staffing.</summary>
public static class MinimumStaffing
{
    /// <summary>The least c in [1, <paramref name="maxServers"/>] whose KPIs from <paramref name="evaluate"/> meet <paramref name="target"/>.</summary>
    /// <param name="evaluate">KPIs for a number of servers (for example <c>c =&gt; ErlangC.Evaluate(c, λ, s, T)</c>).</param>
    /// <param name="target">The target.</param>
    /// <param name="maxServers">The most servers available, at least 1.</param>
    public static StaffingAnswer Find(Func<int, QueueKpis> evaluate, StaffingTarget target, int maxServers)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxServers, 1);

        // Every target is monotone in c, so bisection finds the least c meeting it.
        var top = evaluate(maxServers);
        if (!target.IsMetBy(top))
        {
            return new StaffingAnswer(maxServers, false, top, maxServers);
        }

        int lo = 1, hi = maxServers;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (target.IsMetBy(evaluate(mid)))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return new StaffingAnswer(lo, true, evaluate(lo), maxServers);
    }

    /// <summary>Erlang C staffing: the least servers for arrival rate λ and mean service time.</summary>
    /// <param name="arrivalRate">λ, per minute.</param>
    /// <param name="meanService">Minutes.</param>
    /// <param name="target">The target.</param>
    /// <param name="maxServers">The most servers available.</param>
    public static StaffingAnswer ErlangC(double arrivalRate, double meanService, StaffingTarget target, int maxServers) =>
        Find(c => Queueing.ErlangC.Evaluate(c, arrivalRate, meanService, target.TargetMinutes), target, maxServers);

    /// <summary>Erlang A staffing, with exponential patience of the given mean.</summary>
    /// <param name="arrivalRate">λ, per minute.</param>
    /// <param name="meanService">Minutes.</param>
    /// <param name="meanPatience">Minutes.</param>
    /// <param name="target">The target.</param>
    /// <param name="maxServers">The most servers available.</param>
    public static StaffingAnswer ErlangA(double arrivalRate, double meanService, double meanPatience, StaffingTarget target, int maxServers) =>
        Find(c => Queueing.ErlangA.Evaluate(c, arrivalRate, meanService, meanPatience, target.TargetMinutes), target, maxServers);

    /// <summary>Square-root staffing c = ⌈a + β√a⌉ (Halfin–Whitt).</summary>
    /// <param name="offeredLoad">a, erlangs.</param>
    /// <param name="beta">β, the quality-of-service parameter.</param>
    public static int SquareRoot(double offeredLoad, double beta)
    {
        Check.Load(offeredLoad);
        if (!double.IsFinite(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "must be a finite number");
        }

        return Math.Max(1, (int)Math.Ceiling(offeredLoad + (beta * Math.Sqrt(offeredLoad))));
    }

    /// <summary>The Halfin–Whitt β for a delay probability α: α = [1 + β·Φ(β)/φ(β)]^−1, solved by bisection.</summary>
    /// <param name="alpha">α in (0, 1).</param>
    public static double HalfinWhittBeta(double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must lie strictly between 0 and 1");
        }

        static double Delay(double b) => 1 / (1 + (b * Normal.CDF(0, 1, b) / Normal.PDF(0, 1, b)));
        double lo = 0, hi = 10;
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Delay(mid) > alpha)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// Expected total waiting, citizen-minutes, in an interval of <paramref name="intervalMinutes"/> minutes for
    /// 1 … <paramref name="maxServers"/> servers (index 0 is 1 server): λ × length × E[W](c) in the steady state;
    /// +∞ where the queue is unstable. Convex and decreasing in c — the shape an optimiser needs.
    /// </summary>
    /// <param name="arrivalRate">λ, per minute.</param>
    /// <param name="meanService">Minutes.</param>
    /// <param name="intervalMinutes">Interval length, minutes.</param>
    /// <param name="maxServers">Most servers.</param>
    public static IReadOnlyList<double> WaitingCurve(double arrivalRate, double meanService, double intervalMinutes, int maxServers)
    {
        Check.Positive(intervalMinutes, nameof(intervalMinutes), "minutes");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxServers, 1);
        return Enumerable.Range(1, maxServers)
            .Select(c => arrivalRate * intervalMinutes * Queueing.ErlangC.Evaluate(c, arrivalRate, meanService).MeanWait)
            .ToArray();
    }
}
