namespace HallSim;

/// <summary>Weeks as halls count them: Monday first.</summary>
internal static class Weekdays
{
    /// <summary>0 for Monday … 6 for Sunday.</summary>
    internal static int Index(DateOnly date) => ((int)date.DayOfWeek + 6) % 7;

    /// <summary>The Monday of the calendar week (Monday–Sunday) that holds <paramref name="date"/>.</summary>
    internal static DateOnly MondayOf(DateOnly date) => date.AddDays(-Index(date));
}
