namespace HallSim.Queueing;

/// <summary>
/// The time-varying M/M/c(+M) queue of <see cref="TransientQueue"/> by its first two moments under a Gaussian closure:
/// the number in system X is taken as normal with mean m and variance v, which move as
/// dm/dt = λ − E[d(X)] and dv/dt = λ + E[d(X)] − 2·Cov(X, d(X)) for the leaving rate d(x) = μ·min(x, c) + θ·(x − c)⁺,
/// with E[(X − c)⁺] = s·φ(z) + (m − c)(1 − Φ(z)), z = (c − m)/s, and by Stein's lemma
/// Cov(X, d(X)) = v·(μΦ(z) + θ(1 − Φ(z))). The drain after a piece is <see cref="TransientQueue"/>'s closed form applied
/// to the normal distribution rounded to whole citizens.
/// </summary>
/// <remarks>
/// Its cost does not grow with the number of citizens, where the exact chain's grows with its square; it is used
/// only where the exact chain would take too long (<see cref="ExactWorkLimit"/>), that is with thousands of arrivals
/// in the pieces, where the number in system is close to normal. Its error against the exact chain at the
/// limit is measured by a test (within a few per cent on every window count; see the tests' tolerance).
/// </remarks>
internal static class MeanFieldQueue
{
    /// <summary>Above this many estimated state-steps for one evaluation (uniformised steps × states in the support, see
    /// <see cref="ExactWork"/>), <see cref="HallSim.Staffing.WaitingCurveEstimator.FromQueue"/> uses this closure instead
    /// of the exact chain. The Jihua hall (about 1,000 citizens a day) stays below it (its busiest interval: about 2·10⁶).</summary>
    internal const double ExactWorkLimit = 1e7;

    /// <summary>Overload (arrival rate ÷ the pieces' service capacity) from which the closure may replace the exact chain.</summary>
    internal const double OverloadFrom = 1.25;

    /// <summary>Whether the closure replaces the exact chain for these pieces: every piece's windows are overloaded by
    /// at least <see cref="OverloadFrom"/> (there the number in system stays above the windows and is close to normal,
    /// and the closure is within 3% of the exact chain; near and below capacity it undercuts the queue's tail)
    /// and the exact chain's estimated work exceeds <paramref name="exactWorkLimit"/>.</summary>
    internal static bool Replaces(IReadOnlyList<QueuePiece> pieces, double meanService, double? meanPatience, int initialWaiting, double exactWorkLimit) =>
        pieces.Count > 0
        && pieces.All(p => p.ArrivalRate >= OverloadFrom * p.Servers / meanService)
        && ExactWork(pieces, meanService, meanPatience, initialWaiting) > exactWorkLimit;

    /// <summary>A conservative estimate of the exact chain's work: uniformised Poisson terms (about 2.5 per unit of
    /// Λ·t) times the width of the support (twenty standard deviations of the arrivals plus the windows).</summary>
    internal static double ExactWork(IReadOnlyList<QueuePiece> pieces, double meanService, double? meanPatience, int initialWaiting)
    {
        var mu = 1 / meanService;
        var peak = TransientQueue.FluidPeak(pieces, mu, initialWaiting);
        double arrivals = initialWaiting, time = 0;
        var most = 1;
        foreach (var p in pieces)
        {
            arrivals += p.ArrivalRate * p.Minutes;
            most = Math.Max(most, p.Servers);
            time += p.Minutes;
        }

        var theta = meanPatience is { } mp ? 1 / mp : 0;
        var spread = 10 * Math.Sqrt(arrivals + 1);
        var rate = (arrivals / Math.Max(time, 1e-9)) + (most * mu) + (theta * (peak + spread));
        var width = (20 * Math.Sqrt(arrivals + 1)) + most;
        return 2.5 * rate * time * width;
    }

    /// <summary>As <see cref="TransientQueue.Evaluate"/> (same arguments and meaning; <see cref="TransientQueueResult.Blocked"/> is 0).</summary>
    internal static TransientQueueResult Evaluate(IReadOnlyList<QueuePiece> pieces, double meanService, double? meanPatience, int drainServers, int initialWaiting)
    {
        var mu = 1 / meanService;
        var theta = meanPatience is { } p ? 1 / p : 0;
        var m = (double)(initialWaiting + (initialWaiting > 0 && pieces.Count > 0 ? pieces[0].Servers : 0));
        var v = 0.0;
        var queueMinutes = new double[pieces.Count];
        var queueAtEnd = new double[pieces.Count];
        var drains = new double[pieces.Count];
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            queueMinutes[i] = Advance(ref m, ref v, piece.Minutes, piece.ArrivalRate, piece.Servers, mu, theta);
            queueAtEnd[i] = Waiting(m, v, piece.Servers);
            drains[i] = Drain(m, v, drainServers, mu, theta);
        }

