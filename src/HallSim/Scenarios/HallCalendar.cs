namespace HallSim.Scenarios;

/// <summary>One opening session of a day, in local hall time (for example 09:00–12:00).</summary>
/// <param name="Open">When the doors open.</param>
/// <param name="Close">When the doors close; later than <paramref name="Open"/>.</param>
public sealed record Session(TimeOnly Open, TimeOnly Close);

/// <summary>Opening hours that differ from the usual ones over a range of dates (evening extensions, Saturday openings, lunch-time service).</summary>
/// <param name="From">First date of the period.</param>
/// <param name="To">Last date of the period (inclusive).</param>
public sealed record SpecialPeriod(DateOnly From, DateOnly To)
{
    /// <summary>A name for reports, for example "Rental peak: evenings to 19:30".</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Monday–Friday sessions in the period; null keeps the usual ones.</summary>
    public IReadOnlyList<Session>? WeekdayHours { get; init; }

    /// <summary>Saturday sessions in the period; null keeps the usual ones (closed by default).</summary>
    public IReadOnlyList<Session>? SaturdayHours { get; init; }
}

/// <summary>What happens on a special day.</summary>
public enum SpecialDayKind
{
    /// <summary>Typhoon signal: the hall closes and a share of the day's demand moves to the following open days.</summary>
    Typhoon,

    /// <summary>Heavy rain: the hall is open and demand is scaled by <see cref="SpecialDay.DemandFactor"/>.</summary>
    HeavyRain,
}

/// <summary>A day whose demand or opening departs from the calendar (weather).</summary>
/// <param name="Date">The date.</param>
/// <param name="Kind">Typhoon closure or heavy rain.</param>
public sealed record SpecialDay(DateOnly Date, SpecialDayKind Kind)
{
    /// <summary>Heavy rain: factor on the day's demand, in [0, 1] (default 0.7, an assumption).</summary>
    public double DemandFactor { get; init; } = 0.7;

    /// <summary>Typhoon: share of the lost day's demand that comes back on the following open days, in [0, 1] (default 0.8).</summary>
    public double ShiftedShare { get; init; } = 0.8;

    /// <summary>Typhoon: number of following open days that share the shifted demand equally, at least 1 (default 2).</summary>
    public int ShiftedOverDays { get; init; } = 2;
}

/// <summary>
/// When the hall is open. Usual hours apply to Monday–Friday; public holidays close the hall; official make-up
/// working days (调休) open a Saturday or Sunday with weekday hours; special periods and days override.
/// </summary>
public sealed record HallCalendar
{
    /// <summary>Usual Monday–Friday sessions (default 09:00–12:00 and 14:00–18:00).</summary>
    public IReadOnlyList<Session> WeekdayHours { get; init; } =
        [new(new TimeOnly(9, 0), new TimeOnly(12, 0)), new(new TimeOnly(14, 0), new TimeOnly(18, 0))];

    /// <summary>Usual Saturday sessions (default: closed).</summary>
    public IReadOnlyList<Session> SaturdayHours { get; init; } = [];

    /// <summary>Usual Sunday sessions (default: closed).</summary>
    public IReadOnlyList<Session> SundayHours { get; init; } = [];

    /// <summary>No tickets are issued in the last minutes of each session; every ticket issued before is served (default 30 minutes).</summary>
    public double TicketCutoffMinutes { get; init; } = 30;

    /// <summary>Periods with other opening hours.</summary>
    public IReadOnlyList<SpecialPeriod> Periods { get; init; } = [];

    /// <summary>Public holidays: the hall is closed.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; init; } = [];

    /// <summary>Official make-up working days (调休): a weekend date worked with weekday hours.</summary>
    public IReadOnlyList<DateOnly> MakeUpWorkdays { get; init; } = [];

    /// <summary>Weather days.</summary>
    public IReadOnlyList<SpecialDay> SpecialDays { get; init; } = [];

    /// <summary>The sessions of <paramref name="date"/>: empty when the hall is closed.</summary>
    /// <param name="date">A date.</param>
    public IReadOnlyList<Session> SessionsOn(DateOnly date)
    {
        if (Holidays.Contains(date) || SpecialDays.Any(d => d.Date == date && d.Kind == SpecialDayKind.Typhoon))
        {
            return [];
        }

        var weekday = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || MakeUpWorkdays.Contains(date);
        IReadOnlyList<Session> hours = weekday ? WeekdayHours : date.DayOfWeek == DayOfWeek.Saturday ? SaturdayHours : SundayHours;
        foreach (var p in Periods)
        {
            if (date >= p.From && date <= p.To)
            {
                if (weekday && p.WeekdayHours is not null)
                {
                    hours = p.WeekdayHours;
                }
                else if (!weekday && date.DayOfWeek == DayOfWeek.Saturday && p.SaturdayHours is not null)
                {
                    hours = p.SaturdayHours;
                }
            }
        }

        return hours;
    }
}
