using HallSim.Randomness;

namespace HallSim.Scenarios;

/// <summary>
/// Citizen journeys beyond one ticket at one window: a reception desk that checks papers first, applications sent
/// home as incomplete and their return visits, transfers to a dedicated window, back-office work with a pickup visit,
/// windows that open when the queue grows (潮汐窗口), and a displayed expected wait that citizens balk on. Every part is
/// optional; a scenario without <see cref="Scenario.Journeys"/> simulates exactly as before (same draws, same results).
/// </summary>
public sealed record Journeys
{
    /// <summary>A reception (pre-screening, 导办) desk every walk-in passes before taking a ticket; null (default): none.</summary>
    public Reception? Reception { get; init; }

    /// <summary>Per category: incomplete applications, transfers, back-office work (default: none; a category not listed
    /// has none of them).</summary>
    public IReadOnlyList<CategoryJourney> Categories { get; init; } = [];

    /// <summary>How citizens sent home with incomplete papers come back; null (default): they do not come back in the run.</summary>
    public ReturnVisits? Returns { get; init; }

    /// <summary>Back-office processing of accepted applications and their pickup visits; null (default): accepted
    /// applications need no further work in the model.</summary>
    public BackOffice? BackOffice { get; init; }

    /// <summary>Queue-triggered windows (潮汐窗口) (default: none).</summary>
    public IReadOnlyList<QueueTriggeredWindows> QueueTriggeredWindows { get; init; } = [];

    /// <summary>An expected wait shown at ticket issue that walk-ins balk on, instead of the number ahead of
    /// <see cref="CitizenBehaviour.Balking"/>; null (default): no display.</summary>
    public DisplayedWait? DisplayedWait { get; init; }
}

/// <summary>
/// A reception desk at the entrance (导办台, a floor guide's checks): every walk-in queues for it first (first come,
/// first served), is seen for <paramref name="ServiceTime"/>, and is then sent home (incomplete papers caught here),
/// to a self-service machine, or to the ticket machine. Appointment holders go straight to their ticket. Staffed
/// whenever citizens are in the hall.
/// </summary>
/// <param name="Desks">Reception staff seeing citizens at once, at least 1.</param>
/// <param name="ServiceTime">Minutes at the desk.</param>
public sealed record Reception(int Desks, Distribution ServiceTime)
{
    /// <summary>Share of incomplete applications that reception catches and sends home before they take a window's
    /// time, in [0, 1] (default 0.8).</summary>
    public double CatchShare { get; init; } = 0.8;

    /// <summary>Share of citizens whose category a self-service machine handles that reception sends to the machine, in
    /// [0, 1]; null (default): the machine group's own <see cref="KioskGroup.UseShare"/>.</summary>
    public double? KioskShare { get; init; }
}

/// <summary>What happens to one category's applications beyond the first window service.</summary>
/// <param name="Category">The category id.</param>
public sealed record CategoryJourney(string Category)
{
    /// <summary>Share of first visits with incomplete papers, in [0, 1] (default 0). Caught at reception (see
    /// <see cref="Reception.CatchShare"/>) or found at the window after <see cref="IncompleteServiceTime"/>; either way
    /// the citizen is sent home and may come back (<see cref="Journeys.Returns"/>).</summary>
    public double IncompleteShare { get; init; }

    /// <summary>Share of return visits that are still incomplete, in [0, 1]; null (default): the same as
    /// <see cref="IncompleteShare"/> (every visit independently).</summary>
    public double? IncompleteShareOnReturn { get; init; }

    /// <summary>Minutes at the window to find an application incomplete (default: constant 3).</summary>
    public Distribution IncompleteServiceTime { get; init; } = new ConstantDistribution(3);

    /// <summary>Share of served tickets that need a second service at <see cref="TransferWindows"/>, in [0, 1] (default
    /// 0). The first service ends TRANSFERRED; the citizen waits again, in order of the transfer, and the second ends
    /// SERVED, as a real log records it.</summary>
    public double TransferShare { get; init; }

    /// <summary>The window ids of the dedicated group that takes transfers (required when <see cref="TransferShare"/> &gt; 0).</summary>
    public IReadOnlyList<string> TransferWindows { get; init; } = [];

    /// <summary>Minutes of the second service; null (default): the category's own service time.</summary>
    public Distribution? TransferServiceTime { get; init; }

    /// <summary>Minutes of back-office work per accepted application (前台受理、后台审批); null (default): none.
    /// Needs <see cref="Journeys.BackOffice"/>.</summary>
    public Distribution? BackOfficeTime { get; init; }

