namespace HallSim.Model;

/// <summary>
/// What happened in one interval of the result grid (all times in minutes from the scenario start). Tickets are
/// attributed to the interval in which they were issued; service level = tickets called within the target ÷ tickets
/// issued (a citizen who left counts as a failure unless called within the target). Wait percentiles come
/// from a histogram with 0.5-minute bins, linear within the bin that holds them: less than 0.5 minutes from the exact
/// quantile of the interval's waits, and exactly 0 when that many citizens were called at once (waits over 8 hours
/// share the last bin).
/// </summary>
/// <param name="Start">Interval start.</param>
/// <param name="Arrivals">Citizens who entered the hall.</param>
/// <param name="TicketsIssued">Window tickets issued.</param>
/// <param name="Served">Issued tickets that were served.</param>
/// <param name="NoShows">Issued tickets whose holder had left when called.</param>
/// <param name="Balked">Citizens who left without a ticket.</param>
/// <param name="SelfServed">Citizens done at a self-service machine.</param>
/// <param name="MeanWait">Mean wait of the issued tickets that were called, minutes (0 if none).</param>
/// <param name="P50Wait">Median wait, minutes.</param>
/// <param name="P90Wait">90th percentile of the wait, minutes.</param>
/// <param name="P95Wait">95th percentile of the wait, minutes.</param>
/// <param name="ServiceLevel">Tickets called within the target ÷ tickets issued (1 if none issued).</param>
/// <param name="Abandonment">No-shows ÷ tickets issued (0 if none issued).</param>
/// <param name="MeanQueue">Time-average number of tickets waiting (including holders who already left).</param>
/// <param name="MaxQueue">Largest number of tickets waiting.</param>
/// <param name="MeanOpenWindows">Time-average number of open windows.</param>
/// <param name="MeanBusyWindows">Time-average number of windows calling or serving.</param>
public sealed record IntervalResult(
    double Start,
    int Arrivals,
    int TicketsIssued,
    int Served,
    int NoShows,
    int Balked,
    int SelfServed,
    double MeanWait,
    double P50Wait,
    double P90Wait,
    double P95Wait,
    double ServiceLevel,
    double Abandonment,
    double MeanQueue,
    int MaxQueue,
    double MeanOpenWindows,
    double MeanBusyWindows);
