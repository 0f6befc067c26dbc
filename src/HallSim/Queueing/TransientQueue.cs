namespace HallSim.Queueing;

/// <summary>A stretch of time with a constant arrival rate and a constant number of open windows (servers).</summary>
/// <param name="Minutes">Length, minutes, at least 0.</param>
/// <param name="ArrivalRate">λ, arrivals per minute, at least 0.</param>
/// <param name="Servers">Open windows, at least 0.</param>
public sealed record QueuePiece(double Minutes, double ArrivalRate, int Servers);

/// <summary>The exact expected behaviour of a time-varying M/M/c(+M) queue over a sequence of pieces. Immutable.</summary>
/// <param name="QueueMinutes">Per piece: expected citizen-minutes spent waiting during it (the time integral of the queue length, E∫(X − c)⁺ dt).</param>
/// <param name="QueueAtEnd">Per piece: expected number waiting at its end.</param>
/// <param name="DrainQueueMinutes">Expected citizen-minutes of waiting after the last piece, while the citizens still waiting are called with no new arrivals.</param>
/// <param name="Abandoned">Expected citizens who left before being called (0 without patience), over the pieces and the drain.</param>
/// <param name="Blocked">Expected arrivals lost at the truncation of the state space (a check: should be negligible).</param>
/// <remarks><see cref="DrainAfterPiece"/> gives, per piece, what the drain would be if the pieces stopped there.</remarks>
public sealed record TransientQueueResult(
    IReadOnlyList<double> QueueMinutes,
    IReadOnlyList<double> QueueAtEnd,
    double DrainQueueMinutes,
    double Abandoned,
    double Blocked)
{
    /// <summary>Per piece: the expected citizen-minutes of waiting still to come if no one arrived after it and the drain's
    /// windows called those waiting (so the last entry is <see cref="DrainQueueMinutes"/>).</summary>
    public IReadOnlyList<double> DrainAfterPiece { get; init; } = [];

    /// <summary>Total expected citizen-minutes of waiting: the pieces and the drain.</summary>
    public double TotalQueueMinutes => QueueMinutes.Sum() + DrainQueueMinutes;
}

/// <summary>
/// The exact transient solution of the M/M/c queue (Erlang C) or, with patience, M/M/c+M (Erlang A) whose arrival rate
/// and number of servers change from piece to piece, starting empty: queues built up in one piece are carried into the
/// next, and an overloaded piece costs what it truly costs. Computed by uniformization of the birth–death chain of the
/// number in system, truncated far beyond where the arrivals can reach.
/// </summary>
/// <remarks>
/// Within a piece of length h with uniformization rate Λ the state distribution is p(s) = Σ_k Pois(k; Λs) p₀Pᵏ and its
/// integral ∫₀ʰ p(s) ds = Λ⁻¹ Σ_k P(N(Λh) &gt; k) p₀Pᵏ; pieces are cut into steps with Λh ≤ 40 so that Poisson weights
/// never underflow, and each Poisson sum stops when its remaining mass is below 10⁻¹³. The state space is cut at
/// c_max + A + 10√A + 30 citizens (A = expected arrivals in all pieces); arrivals lost there are reported in
/// <see cref="TransientQueueResult.Blocked"/>. Used as the exact oracle of the roster optimiser on halls with exponential
/// service and patience, and as a fast analytical evaluator.
/// </remarks>
public static class TransientQueue
{
    private const double StepMass = 40;
    private const double Tail = 1e-13;
    private const double Negligible = 1e-30; // probability below which a state at the edge of the support is dropped (10⁻³⁰: far below any reported digit)

    /// <summary>Evaluates the queue over <paramref name="pieces"/>, starting empty or with citizens already waiting.</summary>
    /// <param name="pieces">The pieces, in time order.</param>
    /// <param name="meanService">Mean service time 1/μ, minutes, greater than 0.</param>
    /// <param name="meanPatience">Mean patience 1/θ, minutes, greater than 0; null: citizens never leave (default).</param>
    /// <param name="drainServers">Windows that call the citizens still waiting after the last piece; null: the last piece's, at least 1 (default).</param>
    /// <param name="initialWaiting">Citizens waiting at the start, behind the first piece's windows all busy (default 0: empty).</param>
    /// <returns>Expected waiting per piece and in the drain.</returns>
    public static TransientQueueResult Evaluate(IReadOnlyList<QueuePiece> pieces, double meanService, double? meanPatience = null, int? drainServers = null, int initialWaiting = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialWaiting);
        ArgumentNullException.ThrowIfNull(pieces);
        Check.Positive(meanService, nameof(meanService), "minutes");
        if (meanPatience is { } mp)
        {
            Check.Positive(mp, nameof(meanPatience), "minutes");
        }

