namespace HallSim.Scenarios;

/// <summary>A surge of demand before a deadline (for example the education department's enrolment deadline for rental contracts).</summary>
/// <param name="Deadline">The last day (inclusive).</param>
/// <param name="DaysBefore">How many days before the deadline the surge starts, at least 1.</param>
/// <param name="PeakFactor">Demand factor on the deadline day; it rises linearly from 1 over the preceding days; at least 1.</param>
public sealed record DeadlineSurge(DateOnly Deadline, int DaysBefore, double PeakFactor)
{
    /// <summary>The category that surges; null: every category.</summary>
    public string? CategoryId { get; init; }
}

/// <summary>
/// How many citizens come, and when. The expected arrivals of a category on a date are
/// <see cref="ArrivalsPerDay"/> × category share × weekday factor × month factor × category month factor × special-day and
/// surge factors; within the day they follow <see cref="HourWeights"/> over the hours the hall issues tickets, as a
/// non-homogeneous Poisson process with a constant rate within each hour.
/// </summary>
/// <param name="ArrivalsPerDay">Expected citizens on an ordinary weekday with every factor 1, at least 0.</param>
public sealed record Demand(double ArrivalsPerDay)
{
    /// <summary>Relative arrival rate in each hour of the day (24 values, hour 0 first): a weight is a rate per
    /// ticket-issuing minute, so an hour whose tickets stop at the cut-off half-way receives half the tickets of a full
    /// hour of the same weight. Only minutes when tickets are issued count, and the day's expected arrivals are spread
    /// over them in proportion to weight × minutes. Default: the intraday profile of walk-in offices (sources in
    /// docs/modelling-assumptions.md).</summary>
    public IReadOnlyList<double> HourWeights { get; init; } = DefaultHourWeights;

    /// <summary>Factor per weekday (7 values, Monday first; default Monday 1.1, other days 1).</summary>
    public IReadOnlyList<double> WeekdayFactors { get; init; } = [1.1, 1, 1, 1, 1, 1, 1];

    /// <summary>Factor per month (12 values, January first; default all 1).</summary>
    public IReadOnlyList<double> MonthFactors { get; init; } = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

    /// <summary>Deadline surges.</summary>
    public IReadOnlyList<DeadlineSurge> Surges { get; init; } = [];

    /// <summary>Hour weights from the Warsaw walk-in offices: 8h 18.7%, 9h 14.1, 10h 13.4, 11h 12.3, 12h 12.4,
    /// 13h 9.8, 14h 10.7, 15h 6.4; hours 16–19 take the 15h weight as an assumption.</summary>
    public static IReadOnlyList<double> DefaultHourWeights { get; } =
        [0, 0, 0, 0, 0, 0, 0, 0, 18.7, 14.1, 13.4, 12.3, 12.4, 9.8, 10.7, 6.4, 6.4, 6.4, 6.4, 6.4, 0, 0, 0, 0];
}
