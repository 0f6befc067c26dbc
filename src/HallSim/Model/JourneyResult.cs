namespace HallSim.Model;

/// <summary>
/// What the citizen journeys of a run did (see <see cref="HallSim.Scenarios.Journeys"/>): reception, incomplete
/// applications and their return visits, transfers, back-office work and pickups, queue-triggered windows, the
/// displayed wait. Counts are of the whole run; lists by day have one entry per simulated date.
/// </summary>
public sealed record JourneyResult
{
    /// <summary>First visits (citizens who came for the first time in the run).</summary>
    public int FirstVisits { get; init; }

    /// <summary>Return visits (citizens back after being sent home with incomplete papers).</summary>
    public int ReturnVisits { get; init; }

    /// <summary>Pickup visits.</summary>
    public int PickupVisits { get; init; }

    /// <summary>Return visits that arrived, by day.</summary>
    public IReadOnlyList<int> ReturnVisitsByDay { get; init; } = [];

    /// <summary>Visits (first or return) that reached a decision: served to the end, found incomplete at a window, or
    /// turned back at reception.</summary>
    public int Decided { get; init; }

    /// <summary>Of <see cref="Decided"/>, those served to the end (after a transfer, if any).</summary>
    public int Resolved { get; init; }

    /// <summary>First visits decided and served to the end ÷ first visits decided (1 when none): the first-visit
    /// resolution rate.</summary>
    public double FirstVisitResolution { get; init; } = 1;

    /// <summary>Citizens turned back by reception (incomplete papers caught before a ticket).</summary>
    public int TurnedBackAtReception { get; init; }

    /// <summary>Tickets found incomplete at a window.</summary>
    public int IncompleteAtWindow { get; init; }

    /// <summary>Citizens sent home who do not come back (by <see cref="HallSim.Scenarios.ReturnVisits.ReturnShare"/>, or
    /// because return visits are not modelled).</summary>
    public int NotReturning { get; init; }

    /// <summary>Return visits that would fall after their category's deadline: lost.</summary>
    public int ReturnsLostAfterDeadline { get; init; }

    /// <summary>Return visits that would fall after the run's last day (not simulated).</summary>
    public int ReturnsBeyondRun { get; init; }

    /// <summary>Citizens seen at reception.</summary>
    public int ReceptionServed { get; init; }

    /// <summary>Mean wait for a reception desk, minutes (0 if nobody was seen).</summary>
    public double ReceptionMeanWait { get; init; }

    /// <summary>Tickets transferred to a dedicated window group.</summary>
    public int Transfers { get; init; }

    /// <summary>Applications that entered the back-office backlog.</summary>
    public int BackOfficeAccepted { get; init; }

    /// <summary>Back-office applications finished.</summary>
    public int BackOfficeCompleted { get; init; }

    /// <summary>Back-office applications finished after their due time.</summary>
    public int BackOfficeLate { get; init; }

    /// <summary>Back-office applications unfinished at the end of the run whose due time had passed by then.</summary>
    public int BackOfficeOverdueAtEnd { get; init; }

    /// <summary>Unfinished back-office applications at the last closing of each day.</summary>
    public IReadOnlyList<int> BackOfficeBacklogByDay { get; init; } = [];

    /// <summary>Minutes of back-office work done by the dedicated back-office staff.</summary>
    public double BackOfficeStaffMinutes { get; init; }

    /// <summary>Minutes of back-office work done by window staff between tickets.</summary>
    public double BackOfficeWindowMinutes { get; init; }

    /// <summary>Pickup visits that would fall after the run's last day (not simulated).</summary>
    public int PickupsBeyondRun { get; init; }

    /// <summary>How many times a queue-triggered window opened.</summary>
    public int TriggeredOpenings { get; init; }

    /// <summary>Queue-triggered openings by day.</summary>
    public IReadOnlyList<int> TriggeredOpeningsByDay { get; init; } = [];

    /// <summary>Minutes queue-triggered windows were open, summed over windows.</summary>
    public double TriggeredOpenMinutes { get; init; }

    /// <summary>Walk-ins who left on seeing the displayed wait.</summary>
    public int BalkedOnDisplayedWait { get; init; }
}

/// <summary>The counters of a run's journeys, filled as it goes.</summary>
internal sealed class JourneyTally(int days)
{
    public int FirstVisits, ReturnVisits, PickupVisits, Decided, Resolved, FirstDecided, FirstResolved;
    public int TurnedBack, IncompleteAtWindow, NotReturning, LostAfterDeadline, ReturnsBeyondRun;
    public int ReceptionServed;
    public double ReceptionWaitSum;
    public int Transfers, Accepted, Completed, Late, OverdueAtEnd, PickupsBeyondRun;
    public double StaffMinutes, WindowMinutes;
    public int Openings, BalkedOnDisplay;
    public double OpenMinutes;
    public readonly int[] ReturnsByDay = new int[days];
    public readonly int[] BacklogByDay = new int[days];
    public readonly int[] OpeningsByDay = new int[days];

    public void Decide(bool firstVisit, bool resolved)
    {
        Decided++;
        Resolved += resolved ? 1 : 0;
        if (firstVisit)
        {
            FirstDecided++;
            FirstResolved += resolved ? 1 : 0;
        }
    }

    public JourneyResult ToResult() => new()
    {
        FirstVisits = FirstVisits,
        ReturnVisits = ReturnVisits,
        PickupVisits = PickupVisits,
        ReturnVisitsByDay = ReturnsByDay,
        Decided = Decided,
        Resolved = Resolved,
        FirstVisitResolution = FirstDecided > 0 ? (double)FirstResolved / FirstDecided : 1,
        TurnedBackAtReception = TurnedBack,
        IncompleteAtWindow = IncompleteAtWindow,
        NotReturning = NotReturning,
        ReturnsLostAfterDeadline = LostAfterDeadline,
        ReturnsBeyondRun = ReturnsBeyondRun,
        ReceptionServed = ReceptionServed,
        ReceptionMeanWait = ReceptionServed > 0 ? ReceptionWaitSum / ReceptionServed : 0,
        Transfers = Transfers,
        BackOfficeAccepted = Accepted,
        BackOfficeCompleted = Completed,
        BackOfficeLate = Late,
        BackOfficeOverdueAtEnd = OverdueAtEnd,
        BackOfficeBacklogByDay = BacklogByDay,
        BackOfficeStaffMinutes = StaffMinutes,
        BackOfficeWindowMinutes = WindowMinutes,
        PickupsBeyondRun = PickupsBeyondRun,
        TriggeredOpenings = Openings,
        TriggeredOpeningsByDay = OpeningsByDay,
        TriggeredOpenMinutes = OpenMinutes,
        BalkedOnDisplayedWait = BalkedOnDisplay,
    };
}
