using HallSim.Experiments;
using HallSim.Model;

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

            intervals.Add(new RestOfDayInterval(
                origin.AddMinutes(index * grid.Length),
                MeanEstimate.Of(runs.Select(r => r.Intervals[index].MeanWait).ToList()),
                MeanEstimate.Of(runs.Select(r => r.Intervals[index].ServiceLevel).ToList()),
                MeanEstimate.Of(issued),
                MeanEstimate.Of(runs.Select(r => r.Intervals[index].MeanQueue).ToList())));
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