    /// <summary>Open days after the day of acceptance by whose closing the back-office work is due, at least 0 (default
    /// 3; 0: the same day).</summary>
    public int DueDays { get; init; } = 3;

    /// <summary>The last date on which this category's applications count (a deadline such as school enrolment's):
    /// return visits that would fall after it are lost and reported; null (default): no deadline.</summary>
    public DateOnly? Deadline { get; init; }
}

/// <summary>Return visits of citizens sent home with incomplete papers: each comes back as a new walk-in of the same
/// category, on the first open day at least <paramref name="DelayDays"/> (rounded up, at least 1) after the day it was
/// sent home, at a time of day drawn from that day's arrival profile.</summary>
/// <param name="DelayDays">Days until the citizen comes back.</param>
public sealed record ReturnVisits(Distribution DelayDays)
{
    /// <summary>Share of citizens sent home who come back, in [0, 1] (default 1).</summary>
    public double ReturnShare { get; init; } = 1;
}

/// <summary>
/// Back-office work (后台审批) of accepted applications: each joins one first-in-first-out backlog with a due time and is
/// worked by the dedicated staff during opening hours and, when <see cref="WindowStaffHelp"/> is on, by window staff
/// whenever their window has no ticket to call (interrupted by the next ticket; the rest of the item waits at the
/// head of the backlog). A finished application may bring a pickup visit (统一出件).
/// </summary>
public sealed record BackOffice
{
    /// <summary>Dedicated back-office staff working during the hall's opening sessions, at least 0 (default 0). They also
    /// staff <see cref="Journeys.QueueTriggeredWindows"/>, leaving their back-office work while they do.</summary>
    public int Staff { get; init; }

    /// <summary>Window staff take back-office work while their window has nothing to call (default true).</summary>
    public bool WindowStaffHelp { get; init; } = true;

    /// <summary>Minutes at the pickup window to collect a finished application; null (default): no pickup visit (sent
    /// by post or electronically).</summary>
    public Distribution? PickupServiceTime { get; init; }

    /// <summary>Share of finished applications collected in person, in [0, 1] (default 1).</summary>
    public double PickupShare { get; init; } = 1;

    /// <summary>Days from the end of the back-office work to the pickup visit (rounded up, at least 1; the visit falls on
    /// the first open day from then) (default: constant 1).</summary>
    public Distribution PickupDelayDays { get; init; } = new ConstantDistribution(1);

    /// <summary>Window ids that serve pickups; empty (default): every window.</summary>
    public IReadOnlyList<string> PickupWindows { get; init; } = [];

    /// <summary>The service code of pickup tickets in results and logs, distinct from every category id (default "pickup").</summary>
    public string PickupCode { get; init; } = "pickup";
}

/// <summary>
/// Queue-triggered windows (潮汐窗口): while tickets are being issued, when more than <paramref name="OpenAbove"/> tickets
/// of the group wait, one more of <paramref name="Windows"/> opens (up to all of them); an open one closes when it
/// finishes a service (or has nothing to call) and fewer than <paramref name="CloseBelow"/> of the group wait. They
/// are staffed by the back office's dedicated staff when it has any (whose back-office work then waits), otherwise by
/// one standby person per window whose other work is not modelled. They serve the group's categories.
/// </summary>
/// <param name="Windows">Window ids that can open; windows the staffing does not use at that time.</param>
/// <param name="OpenAbove">Tickets of the group waiting above which one more window opens, at least 0.</param>
/// <param name="CloseBelow">Tickets of the group waiting below which an open one closes, from 0 to <paramref name="OpenAbove"/>.</param>
public sealed record QueueTriggeredWindows(IReadOnlyList<string> Windows, int OpenAbove, int CloseBelow)
{
    /// <summary>The category ids of the group; empty (default): every category.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
}

/// <summary>
/// An expected wait shown at ticket issue: the tickets waiting that the citizen's windows can serve × the category's
/// mean service time ÷ the open windows that serve it. A walk-in balks with probability rising linearly from 0 at
/// <paramref name="FromMinutes"/> to 1 at <paramref name="AllMinutes"/> (Xu, Gao and Ou 2007 found a displayed wait
/// changes balking most when patience is low).
/// </summary>
/// <param name="FromMinutes">Displayed wait at which the first citizens leave, at least 0.</param>
/// <param name="AllMinutes">Displayed wait at which every citizen leaves; greater than <paramref name="FromMinutes"/>.</param>
public sealed record DisplayedWait(double FromMinutes, double AllMinutes);
