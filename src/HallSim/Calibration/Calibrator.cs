using HallSim.Experiments;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace HallSim.Calibration;

/// <summary>A candidate distribution fitted by maximum likelihood.</summary>
/// <param name="Family">"lognormal", "gamma", "weibull" or "exponential".</param>
/// <param name="Distribution">The fitted distribution (mean and sd in minutes).</param>
/// <param name="LogLikelihood">Log-likelihood at the fit.</param>
/// <param name="Aic">Akaike's criterion, 2k − 2 ln L (lower is better).</param>
/// <param name="Ks">Kolmogorov–Smirnov distance between the sample and the fit (0 for the censored patience fit, where it is not defined).</param>
public sealed record DistributionFit(string Family, Distribution Distribution, double LogLikelihood, double Aic, double Ks)
{
    /// <summary>The 95% confidence interval of the distribution's mean, minutes (Wald on the log of the mean, by the delta
    /// method from the observed information of the likelihood); null where it was not computed (service-time fits), the
    /// information is not positive definite, or the interval would span more than a factor of about 50 either way.</summary>
    public MeanInterval? Mean95 { get; init; }
}

/// <summary>A confidence interval of a mean.</summary>
/// <param name="Lower">Lower end, minutes.</param>
/// <param name="Upper">Upper end, minutes.</param>
public sealed record MeanInterval(double Lower, double Upper);

/// <summary>The service-time fit of one category.</summary>
/// <param name="Category">The service code.</param>
/// <param name="Samples">Service times used (a reservoir sample of at most 20,000 per category).</param>
/// <param name="Chosen">The family with the lowest AIC.</param>
/// <param name="Candidates">Every family tried, best first.</param>
public sealed record CategoryFit(string Category, int Samples, DistributionFit Chosen, IReadOnlyList<DistributionFit> Candidates);

/// <summary>A day whose ticket count is far from what the fitted structure expects (a surge, a storm, a system outage).</summary>
/// <param name="Date">The date.</param>
/// <param name="Observed">Tickets that day.</param>
/// <param name="Expected">Tickets the fit expects.</param>
public sealed record SpecialDayFinding(DateOnly Date, int Observed, double Expected);

/// <summary>Observed and simulated mean wait per hour of the day, for the fit check.</summary>
/// <param name="Hour">Hour of the day.</param>
/// <param name="ObservedWait">Mean wait of the log's called tickets issued in that hour, minutes.</param>
/// <param name="SimulatedWait">The calibrated scenario's mean wait with the log's own staffing (95% CI); null without a simulation.</param>
/// <param name="ObservedTickets">Tickets per day in that hour in the log.</param>
public sealed record HourlyFit(int Hour, double ObservedWait, MeanEstimate? SimulatedWait, double ObservedTickets);

/// <summary>The outcome of calibrating a scenario from a ticket log. Immutable.</summary>
/// <param name="Scenario">The calibrated scenario.</param>
/// <param name="Read">What reading the log did (rows accepted and rejected with reasons).</param>
/// <param name="ArrivalsPerDay">Tickets on an ordinary weekday (the mean of Monday–Friday factors is 1), with its 95% CI over days.</param>
/// <param name="HourShares">Share of a day's tickets per hour of the day (24 values) with 95% CIs.</param>
/// <param name="WeekdayFactors">Monday first.</param>
/// <param name="Services">Service-time fits per category.</param>
/// <param name="Patience">The patience fit (the family with the best AIC of exponential, lognormal, Weibull and gamma, from
/// served and no-show tickets, both censored); null when no one left.</param>
/// <param name="SpecialDays">Days far from the fitted structure, left out of the estimates.</param>
/// <param name="Hourly">Observed against simulated waits per hour.</param>
/// <param name="Notes">What the log cannot tell and how the fit handled it.</param>
/// <param name="Daily">Per day with tickets: observed tickets and what the fitted structure expects.</param>
public sealed record CalibrationResult(
    Scenario Scenario,
    TicketLogReadResult Read,
    MeanEstimate ArrivalsPerDay,
    IReadOnlyList<MeanEstimate> HourShares,
    IReadOnlyList<double> WeekdayFactors,
    IReadOnlyList<CategoryFit> Services,
    DistributionFit? Patience,
    IReadOnlyList<SpecialDayFinding> SpecialDays,
    IReadOnlyList<HourlyFit> Hourly,
    IReadOnlyList<string> Notes,
    IReadOnlyList<(DateOnly Date, int Observed, double Expected)> Daily);

/// <summary>Options of <see cref="Calibrator.Calibrate"/>.</summary>
public sealed record CalibrationOptions
{
    /// <summary>Column names (default: detected — HallSim's own or the Chinese preset).</summary>
    public TicketLogColumns? Columns { get; init; }

