namespace HallSim;

/// <summary>
/// A grid of equal time intervals: <see cref="Count"/> intervals of <see cref="Length"/> minutes starting at
/// <see cref="Start"/> (minutes from the start of the scenario). The one interval type shared by results,
/// staffing requirements, rosters and reports.
/// </summary>
/// <param name="Start">Start of the first interval, minutes.</param>
/// <param name="Length">Length of each interval, minutes, greater than 0 (typically 15, 30 or 60).</param>
/// <param name="Count">Number of intervals, at least 0.</param>
public readonly record struct IntervalGrid(double Start, double Length, int Count)
{
    /// <summary>Minutes in a day.</summary>
    public const double MinutesPerDay = 1440;

    /// <summary>Start of the first interval, minutes.</summary>
    public double Start { get; } = double.IsFinite(Start) ? Start : throw new ArgumentOutOfRangeException(nameof(Start), Start, "must be a finite number of minutes");

    /// <summary>Length of each interval, minutes.</summary>
    public double Length { get; } = Length > 0 && double.IsFinite(Length) ? Length : throw new ArgumentOutOfRangeException(nameof(Length), Length, "must be a finite number of minutes greater than 0");

    /// <summary>Number of intervals.</summary>
    public int Count { get; } = Count >= 0 ? Count : throw new ArgumentOutOfRangeException(nameof(Count), Count, "must be at least 0");

    /// <summary>End of the last interval, minutes.</summary>
    public double End => Start + (Length * Count);

    /// <summary>The one rule for an interval length: positive, finite, and a whole number of intervals fits in a day of
    /// 1440 minutes (15, 30 and 60 are common).</summary>
    /// <param name="minutes">The length, minutes.</param>
    /// <returns>True when <paramref name="minutes"/> divides a day.</returns>
    public static bool DividesDay(double minutes)
    {
        if (!(minutes > 0) || !double.IsFinite(minutes))
        {
            return false;
        }

        var count = MinutesPerDay / minutes;
        return Math.Abs(count - Math.Round(count)) <= 1e-9;
    }

    /// <summary>The intervals of one whole day (day 0 starts at minute 0, day d at 1440·d).</summary>
    /// <param name="day">Day index from the scenario start, at least 0.</param>
    /// <param name="length">Interval length in minutes; must divide 1440 (default 60).</param>
    public static IntervalGrid ForDay(int day, double length = 60)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(day);
        if (!DividesDay(length))
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "must be greater than 0 and divide 1440 minutes");
        }

        return new IntervalGrid(day * MinutesPerDay, length, (int)Math.Round(MinutesPerDay / length));
    }

    /// <summary>Start of interval <paramref name="index"/>, minutes.</summary>
    /// <param name="index">Interval index in [0, Count).</param>
    public double IntervalStart(int index) => Start + (Length * CheckIndex(index));

    /// <summary>End of interval <paramref name="index"/>, minutes.</summary>
    /// <param name="index">Interval index in [0, Count).</param>
    public double IntervalEnd(int index) => Start + (Length * (CheckIndex(index) + 1));

    /// <summary>The index of the interval that contains <paramref name="time"/> (intervals are closed at the start,
    /// open at the end), or −1 when the time lies outside the grid.</summary>
    /// <param name="time">Minutes from the scenario start.</param>
    public int IndexOf(double time)
    {
        if (!(time >= Start) || time >= End)
        {
            return -1;
        }

        var index = (int)((time - Start) / Length);
        return Math.Min(index, Count - 1);
    }

    private int CheckIndex(int index) => (uint)index < (uint)Count
        ? index
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"must lie in [0, {Count})");
}
