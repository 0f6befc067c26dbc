namespace HallSim;

/// <summary>Weeks as halls count them: Monday first, a week runs Monday to Sunday.</summary>
public static class Weekdays
{
    /// <summary>The day's place in its week: 0 for Monday … 6 for Sunday.</summary>
    /// <param name="date">The date.</param>
    /// <returns>0 (Monday) to 6 (Sunday).</returns>
    public static int Index(DateOnly date) => ((int)date.DayOfWeek + 6) % 7;

    /// <summary>The Monday of the calendar week (Monday–Sunday) that holds <paramref name="date"/>.</summary>
    /// <param name="date">The date.</param>
    /// <returns>That week's Monday (<paramref name="date"/> itself on a Monday).</returns>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-Index(date));
}