    /// <summary>The hall's time zone (default Asia/Shanghai).</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>The calendar of the calibrated scenario (opening hours, holidays); default: weekdays 09:00–12:00 and 14:00–18:00.</summary>
    public HallCalendar? Calendar { get; init; }

    /// <summary>Replications of the fit check per simulated day (default 5; 0: no simulation).</summary>
    public int CheckReplications { get; init; } = 5;

    /// <summary>At most this many days of the log are simulated for the fit check (the first ones; default 20).</summary>
    public int CheckDays { get; init; } = 20;

    /// <summary>Seed of reservoir sampling and of the check (default 1).</summary>
    public ulong Seed { get; init; } = 1;
}

/// <summary>Turns a ticket log into a scenario: demand structure, service times, patience, windows.</summary>
public static class Calibrator
{
    private const int ServiceReservoir = 20_000;
    private const int WaitReservoir = 50_000;

    /// <summary>Reads a ticket log (streamed: memory bounded by the number of days, categories and reservoir sizes) and fits a scenario.</summary>
    /// <param name="log">The CSV.</param>
    /// <param name="name">The calibrated hall's name.</param>
    /// <param name="options">Options.</param>
    /// <exception cref="ScenarioValidationException">Not a ticket log, or not one good row.</exception>
    public static CalibrationResult Calibrate(Stream log, string name, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        options ??= new CalibrationOptions();
        var acc = new Accumulator(options.Seed);
        var read = TicketLog.Read(log, acc.Add, options.Columns, options.TimeZone);
        if (read.Accepted == 0)
        {
            throw new ScenarioValidationException("ticket log", [new ValidationProblem("rows", $"no good row among {read.Rows} (first problem: {read.RejectedRows.FirstOrDefault()?.Reason ?? "none"})")]);
        }

        return acc.Fit(name, read, options);
    }

    /// <summary>Fits lognormal, gamma, Weibull and exponential by maximum likelihood; best (lowest AIC) first.</summary>
    /// <param name="samples">Positive values (others are ignored).</param>
    public static IReadOnlyList<DistributionFit> FitServiceTime(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var x = samples.Where(v => v > 0 && double.IsFinite(v)).OrderBy(v => v).ToArray();
        if (x.Length < 2)
        {
            throw new ArgumentException("at least two positive samples are needed", nameof(samples));
        }

        var fits = new List<DistributionFit>();
        var mean = x.Average();
        fits.Add(Make("exponential", new ExponentialDistribution(mean), x, v => Exponential.PDFLn(1 / mean, v), v => Exponential.CDF(1 / mean, v), 1));
        var ln = LogNormal.Estimate(x);
        fits.Add(Make("lognormal", new LogNormalDistribution(ln.Mean, ln.StdDev), x, v => LogNormal.PDFLn(ln.Mu, ln.Sigma, v), v => LogNormal.CDF(ln.Mu, ln.Sigma, v), 2));
        var (shape, rate) = GammaMle(x);
        fits.Add(Make("gamma", new GammaDistribution(shape, 1 / rate), x, v => Gamma.PDFLn(shape, rate, v), v => Gamma.CDF(shape, rate, v), 2));
        try
        {
            var w = Weibull.Estimate(x);
            fits.Add(Make("weibull", new WeibullDistribution(w.Shape, w.Scale), x, v => Weibull.PDFLn(w.Shape, w.Scale, v), v => Weibull.CDF(w.Shape, w.Scale, v), 2));
        }
        catch (Exception e) when (e is ArgumentException or MathNet.Numerics.NonConvergenceException)
        {
            // Weibull's likelihood equation did not converge: the other families remain.
        }

        return fits.Where(f => double.IsFinite(f.Aic)).OrderBy(f => f.Aic).ToArray();
    }

    /// <summary>
    /// The patience distribution by maximum likelihood from what a log shows — a served ticket's holder waited longer
    /// than their wait (S(w)); a no-show had left before the call (F(w)) — fitted in four families under the same
    /// censoring (exponential, lognormal, Weibull, gamma) and chosen by AIC, as service times are.
    /// </summary>
    /// <param name="waits">(wait in minutes, left before the call) per called ticket.</param>
    /// <returns>The chosen fit; null when no one left (patience cannot be told from the log: it is longer than every wait).</returns>
    public static DistributionFit? FitPatience(IReadOnlyList<(double Wait, bool Left)> waits) => FitPatienceFamilies(waits).FirstOrDefault();

