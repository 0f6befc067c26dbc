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

    /// <summary>Paid working minutes: the shift less its breaks (a flexible break counts its length wherever it is taken).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double WorkingMinutes =>
        (End - Start).TotalMinutes - Breaks.Sum(b => b.Minutes);

    /// <summary>Whether any break may move (<see cref="StaffBreak.LatestStart"/> is set).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasFlexibleBreaks => Breaks.Any(b => b.IsFlexible);

    /// <summary>
    /// The breaks as taken on one day: each break moved to its start in <paramref name="starts"/> (one per break, in
    /// the order of <see cref="Breaks"/>), or, when <paramref name="starts"/> is null, every break at its
    /// <see cref="StaffBreak.Start"/>. The result's breaks are fixed.
    /// </summary>
    /// <param name="starts">The start of each break, or null for the template's own times.</param>
    /// <returns>The breaks taken.</returns>
    /// <exception cref="ArgumentException"><paramref name="starts"/> has a different number of entries than
    /// <see cref="Breaks"/>, or a start outside its break's window (see <see cref="BreakStartProblem"/>).</exception>
    public IReadOnlyList<StaffBreak> BreaksAt(IReadOnlyList<TimeOnly>? starts)
    {
        if (starts is null)
        {
            return [.. Breaks.Select(b => new StaffBreak(b.Start, b.End))];
        }

        if (BreakStartProblem(starts) is { } problem)
        {
            throw new ArgumentException(problem, nameof(starts));
        }

        return [.. Breaks.Select((b, i) => new StaffBreak(starts[i], starts[i].AddMinutes(b.Minutes)))];
    }

    /// <summary>
    /// What is wrong with taking this shift's breaks at <paramref name="starts"/>, in words, or null when nothing is:
    /// one start per break, each between the break's <see cref="StaffBreak.Start"/> and its
    /// <see cref="StaffBreak.LatestStart"/> (a fixed break at its own start), the breaks in order without overlapping.
    /// </summary>
    /// <param name="starts">The start of each break.</param>
    /// <returns>The problem, or null.</returns>
    public string? BreakStartProblem(IReadOnlyList<TimeOnly> starts)
    {
        ArgumentNullException.ThrowIfNull(starts);
        if (starts.Count != Breaks.Count)
        {
            return $"{starts.Count} break start(s) given, but shift \"{Id}\" has {Breaks.Count} break(s)";
        }

        for (var i = 0; i < Breaks.Count; i++)
        {
            var b = Breaks[i];
            var latest = b.LatestStart ?? b.Start;
            if (starts[i] < b.Start || starts[i] > latest)
            {
                return b.IsFlexible
                    ? $"break {i + 1} of shift \"{Id}\" starts at {starts[i]:HH\\:mm}, outside its window {b.Start:HH\\:mm}–{latest:HH\\:mm}"
                    : $"break {i + 1} of shift \"{Id}\" is fixed at {b.Start:HH\\:mm}, not {starts[i]:HH\\:mm}";
            }

            if (i > 0 && starts[i] < starts[i - 1].AddMinutes(Breaks[i - 1].Minutes))
            {
                return $"break {i + 1} of shift \"{Id}\" at {starts[i]:HH\\:mm} overlaps break {i}";
            }
        }

        return null;
    }
}

/// <summary>
/// A break within a shift: fixed from <paramref name="Start"/> to <paramref name="End"/>, or, with
/// <see cref="LatestStart"/>, a flexible break of the same length that may start at any time from
/// <paramref name="Start"/> to <see cref="LatestStart"/> (the roster says when: <see cref="RosterAssignment.BreakStarts"/>;
/// the optimiser chooses on its interval grid, staggering breaks against the queue).
/// </summary>
/// <param name="Start">Start of the break (of a flexible break: its earliest start).</param>
/// <param name="End">End of the break when it starts at <paramref name="Start"/>; the length is <c>End − Start</c>.</param>
public sealed record StaffBreak(TimeOnly Start, TimeOnly End)
{
    /// <summary>Latest start of a flexible break, local time; null (the default): the break is fixed at <see cref="Start"/>.</summary>
    public TimeOnly? LatestStart { get; init; }

    /// <summary>Length of the break, minutes.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double Minutes => (End - Start).TotalMinutes;

    /// <summary>Whether the break may move (<see cref="LatestStart"/> is later than <see cref="Start"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFlexible => LatestStart is { } l && l > Start;
}

/// <summary>One person on one shift on one date, optionally at a given window.</summary>
/// <param name="Date">The date.</param>
/// <param name="StaffId">Who.</param>
/// <param name="ShiftId">Which shift template.</param>
public sealed record RosterAssignment(DateOnly Date, string StaffId, string ShiftId)
{
    /// <summary>The window this person staffs; null: the first free window whose categories their skills cover.</summary>
    public string? WindowId { get; init; }

    /// <summary>
    /// When this person takes each break of the shift (one start per break of the template, in its order; local time);
    /// null (the default): every break at the template's <see cref="StaffBreak.Start"/>. Needed only for shifts with
    /// flexible breaks (<see cref="StaffBreak.LatestStart"/>).
    /// </summary>
    public IReadOnlyList<TimeOnly>? BreakStarts { get; init; }

    /// <summary>Equal when date, staff, shift, window and every break start are equal (break starts by value, not by list).</summary>
    /// <param name="other">Another assignment.</param>
    /// <returns>Whether they are the same assignment.</returns>
    public bool Equals(RosterAssignment? other) =>
        other is not null && Date == other.Date && StaffId == other.StaffId && ShiftId == other.ShiftId && WindowId == other.WindowId &&
        (BreakStarts is null ? other.BreakStarts is null : other.BreakStarts is not null && BreakStarts.SequenceEqual(other.BreakStarts));

    /// <summary>A hash consistent with <see cref="Equals(RosterAssignment?)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = HashCode.Combine(Date, StaffId, ShiftId, WindowId);
        foreach (var b in BreakStarts ?? [])
        {
            hash = HashCode.Combine(hash, b);
        }

        return hash;
    }

    /// <summary>The shift as a manager reads it in a roster cell: the shift id, then each break start when
    /// <see cref="BreakStarts"/> is given ("late 15:30").</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ShiftText => BreakStarts is null
        ? ShiftId
        : ShiftId + " " + string.Join(" ", BreakStarts.Select(b => b.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
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
