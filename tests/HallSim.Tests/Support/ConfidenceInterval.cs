using MathNet.Numerics.Distributions;

namespace HallSim.Tests.Support;

/// <summary>A Student-t confidence interval for the mean of independent replications.</summary>
public readonly record struct ConfidenceInterval(double Mean, double HalfWidth, int N)
{
    public double Lower => Mean - HalfWidth;

    public double Upper => Mean + HalfWidth;

    public static ConfidenceInterval Of(IReadOnlyList<double> values, double confidence = 0.99)
    {
        var n = values.Count;
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var t = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - confidence) / 2));
        return new ConfidenceInterval(mean, t * sd / Math.Sqrt(n), n);
    }

    public bool Contains(double value) => value >= Lower && value <= Upper;

    public override string ToString() => $"{Mean:G6} ± {HalfWidth:G3} (n = {N})";
}
