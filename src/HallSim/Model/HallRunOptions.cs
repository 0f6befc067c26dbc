namespace HallSim.Model;

/// <summary>Options of one hall simulation run.</summary>
public sealed record HallRunOptions
{
    /// <summary>Length of the result intervals in minutes; must divide 1440 (default 60; 15 and 30 are common).</summary>
    public double IntervalMinutes { get; init; } = 60;

    /// <summary>The service-level target: a ticket called within this many minutes counts as served in time (default 15).</summary>
    public double WaitTargetMinutes { get; init; } = 15;

    /// <summary>Keep one <see cref="TicketRecord"/> per citizen (default true). False: summary-only, memory bounded by the
    /// number of intervals, for long runs such as a season × 100 replications.</summary>
    public bool KeepTickets { get; init; } = true;

    /// <summary>Samples per interval of the number of citizens in the system (waiting and still present, plus being
    /// served), at evenly spaced points; 0 (default) takes none. ISA uses them.</summary>
    public int NumberInSystemSamplesPerInterval { get; init; }

    /// <summary>Start the run from this state of the hall at its moment (intraday: the rest of the day from "now");
    /// null (default) starts at the beginning of the scenario with an empty hall. See <see cref="HallState"/>.</summary>
    public HallState? StartFrom { get; init; }

    /// <summary>With <see cref="StartFrom"/>: the re-forecast of the rest of the state's day, a multiplier of its
    /// remaining walk-in demand that each replication draws for itself; null (default) keeps the forecast (1).</summary>
    public DemandMultiplier? RestOfDayDemand { get; init; }

    /// <summary>Changes made to the scenario's first day once it has begun (extra staff, categories that stop issuing
    /// tickets); null (default) changes nothing. See <see cref="SameDayChanges"/>.</summary>
    public SameDayChanges? Today { get; init; }

    /// <summary>Throws when the options have problems (interval length, wait target); every one is listed.</summary>
    internal static void EnsureValid(HallRunOptions options)
    {
        var problems = StaffingValidator.Options(options);
        if (problems.Count > 0)
        {
            throw new HallSim.Scenarios.ScenarioValidationException("options", problems);
        }
    }
}

/// <summary>How many visits ended each way. Conservation: <see cref="Arrived"/> is the sum of all the others except
/// <see cref="Transferred"/> (a transfer is not the end of a visit).</summary>
/// <param name="Arrived">Citizens who entered the hall.</param>
/// <param name="Served">Served at a window.</param>
/// <param name="Balked">Left without a ticket.</param>
/// <param name="NoShow">Absent when called.</param>
/// <param name="Cancelled">Cancelled before being called.</param>
/// <param name="SelfServed">Done at a self-service machine.</param>
/// <param name="InProgress">Still in the hall when the run ended.</param>
public sealed record OutcomeCounts(int Arrived, int Served, int Balked, int NoShow, int Cancelled, int SelfServed, int InProgress)
{
    /// <summary>Visits found incomplete at a window (journeys only; 0 otherwise).</summary>
    public int Incomplete { get; init; }

    /// <summary>Visits turned back at reception (journeys only; 0 otherwise).</summary>
    public int TurnedBack { get; init; }

    /// <summary>Tickets transferred to another window group: not final, the visit goes on (journeys only; 0 otherwise).</summary>
    public int Transferred { get; init; }
}

/// <summary>One simulated day.</summary>
/// <param name="Date">The date.</param>
/// <param name="Arrivals">Citizens who entered.</param>
/// <param name="TicketsIssued">Window tickets issued.</param>
/// <param name="MeanWait">Mean wait of called tickets, minutes.</param>
/// <param name="ServiceLevel">Tickets called within the target ÷ tickets issued (1 if none).</param>
/// <param name="OvertimeMinutes">Minutes the last service ran past the last session's closing time (0 if none).</param>
public sealed record DayResult(DateOnly Date, int Arrivals, int TicketsIssued, double MeanWait, double ServiceLevel, double OvertimeMinutes)
{
    /// <summary>
    /// Tickets issued this day that were never called: still waiting when the run ended because no window that can
    /// serve them was staffed at or after the cut-off (0 when the staffing covers the opening hours; a ticket left
    /// waiting at the end of an earlier day is called when windows open again, with its whole wait). They count as
    /// not called within the target in <see cref="ServiceLevel"/>; <see cref="MeanWait"/> is of called tickets only, so
    /// a positive count means the mean wait understates the day.
    /// </summary>
    public int NeverCalled { get; init; }

    /// <summary>
    /// Window-minutes worked after the window closed, summed over windows: staff finishing a service past the end of
    /// their shift or the start of their break, and serving the queue left after the ticket cut-off. Unpaid by the
    /// roster's staff-hours, so every comparison of rosters counts it (<see cref="RosterEvaluation.OvertimeHours"/>).
    /// Not counted: a service running on while a colleague takes over the same window at that moment.
    /// </summary>
    public double StaffOvertimeMinutes { get; init; }
}

/// <summary>The results of one run: per interval, per day, per window, and optionally per ticket.</summary>
/// <param name="Grid">The result intervals.</param>
/// <param name="Intervals">One result per interval of <paramref name="Grid"/>.</param>
/// <param name="Days">One result per simulated date.</param>
/// <param name="WindowUtilisation">Per window: busy time ÷ open time (0 for a window never open).</param>
/// <param name="Totals">Outcome counts; conservation holds exactly.</param>
/// <param name="Tickets">One record per citizen in order of arrival, or null in summary-only mode.</param>
public sealed record HallRunResult(
    IntervalGrid Grid,
    IReadOnlyList<IntervalResult> Intervals,
    IReadOnlyList<DayResult> Days,
    IReadOnlyList<double> WindowUtilisation,
    OutcomeCounts Totals,
    IReadOnlyList<TicketRecord>? Tickets)
{
    /// <summary>Per window (outer, in scenario order) and interval (inner): busy time ÷ open time in that interval;
    /// 0 when the window was closed for the whole interval. Busy time after closing (overtime) counts against the
    /// open time of the interval, capped at 1.</summary>
    public IReadOnlyList<IReadOnlyList<double>> WindowUtilisationByInterval { get; init; } = [];

    /// <summary>The number of citizens in the system sampled at <see cref="HallRunOptions.NumberInSystemSamplesPerInterval"/>
    /// points per interval: entry i·k + j is point j of interval i (empty unless requested).</summary>
    public IReadOnlyList<int> NumberInSystem { get; init; } = [];

    /// <summary>What the citizen journeys did; null when the scenario has no <see cref="HallSim.Scenarios.Scenario.Journeys"/>.</summary>
    public JourneyResult? Journeys { get; init; }
}
