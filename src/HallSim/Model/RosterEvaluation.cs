using HallSim.Experiments;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Model;

/// <summary>
/// A staffing plan (usually a roster) judged by simulation over several replications: the citizens' waits with 95%
/// confidence intervals across replications. Immutable.
/// </summary>
/// <param name="Replications">Replications run.</param>
/// <param name="MeanWait">Mean wait (issue to last call), minutes; a ticket never called counts with its wait until the
/// end of the horizon (a lower bound of its true wait), so unstaffed hours are never cheap.</param>
/// <param name="P90Wait">90th percentile of the wait per replication, minutes (never-called tickets as in <paramref name="MeanWait"/>).</param>
/// <param name="WithinTarget">Tickets called within the target ÷ tickets issued (HallSim's service level: a citizen who left counts as a failure unless called within the target).</param>
/// <param name="Abandonment">Tickets whose holder had left when called ÷ tickets issued.</param>
/// <param name="TotalWaiting">Σ waits in the horizon, citizen-minutes (never-called tickets until the horizon's end).</param>
/// <param name="StaffHours">Paid working hours of the roster (window-hours for open-window counts).</param>
/// <param name="TotalWaitingByReplication">Σ waits per replication, for paired comparisons under common random numbers.</param>
/// <param name="IntervalWaiting">Per interval of <paramref name="Grid"/>: mean over replications of the total wait of tickets issued in it, citizen-minutes.</param>
/// <param name="Grid">The intervals of <paramref name="IntervalWaiting"/>.</param>
public sealed record RosterEvaluation(
    int Replications,
    MeanEstimate MeanWait,
    MeanEstimate P90Wait,
    MeanEstimate WithinTarget,
    MeanEstimate Abandonment,
    MeanEstimate TotalWaiting,
    double StaffHours,
    IReadOnlyList<double> TotalWaitingByReplication,
    IReadOnlyList<double> IntervalWaiting,
    IntervalGrid Grid)
{
    /// <summary>Citizens turned away or lost per replication over the horizon: those who left without a ticket
    /// (balked at the queue) and those whose ticket was called after they had left. A roster never looks better by
    /// sending people home: compare this beside <see cref="MeanWait"/>, which counts only tickets issued.</summary>
    public MeanEstimate TurnedAway { get; init; } = MeanEstimate.Of([0, 0]);

    /// <summary><see cref="TurnedAway"/> per replication, for paired comparisons and priced objectives.</summary>
    public IReadOnlyList<double> TurnedAwayByReplication { get; init; } = [];

    /// <summary>The target the evaluation was run with (of <see cref="WithinTarget"/> and
    /// <see cref="ExcessWaitingByReplication"/>), minutes.</summary>
    public double WaitTargetMinutes { get; init; } = 15;

    /// <summary>Per replication: Σ over tickets of the minutes waited beyond <see cref="WaitTargetMinutes"/> (the tail
    /// of the waits), citizen-minutes; never-called tickets as in <see cref="MeanWait"/>.</summary>
    public IReadOnlyList<double> ExcessWaitingByReplication { get; init; } = [];

    /// <summary>Window-hours worked after windows closed (staff finishing services past their shift or into their
    /// break, serving the queue left after the ticket cut-off), per replication over the horizon: time that
    /// <see cref="StaffHours"/> does not count.</summary>
    public MeanEstimate OvertimeHours { get; init; } = MeanEstimate.Of([0, 0]);

    /// <summary><see cref="StaffHours"/> plus the mean <see cref="OvertimeHours"/>: every hour worked at a window or on shift.</summary>
    public double StaffHoursWithOvertime => StaffHours + OvertimeHours.Mean;

    /// <summary>
    /// The paired difference of total waiting, this minus <paramref name="other"/>, over replications with the same
    /// index (valid when both were run with the same seed: common random numbers).
    /// </summary>
    /// <param name="other">Another evaluation with the same replications and seed.</param>
    /// <param name="confidence">Confidence level (default 0.95).</param>
    public MeanEstimate TotalWaitingDifference(RosterEvaluation other, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.TotalWaitingByReplication.Count != TotalWaitingByReplication.Count)
        {
            throw new ArgumentException("the evaluations have different numbers of replications", nameof(other));
        }

        return MeanEstimate.Of(TotalWaitingByReplication.Zip(other.TotalWaitingByReplication, (a, b) => a - b).ToList(), confidence);
    }
}

