using HallSim.Kernel;

namespace HallSim.Monitoring;

/// <summary>
/// Records a quantity that holds its value between changes (queue length, windows busy, fuel level) and
/// summarises it weighted by time: overall, over a window, or per interval of an <see cref="IntervalGrid"/>.
/// </summary>
/// <remarks>Keeps every change (16 bytes each). Not thread-safe.</remarks>
public sealed class TimeWeightedMonitor
{
    private readonly Simulation _simulation;
    private readonly double _startTime;
    private double[] _times = new double[64];
    private double[] _values = new double[64];
    private int _count;

    /// <summary>Creates the monitor; the quantity holds <paramref name="initialValue"/> from the current time on.</summary>
    /// <param name="simulation">The simulation whose clock stamps the changes.</param>
    /// <param name="name">A name for reports.</param>
    /// <param name="initialValue">The value from now until the first update (default 0).</param>
    public TimeWeightedMonitor(Simulation simulation, string name, double initialValue = 0)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _simulation = simulation;
        Name = name;
        _startTime = simulation.Now;
        Append(simulation.Now, Checked(initialValue));
    }

    /// <summary>The monitor's name.</summary>
    public string Name { get; }

    /// <summary>The current value.</summary>
    public double Current => _values[_count - 1];

    /// <summary>Sets the value from the current simulated time on.</summary>
    /// <param name="value">A finite number.</param>
    public void Update(double value)
    {
        value = Checked(value);
        var now = _simulation.Now;
        if (_times[_count - 1] == now)
        {
            _values[_count - 1] = value; // several changes at one instant: the last one holds
            return;
        }

        Append(now, value);
    }

    /// <summary>Statistics from the monitor's creation to the current time.</summary>
    public TimeWeightedStatistics Summary() => Summary(_startTime, _simulation.Now);

    /// <summary>Statistics over [<paramref name="from"/>, <paramref name="to"/>); the last value is taken to hold until <paramref name="to"/>.
    /// Time before the monitor's creation is not counted.</summary>
    /// <param name="from">Window start, minutes.</param>
    /// <param name="to">Window end, minutes, at least <paramref name="from"/>.</param>
    public TimeWeightedStatistics Summary(double from, double to)
    {
        if (!(to >= from))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"must be at least from ({from})");
        }

        from = Math.Max(from, _startTime);
        if (!(to > from))
        {
            return TimeWeightedStatistics.Empty;
        }

        var times = _times.AsSpan(0, _count);
        // The change in force at `from`: the last one at or before it.
        var i = Math.Max(0, SampleMonitor.LowerBound(times, from) - 1);
        if (i + 1 < _count && times[i + 1] <= from)
        {
            i++;
        }

        double area = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (; i < _count && times[i] < to; i++)
        {
            var start = Math.Max(times[i], from);
            var end = i + 1 < _count ? Math.Min(times[i + 1], to) : to;
            if (end <= start)
            {
                continue;
            }

            var v = _values[i];
            area += v * (end - start);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var duration = to - from;
        return new TimeWeightedStatistics(duration, area / duration, min, max);
    }

    /// <summary>Statistics per interval of <paramref name="grid"/>.</summary>
    /// <param name="grid">The intervals.</param>
    public IReadOnlyList<TimeWeightedStatistics> ByInterval(IntervalGrid grid)
    {
        var result = new TimeWeightedStatistics[grid.Count];
        for (var k = 0; k < grid.Count; k++)
        {
            result[k] = Summary(grid.IntervalStart(k), grid.IntervalEnd(k));
        }

        return result;
    }

    private double Checked(double value) => double.IsFinite(value)
        ? value
        : throw new ArgumentOutOfRangeException(nameof(value), value, $"monitor '{Name}': must be a finite number");

    private void Append(double time, double value)
    {
        if (_count == _times.Length)
        {
            Array.Resize(ref _times, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }

        _times[_count] = time;
        _values[_count] = value;
        _count++;
    }
}
