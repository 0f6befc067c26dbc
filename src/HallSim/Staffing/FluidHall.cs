using HallSim.Model;
using HallSim.Scenarios;

namespace HallSim.Staffing;

/// <summary>One date of <see cref="FluidHall.EveryWindowOpen"/>: what the hall could do at best with every window open
/// in every opening hour, by the fluid model.</summary>
/// <param name="Date">The date.</param>
/// <param name="Tickets">Expected window tickets issued (after self-service, appointment no-shows and those turned
/// away at the balking threshold).</param>
/// <param name="WithinTarget">Share of them the fluid calls within the target (1 on a day without tickets), as the
/// simulation's KPI counts it: of the tickets issued.</param>
/// <param name="MeanWait">Mean fluid wait of those tickets, minutes.</param>
/// <param name="WorkHours">Expected window work of every citizen who comes for a window (turned away or not) × the
/// mean service, hours.</param>
/// <param name="WindowHours">Windows × opening hours, hours.</param>
public sealed record FluidDay(DateOnly Date, double Tickets, double WithinTarget, double MeanWait, double WorkHours, double WindowHours)
{
    /// <summary>Work ÷ window-hours (0 on a closed day): above 1 the hall cannot serve the day's tickets in its opening
    /// hours with every window open.</summary>
    public double Load => WindowHours > 0 ? WorkHours / WindowHours : 0;
}

