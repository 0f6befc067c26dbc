using HallSim.Experiments;
using HallSim.Model;
using HallSim.Scenarios;

namespace HallSim.Intraday;

/// <summary>
/// The rest of a day from what the hall looks like now: the day's demand re-forecast from the tickets seen so far,
/// and the hall simulated from its present state with that uncertainty carried into the replications.
/// </summary>
public static class IntradayForecast
{
    /// <summary>
    /// Re-forecasts the rest of the day's walk-in demand from the walk-in tickets issued so far (a Gamma–Poisson
    /// update). The forecast's own expectation of walk-in tickets by <paramref name="at"/>, E, is what the scenario
    /// gives when the day is simulated from opening (<paramref name="replications"/> runs, so balking, self-service and
    /// appointments are counted as the model counts them). With a prior multiplier m ~ Gamma(k, k) — mean 1, coefficient
    /// of variation <paramref name="priorCv"/>, k = 1/cv² — and N ~ Poisson(m·E) tickets seen, the multiplier is
    /// Gamma(k + N, k + E) afterwards.
    /// </summary>
    /// <param name="staffing">The day's hall and staffing, compiled (its scenario starts on the day).</param>
    /// <param name="at">The moment, local time, on the scenario's first date.</param>
    /// <param name="walkInTicketsSoFar">Walk-in tickets issued that day up to <paramref name="at"/> (N).</param>
    /// <param name="priorCv">How far a day's volume strays from the forecast before anything is seen, as a coefficient of
    /// variation, greater than 0 (default 0.2: one day in twenty more than ~40% off).</param>
    /// <param name="replications">Runs of the day from opening for E (default 40).</param>
    /// <param name="seed">Seed of those runs (default 1).</param>
    /// <remarks>When citizens balk at a long queue, tickets grow less than demand does, so on a day of heavy balking the
    /// update understates a surge (the multiplier is of tickets that the model would issue, not of arrivals).</remarks>
    public static DemandUpdate Update(CompiledStaffing staffing, DateTime at, int walkInTicketsSoFar, double priorCv = 0.2, int replications = 40, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        ArgumentOutOfRangeException.ThrowIfNegative(walkInTicketsSoFar);
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 1);
        if (!(priorCv > 0) || !double.IsFinite(priorCv))
        {
            throw new ArgumentOutOfRangeException(nameof(priorCv), priorCv, "must be a finite number greater than 0");
        }