    /// <summary>Every family's censored fit of patience, best AIC first (empty when no one left).</summary>
    /// <param name="waits">(wait in minutes, left before the call) per called ticket.</param>
    /// <returns>The fits, best first.</returns>
    public static IReadOnlyList<DistributionFit> FitPatienceFamilies(IReadOnlyList<(double Wait, bool Left)> waits)
    {
        ArgumentNullException.ThrowIfNull(waits);
        var data = waits.Where(w => w.Wait > 0 && double.IsFinite(w.Wait)).ToArray();
        if (!data.Any(d => d.Left) || data.Length < 10)
        {
            return [];
        }

        double NegLogL(Func<double, double> cdf)
        {
            double sum = 0;
            foreach (var (w, left) in data)
            {
                var p = cdf(w);
                if (!double.IsFinite(p))
                {
                    return 1e300;
                }

                sum += Math.Log(Math.Clamp(left ? p : 1 - p, 1e-300, 1));
            }

            return -sum;
        }

        // Parameters on a log scale (all positive), bounded so that the simplex cannot run to a degenerate corner.
        (double[] X, double Nll) Fit(Func<double[], Func<double, double>?> cdfOf, double[] start)
        {
            double F(Vector<double> v)
            {
                if (v.Any(x => !double.IsFinite(x) || Math.Abs(x) > 12))
                {
                    return 1e300;
                }

                return cdfOf([.. v.Select(x => Math.Exp(x))]) is { } cdf ? NegLogL(cdf) : 1e300;
            }

            var r = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(F), Vector<double>.Build.Dense([.. start.Select(x => Math.Log(x))]), 1e-8, 5000);
            return ([.. r.MinimizingPoint.Select(x => Math.Exp(x))], r.FunctionInfoAtMinimum.Value);
        }

        // The mean's 95% interval: the observed information (central-difference Hessian of the negative log-likelihood in
        // the log parameters u), and the delta method for ln(mean) = g(u): var = ∇gᵀ H⁻¹ ∇g.
        MeanInterval? Interval(Func<double[], Func<double, double>?> cdfOf, double[] x, Func<double[], Distribution> make)
        {
            var u = x.Select(v => Math.Log(v)).ToArray();
            var k = u.Length;
            double Nll(double[] at) => cdfOf([.. at.Select(v => Math.Exp(v))]) is { } cdf ? NegLogL(cdf) : double.NaN;
            double LogMean(double[] at) => Math.Log(make([.. at.Select(v => Math.Exp(v))]).Mean);
            const double h = 1e-3;
            var hessian = Matrix<double>.Build.Dense(k, k);
            var gradient = Vector<double>.Build.Dense(k);
            var f0 = Nll(u);
            for (var i = 0; i < k; i++)
            {
                var ui = (double[])u.Clone();
                ui[i] += h;
                var up = LogMean(ui);
                ui[i] -= 2 * h;
                gradient[i] = (up - LogMean(ui)) / (2 * h);
                for (var j = i; j < k; j++)
                {
                    double At(int si, int sj)
                    {
                        var v = (double[])u.Clone();
                        v[i] += si * h;
                        v[j] += sj * h;
                        return Nll(v);
                    }

                    var second = i == j
                        ? (At(1, 0) - (2 * f0) + At(-1, 0)) / (h * h)
                        : (At(1, 1) - At(1, -1) - At(-1, 1) + At(-1, -1)) / (4 * h * h);
                    hessian[i, j] = hessian[j, i] = second;
                }
            }

            if (!hessian.Enumerate().All(double.IsFinite))
            {
                return null;
            }

            // Positive definite (a Cholesky factor exists) and not nearly flat; else no interval.
            MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> cholesky;
            try
            {
                cholesky = hessian.Cholesky();
            }
            catch (ArgumentException)
            {
                return null; // not positive definite
            }

            if (!cholesky.Factor.Diagonal().All(d => d > 1e-8))
            {
                return null;
            }

            var variance = gradient * cholesky.Solve(gradient);
            if (!(variance >= 0) || !double.IsFinite(variance) || variance > 4)
            {
                return null; // a log-mean standard error above 2 is no interval a report can use
            }

            var logMean = LogMean(u);
            var half = 1.959963984540054 * Math.Sqrt(variance);
            return new MeanInterval(Math.Exp(logMean - half), Math.Exp(logMean + half));
        }

        var guess = Math.Max(1, data.Average(d => d.Wait)) * 2;
        var fits = new List<DistributionFit>();
        void Add(string family, Func<double[], Func<double, double>?> cdfOf, double[] start, Func<double[], Distribution> make)
        {
            try
            {
                var (x, nll) = Fit(cdfOf, start);
                if (nll < 1e299)
                {
                    // No KS distance for censored data.
                    fits.Add(new DistributionFit(family, make(x), -nll, (2 * start.Length) + (2 * nll), 0) { Mean95 = Interval(cdfOf, x, make) });
                }
            }
            catch (Exception e) when (e is ArgumentException or MathNet.Numerics.NonConvergenceException or MathNet.Numerics.Optimization.MaximumIterationsException)
            {
                // The simplex did not settle for this family: the others remain.
            }
        }

