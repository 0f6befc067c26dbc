using BenchmarkDotNet.Attributes;
using HallSim.Randomness;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace HallSim.Benchmarks;

/// <summary>
/// HallSim's own samplers (on its xoshiro256** RandomStream) against MathNet.Numerics' samplers (on MathNet's
/// own xoshiro256**, so both use the same generator algorithm), 10,000 draws per operation.
/// </summary>
[MemoryDiagnoser]
public class DistributionSampling
{
    private const int Draws = 10_000;
    private readonly RandomStream _stream = new(1);
    private readonly Xoshiro256StarStar _mathNetRandom = new(1, threadSafe: false);
    private readonly ExponentialDistribution _exponential = new(8);
    private readonly LogNormalDistribution _logNormal = new(8, 9.6);
    private readonly GammaDistribution _gamma = GammaDistribution.FromMeanSd(8, 4);
    private readonly NormalDistribution _normal = new(10, 2);

    [Benchmark(Baseline = true)]
    public double ExponentialOwn() => Sum(_exponential);

    [Benchmark]
    public double ExponentialMathNet()
    {
        var s = 0.0;
        for (var i = 0; i < Draws; i++)
        {
            s += Exponential.Sample(_mathNetRandom, 1.0 / 8);
        }

        return s;
    }

    [Benchmark]
    public double LogNormalOwn() => Sum(_logNormal);

    [Benchmark]
    public double LogNormalMathNet()
    {
        var s = 0.0;
        for (var i = 0; i < Draws; i++)
        {
            s += LogNormal.Sample(_mathNetRandom, _logNormal.LogMu, _logNormal.LogSigma);
        }

        return s;
    }

    [Benchmark]
    public double GammaOwn() => Sum(_gamma);

    [Benchmark]
    public double GammaMathNet()
    {
        var s = 0.0;
        for (var i = 0; i < Draws; i++)
        {
            s += Gamma.Sample(_mathNetRandom, _gamma.Shape, 1.0 / _gamma.Scale);
        }

        return s;
    }

    [Benchmark]
    public double NormalOwn() => Sum(_normal);

    [Benchmark]
    public double NormalMathNet()
    {
        var s = 0.0;
        for (var i = 0; i < Draws; i++)
        {
            s += Normal.Sample(_mathNetRandom, 10, 2);
        }

        return s;
    }

    private double Sum(Distribution d)
    {
        var s = 0.0;
        for (var i = 0; i < Draws; i++)
        {
            s += d.Sample(_stream);
        }

        return s;
    }
}