/// <summary>Evaluates staffing by simulation on the one replication runner.</summary>
public static class RosterEvaluator
{
    /// <summary>
    /// Simulates <paramref name="scenario"/> with <paramref name="staffing"/> for <paramref name="replications"/>
    /// replications (seeded by (<paramref name="seed"/>, replication): two evaluations with the same seed compare
    /// under common random numbers) and summarises the waits.
    /// </summary>
    /// <param name="scenario">A valid scenario (usually cut to the roster's dates).</param>
    /// <param name="staffing">The staffing (a roster or open-window counts).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="replications">At least 2.</param>
    /// <param name="waitTargetMinutes">Target for <see cref="RosterEvaluation.WithinTarget"/>, minutes (default 15).</param>
    /// <param name="intervalMinutes">Interval length of <see cref="RosterEvaluation.IntervalWaiting"/>, minutes (default 30).</param>
    /// <param name="cancellationToken">Stops starting replications.</param>
    /// <exception cref="ScenarioValidationException">The scenario or staffing has problems (all listed).</exception>
    public static RosterEvaluation Evaluate(Scenario scenario, StaffingPlan staffing, ulong seed, int replications, double waitTargetMinutes = 15, double intervalMinutes = 30, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(staffing);
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 2);
        return Evaluate(scenario.Compile().Compile(staffing), seed, replications, waitTargetMinutes, intervalMinutes, cancellationToken);
    }

    /// <summary>
    /// Simulates a compiled hall and staffing for <paramref name="replications"/> replications (seeded by
    /// (<paramref name="seed"/>, replication)) and summarises the waits; nothing is validated or compiled again.
    /// </summary>
    /// <param name="staffing">The staffing, compiled against its hall (usually cut to the roster's dates).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="replications">At least 2.</param>
    /// <param name="waitTargetMinutes">Target for <see cref="RosterEvaluation.WithinTarget"/>, minutes (default 15).</param>
    /// <param name="intervalMinutes">Interval length of <see cref="RosterEvaluation.IntervalWaiting"/>, minutes (default 30).</param>
    /// <param name="cancellationToken">Stops starting replications.</param>
    /// <exception cref="ScenarioValidationException">The interval length or target is not valid.</exception>
    public static RosterEvaluation Evaluate(CompiledStaffing staffing, ulong seed, int replications, double waitTargetMinutes = 15, double intervalMinutes = 30, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 2);
        var options = new HallRunOptions { IntervalMinutes = intervalMinutes, WaitTargetMinutes = waitTargetMinutes, KeepTickets = true };
        HallRunOptions.EnsureValid(options); // once, before any thread starts
        var runs = ReplicationRunner.Run(replications, rep => HallModel.Run(staffing, seed, rep, options), cancellationToken: cancellationToken);
        return Summarise(staffing, runs, waitTargetMinutes, intervalMinutes);
    }

    /// <summary>
    /// The evaluation of replications already run with tickets kept, for callers that also need the runs' per-interval
    /// results: one simulation instead of two.
    /// </summary>
    /// <param name="staffing">The staffing the runs simulated.</param>
    /// <param name="runs">The runs, by replication index, each with its tickets (<see cref="HallRunOptions.KeepTickets"/>).</param>
    /// <param name="waitTargetMinutes">Target for <see cref="RosterEvaluation.WithinTarget"/>, minutes.</param>
    /// <param name="intervalMinutes">Interval length of <see cref="RosterEvaluation.IntervalWaiting"/>, minutes; divides 1440.</param>
    /// <exception cref="ArgumentException">A run kept no tickets, fewer than 2 runs, or an interval length or target out of range.</exception>
    public static RosterEvaluation Summarise(CompiledStaffing staffing, IReadOnlyList<HallRunResult> runs, double waitTargetMinutes, double intervalMinutes)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count < 2)
        {
            throw new ArgumentException("at least 2 runs are needed for an interval", nameof(runs));
        }

        if (!IntervalGrid.DividesDay(intervalMinutes))
        {
            throw new ArgumentOutOfRangeException(nameof(intervalMinutes), intervalMinutes, "must divide a day of 1440 minutes");
        }

        if (!(waitTargetMinutes >= 0) || !double.IsFinite(waitTargetMinutes))
        {
            throw new ArgumentOutOfRangeException(nameof(waitTargetMinutes), waitTargetMinutes, "must be a number of minutes of at least 0");
        }

        var scenario = staffing.Hall.Scenario;
        var grid = new IntervalGrid(0, intervalMinutes, (int)Math.Round(scenario.Days * IntervalGrid.MinutesPerDay / intervalMinutes));
        var horizonEnd = scenario.Days * IntervalGrid.MinutesPerDay; // a ticket never called waits at least until then
        var perRun = runs.Select(run =>
        {
            var intervals = new double[grid.Count];
            var m = Measure(run.Tickets ?? throw new ArgumentException("the runs must keep their tickets", nameof(runs)), horizonEnd, waitTargetMinutes, (at, w) => intervals[Math.Clamp(grid.IndexOf(at), 0, grid.Count - 1)] += w);
            return (m.Mean, m.P90, m.Within, m.Abandon, m.Total, Intervals: intervals, m.TurnedAway, m.Excess, Overtime: run.Days.Sum(d => d.StaffOvertimeMinutes) / 60);
        }).ToList();

        var meanIntervals = new double[grid.Count];
        foreach (var r in perRun)
        {
            for (var i = 0; i < grid.Count; i++)
            {
                meanIntervals[i] += r.Intervals[i] / perRun.Count;
            }
        }

        return new RosterEvaluation(
            runs.Count,
            MeanEstimate.Of(perRun.Select(r => r.Mean).ToList()),
            MeanEstimate.Of(perRun.Select(r => r.P90).ToList()),
            MeanEstimate.Of(perRun.Select(r => r.Within).ToList()),
            MeanEstimate.Of(perRun.Select(r => r.Abandon).ToList()),
            MeanEstimate.Of(perRun.Select(r => r.Total).ToList()),
            staffing.StaffHours,
            perRun.Select(r => r.Total).ToArray(),
            meanIntervals,
            grid)
        {
            WaitTargetMinutes = waitTargetMinutes,
            TurnedAway = MeanEstimate.Of(perRun.Select(r => r.TurnedAway).ToList()),
            TurnedAwayByReplication = perRun.Select(r => r.TurnedAway).ToArray(),
            ExcessWaitingByReplication = perRun.Select(r => r.Excess).ToArray(),
            OvertimeHours = MeanEstimate.Of(perRun.Select(r => r.Overtime).ToList()),
        };
    }

    /// <summary>
    /// The KPIs of each date of the horizon, over replications already run with tickets kept: tickets issued, mean
    /// and 90th-percentile wait, share called within the target, share gone when called, and the windows open — the
    /// same rules as <see cref="Summarise"/> (a ticket never called waits until the horizon's end), applied to the
    /// tickets issued on each date.
    /// </summary>
    /// <param name="staffing">The staffing the runs simulated.</param>
    /// <param name="runs">The runs, by replication index, each with its tickets (at least 2).</param>
    /// <param name="waitTargetMinutes">Target of <see cref="DayKpis.WithinTarget"/>, minutes.</param>
    /// <returns>One entry per date of the horizon, in order (closed dates included, with no tickets).</returns>
    /// <exception cref="ArgumentException">A run kept no tickets, or fewer than 2 runs.</exception>
    public static IReadOnlyList<DayKpis> SummariseDays(CompiledStaffing staffing, IReadOnlyList<HallRunResult> runs, double waitTargetMinutes)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count < 2)
        {
            throw new ArgumentException("at least 2 runs are needed for an interval", nameof(runs));
        }

        var scenario = staffing.Hall.Scenario;
        var horizonEnd = scenario.Days * IntervalGrid.MinutesPerDay;
        var perRunDay = runs.Select(run =>
        {
            var byDay = new List<TicketRecord>[scenario.Days];
            for (var d = 0; d < byDay.Length; d++)
            {
                byDay[d] = [];
            }

            foreach (var t in run.Tickets ?? throw new ArgumentException("the runs must keep their tickets", nameof(runs)))
            {
                var d = (int)Math.Floor((t.IssuedAt ?? t.ArrivedAt) / IntervalGrid.MinutesPerDay);
                byDay[Math.Clamp(d, 0, byDay.Length - 1)].Add(t);
            }

            return byDay.Select(tickets => (Measured: Measure(tickets, horizonEnd, waitTargetMinutes, null), Issued: tickets.Count(t => t.IssuedAt is not null))).ToArray();
        }).ToArray();

        var days = new DayKpis[scenario.Days];
        for (var d = 0; d < days.Length; d++)
        {
            var start = d * IntervalGrid.MinutesPerDay;
            var open = runs.Select(r => r.Intervals.Where(x => x.Start >= start && x.Start < start + IntervalGrid.MinutesPerDay && x.MeanOpenWindows > 0).ToArray()).ToArray();
            MeanEstimate Of(Func<Measured, double> f) => MeanEstimate.Of(perRunDay.Select(r => f(r[d].Measured)).ToList());
            days[d] = new DayKpis(
                scenario.StartDate.AddDays(d),
                MeanEstimate.Of(perRunDay.Select(r => (double)r[d].Issued).ToList()),
                Of(m => m.Mean),
                Of(m => m.P90),
                Of(m => m.Within),
                Of(m => m.Abandon),
                open.Average(o => o.Length == 0 ? 0 : o.Average(x => x.MeanOpenWindows)),
                open.Max(o => o.Length == 0 ? 0 : o.Max(x => x.MeanOpenWindows)))
            {
                TotalWaitingByReplication = [.. perRunDay.Select(r => r[d].Measured.Total)],
            };
        }

        return days;
    }

    private readonly record struct Measured(double Mean, double P90, double Within, double Abandon, double Total, double TurnedAway, double Excess);

    /// <summary>The wait KPIs of a set of tickets: a ticket never called waits until <paramref name="horizonEnd"/>.</summary>
    private static Measured Measure(IEnumerable<TicketRecord> tickets, double horizonEnd, double waitTargetMinutes, Action<double, double>? perWait)
    {
        var waits = new List<double>();
        int issued = 0, within = 0, noShows = 0, balked = 0;
        double excess = 0;
        foreach (var t in tickets)
        {
            if (t.IssuedAt is not { } at)
            {
                balked += t.Outcome == TicketOutcome.Balked ? 1 : 0;
                continue;
            }

            issued++;
            noShows += t.Outcome == TicketOutcome.NoShow ? 1 : 0;
            if ((t.Wait ?? (t.Outcome == TicketOutcome.InProgress ? horizonEnd - at : null)) is { } w)
            {
                waits.Add(w);
                within += w <= waitTargetMinutes ? 1 : 0;
                excess += Math.Max(0, w - waitTargetMinutes);
                perWait?.Invoke(at, w);
            }
        }

        waits.Sort();
        var p90 = waits.Count == 0 ? 0 : waits[Math.Min(waits.Count - 1, (int)Math.Ceiling(0.9 * waits.Count) - 1)];
        return new Measured(waits.Count == 0 ? 0 : waits.Average(), p90, issued == 0 ? 1 : (double)within / issued,
            issued == 0 ? 0 : (double)noShows / issued, waits.Sum(), balked + noShows, excess);
    }

    /// <summary>Paid working hours of a roster (shift working minutes), or window-hours of open-window counts.</summary>
    /// <param name="scenario">The scenario with the shift templates and calendar.</param>
    /// <param name="staffing">The staffing.</param>
    public static double StaffHours(Scenario scenario, StaffingPlan staffing)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(staffing);
        if (staffing.Roster is { } roster)
        {
            var shifts = scenario.Shifts.ToDictionary(s => s.Id, StringComparer.Ordinal);
            return roster.Assignments.Sum(a => shifts.TryGetValue(a.ShiftId, out var s) ? s.WorkingMinutes : 0) / 60;
        }

        double minutes = 0;
        for (var d = 0; d < scenario.Days; d++)
        {
            var date = scenario.StartDate.AddDays(d);
            if (scenario.Calendar.SessionsOn(date).Count == 0)
            {
                continue;
            }

            var list = staffing.ByDate is not null && staffing.ByDate.TryGetValue(date, out var byDate) ? byDate : staffing.Daily ?? [];
            minutes += list.Sum(o => (o.To - o.From).TotalMinutes * o.Windows);
        }

        return minutes / 60;
    }
}