        var start = staffing.Hall.Scenario.StartDate;
        if (DateOnly.FromDateTime(at) != start)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"must be on the scenario's first date {start:yyyy-MM-dd}");
        }

        var minutes = (at - start.ToDateTime(TimeOnly.MinValue)).TotalMinutes;
        var counts = ReplicationRunner.Run(replications, rep =>
        {
            var run = HallModel.Run(staffing, seed, rep, new HallRunOptions { KeepTickets = true });
            return (double)run.Tickets!.Count(t => t.IssuedAt is { } i && i <= minutes && t.Channel != TicketChannel.Appointment);
        });
        var expected = counts.Average();
        var k = 1 / (priorCv * priorCv);
        return new DemandUpdate(new DemandMultiplier(k + walkInTicketsSoFar, k + expected), expected, walkInTicketsSoFar, priorCv);
    }

    /// <summary>Simulates the rest of the day from <paramref name="state"/>: per interval from the moment on, the mean wait
    /// and service level with 95% intervals across replications, when the last ticket is called, and how long the
    /// citizens waiting now still wait.</summary>
    /// <param name="staffing">The day's hall and staffing, compiled (its scenario starts on the state's date).</param>
    /// <param name="state">The hall now.</param>
    /// <param name="demand">The re-forecast (<see cref="Update"/>), or null to keep the forecast.</param>
    /// <param name="replications">Replications, at least 2 (default 40).</param>
    /// <param name="seed">Seed (default 1).</param>
    /// <param name="options">Result options (interval length, wait target); <see cref="HallRunOptions.StartFrom"/> and
    /// <see cref="HallRunOptions.RestOfDayDemand"/> are set from the other arguments.</param>
    public static RestOfDay RestOfDay(CompiledStaffing staffing, HallState state, DemandMultiplier? demand = null, int replications = 40, ulong seed = 1, HallRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 2);
        var runOptions = (options ?? new HallRunOptions()) with { StartFrom = state, RestOfDayDemand = demand, KeepTickets = true };
        EnsureValid(staffing, runOptions);
        var start = staffing.Hall.Scenario.StartDate;
        var origin = start.ToDateTime(TimeOnly.MinValue);
        var now = (state.At - origin).TotalMinutes;
        var runs = ReplicationRunner.Run(replications, rep => HallModel.Run(staffing, seed, rep, runOptions));

        var grid = runs[0].Grid;
        var first = (int)Math.Floor(now / grid.Length);
        var dayEnd = IntervalGrid.MinutesPerDay / grid.Length;
        var intervals = new List<RestOfDayInterval>();
        for (var i = first; i < dayEnd; i++)
        {
            var index = i;
            var issued = runs.Select(r => (double)r.Intervals[index].TicketsIssued).ToList();
            if (issued.All(x => x == 0) && runs.All(r => r.Intervals[index].MeanQueue == 0))
            {
                continue; // the hall is closed and empty
            }

            // The interval that holds the moment: its queue averaged over the part after the moment (before it the
            // restored run's hall is empty).
            var after = index == first ? ((index + 1) * grid.Length) - now : grid.Length;
            var scale = after > 0 ? grid.Length / after : 1;
            intervals.Add(new RestOfDayInterval(
                origin.AddMinutes(index * grid.Length),
                MeanEstimate.Of(runs.Select(r => r.Intervals[index].MeanWait).ToList()),
                MeanEstimate.Of(runs.Select(r => r.Intervals[index].ServiceLevel).ToList()),
                MeanEstimate.Of(issued),
                MeanEstimate.Of(runs.Select(r => r.Intervals[index].MeanQueue * scale).ToList())));
        }

        // The last call of the day, and the wait still ahead of those waiting now (by issue time and service code,
        // the citizens of the state are the tickets issued at or before the moment that were not in service).
        var lastCalls = runs.Select(r => r.Tickets!.Where(t => t.CalledAt is { } c && c < IntervalGrid.MinutesPerDay).Select(t => t.CalledAt!.Value).DefaultIfEmpty(now).Max()).ToList();
        var stillAhead = runs.Select(r =>
        {
            var waiting = r.Tickets!.Where(t => t.IssuedAt is { } i && i <= now && (t.CalledAt is null || t.CalledAt >= now) && !(t.ServiceStart is { } s && s < now)).ToList();
            var called = waiting.Where(t => t.CalledAt is not null).ToList();
            return (Mean: called.Count == 0 ? 0 : called.Average(t => t.CalledAt!.Value - now), Absent: waiting.Count(t => t.Outcome == TicketOutcome.NoShow));
        }).ToList();
        var balked = runs.Select(r => (double)r.Tickets!.Count(t => t.Outcome == TicketOutcome.Balked && t.ArrivedAt >= now && t.ArrivedAt < IntervalGrid.MinutesPerDay)).ToList();
        var sortedLast = lastCalls.Order().ToList();
        return new RestOfDay(
            state.At,
            replications,
            demand,
            intervals,
            origin.AddMinutes(Percentile(sortedLast, 0.5)),
            origin.AddMinutes(Percentile(sortedLast, 0.025)),
            origin.AddMinutes(Percentile(sortedLast, 0.975)),
            state.Waiting.Count,
            MeanEstimate.Of(stillAhead.Select(x => x.Mean).ToList()),
            MeanEstimate.Of(stillAhead.Select(x => (double)x.Absent).ToList()),
            MeanEstimate.Of(balked));
    }

    /// <summary>
    /// Simulates each action from the same state, on the same seeds as doing nothing (common random numbers: the same
    /// citizens come in every run), and ranks them by the mean wait from the moment on. Each effect is a paired
    /// difference against doing nothing with its 95% interval.
    /// </summary>
    /// <param name="staffing">The day's hall and staffing, compiled.</param>
    /// <param name="state">The hall now.</param>
    /// <param name="actions">What could be done (see <see cref="DefaultActions"/>); an action may bring its own staffing
    /// (a re-planned roster).</param>
    /// <param name="demand">The re-forecast, or null.</param>
    /// <param name="replications">Replications, at least 2 (default 40).</param>
    /// <param name="seed">Seed (default 1).</param>
    /// <param name="options">Result options (interval, wait target).</param>
    /// <returns>Doing nothing first, then the actions from the shortest mean wait to the longest.</returns>
    public static IReadOnlyList<ActionEffect> Compare(CompiledStaffing staffing, HallState state, IReadOnlyList<IntradayAction> actions, DemandMultiplier? demand = null, int replications = 40, ulong seed = 1, HallRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 2);
        var origin = staffing.Hall.Scenario.StartDate.ToDateTime(TimeOnly.MinValue);
        var now = (state.At - origin).TotalMinutes;
        var baseOptions = (options ?? new HallRunOptions()) with { StartFrom = state, RestOfDayDemand = demand, KeepTickets = true };
        EnsureValid(staffing, baseOptions);
        foreach (var a in actions)
        {
            EnsureValid(a.Staffing ?? staffing, baseOptions with { Today = a.Changes });
        }

        List<(double Wait, double Away, double LastCall)> Measure(CompiledStaffing s, SameDayChanges? today) =>
            [.. ReplicationRunner.Run(replications, rep =>
            {
                var run = HallModel.Run(s, seed, rep, baseOptions with { Today = today });
                var called = run.Tickets!.Where(t => t.CalledAt is { } c && c >= now && c < IntervalGrid.MinutesPerDay && t.IssuedAt is not null).ToList();
                var wait = called.Count == 0 ? 0 : called.Average(t => t.Wait!.Value);
                var away = run.Tickets!.Count(t => t.Outcome == TicketOutcome.Balked && t.ArrivedAt >= now && t.ArrivedAt < IntervalGrid.MinutesPerDay);
                var last = called.Count == 0 ? now : called.Max(t => t.CalledAt!.Value);
                return (wait, (double)away, last);
            })];

        var baseline = Measure(staffing, null);
        ActionEffect Effect(string name, string description, double hours, SameDayChanges? changes, List<(double Wait, double Away, double LastCall)> m) => new(
            name,
            description,
            hours,
            changes,
            MeanEstimate.Of(m.Select(x => x.Wait).ToList()),
            MeanEstimate.Of(m.Select((x, i) => x.Wait - baseline[i].Wait).ToList()),
            MeanEstimate.Of(m.Select(x => x.Away).ToList()),
            MeanEstimate.Of(m.Select((x, i) => x.Away - baseline[i].Away).ToList()),
            origin.AddMinutes(Percentile([.. m.Select(x => x.LastCall).Order()], 0.5)));

        var effects = actions.Select(a => Effect(a.Name, a.Description, a.ExtraStaffHours, a.Changes, Measure(a.Staffing ?? staffing, a.Changes))).OrderBy(e => e.MeanWait.Mean).ToList();
        return [Effect("as planned", "Nothing changes.", 0, null, baseline), .. effects];
    }

    /// <summary>Windows that nobody staffs for the whole of [<paramref name="from"/>, <paramref name="to"/>) — the
    /// roster less the absent staff of <paramref name="state"/> — where extra staff could work.</summary>
    /// <param name="staffing">The day's hall and staffing, compiled.</param>
    /// <param name="state">The hall now (its absent staff free their windows).</param>
    /// <param name="from">Start, local time.</param>
    /// <param name="to">End, local time.</param>
    public static int FreeWindows(CompiledStaffing staffing, HallState state, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        ArgumentNullException.ThrowIfNull(state);
        return HallRun.FreeWindows(staffing, new HallRunOptions { StartFrom = state }, from, to);
    }

    /// <summary>What a manager can do from the state's moment: call one or two extra people to windows nobody staffs,
    /// half an hour from now until closing (only as many as there are such windows), or stop issuing tickets for the
    /// category with the most tickets waiting (from 16:00, or an hour from now if later).</summary>
    /// <param name="staffing">The day's hall and staffing, compiled (its first date is the day).</param>
    /// <param name="state">The hall now.</param>
    public static IReadOnlyList<IntradayAction> DefaultActions(CompiledStaffing staffing, HallState state)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        ArgumentNullException.ThrowIfNull(state);
        var at = state.At;
        var day = DateOnly.FromDateTime(at);
        var compiledDay = staffing.Hall.Days[0];
        if (compiledDay.Sessions.Length == 0)
        {
            return [];
        }

        var close = day.ToDateTime(TimeOnly.MinValue).AddMinutes(compiledDay.Sessions[^1].Close);
        var from = at.AddMinutes(30);
        var actions = new List<IntradayAction>();
        var free = from < close ? FreeWindows(staffing, state, from, close) : 0;
        if (free >= 1)
        {
            // Paid for the hours the hall is open after `from` (a lunch closure is a break for them too).
            var dayStart = day.ToDateTime(TimeOnly.MinValue);
            var fromMinutes = (from - dayStart).TotalMinutes;
            var pieces = compiledDay.Sessions
                .Where(x => x.Close > fromMinutes)
                .Select(x => new ExtraWindow(dayStart.AddMinutes(Math.Max(x.Open, fromMinutes)), dayStart.AddMinutes(x.Close)))
                .ToList();
            var hours = pieces.Sum(x => (x.To - x.From).TotalHours);
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            actions.Add(new IntradayAction("one extra person", string.Create(inv, $"One person called in at {from:HH:mm} to an unstaffed window until {close:HH:mm} (in the hall's sessions)."), hours, new SameDayChanges { ExtraWindows = pieces }));
            if (free >= 2)
            {
                actions.Add(new IntradayAction("two extra people", string.Create(inv, $"Two people called in at {from:HH:mm} to unstaffed windows until {close:HH:mm} (in the hall's sessions)."), 2 * hours, new SameDayChanges { ExtraWindows = [.. pieces, .. pieces] }));
            }
        }

        var busiest = state.Waiting.GroupBy(w => w.ServiceCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
        var stop = day.ToDateTime(new TimeOnly(16, 0)) > at.AddHours(1) ? day.ToDateTime(new TimeOnly(16, 0)) : at.AddHours(1);
        if (busiest is not null && stop < close)
        {
            actions.Add(new IntradayAction($"stop issuing {busiest} tickets", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"No more {busiest} tickets from {stop:HH:mm}: citizens who come for one then are turned away."), 0, new SameDayChanges { StopIssuing = [new TicketStop(busiest, stop)] }));
        }

        return actions;
    }

    private static void EnsureValid(CompiledStaffing staffing, HallRunOptions options)
    {
        // Before the replications: inside them a problem would arrive wrapped in an AggregateException.
        var problems = HallModel.Validate(staffing, options);
        if (problems.Count > 0)
        {
            throw new ScenarioValidationException("startFrom", problems);
        }
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var x = p * (sorted.Count - 1);
        var lo = (int)Math.Floor(x);
        var hi = Math.Min(sorted.Count - 1, lo + 1);
        return sorted[lo] + ((x - lo) * (sorted[hi] - sorted[lo]));
    }
}