        var drainMinutes = drains.Length > 0 ? drains[^1] : 0;
        return new TransientQueueResult(queueMinutes, queueAtEnd, drainMinutes, theta * (queueMinutes.Sum() + drainMinutes), 0) { DrainAfterPiece = drains };
    }

    /// <summary>E[(X − c)⁺] for X normal with mean m and variance v (a point mass when v is 0).</summary>
    internal static double Waiting(double m, double v, int c)
    {
        if (v <= 1e-12)
        {
            return Math.Max(0, m - c);
        }

        var s = Math.Sqrt(v);
        var z = (c - m) / s;
        return Math.Max(0, (s * Pdf(z)) + ((m - c) * Upper(z)));
    }

    /// <summary>Moves (m, v) on by <paramref name="minutes"/> (classical Runge–Kutta, steps short against every rate and
    /// against the time the mean takes to cross one standard deviation); returns the queue-minutes.</summary>
    private static double Advance(ref double m, ref double v, double minutes, double lambda, int c, double mu, double theta)
    {
        double queue = 0, left = minutes;
        while (left > 1e-12)
        {
            var speed = Math.Max(Math.Max(lambda, c * mu), 1e-9);
            var h = Math.Min(left, Math.Min(0.2 / Math.Max(Math.Max(mu, theta), 1e-9), 0.2 * Math.Max(Math.Sqrt(v), 1) / speed));
            h = Math.Max(h, Math.Min(left, 1e-3));
            var (dm1, dv1, q1) = Rates(m, v, lambda, c, mu, theta);
            var (dm2, dv2, q2) = Rates(m + (h / 2 * dm1), v + (h / 2 * dv1), lambda, c, mu, theta);
            var (dm3, dv3, q3) = Rates(m + (h / 2 * dm2), v + (h / 2 * dv2), lambda, c, mu, theta);
            var (dm4, dv4, q4) = Rates(m + (h * dm3), v + (h * dv3), lambda, c, mu, theta);
            m = Math.Max(0, m + (h / 6 * (dm1 + (2 * dm2) + (2 * dm3) + dm4)));
            v = Math.Max(0, v + (h / 6 * (dv1 + (2 * dv2) + (2 * dv3) + dv4)));
            queue += h / 6 * (q1 + (2 * q2) + (2 * q3) + q4);
            left -= h;
        }

        return queue;
    }

    private static (double Dm, double Dv, double Queue) Rates(double m, double v, double lambda, int c, double mu, double theta)
    {
        m = Math.Max(0, m);
        v = Math.Max(0, v);
        var waiting = Waiting(m, v, c);
        var below = v <= 1e-12 ? (m < c ? 1.0 : 0.0) : 1 - Upper((c - m) / Math.Sqrt(v)); // P(X < c)
        var leaving = (mu * (m - waiting)) + (theta * waiting);
        var covariance = v * ((mu * below) + (theta * (1 - below)));
        return (lambda - leaving, lambda + leaving - (2 * covariance), waiting);
    }

    /// <summary><see cref="TransientQueue"/>'s drain, Σ_x P(X = x)·Σ_{k=1..x−c} k ÷ (cμ + kθ), over the normal rounded to whole citizens (±8 sd).</summary>
    private static double Drain(double m, double v, int c, double mu, double theta)
    {
        var s = Math.Sqrt(v);
        var lo = Math.Max(c + 1, (int)Math.Floor(m - (8 * s)));
        var hi = (int)Math.Ceiling(m + (8 * s)) + 1;
        if (hi <= lo)
        {
            return 0;
        }

        double partial = 0, minutes = 0;
        for (var k = 1; k < lo - c; k++)
        {
            partial += k / ((c * mu) + (k * theta));
        }

        for (var x = lo; x <= hi; x++)
        {
            var k = x - c;
            partial += k / ((c * mu) + (k * theta));
            var mass = s <= 1e-6 ? (x == (int)Math.Round(m) ? 1 : 0) : Upper((x - 0.5 - m) / s) - Upper((x + 0.5 - m) / s);
            minutes += mass * partial;
        }

        return minutes;
    }

    private static double Pdf(double z) => Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);

    /// <summary>P(Z &gt; z) for a standard normal Z.</summary>
    private static double Upper(double z) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2));
}
