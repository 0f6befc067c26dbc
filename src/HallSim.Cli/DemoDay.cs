using HallSim.Kernel;
using HallSim.Monitoring;
using HallSim.Randomness;

namespace HallSim.Cli;

/// <summary>
/// A deliberately small demonstration on the simulation kernel: one weekday in a take-a-number hall with
/// pooled windows, open 09:00–12:00 and 14:00–18:00, tickets until 30 minutes before each closing and every
/// ticket served. Arrivals follow an hourly profile (a non-homogeneous Poisson process, exact for piecewise-constant
/// rates); service times are log-normal with CV 1.2 (DOMAIN.md). The full hall model replaces it later.
/// </summary>
internal static class DemoDay
{
    /// <summary>Ticket cut-off windows (minutes from midnight) and the share of the day's tickets in each hour.</summary>
    internal static readonly (double Start, double End, double Share)[] Profile =
    [
        (540, 600, 0.17), (600, 660, 0.19), (660, 690, 0.08), // 09:00–11:30 (morning cut-off 11:30)
        (840, 900, 0.16), (900, 960, 0.17), (960, 1020, 0.15), (1020, 1050, 0.08), // 14:00–17:30
    ];

    internal sealed record HourRow(int Hour, double Tickets, double MeanWait, double P90Wait, double Utilisation);

    internal sealed record DayResult(int Tickets, double MeanWait, double ShareWithin15, double LastDeparture, SampleMonitor Waits, TimeWeightedMonitor Busy);

    internal static DayResult Run(DemoOptions o, int replication)
    {
        var sim = new Simulation(o.Seed, replication);
        var windows = new Resource(sim, o.Windows, "windows");
        var waits = new SampleMonitor(sim, "wait");
        windows.UsageMonitor = new TimeWeightedMonitor(sim, "busy windows");
        var arrivals = sim.Stream("arrivals");
        var services = sim.Stream("service");
        var service = new LogNormalDistribution(o.MeanServiceMinutes, 1.2 * o.MeanServiceMinutes);
        var tickets = 0;
        var within15 = 0;
        var lastDeparture = 0.0;

        IEnumerable<Event> Citizen(double serviceTime)
        {
            var issued = sim.Now;
            using var window = windows.Request();
            yield return window;
            var wait = sim.Now - issued;
            waits.Add(wait);
            within15 += wait <= 15 ? 1 : 0;
            yield return sim.Timeout(serviceTime);
            lastDeparture = sim.Now;
        }

        IEnumerable<Event> Door()
        {
            foreach (var (start, end, share) in Profile)
            {
                var rate = o.TicketsPerDay * share / (end - start); // tickets per minute within this piece
                if (sim.Now < start)
                {
                    yield return sim.Timeout(start - sim.Now);
                }

                // Exponential gaps within the piece; memorylessness makes restarting at the next piece exact.
                while (true)
                {
                    var gap = -Math.Log(arrivals.NextDoubleNonZero()) / rate;
                    if (sim.Now + gap >= end)
                    {
                        break;
                    }

                    yield return sim.Timeout(gap);
                    tickets++;
                    sim.Process(Citizen(service.Sample(services)));
                }
            }
        }

        sim.Process(Door(), "door");
        sim.Run();
        var summary = waits.Summary();
        return new DayResult(tickets, summary.Mean, tickets == 0 ? 1 : (double)within15 / tickets, lastDeparture, waits, windows.UsageMonitor);
    }
}