/// <summary>What <see cref="IntradayForecast.Update"/> found.</summary>
/// <param name="Multiplier">The rest of the day's walk-in demand against the forecast, as a distribution.</param>
/// <param name="ExpectedSoFar">Walk-in tickets the forecast expected by the moment (E).</param>
/// <param name="ObservedSoFar">Walk-in tickets seen by the moment (N).</param>
/// <param name="PriorCv">The prior coefficient of variation used.</param>
public sealed record DemandUpdate(DemandMultiplier Multiplier, double ExpectedSoFar, int ObservedSoFar, double PriorCv)
{
    /// <summary>The multiplier's 95% interval (2.5% and 97.5% quantiles).</summary>
    public (double Lower, double Upper) Interval95 => (Multiplier.Quantile(0.025), Multiplier.Quantile(0.975));
}

/// <summary>One interval of the rest of the day, across replications (95% intervals of the mean).</summary>
/// <param name="Start">Interval start, local time.</param>
/// <param name="MeanWait">Mean wait of the tickets issued in the interval and called, minutes.</param>
/// <param name="ServiceLevel">Share called within the target.</param>
/// <param name="TicketsIssued">Tickets issued (for the interval that holds the moment: those of the state issued in it too).</param>
/// <param name="MeanQueue">Time-average number waiting.</param>
public sealed record RestOfDayInterval(DateTime Start, MeanEstimate MeanWait, MeanEstimate ServiceLevel, MeanEstimate TicketsIssued, MeanEstimate MeanQueue);

