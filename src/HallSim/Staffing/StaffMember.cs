using HallSim.Scenarios;

namespace HallSim.Staffing;

/// <summary>A member of the hall's staff.</summary>
/// <param name="Id">Identifier, for example "S07".</param>
/// <param name="Name">Display name.</param>
/// <param name="Categories">Category ids this person can serve; <c>["*"]</c>: every category.</param>
public sealed record StaffMember(string Id, string Name, IReadOnlyList<string> Categories)
{
    /// <summary>Contracted hours per week (default 40).</summary>
    public double ContractHoursPerWeek { get; init; } = 40;

    /// <summary>
    /// Whether this person can staff <paramref name="window"/> on their own: their skills cover every category the
    /// window serves (a person with <see cref="Window.AnyCategory"/> covers every window; a comprehensive window needs
    /// such a person).
    /// </summary>
    /// <param name="window">The window.</param>
    /// <returns><see langword="true"/> when every category of the window is among this person's skills.</returns>
    public bool CanStaff(Window window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return Categories.Contains(Window.AnyCategory) ||
            (!window.Categories.Contains(Window.AnyCategory) && window.Categories.All(Categories.Contains));
    }
}

/// <summary>A shift pattern staff can be put on, in local hall time.</summary>
/// <param name="Id">Identifier, for example "day".</param>
/// <param name="Start">Start of work.</param>
/// <param name="End">End of work, later than <paramref name="Start"/>.</param>
public sealed record ShiftTemplate(string Id, TimeOnly Start, TimeOnly End)
{
    /// <summary>Display name (default: the id).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Breaks within the shift (for example the lunch closure 12:00–14:00).</summary>
    public IReadOnlyList<StaffBreak> Breaks { get; init; } = [];

    /// <summary>Paid working minutes: the shift less its breaks.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double WorkingMinutes =>
        (End - Start).TotalMinutes - Breaks.Sum(b => (b.End - b.Start).TotalMinutes);
}

/// <summary>A break within a shift.</summary>
/// <param name="Start">Start of the break.</param>
/// <param name="End">End of the break.</param>
public sealed record StaffBreak(TimeOnly Start, TimeOnly End);

/// <summary>One person on one shift on one date, optionally at a given window.</summary>
/// <param name="Date">The date.</param>
/// <param name="StaffId">Who.</param>
/// <param name="ShiftId">Which shift template.</param>
public sealed record RosterAssignment(DateOnly Date, string StaffId, string ShiftId)
{
    /// <summary>The window this person staffs; null: the first free window whose categories their skills cover.</summary>
    public string? WindowId { get; init; }
}

/// <summary>Who works when: the staffing a manager publishes (排班表).</summary>
/// <param name="Assignments">The assignments.</param>
public sealed record Roster(IReadOnlyList<RosterAssignment> Assignments);

/// <summary>A number of open windows over part of a day, when staffing is given as counts rather than a roster.</summary>
/// <param name="From">Start, local time.</param>
/// <param name="To">End, local time.</param>
/// <param name="Windows">Windows open; the first <paramref name="Windows"/> windows of the scenario, in order.</param>
public sealed record OpenWindows(TimeOnly From, TimeOnly To, int Windows);

/// <summary>
/// The staffing a simulation runs with: either open-window counts per time of day (the same every open day unless
/// <see cref="ByDate"/> overrides a date), or a <see cref="Roster"/> of named staff.
/// </summary>
public sealed record StaffingPlan
{
    /// <summary>Open windows by time of day on every open day; outside them no window is open.</summary>
    public IReadOnlyList<OpenWindows>? Daily { get; init; }

    /// <summary>Open windows for particular dates, replacing <see cref="Daily"/> on those dates.</summary>
    public IReadOnlyDictionary<DateOnly, IReadOnlyList<OpenWindows>>? ByDate { get; init; }

    /// <summary>A roster of named staff (with the scenario's staff list and shift templates); exclusive with <see cref="Daily"/>.</summary>
    public Roster? Roster { get; init; }

    /// <summary>The first <paramref name="windows"/> windows open from <paramref name="from"/> to <paramref name="to"/> every open day.</summary>
    /// <param name="windows">Number of open windows.</param>
    /// <param name="from">Opening (default 00:00).</param>
    /// <param name="to">Closing (default 23:59).</param>
    public static StaffingPlan Constant(int windows, TimeOnly? from = null, TimeOnly? to = null) =>
        new() { Daily = [new OpenWindows(from ?? TimeOnly.MinValue, to ?? new TimeOnly(23, 59), windows)] };

    /// <summary>
    /// The first <paramref name="windows"/> windows open in every session of the scenario's calendar, date by date
    /// (lunch closures, evening extensions, Saturdays and holidays as the calendar says).
    /// </summary>
    /// <param name="scenario">The scenario whose opening hours to follow.</param>
    /// <param name="windows">Open windows, 0 … the scenario's windows.</param>
    /// <returns>Open windows by date.</returns>
    public static StaffingPlan DuringOpeningHours(Scenario scenario, int windows)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var byDate = new Dictionary<DateOnly, IReadOnlyList<OpenWindows>>();
        for (var d = 0; d < scenario.Days; d++)
        {
            var date = scenario.StartDate.AddDays(d);
            byDate[date] = [.. scenario.Calendar.SessionsOn(date).Select(s => new OpenWindows(s.Open, s.Close, windows))];
        }

        return new StaffingPlan { Daily = [], ByDate = byDate };
    }
}