        var arrivals = 0.0;
        var most = 1;
        foreach (var piece in pieces)
        {
            ArgumentNullException.ThrowIfNull(piece);
            Check.NonNegative(piece.Minutes, nameof(pieces), "minutes");
            Check.NonNegative(piece.ArrivalRate, nameof(pieces), "arrivals per minute");
            ArgumentOutOfRangeException.ThrowIfNegative(piece.Servers, nameof(pieces));
            arrivals += piece.Minutes * piece.ArrivalRate;
            most = Math.Max(most, piece.Servers);
        }

        var start = initialWaiting + (initialWaiting > 0 && pieces.Count > 0 ? pieces[0].Servers : 0);
        arrivals += start;
        var drain = Math.Max(1, drainServers ?? (pieces.Count > 0 ? pieces[^1].Servers : 1));
        most = Math.Max(most, drain);
        var mu = 1 / meanService;
        var theta = meanPatience is { } p ? 1 / p : 0;

        // The state space: first as far as the fluid queue's peak plus ten standard deviations of the arrivals, then
        // doubled while arrivals are lost at its end; never beyond every arrival at once (which loses nothing).
        var peak = FluidPeak(pieces, mu, initialWaiting);

        var everything = (int)Math.Min(int.MaxValue / 4, Math.Ceiling(most + arrivals + (10 * Math.Sqrt(arrivals)) + 30) + 1);
        var size = (int)Math.Min(everything, Math.Ceiling(most + peak + (10 * Math.Sqrt(arrivals)) + 60));
        while (true)
        {
            var (queueMinutes, queueAtEnd, drains, blocked) = Pieces(pieces, size, mu, theta, start, drain);
            if (size >= everything || blocked <= 1e-10 * Math.Max(1, arrivals))
            {
                var drainMinutes = drains.Length > 0 ? drains[^1] : 0;
                var abandoned = theta * (queueMinutes.Sum() + drainMinutes);
                return new TransientQueueResult(queueMinutes, queueAtEnd, drainMinutes, abandoned, blocked) { DrainAfterPiece = drains };
            }

            size = Math.Min(everything, size * 2);
        }
    }

    /// <summary>The fluid queue's highest point over the pieces (queue growing at λ − cμ, never below 0), starting from
    /// <paramref name="initialWaiting"/>: where the state space must reach.</summary>
    internal static double FluidPeak(IReadOnlyList<QueuePiece> pieces, double mu, double initialWaiting)
    {
        double fluid = initialWaiting, peak = initialWaiting;
        foreach (var piece in pieces)
        {
            fluid = Math.Max(0, fluid + ((piece.ArrivalRate - (piece.Servers * mu)) * piece.Minutes));
            peak = Math.Max(peak, fluid);
        }

        return peak;
    }

    private static (double[] QueueMinutes, double[] QueueAtEnd, double[] Drains, double Blocked) Pieces(IReadOnlyList<QueuePiece> pieces, int size, double mu, double theta, int start, int drain)
    {
        var state = new double[size];
        state[Math.Min(size - 1, start)] = 1;
        var chain = new Chain(size, mu, theta);
        var queueMinutes = new double[pieces.Count];
        var queueAtEnd = new double[pieces.Count];
        var drains = new double[pieces.Count];
        double blocked = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            var (q, b) = chain.Advance(state, piece.Minutes, piece.ArrivalRate, piece.Servers);
            queueMinutes[i] = q;
            blocked += b;
            queueAtEnd[i] = Queue(state, piece.Servers);
            drains[i] = Drain(state, drain, mu, theta);
        }

        return (queueMinutes, queueAtEnd, drains, blocked);
    }

    /// <summary>
    /// With no arrivals and all windows busy, q waiting shrink by one at rate cμ + qθ (a call or a citizen leaving), so
    /// the queue-minutes still to come from q waiting are Σ_{k=1..q} k ÷ (cμ + kθ); without patience q(q+1)/(2cμ).
    /// </summary>
    private static double Drain(double[] state, int drain, double mu, double theta)
    {
        double minutes = 0, partial = 0;
        for (var x = drain + 1; x < state.Length; x++)
        {
            var k = x - drain;
            partial += k / ((drain * mu) + (k * theta));
            minutes += state[x] * partial;
        }

        return minutes;
    }

    private static double Queue(double[] state, int servers)
    {
        double q = 0;
        for (var x = servers + 1; x < state.Length; x++)
        {
            q += state[x] * (x - servers);
        }

        return q;
    }

    /// <summary>The birth–death chain's uniformized steps, with work arrays reused across pieces.</summary>
    private sealed class Chain(int size, double mu, double theta)
    {
        private readonly double[] _v = new double[size];
        private readonly double[] _next = new double[size];
        private readonly double[] _integral = new double[size];
        private readonly double[] _end = new double[size];

        /// <summary>Moves <paramref name="state"/> forward by <paramref name="minutes"/>; returns the queue-minutes and the arrivals blocked at the truncation.</summary>
        public (double QueueMinutes, double Blocked) Advance(double[] state, double minutes, double lambda, int servers)
        {
            var top = size - 1;
            if (minutes <= 0)
            {
                return (0, 0);
            }

            if (Exit(lambda, servers, top) <= 0)
            {
                return (Queue(state, servers) * minutes, 0);
            }

            double queueMinutes = 0, blocked = 0, remaining = minutes;
            while (remaining > 1e-12)
            {
                // The uniformization rate need only cover the states this step can reach: the support's top plus one
                // state per Poisson term. Raise it until it does (a higher rate means a shorter step and fewer terms).
                var hi = top;
                while (hi > 0 && state[hi] < Negligible)
                {
                    hi--;
                }

                var rate = Math.Max(Exit(lambda, servers, hi), 1e-9);
                double h;
                int terms;
                while (true)
                {
                    h = Math.Min(remaining, StepMass / rate);
                    terms = MaxTerms(rate * h);
                    var need = Exit(lambda, servers, Math.Min(top, hi + terms));
                    if (need <= rate)
                    {
                        break;
                    }

                    rate = need;
                }

                Step(state, h, rate, lambda, servers, terms);
                for (var x = servers + 1; x < size; x++)
                {
                    queueMinutes += _integral[x] * (x - servers);
                }

                blocked += lambda * _integral[top];
                remaining -= h;
            }

            return (queueMinutes, blocked);
        }

        /// <summary>The largest leaving rate of any state up to x (arrival plus calls plus citizens leaving; non-decreasing in x).</summary>
        private double Exit(double lambda, int servers, int x) =>
            lambda + (Math.Min(x, servers) * mu) + (Math.Max(0, x - servers) * theta);

        /// <summary>Poisson terms a step of mean m may use: P(N &gt; m + 10√m + 30) is far below the 10⁻¹³ tail for m ≤ 40.</summary>
        private static int MaxTerms(double m) => (int)Math.Ceiling(m + (10 * Math.Sqrt(m)) + 30);

        private void Step(double[] state, double h, double rate, double lambda, int servers, int maxTerms)
        {
            // Only the states that hold probability are touched: the support grows by one state each way per Poisson
            // term, and starts as narrow as the distribution (a point at the start of the day).
            int lo = 0, hi = size - 1;
            while (lo < hi && state[lo] < Negligible)
            {
                lo++;
            }

            while (hi > lo && state[hi] < Negligible)
            {
                hi--;
            }

            var m = rate * h;
            Array.Copy(state, _v, size);
            Array.Clear(_integral);
            Array.Clear(_end);
            var pmf = Math.Exp(-m);
            var cdf = pmf;
            for (var k = 0; ; k++)
            {
                var survival = 1 - cdf; // P(N > k)
                for (var x = lo; x <= hi; x++)
                {
                    _end[x] += pmf * _v[x];
                    _integral[x] += survival * _v[x];
                }

                if ((survival < Tail && k > m) || k >= maxTerms)
                {
                    break;
                }

                (lo, hi) = Multiply(lambda, servers, rate, lo, hi);
                pmf *= m / (k + 1);
                cdf += pmf;
            }

            // Normalised by the Poisson mass summed (1 − 10⁻¹³ or more), so probability is conserved.
            var total = 0.0;
            for (var x = 0; x < size; x++)
            {
                total += _end[x];
            }

            for (var x = 0; x < size; x++)
            {
                state[x] = _end[x] / total;
                _integral[x] /= rate;
            }
        }

        /// <summary>v ← v·P with P = I + Q/Λ for the birth–death generator Q, on the support [lo, hi]; returns the new support.</summary>
        private (int Lo, int Hi) Multiply(double lambda, int servers, double rate, int lo, int hi)
        {
            var top = size - 1;
            var newLo = Math.Max(0, lo - 1);
            var newHi = Math.Min(top, hi + 1);
            Array.Clear(_next, newLo, newHi - newLo + 1);
            for (var x = lo; x <= hi; x++)
            {
                var vx = _v[x];
                var up = x < top ? lambda : 0;
                var down = (Math.Min(x, servers) * mu) + (Math.Max(0, x - servers) * theta);
                _next[x] += vx * (1 - ((up + down) / rate));
                if (up > 0)
                {
                    _next[x + 1] += vx * up / rate;
                }

                if (down > 0)
                {
                    _next[x - 1] += vx * down / rate;
                }
            }

            Array.Copy(_next, newLo, _v, newLo, newHi - newLo + 1);
            while (newLo < newHi && _v[newLo] < Negligible)
            {
                newLo++;
            }

            while (newHi > newLo && _v[newHi] < Negligible)
            {
                newHi--;
            }

            return (newLo, newHi);
        }
    }
}