/// <summary>One date's KPIs over replications (<see cref="RosterEvaluator.SummariseDays"/>).</summary>
/// <param name="Date">The date.</param>
/// <param name="Tickets">Window tickets issued that day.</param>
/// <param name="MeanWait">Mean wait of those tickets, minutes (never-called tickets until the horizon's end).</param>
/// <param name="P90Wait">90th percentile of their waits, minutes.</param>
/// <param name="WithinTarget">Share called within the target (1 on a day without tickets).</param>
/// <param name="LeftBeforeCalled">Share whose holder had left when called.</param>
/// <param name="MeanOpenWindows">Mean windows open over the day's intervals with a window open (0 on a closed day).</param>
/// <param name="MostOpenWindows">The most windows open in any interval of the day, in any replication (each interval's
/// time-average open windows).</param>
public sealed record DayKpis(DateOnly Date, MeanEstimate Tickets, MeanEstimate MeanWait, MeanEstimate P90Wait, MeanEstimate WithinTarget, MeanEstimate LeftBeforeCalled, double MeanOpenWindows, double MostOpenWindows)
{
    /// <summary>Per replication: Σ waits of the tickets issued that day, citizen-minutes (never-called tickets until the
    /// horizon's end), for paired comparisons of two rosters' days under common random numbers.</summary>
    public IReadOnlyList<double> TotalWaitingByReplication { get; init; } = [];

    /// <summary>True when no ticket was issued that day in any replication (a closed day: no verdict).</summary>
    public bool Closed => Tickets.Mean <= 0;
}
