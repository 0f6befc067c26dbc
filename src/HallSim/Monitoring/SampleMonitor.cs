using HallSim.Kernel;

namespace HallSim.Monitoring;

/// <summary>
/// Records observations (for example each citizen's wait in minutes) with the simulated time at which each was
/// recorded, and summarises them overall, over a time window or per interval of an <see cref="IntervalGrid"/>.
/// </summary>
/// <remarks>Keeps every observation (16 bytes each). Not thread-safe.</remarks>
public sealed class SampleMonitor
{
    private readonly Simulation _simulation;
    private double[] _times = new double[64];
    private double[] _values = new double[64];

    /// <summary>Creates the monitor.</summary>
    /// <param name="simulation">The simulation whose clock stamps the observations.</param>
    /// <param name="name">A name for reports.</param>
    public SampleMonitor(Simulation simulation, string name)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _simulation = simulation;
        Name = name;
    }

    /// <summary>The monitor's name.</summary>
    public string Name { get; }

    /// <summary>Number of observations.</summary>
    public int Count { get; private set; }

    /// <summary>Records <paramref name="value"/> at the current simulated time.</summary>
    /// <param name="value">A finite number.</param>
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"monitor '{Name}': must be a finite number");
        }

        if (Count == _values.Length)
        {
            Array.Resize(ref _values, Count * 2);
            Array.Resize(ref _times, Count * 2);
        }

        _times[Count] = _simulation.Now;
        _values[Count] = value;
        Count++;
    }

    /// <summary>Statistics of all observations.</summary>
    public SampleStatistics Summary() => SampleStatistics.FromValues(_values.AsSpan(0, Count).ToArray());

    /// <summary>Statistics of the observations recorded in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <param name="from">Window start, minutes.</param>
    /// <param name="to">Window end, minutes, at least <paramref name="from"/>.</param>
    public SampleStatistics Summary(double from, double to)
    {
        if (!(to >= from))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"must be at least from ({from})");
        }

        var (first, last) = Range(from, to);
        return SampleStatistics.FromValues(_values.AsSpan(first, last - first).ToArray());
    }

    /// <summary>Statistics per interval of <paramref name="grid"/>, by the time each observation was recorded.</summary>
    /// <param name="grid">The intervals.</param>
    public IReadOnlyList<SampleStatistics> ByInterval(IntervalGrid grid)
    {
        var result = new SampleStatistics[grid.Count];
        for (var i = 0; i < grid.Count; i++)
        {
            result[i] = Summary(grid.IntervalStart(i), grid.IntervalEnd(i));
        }

        return result;
    }

    // Observations are recorded in time order, so a window is a contiguous range.
    private (int First, int Last) Range(double from, double to)
    {
        var times = _times.AsSpan(0, Count);
        return (LowerBound(times, from), LowerBound(times, to));
    }

    internal static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
