namespace HallSim.Queueing;

/// <summary>
/// Steady-state performance of a many-server queue. Times are in minutes. For an unstable queue (offered load at or
/// above the number of servers, without abandonment) <see cref="IsStable"/> is false, the mean wait is
/// <see cref="double.PositiveInfinity"/>, the wait probability 1 and the service level 0 — never NaN.
/// </summary>
/// <param name="Servers">Number of servers (open windows).</param>
/// <param name="OfferedLoad">Offered load a = λ × mean service time (erlangs).</param>
/// <param name="IsStable">False when the queue grows without bound.</param>
/// <param name="WaitProbability">Probability that an arrival waits at all, P(W &gt; 0).</param>
/// <param name="MeanWait">Mean time in queue of all arrivals (including those who abandon), minutes.</param>
/// <param name="ServiceLevel">Probability that a ticket is called within the target time — HallSim's definition (tickets called
/// within T ÷ tickets issued): a citizen who left counts as a failure unless the number is called within T.</param>
/// <param name="AbandonProbability">Probability of abandoning before service (0 without abandonment).</param>
/// <param name="Occupancy">Share of server time busy: carried load ÷ servers.</param>
public sealed record QueueKpis(
    int Servers,
    double OfferedLoad,
    bool IsStable,
    double WaitProbability,
    double MeanWait,
    double ServiceLevel,
    double AbandonProbability,
    double Occupancy);
