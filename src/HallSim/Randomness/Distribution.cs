namespace HallSim.Randomness;

/// <summary>
/// A probability distribution of a non-negative or real quantity (usually a duration in minutes),
/// sampled from a <see cref="RandomStream"/>. Sampling uses the library's own samplers: they were
/// measured faster than MathNet.Numerics' for the same generator (see docs/performance.md), and their
/// moments are checked against MathNet.Numerics' formulas in the tests.
/// </summary>
/// <remarks>Instances are immutable and thread-safe; the stream passed to <see cref="Sample"/> is not.</remarks>
public abstract record Distribution
{
    private protected Distribution()
    {
    }

    /// <summary>The distribution's mean.</summary>
    public abstract double Mean { get; }

    /// <summary>The distribution's variance.</summary>
    public abstract double Variance { get; }

    /// <summary>The standard deviation, √<see cref="Variance"/>.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Draws one value.</summary>
    /// <param name="stream">The stream to draw from.</param>
    public abstract double Sample(RandomStream stream);

    private protected static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number");
        }
    }

    private protected static void RequirePositive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number greater than 0");
        }
    }

    private protected static void RequireNonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number of at least 0");
        }
    }
}

/// <summary>Always the same value.</summary>
/// <param name="Value">The value, any finite number.</param>
public sealed record ConstantDistribution(double Value) : Distribution
{
    /// <summary>The value, any finite number.</summary>
    public double Value { get; } = Checked(Value);

    /// <inheritdoc />
    public override double Mean => Value;

    /// <inheritdoc />
    public override double Variance => 0;

    /// <inheritdoc />
    public override double Sample(RandomStream stream) => Value;

    private static double Checked(double value)
    {
        RequireFinite(value, nameof(Value));
        return value;
    }
}

/// <summary>Exponential distribution given by its mean (not its rate).</summary>
/// <param name="MeanValue">The mean, greater than 0 (for a duration: minutes).</param>
public sealed record ExponentialDistribution(double MeanValue) : Distribution
{
    /// <summary>The mean, greater than 0.</summary>
    public double MeanValue { get; } = Checked(MeanValue);

    /// <inheritdoc />
    public override double Mean => MeanValue;

    /// <inheritdoc />
    public override double Variance => MeanValue * MeanValue;

    /// <inheritdoc />
    public override double Sample(RandomStream stream) => -MeanValue * Math.Log(stream.NextDoubleNonZero());

    private static double Checked(double value)
    {
        RequirePositive(value, nameof(MeanValue));
        return value;
    }
}

/// <summary>Continuous uniform distribution on [<paramref name="Min"/>, <paramref name="Max"/>).</summary>
/// <param name="Min">Lower bound.</param>
/// <param name="Max">Upper bound, at least <paramref name="Min"/>.</param>
public sealed record UniformDistribution(double Min, double Max) : Distribution
{
    /// <summary>Lower bound.</summary>
    public double Min { get; } = CheckedFinite(Min, nameof(Min));

    /// <summary>Upper bound.</summary>
    public double Max { get; } = CheckedMax(Min, Max);

    /// <inheritdoc />
    public override double Mean => 0.5 * (Min + Max);

    /// <inheritdoc />
    public override double Variance => (Max - Min) * (Max - Min) / 12.0;

    /// <inheritdoc />
    public override double Sample(RandomStream stream) => Min + ((Max - Min) * stream.NextDouble());

    private static double CheckedFinite(double value, string name)
    {
        RequireFinite(value, name);
        return value;
    }

    private static double CheckedMax(double min, double max)
    {
        RequireFinite(max, nameof(Max));
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(Max), max, $"must be at least Min ({min})");
        }

        return max;
    }
}

/// <summary>Triangular distribution with a lower limit, a mode and an upper limit.</summary>
/// <param name="Min">Lower limit.</param>
/// <param name="Mode">Most likely value, in [<paramref name="Min"/>, <paramref name="Max"/>].</param>
/// <param name="Max">Upper limit, greater than <paramref name="Min"/>.</param>
public sealed record TriangularDistribution(double Min, double Mode, double Max) : Distribution
{
    /// <summary>Lower limit.</summary>
    public double Min { get; } = Check(Min, Mode, Max).Min;