/// <summary>The rest of a day simulated from a state.</summary>
/// <param name="At">The moment it starts from.</param>
/// <param name="Replications">Replications run.</param>
/// <param name="Demand">The re-forecast used, or null for the plain forecast.</param>
/// <param name="Intervals">From the moment's interval to the last one with tickets or a queue.</param>
/// <param name="LastCall">When the last ticket of the day is called (median over replications).</param>
/// <param name="LastCallEarly">2.5% quantile of the last call.</param>
/// <param name="LastCallLate">97.5% quantile of the last call.</param>
/// <param name="WaitingNow">Tickets waiting at the moment.</param>
/// <param name="WaitAheadOfWaitingNow">Minutes from the moment until those waiting now are called, on average.</param>
/// <param name="AbsentWhenCalled">How many of those waiting now will have left when called.</param>
/// <param name="TurnedAway">Citizens who leave without a ticket for the rest of the day.</param>
public sealed record RestOfDay(
    DateTime At,
    int Replications,
    DemandMultiplier? Demand,
    IReadOnlyList<RestOfDayInterval> Intervals,
    DateTime LastCall,
    DateTime LastCallEarly,
    DateTime LastCallLate,
    int WaitingNow,
    MeanEstimate WaitAheadOfWaitingNow,
    MeanEstimate AbsentWhenCalled,
    MeanEstimate TurnedAway);

