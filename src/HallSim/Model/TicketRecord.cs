namespace HallSim.Model;

/// <summary>How a citizen's visit (or one leg of it) ended. <see cref="Served"/>, <see cref="NoShow"/>,
/// <see cref="Cancelled"/> and <see cref="Transferred"/> are what a real queue system logs (an <see cref="Incomplete"/>
/// visit shows there as served); the others exist only in simulation. Every visit ends in exactly one final outcome;
/// <see cref="Transferred"/> is not final (the visit goes on at another window).</summary>
public enum TicketOutcome
{
    /// <summary>Called and served at a window.</summary>
    Served,

    /// <summary>Called but absent (recalled, then skipped): how a citizen who left shows up in a real log.</summary>
    NoShow,

    /// <summary>Cancelled by the citizen before being called (appointments).</summary>
    Cancelled,

    /// <summary>Sent to another queue.</summary>
    Transferred,

    /// <summary>Simulation only: left without taking a ticket on seeing the queue.</summary>
    Balked,

    /// <summary>Simulation only: done at a self-service machine, no window ticket.</summary>
    SelfService,

    /// <summary>Simulation only: still in the hall (waiting or being served) when the run ended.</summary>
    InProgress,

    /// <summary>Called and found incomplete at the window after a short service: sent home to complete the papers (a
    /// real log shows it as served; it may come back as a return visit).</summary>
    Incomplete,

    /// <summary>Simulation only: sent home by reception with incomplete papers, before taking a ticket.</summary>
    TurnedBack,
}

/// <summary>Which part of a citizen's journey a record is.</summary>
public enum JourneyStep
{
    /// <summary>The first visit.</summary>
    FirstVisit,

    /// <summary>A visit again after being sent home with incomplete papers.</summary>
    ReturnVisit,

    /// <summary>The second service of a transferred ticket (same visit, another window).</summary>
    Transfer,

    /// <summary>A visit to collect a finished application.</summary>
    Pickup,
}

/// <summary>How the citizen came.</summary>
public enum TicketChannel
{
    /// <summary>Took a number at the kiosk on arrival.</summary>
    WalkIn,

    /// <summary>Booked ahead.</summary>
    Appointment,

    /// <summary>Went to a self-service machine first (and took a ticket if it failed).</summary>
    SelfServiceFirst,
}

/// <summary>
/// One citizen's visit with the columns of a real queue system's log. Times are minutes from the start of
/// the scenario (00:00 local time on its first date). Wait = <see cref="CalledAt"/> − <see cref="IssuedAt"/> (last call).
/// <see cref="LeftAt"/> is simulation-only (a real log never knows when someone left) and is not written to exported logs.
/// </summary>
/// <param name="TicketId">Unique within the run, in order of arrival.</param>
/// <param name="TicketNumber">The number printed on the ticket, per day (for example "A042"); empty when no ticket was taken.</param>
/// <param name="ServiceCode">The service category id.</param>
/// <param name="ArrivedAt">When the citizen entered the hall.</param>
/// <param name="IssuedAt">When the ticket was printed; null when no ticket was taken.</param>
/// <param name="CalledAt">The last call; null when never called.</param>
/// <param name="CallCount">How many times the number was called.</param>
/// <param name="WindowId">The window that called it; null when never called.</param>
/// <param name="ServiceStart">Start of service; null unless served.</param>
/// <param name="ServiceEnd">End of service; null unless served.</param>
/// <param name="Outcome">How the visit ended.</param>
/// <param name="Channel">How the citizen came.</param>
/// <param name="PriorityClass">The priority class id; null for ordinary citizens.</param>
/// <param name="LeftAt">Simulation only: when a citizen who gave up left the hall; null otherwise.</param>
public sealed record TicketRecord(
    long TicketId,
    string TicketNumber,
    string ServiceCode,
    double ArrivedAt,
    double? IssuedAt,
    double? CalledAt,
    int CallCount,
    string? WindowId,
    double? ServiceStart,
    double? ServiceEnd,
    TicketOutcome Outcome,
    TicketChannel Channel,
    string? PriorityClass,
    double? LeftAt)
{
    /// <summary>The staff member at the window, when staffing is a roster; null otherwise.</summary>
    public string? StaffId { get; init; }

    /// <summary>The <see cref="TicketId"/> of the journey's first record: every visit and leg of one citizen's
    /// journey carries it (equal to <see cref="TicketId"/> for a first visit).</summary>
    public long JourneyId { get; init; }

    /// <summary>Which part of the journey this record is (default <see cref="JourneyStep.FirstVisit"/>).</summary>
    public JourneyStep Step { get; init; }

    /// <summary>Simulation only: start of the reception desk's service, minutes; null without reception.</summary>
    public double? ReceptionStart { get; init; }

    /// <summary>Simulation only: end of the reception desk's service, minutes; null without reception.</summary>
    public double? ReceptionEnd { get; init; }

    /// <summary>The expected wait shown at issue, minutes; null without a display (see <see cref="HallSim.Scenarios.DisplayedWait"/>).</summary>
    public double? DisplayedWait { get; init; }

    /// <summary>Minutes from issue to the last call; null when never called.</summary>
    public double? Wait => CalledAt - IssuedAt;
}