    /// <summary>Most likely value.</summary>
    public double Mode { get; } = Mode;

    /// <summary>Upper limit.</summary>
    public double Max { get; } = Max;

    /// <inheritdoc />
    public override double Mean => (Min + Mode + Max) / 3.0;

    /// <inheritdoc />
    public override double Variance =>
        ((Min * Min) + (Mode * Mode) + (Max * Max) - (Min * Mode) - (Min * Max) - (Mode * Max)) / 18.0;

    /// <inheritdoc />
    public override double Sample(RandomStream stream)
    {
        var u = stream.NextDouble();
        var range = Max - Min;
        var split = (Mode - Min) / range;
        return u < split
            ? Min + Math.Sqrt(u * range * (Mode - Min))
            : Max - Math.Sqrt((1 - u) * range * (Max - Mode));
    }

    private static (double Min, double Mode, double Max) Check(double min, double mode, double max)
    {
        RequireFinite(min, nameof(Min));
        RequireFinite(mode, nameof(Mode));
        RequireFinite(max, nameof(Max));
        if (!(max > min))
        {
            throw new ArgumentOutOfRangeException(nameof(Max), max, $"must be greater than Min ({min})");
        }

        if (mode < min || mode > max)
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), mode, $"must lie in [Min, Max] = [{min}, {max}]");
        }

        return (min, mode, max);
    }
}

/// <summary>Normal (Gaussian) distribution, sampled by Marsaglia's polar method (the second value of each pair is kept in the stream).</summary>
/// <param name="MeanValue">The mean.</param>
/// <param name="Sd">The standard deviation, at least 0.</param>
public sealed record NormalDistribution(double MeanValue, double Sd) : Distribution
{
    /// <summary>The mean.</summary>
    public double MeanValue { get; } = CheckedMean(MeanValue);

    /// <summary>The standard deviation.</summary>
    public double Sd { get; } = CheckedSd(Sd);

    /// <inheritdoc />
    public override double Mean => MeanValue;

    /// <inheritdoc />
    public override double Variance => Sd * Sd;

    /// <inheritdoc />
    public override double Sample(RandomStream stream) => MeanValue + (Sd * StandardNormal(stream));

    internal static double StandardNormal(RandomStream stream) => stream.NextStandardNormal();

    private static double CheckedMean(double value)
    {
        RequireFinite(value, nameof(MeanValue));
        return value;
    }

    private static double CheckedSd(double value)
    {
        RequireNonNegative(value, nameof(Sd));
        return value;
    }
}

/// <summary>
/// Log-normal distribution parameterised by the mean and standard deviation <em>of the variable itself</em>
/// (not of its logarithm): with m = <paramref name="MeanValue"/> and s = <paramref name="Sd"/>,
/// σ² = ln(1 + s²/m²) and μ = ln m − σ²/2. A service time with mean 8 minutes and CV 1.2 is
/// <c>new LogNormalDistribution(8, 9.6)</c>.
/// </summary>
/// <param name="MeanValue">Mean of the variable, greater than 0.</param>
/// <param name="Sd">Standard deviation of the variable, greater than 0.</param>
public sealed record LogNormalDistribution(double MeanValue, double Sd) : Distribution
{
    /// <summary>Mean of the variable.</summary>
    public double MeanValue { get; } = CheckedPositive(MeanValue, nameof(MeanValue));

    /// <summary>Standard deviation of the variable.</summary>
    public double Sd { get; } = CheckedPositive(Sd, nameof(Sd));

    /// <summary>σ, the standard deviation of ln X (computed once: a log and a square root per draw cost ~20%).</summary>
    public double LogSigma { get; } = Math.Sqrt(LogVariance(MeanValue, Sd));

    /// <summary>μ, the mean of ln X.</summary>
    public double LogMu { get; } = Math.Log(MeanValue) - (0.5 * LogVariance(MeanValue, Sd));

    /// <inheritdoc />
    public override double Mean => MeanValue;

    /// <inheritdoc />
    public override double Variance => Sd * Sd;

    /// <inheritdoc />
    public override double Sample(RandomStream stream) =>
        Math.Exp(LogMu + (LogSigma * NormalDistribution.StandardNormal(stream)));

