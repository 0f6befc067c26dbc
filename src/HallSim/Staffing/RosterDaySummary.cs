namespace HallSim.Staffing;

/// <summary>How one day of a roster is staffed and why, as data (an optimiser fills it; a report puts it in words).</summary>
/// <param name="Date">The date.</param>
/// <param name="Runs">Stretches of the opening hours with the same number of windows staffed: from, to, windows.</param>
/// <param name="MostUsefulAt">The interval where the last open window saves most waiting; null when no window is open.</param>
/// <param name="MostUsefulSaving">That saving, citizen-minutes in the interval.</param>
/// <param name="LeastUsefulAt">The interval where the last open window saves least.</param>
/// <param name="LeastUsefulSaving">That saving, citizen-minutes.</param>
/// <param name="FullIntervals">Intervals with every window open and citizens still waiting (more staff cannot help there).</param>
/// <param name="MaxWindows">The most windows that can be open.</param>
public sealed record RosterDaySummary(
    DateOnly Date,
    IReadOnlyList<(TimeOnly From, TimeOnly To, int Windows)> Runs,
    TimeOnly? MostUsefulAt,
    double MostUsefulSaving,
    TimeOnly? LeastUsefulAt,
    double LeastUsefulSaving,
    int FullIntervals,
    int MaxWindows);