/// <summary>Something a manager can do for the rest of a day.</summary>
/// <param name="Name">A short name.</param>
/// <param name="Description">What it means, in a sentence.</param>
/// <param name="ExtraStaffHours">Staff-hours it adds (0 when it adds none).</param>
/// <param name="Changes">The same-day changes it makes, or null.</param>
/// <param name="Staffing">A staffing that replaces the day's (a re-planned roster), or null to keep it.</param>
public sealed record IntradayAction(string Name, string Description, double ExtraStaffHours, SameDayChanges? Changes, CompiledStaffing? Staffing = null);

/// <summary>What an action does to the rest of the day, against doing nothing on the same seeds.</summary>
/// <param name="Name">The action.</param>
/// <param name="Description">What it means.</param>
/// <param name="ExtraStaffHours">Staff-hours it adds.</param>
/// <param name="Changes">The same-day changes it made (null for doing nothing or a replaced staffing alone).</param>
/// <param name="MeanWait">Mean wait of the tickets called from the moment on, minutes.</param>
/// <param name="MeanWaitChange">Paired difference against doing nothing, minutes (negative: shorter).</param>
/// <param name="TurnedAway">Citizens turned away from the moment on (balked, or refused a ticket).</param>
/// <param name="TurnedAwayChange">Paired difference against doing nothing.</param>
/// <param name="LastCall">When the last ticket is called (median).</param>
public sealed record ActionEffect(string Name, string Description, double ExtraStaffHours, SameDayChanges? Changes, MeanEstimate MeanWait, MeanEstimate MeanWaitChange, MeanEstimate TurnedAway, MeanEstimate TurnedAwayChange, DateTime LastCall);