    private static double CheckedPositive(double value, string name)
    {
        RequirePositive(value, name);
        return value;
    }

    /// <summary>σ² = ln(1 + (s/m)²), computed in logarithms when (s/m)² would overflow: a standard deviation of 10³⁰⁸
    /// minutes gave σ = ∞, μ = −∞ and a NaN for every draw.</summary>
    private static double LogVariance(double mean, double sd)
    {
        var ratioSquared = sd * sd / (mean * mean);
        if (double.IsFinite(ratioSquared))
        {
            return Math.Log(1 + ratioSquared);
        }

        var logRatio = Math.Log(sd) - Math.Log(mean);
        return logRatio < 300 ? Math.Log(1 + Math.Exp(2 * logRatio)) : 2 * logRatio;
    }
}

/// <summary>Gamma distribution with a shape k and a scale θ (mean kθ, variance kθ²), sampled by Marsaglia–Tsang.</summary>
/// <param name="Shape">Shape k, greater than 0.</param>
/// <param name="Scale">Scale θ, greater than 0.</param>
public sealed record GammaDistribution(double Shape, double Scale) : Distribution
{
    /// <summary>Shape k.</summary>
    public double Shape { get; } = CheckedPositive(Shape, nameof(Shape));

    /// <summary>Scale θ.</summary>
    public double Scale { get; } = CheckedPositive(Scale, nameof(Scale));

    /// <inheritdoc />
    public override double Mean => Shape * Scale;

    /// <inheritdoc />
    public override double Variance => Shape * Scale * Scale;

    /// <summary>A gamma distribution with the given mean and standard deviation.</summary>
    /// <param name="mean">Mean, greater than 0.</param>
    /// <param name="sd">Standard deviation, greater than 0.</param>
    public static GammaDistribution FromMeanSd(double mean, double sd)
    {
        RequirePositive(mean, nameof(mean));
        RequirePositive(sd, nameof(sd));
        var shape = mean * mean / (sd * sd);
        return new GammaDistribution(shape, mean / shape);
    }

    /// <inheritdoc />
    public override double Sample(RandomStream stream) => Scale * StandardGamma(stream, Shape);

