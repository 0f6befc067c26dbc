using HallSim.Randomness;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace HallSim.Tests.Randomness;

/// <summary>
/// Each sampler against MathNet.Numerics' CDF (an independent implementation) by a Kolmogorov–Smirnov test,
/// and its declared mean and variance against MathNet's formulas.
/// </summary>
public class DistributionTests
{
    private const int N = 50_000;

    // KS critical value at α = 0.001: 1.95 / √n.
    private static readonly double KsCritical = 1.95 / Math.Sqrt(N);

    public static TheoryData<string, Distribution, IContinuousDistribution> Cases() => new()
    {
        { "exponential", new ExponentialDistribution(8), new Exponential(1.0 / 8) },
        { "uniform", new UniformDistribution(2, 9), new ContinuousUniform(2, 9) },
        { "triangular", new TriangularDistribution(1, 3, 10), new Triangular(1, 10, 3) },
        { "normal", new NormalDistribution(10, 2.5), new Normal(10, 2.5) },
        { "lognormal", new LogNormalDistribution(8, 9.6), LogNormal.WithMeanVariance(8, 9.6 * 9.6) },
        { "gamma k<1", new GammaDistribution(0.6, 5), new Gamma(0.6, 1.0 / 5) },
        { "gamma k>1", GammaDistribution.FromMeanSd(8, 4), new Gamma(4, 0.5) },
        { "erlang", new ErlangDistribution(3, 9), new Erlang(3, 3.0 / 9) },
        { "erlang many phases", new ErlangDistribution(20, 10), new Erlang(20, 2.0) },
        { "weibull", new WeibullDistribution(1.5, 7), new Weibull(1.5, 7) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sample_FollowsTheDistribution_KolmogorovSmirnov(string name, Distribution distribution, IContinuousDistribution oracle)
    {
        var stream = new RandomStream(RandomStreams.DeriveSeed(1, name, 0));
        var samples = Enumerable.Range(0, N).Select(_ => distribution.Sample(stream)).ToArray();
        Array.Sort(samples);

        var d = 0.0;
        for (var i = 0; i < N; i++)
        {
            var f = oracle.CumulativeDistribution(samples[i]);
            d = Math.Max(d, Math.Max(f - ((double)i / N), ((i + 1.0) / N) - f));
        }

        Assert.True(d < KsCritical, $"{name}: KS distance {d:G4} ≥ {KsCritical:G4}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MeanAndVariance_MatchMathNet(string name, Distribution distribution, IContinuousDistribution oracle)
    {
        Assert.True(Math.Abs(distribution.Mean - oracle.Mean) < 1e-9 * Math.Max(1, Math.Abs(oracle.Mean)), $"{name} mean");
        Assert.True(Math.Abs(distribution.Variance - oracle.Variance) < 1e-8 * Math.Max(1, oracle.Variance), $"{name} variance");
    }

    [Fact]
    public void LogNormal_IsParameterisedByTheVariablesMeanAndSd()
    {
        var d = new LogNormalDistribution(8, 9.6);
        var s = new RandomStream(2);
        var stats = new RunningStatistics(Enumerable.Range(0, 400_000).Select(_ => d.Sample(s)));

        // Standard error of the mean: 9.6 / √400,000 ≈ 0.015; allow 5 standard errors.
        Assert.InRange(stats.Mean, 8 - 0.075, 8 + 0.075);
        Assert.InRange(stats.StandardDeviation, 9.6 * 0.95, 9.6 * 1.05);
    }

    [Theory]
    [InlineData(8, 1e150)]
    [InlineData(8, 1e200)]
    [InlineData(8, 1e308)]
    [InlineData(1e-300, 1e300)]
    public void LogNormal_WithAHugeSpread_DrawsFiniteValues(double mean, double sd)
    {
        // (s/m)² overflowed to ∞ and every draw was NaN; the logarithmic form keeps σ and μ finite.
        var d = new LogNormalDistribution(mean, sd);
        Assert.True(double.IsFinite(d.LogSigma) && double.IsFinite(d.LogMu), $"σ {d.LogSigma}, μ {d.LogMu}");
        var s = new RandomStream(3);
        for (var i = 0; i < 10_000; i++)
        {
            var x = d.Sample(s);
            Assert.True(double.IsFinite(x) && x >= 0, $"draw {i}: {x}");
        }

        // σ² = ln(1 + r²) ≈ 2 ln r when r = s/m is large: the closed form, to the precision the logarithm keeps.
        var ratio = Math.Log(sd) - Math.Log(mean);
        Assert.Equal(2 * ratio, d.LogSigma * d.LogSigma, 2 * ratio * 1e-12);
    }

    [Fact]
    public void Empirical_DrawsValuesInProportionToWeights()
    {
        var d = new EmpiricalDistribution([1.0, 5.0, 9.0], [1.0, 0.0, 3.0]);
        var s = new RandomStream(4);
        var counts = new Dictionary<double, int>();
        const int n = 100_000;
        for (var i = 0; i < n; i++)
        {
            var v = d.Sample(s);
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        Assert.False(counts.ContainsKey(5.0));
        // Binomial sd of the share: √(0.25·0.75/n) ≈ 0.0014; allow 5 sd.
        Assert.InRange(counts[1.0] / (double)n, 0.25 - 0.007, 0.25 + 0.007);
        Assert.Equal(7.0, d.Mean, 12);
        Assert.Equal(new[] { 0.25, 0.0, 0.75 }, d.Probabilities);
    }

    [Fact]
    public void Constant_AlwaysTheValue()
    {
        var d = new ConstantDistribution(3.5);
        Assert.Equal(3.5, d.Sample(new RandomStream(1)));
        Assert.Equal(0, d.Variance);
    }

    [Fact]
    public void BadParameters_ThrowNamingTheParameter()
    {
        Assert.Equal("MeanValue", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDistribution(0)).ParamName);
        Assert.Equal("MeanValue", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDistribution(double.NaN)).ParamName);
        Assert.Equal("Max", Assert.Throws<ArgumentOutOfRangeException>(() => new UniformDistribution(3, 2)).ParamName);
        Assert.Equal("Mode", Assert.Throws<ArgumentOutOfRangeException>(() => new TriangularDistribution(1, 11, 10)).ParamName);
        Assert.Equal("Sd", Assert.Throws<ArgumentOutOfRangeException>(() => new NormalDistribution(1, -1)).ParamName);
        Assert.Equal("Sd", Assert.Throws<ArgumentOutOfRangeException>(() => new LogNormalDistribution(8, 0)).ParamName);
        Assert.Equal("Shape", Assert.Throws<ArgumentOutOfRangeException>(() => new GammaDistribution(-1, 1)).ParamName);
        Assert.Equal("Phases", Assert.Throws<ArgumentOutOfRangeException>(() => new ErlangDistribution(0, 1)).ParamName);
        Assert.Equal("Scale", Assert.Throws<ArgumentOutOfRangeException>(() => new WeibullDistribution(1, double.PositiveInfinity)).ParamName);
        Assert.Equal("weights[1]", Assert.Throws<ArgumentOutOfRangeException>(() => new EmpiricalDistribution([1.0, 2.0], [1.0, -1.0])).ParamName);
        Assert.Throws<ArgumentException>(() => new EmpiricalDistribution([]));
        Assert.Throws<ArgumentException>(() => new EmpiricalDistribution([1.0], [0.0]));
    }
}