/// <summary>
/// The fluid (deterministic, rate-based) picture of a hall with every window open in every opening hour: the cheapest
/// screen of what a change of the scenario can reach before simulating it. Citizens arrive at the scenario's expected
/// rates (the same demand model the simulation compiles, less the citizens whom self-service serves for good and
/// the appointment no-shows); the windows are pooled and serve at the day's mean service time; the queue is
/// first come, first served for walk-ins, and drains after each session closes with every window open (as the
/// simulation's windows work on past the ticket cut-off).
/// Priority classes and appointment holders, called before walk-ins, count as called at once; arrivals that find the
/// balking threshold's first level (<see cref="Balking.From"/>) ahead are turned away (no ticket).
/// </summary>
/// <remarks>
/// A fluid model leaves out the randomness that makes queues form below capacity, so with every window open it is
/// optimistic where the hall is under capacity (no waits at all) and close to the simulation where the hall is
/// overloaded. Patience is taken as exponential with the scenario's mean (those waiting leave at rate 1/mean), which
/// loses more citizens early than a log-normal patience does. It is not a strict bound: in an overloaded hour random
/// waits spread on both sides of the fluid's single wait. Use it with a margin, as the planning playbook does, and
/// let the simulation decide.
/// </remarks>
public static class FluidHall
{
    /// <summary>The fluid hall with every window open, per date of the horizon.</summary>
    /// <param name="scenario">A valid scenario.</param>
    /// <param name="from">First date.</param>
    /// <param name="days">Dates, at least 1, within the scenario.</param>
    /// <param name="waitTargetMinutes">The wait target of <see cref="FluidDay.WithinTarget"/>, minutes.</param>
    /// <returns>One entry per date, in order.</returns>
    public static IReadOnlyList<FluidDay> EveryWindowOpen(Scenario scenario, DateOnly from, int days, double waitTargetMinutes)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.EnsureValid();
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var first = from.DayNumber - scenario.StartDate.DayNumber;
        if (first < 0 || first + days > scenario.Days)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "the horizon must lie within the scenario");
        }

        var plans = DemandCompiler.Compile(scenario);
        var diverted = scenario.Categories.Select(c =>
        {
            var k = scenario.Kiosks.FirstOrDefault(g => g.Count > 0 && g.Categories.Contains(c.Id));
            return k is null ? 0 : k.UseShare * (1 - k.FailureShare);
        }).ToArray();
        var windows = scenario.Windows.Count;
        var cap = scenario.Behaviour.Balking?.From ?? int.MaxValue;
        var result = new List<FluidDay>(days);
        for (var d = first; d < first + days; d++)
        {
            result.Add(Day(scenario, plans[d], diverted, windows, cap, waitTargetMinutes));
        }

        return result;
    }

    private static FluidDay Day(Scenario s, DayPlan day, double[] diverted, int windows, int cap, double target)
    {
        var windowHours = day.Sessions.Sum(x => x.Close - x.Open) * windows / 60;
        if (day.ExpectedArrivals <= 0 || day.Sessions.Length == 0)
        {
            return new FluidDay(day.Date, 0, 1, 0, 0, windowHours);
        }

        // The day's window-ticket share and mean service of walk-ins (by category probabilities, less self-service),
        // and of appointment holders (who go straight to the windows: no kiosk, no balking).
        double share = 0, service = 0, all = 0;
        for (var c = 0; c < s.Categories.Count; c++)
        {
            var probability = day.CategoryCumulative[c] - (c == 0 ? 0 : day.CategoryCumulative[c - 1]);
            var p = probability * (1 - diverted[c]);
            share += p;
            service += p * s.Categories[c].ServiceTime.Mean;
            all += probability * s.Categories[c].ServiceTime.Mean;
        }

        var walkInService = share > 0 ? service / share : all;

        // Appointments: the booked share (at most the slots) arrives evenly over the ticket-issuing time, less no-shows.
        var cutoff = s.Calendar.TicketCutoffMinutes;
        var issuing = day.Sessions.Sum(x => Math.Max(0, x.Close - cutoff - x.Open));
        var booked = 0.0;
        if (s.Appointments is { Share: > 0, SlotsPerHour: > 0 } a && issuing > 0)
        {
            booked = Math.Min(a.Share, a.SlotsPerHour * issuing / 60 / day.ExpectedArrivals);
        }

        var noShow = s.Appointments?.NoShowShare ?? 0;
        var bookedRate = booked * day.ExpectedArrivals * (1 - noShow) / Math.Max(issuing, 1e-9);

        // Minute by minute from the first opening to the last closing (the queue's end after it is computed in waits).
        var start = day.Sessions[0].Open;
        var close = day.Sessions[^1].Close;
        var span = (int)Math.Ceiling(close - start);
        var walkIns = new double[span];
        var holders = new double[span];
        foreach (var piece in day.Pieces)
        {
            for (var m = (int)Math.Floor(piece.Start - start); m < span && start + m < piece.End; m++)
            {
                var overlap = Math.Min(piece.End, start + m + 1) - Math.Max(piece.Start, start + m);
                walkIns[m] += overlap > 0 ? piece.Rate * (1 - booked) * share * overlap : 0;
            }
        }

        foreach (var (open, shut) in day.Sessions)
        {
            for (var m = (int)Math.Floor(open - start); m < span && start + m < shut - cutoff; m++)
            {
                var overlap = Math.Min(shut - cutoff, start + m + 1) - Math.Max(open, start + m);
                holders[m] += overlap > 0 ? bookedRate * overlap : 0;
            }
        }

        var totalWalkIns = walkIns.Sum();
        var totalHolders = holders.Sum();
        if (totalWalkIns + totalHolders <= 0)
        {
            return new FluidDay(day.Date, 0, 1, 0, 0, windowHours);
        }

        var meanService = ((totalWalkIns * walkInService) + (totalHolders * all)) / (totalWalkIns + totalHolders);

        // Service capacity in tickets per minute: every window; between sessions only those still waiting are served
        // (as in the simulation, a window that closes with tickets waiting past the cut-off works on until they are called).
        var perMinute = windows / meanService;
        var capacity = new double[span];
        Array.Fill(capacity, perMinute);

        // Those waiting leave at the rate of an exponential patience with the scenario's mean (optimistic: a patience
        // that is not exponential loses fewer citizens in the first minutes).
        var theta = s.Behaviour.Patience is { } patience && patience.Mean > 0 ? 1 / patience.Mean : 0;
        // Priority classes and appointment holders are called before walk-ins: counted as called at once (optimistic);
        // a walk-in waits for the whole queue ahead (optimistic too: those who overtake it later are left out).
        var first = Math.Clamp(s.Behaviour.PriorityClasses.Sum(c => c.Share), 0, 1);
        double queue = 0, tickets = 0, within = 0, waiting = 0, demand = 0;
        for (var m = 0; m < span; m++)
        {
            if (walkIns[m] + holders[m] <= 0 && queue <= 0)
            {
                continue;
            }

            demand += walkIns[m] + holders[m];
            var stays = queue >= cap ? 0 : Math.Min(walkIns[m], cap - queue + capacity[m]); // walk-ins balk; holders do not
            var wait = WaitFor(queue, m, capacity, perMinute, theta);
            var ordinary = stays * (1 - first);
            within += holders[m] + (stays * first) + (wait <= target ? ordinary : 0);
            waiting += ordinary * wait;
            tickets += stays + holders[m];
            queue = Math.Max(0, queue + stays + holders[m] - capacity[m] - (theta * queue));
        }

        var workHours = demand * meanService / 60;
        return new FluidDay(day.Date, tickets, tickets > 0 ? within / tickets : 1, tickets > 0 ? waiting / tickets : 0, workHours, windowHours);
    }

    /// <summary>Minutes until the <paramref name="queue"/> tickets ahead have been served or have left, from minute
    /// <paramref name="m"/>: each minute the windows open then serve their share and a share θ of those ahead leaves
    /// (after the last session: every window open until the queue is gone).</summary>
    private static double WaitFor(double queue, int m, double[] capacity, double perMinute, double theta)
    {
        var ahead = queue;
        var minutes = 0.0;
        for (var k = m; ahead > 1e-9; k++, minutes++)
        {
            var serve = k < capacity.Length ? capacity[k] : perMinute;
            var gone = serve + (theta * ahead);
            if (gone >= ahead)
            {
                return minutes + (ahead / gone);
            }

            ahead -= gone;
        }

        return minutes;
    }
}