    internal static double StandardGamma(RandomStream stream, double shape)
    {
        if (shape < 1)
        {
            // Boost: Gamma(k) = Gamma(k + 1) · U^(1/k).
            var boost = Math.Pow(stream.NextDoubleNonZero(), 1.0 / shape);
            return StandardGamma(stream, shape + 1) * boost;
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NormalDistribution.StandardNormal(stream);
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = stream.NextDoubleNonZero();
            var x2 = x * x;
            if (u < 1 - (0.0331 * x2 * x2) || Math.Log(u) < (0.5 * x2) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }

    private static double CheckedPositive(double value, string name)
    {
        RequirePositive(value, name);
        return value;
    }
}

/// <summary>Erlang distribution: the sum of <paramref name="Phases"/> exponential phases with total mean <paramref name="MeanValue"/>.</summary>
/// <param name="Phases">Number of phases k, at least 1.</param>
/// <param name="MeanValue">Mean of the sum, greater than 0.</param>
public sealed record ErlangDistribution(int Phases, double MeanValue) : Distribution
{
    /// <summary>Number of phases.</summary>
    public int Phases { get; } = Phases >= 1 ? Phases : throw new ArgumentOutOfRangeException(nameof(Phases), Phases, "must be at least 1");

    /// <summary>Mean of the sum.</summary>
    public double MeanValue { get; } = CheckedPositive(MeanValue);

    /// <inheritdoc />
    public override double Mean => MeanValue;

    /// <inheritdoc />
    public override double Variance => MeanValue * MeanValue / Phases;

    /// <inheritdoc />
    public override double Sample(RandomStream stream)
    {
        if (Phases > 16)
        {
            return MeanValue / Phases * GammaDistribution.StandardGamma(stream, Phases);
        }

        // Product of uniforms: one logarithm instead of k.
        var product = 1.0;
        for (var i = 0; i < Phases; i++)
        {
            product *= stream.NextDoubleNonZero();
        }

        return -MeanValue / Phases * Math.Log(product);
    }

    private static double CheckedPositive(double value)
    {
        RequirePositive(value, nameof(MeanValue));
        return value;
    }
}

/// <summary>Weibull distribution with shape k and scale λ: F(x) = 1 − exp(−(x/λ)^k).</summary>
/// <param name="Shape">Shape k, greater than 0.</param>
/// <param name="Scale">Scale λ, greater than 0.</param>
public sealed record WeibullDistribution(double Shape, double Scale) : Distribution
{
    /// <summary>Shape k.</summary>
    public double Shape { get; } = CheckedPositive(Shape, nameof(Shape));

    /// <summary>Scale λ.</summary>
    public double Scale { get; } = CheckedPositive(Scale, nameof(Scale));

    /// <inheritdoc />
    public override double Mean => Scale * Math.Exp(LogGamma(1 + (1 / Shape)));

    /// <inheritdoc />
    public override double Variance
    {
        get
        {
            var g1 = Math.Exp(LogGamma(1 + (1 / Shape)));
            var g2 = Math.Exp(LogGamma(1 + (2 / Shape)));
            return Scale * Scale * (g2 - (g1 * g1));
        }
    }

    /// <inheritdoc />
    public override double Sample(RandomStream stream) =>
        Scale * Math.Pow(-Math.Log(stream.NextDoubleNonZero()), 1.0 / Shape);

    // Lanczos approximation (g = 7, n = 9), relative error below 1e-13 for x > 0.5.
    internal static double LogGamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
        {
            a += c[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    private static double CheckedPositive(double value, string name)
    {
        RequirePositive(value, name);
        return value;
    }
}

/// <summary>
/// Discrete empirical distribution: one of the observed <see cref="Values"/>, each drawn with
/// probability proportional to its weight (equal weights when none are given).
/// </summary>
public sealed record EmpiricalDistribution : Distribution
{
    private readonly double[] _values;
    private readonly double[] _cumulative;

    /// <summary>Creates the distribution.</summary>
    /// <param name="values">The observed values, at least one, all finite.</param>
    /// <param name="weights">Optional weights, one per value, each at least 0 and not all 0.</param>
    public EmpiricalDistribution(IReadOnlyList<double> values, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("must hold at least one value", nameof(values));
        }

        if (weights is not null && weights.Count != values.Count)
        {
            throw new ArgumentException($"must hold one weight per value ({values.Count}), not {weights.Count}", nameof(weights));
        }

        _values = new double[values.Count];
        _cumulative = new double[values.Count];
        var total = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            RequireFinite(values[i], $"values[{i}]");
            var w = weights?[i] ?? 1.0;
            RequireNonNegative(w, $"weights[{i}]");
            _values[i] = values[i];
            total += w;
            _cumulative[i] = total;
        }

        if (!(total > 0))
        {
            throw new ArgumentException("must not all be 0", nameof(weights));
        }

        for (var i = 0; i < _cumulative.Length; i++)
        {
            _cumulative[i] /= total;
        }

        _cumulative[^1] = 1.0;
    }

    /// <summary>The values, in the order given.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The normalised probability of each value.</summary>
    public IReadOnlyList<double> Probabilities =>
        _cumulative.Select((c, i) => i == 0 ? c : c - _cumulative[i - 1]).ToArray();

    /// <inheritdoc />
    public override double Mean
    {
        get
        {
            var p = Probabilities;
            return _values.Select((v, i) => v * p[i]).Sum();
        }
    }

    /// <inheritdoc />
    public override double Variance
    {
        get
        {
            var p = Probabilities;
            var mean = Mean;
            return _values.Select((v, i) => (v - mean) * (v - mean) * p[i]).Sum();
        }
    }

    /// <inheritdoc />
    public override double Sample(RandomStream stream)
    {
        var u = stream.NextDouble();
        var index = Array.BinarySearch(_cumulative, u);
        index = index >= 0 ? index + 1 : ~index; // first cumulative > u
        return _values[Math.Min(index, _values.Length - 1)];
    }

    /// <inheritdoc />
    public bool Equals(EmpiricalDistribution? other) =>
        other is not null && _values.AsSpan().SequenceEqual(other._values) && _cumulative.AsSpan().SequenceEqual(other._cumulative);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_values.Length, _values[0], _cumulative[0]);
}
