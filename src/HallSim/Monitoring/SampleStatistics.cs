namespace HallSim.Monitoring;

/// <summary>
/// Statistics of a set of observations (for example waiting times in minutes). All values are 0 when
/// <see cref="Count"/> is 0. Percentiles interpolate linearly between order statistics (Hyndman–Fan type 7,
/// numpy's default).
/// </summary>
/// <param name="Count">Number of observations.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1 in the denominator; 0 for fewer than 2 observations).</param>
/// <param name="Min">Smallest observation.</param>
/// <param name="Max">Largest observation.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P95">95th percentile.</param>
public sealed record SampleStatistics(long Count, double Mean, double StandardDeviation, double Min, double Max, double P50, double P90, double P95)
{
    /// <summary>Statistics of no observations.</summary>
    public static SampleStatistics Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Computes the statistics of <paramref name="values"/> (the span is sorted in place).</summary>
    /// <param name="values">Observations, all finite.</param>
    public static SampleStatistics FromValues(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return Empty;
        }

        // Welford's update: stable for large n.
        double mean = 0, m2 = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
        }

        values.Sort();
        var sd = values.Length > 1 ? Math.Sqrt(m2 / (values.Length - 1)) : 0;
        return new SampleStatistics(values.Length, mean, sd, values[0], values[^1],
            Percentile(values, 0.5), Percentile(values, 0.9), Percentile(values, 0.95));
    }

    /// <summary>The <paramref name="p"/>-quantile of sorted values, linear between order statistics.</summary>
    /// <param name="sorted">Values sorted ascending, at least one.</param>
    /// <param name="p">Probability in [0, 1].</param>
    public static double Percentile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("needs at least one value", nameof(sorted));
        }

        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "must lie in [0, 1]");
        }

        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}

/// <summary>Statistics of a quantity over time (for example a queue length), weighted by how long each value was held.
/// All values are 0 for an empty window.</summary>
/// <param name="Duration">Minutes covered.</param>
/// <param name="TimeAverage">Time-weighted mean.</param>
/// <param name="Min">Smallest value held for a positive time.</param>
/// <param name="Max">Largest value held for a positive time.</param>
public sealed record TimeWeightedStatistics(double Duration, double TimeAverage, double Min, double Max)
{
    /// <summary>Statistics of an empty window.</summary>
    public static TimeWeightedStatistics Empty { get; } = new(0, 0, 0, 0);
}