        Add("exponential", x => w => 1 - Math.Exp(-w / x[0]), [guess], x => new ExponentialDistribution(x[0]));
        Add("lognormal", x => x[1] is > 0.01 and < 10 ? w => LogNormal.CDF(Math.Log(x[0]), x[1], w) : null, [guess, 0.8], x =>
        {
            var mean = Math.Exp(Math.Log(x[0]) + (x[1] * x[1] / 2));
            return new LogNormalDistribution(mean, mean * Math.Sqrt(Math.Exp(x[1] * x[1]) - 1));
        });
        Add("weibull", x => x[0] is > 0.05 and < 50 ? w => Weibull.CDF(x[0], x[1], w) : null, [1, guess], x => new WeibullDistribution(x[0], x[1]));
        Add("gamma", x => x[0] is > 0.05 and < 200 ? w => Gamma.CDF(x[0], 1 / x[1], w) : null, [1, guess], x => new GammaDistribution(x[0], x[1]));
        return fits.Where(f => double.IsFinite(f.Aic)).OrderBy(f => f.Aic).ToArray();
    }

    /// <summary>" (95% CI a–b)" (minutes) for a fit with a mean interval, else empty.</summary>
    internal static string Ci(DistributionFit fit) =>
        fit.Mean95 is { } ci ? FormattableString.Invariant($" (95% CI {ci.Lower:0}–{ci.Upper:0})") : string.Empty;

    /// <summary>Ticket-issuing minutes of each hour on a weekday of <paramref name="calendar"/>: each session from its
    /// opening to its cut-off before closing.</summary>
    private static double[] IssuingMinutes(HallCalendar calendar)
    {
        var minutes = new double[24];
        foreach (var session in calendar.WeekdayHours)
        {
            var from = session.Open.ToTimeSpan().TotalMinutes;
            var to = session.Close.ToTimeSpan().TotalMinutes - calendar.TicketCutoffMinutes;
            for (var h = 0; h < 24; h++)
            {
                minutes[h] += Math.Max(0, Math.Min(to, (h + 1) * 60) - Math.Max(from, h * 60));
            }
        }

        return minutes;
    }

    private static DistributionFit Make(string family, Distribution d, double[] sorted, Func<double, double> logPdf, Func<double, double> cdf, int parameters)
    {
        var logL = sorted.Sum(logPdf);
        double ks = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var f = cdf(sorted[i]);
            ks = Math.Max(ks, Math.Max(Math.Abs(f - ((double)i / sorted.Length)), Math.Abs(((double)(i + 1) / sorted.Length) - f)));
        }

        return new DistributionFit(family, d, logL, (2 * parameters) - (2 * logL), ks);
    }

    /// <summary>Gamma MLE: Minka's start, then Newton on ln k − ψ(k) = ln(mean) − mean(ln x).</summary>
    private static (double Shape, double Rate) GammaMle(double[] x)
    {
        var mean = x.Average();
        var s = Math.Log(mean) - x.Average(Math.Log);
        var k = (3 - s + Math.Sqrt(((s - 3) * (s - 3)) + (24 * s))) / (12 * s);
        for (var i = 0; i < 50; i++)
        {
            var f = Math.Log(k) - MathNet.Numerics.SpecialFunctions.DiGamma(k) - s;
            var trigamma = (MathNet.Numerics.SpecialFunctions.DiGamma(k + 1e-5) - MathNet.Numerics.SpecialFunctions.DiGamma(k - 1e-5)) / 2e-5;
            var df = (1 / k) - trigamma;
            var next = k - (f / df);
            if (!(next > 0) || !double.IsFinite(next))
            {
                break;
            }

            if (Math.Abs(next - k) < 1e-10 * k)
            {
                k = next;
                break;
            }

            k = next;
        }

        return (k, k / mean);
    }

    /// <summary>Counts, sums and reservoir samples gathered while the log streams by.</summary>
    private sealed class Accumulator(ulong seed)
    {
        private readonly RandomStream _random = new(RandomStreams.DeriveSeed(seed, "calibration", 0));
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
        private readonly Dictionary<DateOnly, List<int>> _perDayCode = [];
        private readonly Dictionary<DateOnly, int[]> _perDayHour = [];
        private readonly List<List<double>> _service = [];
        private readonly List<long> _serviceSeen = [];
        private readonly List<(double Wait, bool Left)> _waits = [];
        private readonly double[] _waitSum = new double[24];
        private readonly long[] _waitCount = new long[24];
        private readonly Dictionary<string, HashSet<int>> _windowCodes = new(StringComparer.Ordinal);
        private readonly Dictionary<(DateOnly, string), (double First, double Last)> _windowDay = [];
        private long _waitsSeen;
        private long _appointments;
        private long _appointmentNoShows;
        private long _total;

        private readonly HashSet<(DateOnly, string)> _transferredNumbers = [];
        private readonly Dictionary<string, (int Legs, SortedSet<string> Windows)> _transferLegs = new(StringComparer.Ordinal);
        private long _legs;

        public void Add(LoggedTicket t)
        {
            // A ticket number seen again on its day after a TRANSFERRED row: that ticket's second service at another
            // window, not a new citizen. Counted for the transfer share, kept out of demand and service times.
            if (t.TicketNumber.Length > 0)
            {
                var key = (t.Date, t.TicketNumber);
                if (_transferredNumbers.Contains(key))
                {
                    if (t.Outcome != LoggedOutcome.Transferred)
                    {
                        _transferredNumbers.Remove(key);
                    }

                    (int Legs, SortedSet<string> Windows) legs = _transferLegs.TryGetValue(t.ServiceCode, out var x) ? x : (0, new SortedSet<string>(StringComparer.Ordinal));
                    if (t.Window.Length > 0)
                    {
                        legs.Windows.Add(t.Window);
                    }

                    _transferLegs[t.ServiceCode] = (legs.Legs + 1, legs.Windows);
                    _legs++;
                    return;
                }

                if (t.Outcome == LoggedOutcome.Transferred)
                {
                    _transferredNumbers.Add(key);
                }
            }

            _total++;
            if (!_codes.TryGetValue(t.ServiceCode, out var c))
            {
                c = _codes.Count;
                _codes[t.ServiceCode] = c;
                _service.Add([]);
                _serviceSeen.Add(0);
            }

            if (!_perDayCode.TryGetValue(t.Date, out var perCode))
            {
                perCode = [];
                _perDayCode[t.Date] = perCode;
                _perDayHour[t.Date] = new int[24];
            }

            while (perCode.Count <= c)
            {
                perCode.Add(0);
            }

            perCode[c]++;
            var hour = Math.Clamp((int)(t.Issued / 60), 0, 23);
            _perDayHour[t.Date][hour]++;
            _appointments += t.Appointment ? 1 : 0;
            _appointmentNoShows += t.Appointment && t.Outcome == LoggedOutcome.NoShow ? 1 : 0;
            if (t.ServiceMinutes is { } s && s > 0)
            {
                Reservoir(_service[c], s, ++_serviceSeen[c], ServiceReservoir);
            }

            if (t.Wait is { } w && t.Outcome is LoggedOutcome.Served or LoggedOutcome.NoShow)
            {
                Reservoir(_waits, (w, t.Outcome == LoggedOutcome.NoShow), ++_waitsSeen, WaitReservoir);
                _waitSum[hour] += w;
                _waitCount[hour]++;
            }

            if (t.Window.Length > 0)
            {
                if (!_windowCodes.TryGetValue(t.Window, out var codes))
                {
                    codes = [];
                    _windowCodes[t.Window] = codes;
                }

                codes.Add(c);
                if (t.Called is { } called)
                {
                    var end = called + (t.ServiceMinutes ?? 0);
                    var key = (t.Date, t.Window);
                    _windowDay[key] = _windowDay.TryGetValue(key, out var span) ? (Math.Min(span.First, called), Math.Max(span.Last, end)) : (called, end);
                }
            }
        }

        private void Reservoir<T>(List<T> sample, T value, long seen, int capacity)
        {
            if (sample.Count < capacity)
            {
                sample.Add(value);
            }
            else
            {
                var j = (long)(_random.NextDouble() * seen);
                if (j < capacity)
                {
                    sample[(int)j] = value;
                }
            }
        }

        public CalibrationResult Fit(string name, TicketLogReadResult read, CalibrationOptions options)
        {
            var codes = _codes.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
            var days = _perDayCode.Keys.OrderBy(d => d).ToArray();
            int Count(DateOnly d, int c) => c < _perDayCode[d].Count ? _perDayCode[d][c] : 0;
            int Total(DateOnly d) => _perDayCode[d].Sum();

            // Two passes: fit the structure, flag the days far from it, fit again without them.
            var special = new List<SpecialDayFinding>();
            var use = days.ToHashSet();
            double[] g = [1, 1, 1, 1, 1, 1, 1];
            var e = new double[codes.Length, 12];
            for (var pass = 0; pass < 2; pass++)
            {
                var monthMean = Enumerable.Range(1, 12).ToDictionary(m => m, m => use.Where(d => d.Month == m).Select(d => (double)Total(d)).DefaultIfEmpty(0).Average());
                var ratios = use.Where(d => monthMean[d.Month] > 0).GroupBy(Weekdays.Index).ToDictionary(x => x.Key, x => x.Average(d => Total(d) / monthMean[d.Month]));
                var weekdayMean = Enumerable.Range(0, 5).Where(ratios.ContainsKey).Select(w => ratios[w]).DefaultIfEmpty(1).Average();
                g = Enumerable.Range(0, 7).Select(w => ratios.TryGetValue(w, out var r) ? r / weekdayMean : 1).ToArray();
                for (var c = 0; c < codes.Length; c++)
                {
                    for (var m = 1; m <= 12; m++)
                    {
                        var inMonth = use.Where(d => d.Month == m).ToArray();
                        e[c, m - 1] = inMonth.Length == 0 ? double.NaN : inMonth.Average(d => Count(d, c) / g[Weekdays.Index(d)]);
                    }
                }

                if (pass == 0)
                {
                    foreach (var d in days)
                    {
                        var expected = Enumerable.Range(0, codes.Length).Sum(c => double.IsNaN(e[c, d.Month - 1]) ? 0 : e[c, d.Month - 1]) * g[Weekdays.Index(d)];
                        var observed = Total(d);
                        // Overdispersion allowed: four standard deviations of a Poisson count, or 25%, whichever is wider.
                        if (Math.Abs(observed - expected) > Math.Max(4 * Math.Sqrt(Math.Max(expected, 1)), 0.25 * expected))
                        {
                            special.Add(new SpecialDayFinding(d, observed, expected));
                            use.Remove(d);
                        }
                    }
                }
            }

            var perCategoryMean = Enumerable.Range(0, codes.Length).Select(c => Enumerable.Range(0, 12).Select(m => e[c, m]).Where(double.IsFinite).DefaultIfEmpty(0).Average()).ToArray();
            var a = perCategoryMean.Sum();
            var shares = perCategoryMean.Select(x => a > 0 ? x / a : 1.0 / codes.Length).ToArray();
            double Expected(DateOnly d) => Enumerable.Range(0, codes.Length).Sum(c => double.IsFinite(e[c, d.Month - 1]) ? e[c, d.Month - 1] : 0) * g[Weekdays.Index(d)];
            var perDayA = use.Where(d => Expected(d) > 0).Select(d => Total(d) * a / Expected(d)).ToList();
            var arrivals = perDayA.Count >= 2 ? MeanEstimate.Of(perDayA) : new MeanEstimate(a, 0, perDayA.Count, 0.95);

            // Hour weights: share of tickets per hour, with binomial 95% intervals.
            var hourCounts = new double[24];
            foreach (var d in days)
            {
                for (var h = 0; h < 24; h++)
                {
                    hourCounts[h] += _perDayHour[d][h];
                }
            }

            var all = hourCounts.Sum();
            var hourShares = hourCounts.Select(n =>
            {
                var p = n / all;
                var half = 1.96 * Math.Sqrt(p * (1 - p) / all);
                return new MeanEstimate(p, half, (int)Math.Min(all, int.MaxValue), 0.95);
            }).ToArray();

            // Service times and patience.
            var fits = codes.Select((code, c) =>
            {
                var candidates = _service[c].Count >= 2 ? FitServiceTime(_service[c]) : [new DistributionFit("exponential", new ExponentialDistribution(10), 0, 0, 0)];
                return new CategoryFit(code, _service[c].Count, candidates[0], candidates);
            }).ToArray();
            var patienceFits = FitPatienceFamilies(_waits);
            var patience = patienceFits.FirstOrDefault();

            // Windows: the service codes each window was seen serving; a window that served every code is comprehensive.
            var windows = _windowCodes.OrderBy(w => w.Key, StringComparer.Ordinal)
                .Select(w => new Window(w.Key, w.Value.Count >= codes.Length ? [Window.AnyCategory] : w.Value.Order().Select(c => codes[c]).ToArray()))
                .ToArray();
            if (windows.Length == 0)
            {
                windows = [new Window("W01", [Window.AnyCategory])];
            }

            var categories = codes.Select((code, c) => new ServiceCategory(code, shares[c], fits[c].Chosen.Distribution)
            {
                Name = code,
                MonthFactors = Enumerable.Range(0, 12).Select(m => double.IsFinite(e[c, m]) && perCategoryMean[c] > 0 ? e[c, m] / perCategoryMean[c] : 1).ToArray(),
            }).ToArray();
            // The demand model reads an hour's weight as a rate per issuing minute (tickets are issued until the
            // cut-off before each closing): an hour with 30 issuing minutes needs twice the weight for its share.
            var calendar = options.Calendar ?? new HallCalendar();
            var issuing = IssuingMinutes(calendar);

            // A date inside the log that the calendar opens but that has no ticket at all: the hall was closed (a
            // holiday the calendar does not know, a closure). Simulating it open would invent a day of citizens.
            var closed = Enumerable.Range(0, days[^1].DayNumber - days[0].DayNumber + 1).Select(i => days[0].AddDays(i))
                .Where(d => !_perDayCode.ContainsKey(d) && calendar.SessionsOn(d).Count > 0).ToList();
            calendar = calendar with { Holidays = [.. calendar.Holidays, .. closed] };
            var unmatched = Enumerable.Range(0, 24).Where(h => hourCounts[h] > 0 && issuing[h] <= 0).ToList();
            var hourWeights = Enumerable.Range(0, 24).Select(h => Math.Round(hourShares[h].Mean * 100 * 60 / (issuing[h] > 0 ? issuing[h] : 60), 4)).ToArray();
            var first = days[0];
            var scenario = new Scenario(name, first, days[^1].DayNumber - first.DayNumber + 1, categories, new Demand(arrivals.Mean)
            {
                HourWeights = hourWeights,
                WeekdayFactors = g.Select(x => Math.Round(x, 4)).ToArray(),
                MonthFactors = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            }, windows)
            {
                TimeZone = options.TimeZone,
                Calendar = calendar,
                Behaviour = new CitizenBehaviour { Patience = patience?.Distribution },
            };

            // Transfers: the share of each code's tickets with a second service, to the windows seen giving it.
            var transfers = codes
                .Where(code => _transferLegs.ContainsKey(code))
                .Select(code =>
                {
                    var tickets = days.Sum(d => Count(d, _codes[code]));
                    var (legs, seen) = _transferLegs[code];
                    var to = seen.Where(id => windows.Any(w => w.Id == id)).ToArray();
                    return new CategoryJourney(code) { TransferShare = Math.Round(Math.Min(1, (double)legs / Math.Max(1, tickets)), 4), TransferWindows = to.Length > 0 ? to : [windows[0].Id] };
                })
                .ToArray();
            if (transfers.Length > 0)
            {
                scenario = scenario with { Journeys = new Journeys { Categories = transfers } };
            }

            var notes = new List<string>
            {
                "Demand is fitted to tickets: citizens who balked (never took a number) or who used only a self-service machine are not in a ticket log, so the calibrated scenario has no balking and no machines, and its arrivals are the window tickets. Add machines and scale ArrivalsPerDay up if their use is known from elsewhere.",
                "Month effects are per category (category month factors); the global month factors are 1. Weekday factors have a Monday–Friday mean of 1.",
                "Patience is fitted from censored waits (a served ticket's holder waited at least their wait, a no-show's holder left before the call) in four families — exponential, lognormal, Weibull, gamma — and the best by AIC is used.",
                _appointments > 0
                    ? $"Appointments: {_appointments} of {_total} tickets ({(double)_appointments / _total:P1}) came through the appointment channel; {(double)_appointmentNoShows / _appointments:P1} of them were no-shows when called. Bookings that never printed a ticket are not in a ticket log."
                    : "No ticket came through the appointment channel.",
                "Self-service machines keep their own logs; a ticket log does not show them, so the machines' share is not fitted here.",
                "Return visits cannot be told from a ticket log: a citizen sent home with incomplete papers who comes back takes a new ticket like anyone else, so the fitted demand includes the returns and the scenario has no return visits (add journeys.returns with the share found incomplete if it is known from elsewhere, and lower the demand by it).",
            };
            if (_legs > 0)
            {
                notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_legs} row(s) repeat a ticket number of their day after a TRANSFERRED row: the second service of a transferred ticket, not a new citizen. They are kept out of demand and service times; the scenario transfers that share of each code's tickets to the windows seen serving them (journeys.categories[].transferShare)."));
            }
            notes.Add("Hour weights are the log's share of tickets per hour divided by the hour's ticket-issuing minutes on a weekday of the calendar (the scenario reads a weight as a rate per issuing minute), so that an hour cut short by the ticket cut-off keeps its share.");
            if (patience is not null)
            {
                var close = patienceFits.Where(f => f.Aic - patience.Aic < 2).ToList();
                var longest = _waits.Count > 0 ? _waits.Max(w => w.Wait) : 0;
                notes.Add(close.Count > 1
                    ? FormattableString.Invariant($"Patience: {patience.Family} by AIC, mean {patience.Distribution.Mean:0} min{Ci(patience)}; {string.Join(", ", close.Skip(1).Select(f => f.Family))} fit as well (within 2 AIC points) with means {close.Min(f => f.Distribution.Mean):0}–{close.Max(f => f.Distribution.Mean):0} min: the log's waits (at most {longest:0} min) tell the chance of leaving within them, not how long the patient ones would wait.")
                    : FormattableString.Invariant($"Patience: {patience.Family} by AIC, mean {patience.Distribution.Mean:0} min{Ci(patience)} (next best family {(patienceFits.Count > 1 ? FormattableString.Invariant($"{patienceFits[1].Family}, {patienceFits[1].Aic - patience.Aic:0.0} AIC points worse") : "none")})."));
            }

            if (closed.Count > 0)
            {
                notes.Add($"{closed.Count} date(s) the calendar opens have no ticket in the log and are taken as closed (holidays in the calibrated scenario): {string.Join(", ", closed.Take(10).Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}{(closed.Count > 10 ? ", …" : string.Empty)}. Give the hall's calendar (--calendar) if they were open.");
            }

            var calls = new CitizenBehaviour().AbsentWhenCalled;
            notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Numbers called for citizens who had left are assumed to take {calls.Calls} calls of {calls.MinutesPerCall:0.#} window-minutes each [A] (not fitted: a ticket log shows the last call, not how long each call took)."));
            if (unmatched.Count > 0)
            {
                notes.Add($"The log has tickets in hour(s) {string.Join(", ", unmatched.Select(h => $"{h:00}:00"))} when the calendar's weekday sessions issue none: those hours are weighted as full hours, but the calendar does not open them — give the hall's real hours (--calendar) to simulate them.");
            }

            if (special.Count > 0)
            {
                notes.Add($"{special.Count} day(s) far from the fitted structure were left out of the estimates (listed as special days): surges, storms or outages; model them as special days or surges.");
            }

            var hourly = CheckFit(scenario, options, _windowDay, days);
            var daily = days.Select(d => (d, Total(d), Expected(d))).ToArray();
            return new CalibrationResult(scenario, read, arrivals, hourShares, g, fits, patience, special, hourly, notes, daily);
        }

        /// <summary>Simulates the calibrated scenario on the log's first days with the log's own windows (first call to
        /// last service end of each window each day) and compares waits per hour with the log.</summary>
        private List<HourlyFit> CheckFit(Scenario scenario, CalibrationOptions options, Dictionary<(DateOnly, string), (double First, double Last)> windowDay, DateOnly[] days)
        {
            var observedDays = days.Length;
            var result = new List<HourlyFit>();
            MeanEstimate?[] simulated = new MeanEstimate?[24];
            if (options.CheckReplications >= 2 && windowDay.Count > 0)
            {
                var checkDays = days.Where(d => d < scenario.StartDate.AddDays(Math.Max(1, options.CheckDays))).ToArray();
                var horizon = scenario with { Days = checkDays[^1].DayNumber - scenario.StartDate.DayNumber + 1 };
                var byDate = new Dictionary<DateOnly, IReadOnlyList<OpenWindows>>();
                for (var d = 0; d < horizon.Days; d++)
                {
                    var date = horizon.StartDate.AddDays(d);
                    var list = new List<OpenWindows>();
                    for (var h = 0; h < 24; h++)
                    {
                        var open = windowDay.Count(kv => kv.Key.Item1 == date && kv.Value.First < (h + 1) * 60 && kv.Value.Last > h * 60);
                        if (open > 0)
                        {
                            list.Add(new OpenWindows(new TimeOnly(h, 0), h == 23 ? new TimeOnly(23, 59) : new TimeOnly(h + 1, 0), Math.Min(open, horizon.Windows.Count)));
                        }
                    }

                    byDate[date] = list;
                }

                var staffing = horizon.Compile().Compile(new StaffingPlan { ByDate = byDate, Daily = [] });
                var runOptions = new HallSim.Model.HallRunOptions { IntervalMinutes = 60, KeepTickets = false };
                var runs = ReplicationRunner.Run(options.CheckReplications, rep => HallSim.Model.HallModel.Run(staffing, options.Seed, rep, runOptions));
                for (var h = 0; h < 24; h++)
                {
                    var perRun = runs.Select(r =>
                    {
                        double sum = 0, n = 0;
                        for (var i = h; i < r.Intervals.Count; i += 24)
                        {
                            var x = r.Intervals[i];
                            var called = x.Served + x.NoShows;
                            sum += x.MeanWait * called;
                            n += called;
                        }

                        return n > 0 ? sum / n : double.NaN;
                    }).Where(double.IsFinite).ToList();
                    simulated[h] = perRun.Count >= 2 ? MeanEstimate.Of(perRun) : null;
                }
            }

            for (var h = 0; h < 24; h++)
            {
                if (_waitCount[h] > 0)
                {
                    result.Add(new HourlyFit(h, _waitSum[h] / _waitCount[h], simulated[h], (double)_waitCount[h] / observedDays));
                }
            }

            return result;
        }
    }
}
