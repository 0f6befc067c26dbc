using MathNet.Numerics.Distributions;

namespace HallSim.Experiments;

/// <summary>
/// The mean of independent replications with a Student-t confidence interval: <see cref="Mean"/> ± <see cref="HalfWidth"/>.
/// </summary>
/// <param name="Mean">Mean of the replications' values.</param>
/// <param name="HalfWidth">Half-width of the interval (0 with a single replication or no spread).</param>
/// <param name="Replications">Number of replications.</param>
/// <param name="Confidence">Confidence level in (0, 1), e.g. 0.95.</param>
public sealed record MeanEstimate(double Mean, double HalfWidth, int Replications, double Confidence)
{
    /// <summary>Lower end of the interval.</summary>
    public double Lower => Mean - HalfWidth;

    /// <summary>Upper end of the interval.</summary>
    public double Upper => Mean + HalfWidth;

    /// <summary>Estimates the mean of <paramref name="values"/>, one per replication.</summary>
    /// <param name="values">At least one finite value.</param>
    /// <param name="confidence">Confidence level in (0, 1) (default 0.95).</param>
    public static MeanEstimate Of(IReadOnlyList<double> values, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("needs at least one value", nameof(values));
        }

        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "must lie strictly between 0 and 1");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(values), values[i], $"values[{i}] must be a finite number");
            }
        }

        var n = values.Count;
        var mean = values.Average();
        if (n == 1)
        {
            return new MeanEstimate(mean, 0, 1, confidence);
        }

        var variance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        var t = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - confidence) / 2));
        return new MeanEstimate(mean, t * Math.Sqrt(variance / n), n, confidence);
    }
}
