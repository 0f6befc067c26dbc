namespace HallSim.Rostering;

/// <summary>
/// The hall's working-time rules. Hard rules always hold in a returned roster; fairness is a soft rule weighted in
/// the objective. Instances are immutable and thread-safe.
/// </summary>
public sealed record RosterRules
{
    /// <summary>Most windows open at once; null: every window of the scenario (default null).</summary>
    public int? MaxOpenWindows { get; init; }

    /// <summary>Least rest between the end of one shift and the start of the next, hours (default 11).</summary>
    public double MinRestHours { get; init; } = 11;

    /// <summary>Most consecutive working days, counting days worked just before the horizon (default 6).</summary>
    public int MaxConsecutiveDays { get; init; } = 6;

    /// <summary>Least days off in each calendar week (Monday–Sunday) of the horizon (default 2: a five-day week;
    /// a Saturday worked is then repaid with a weekday off in the same week).</summary>
    public int MinDaysOffPerWeek { get; init; } = 2;

    /// <summary>Pairs of shift ids that may not follow each other on consecutive days (for example "late" then
    /// "morning"); default none. Minimum rest already forbids pairs that are too close.</summary>
    public IReadOnlyList<ForbiddenTransition> ForbiddenTransitions { get; init; } = [];

    /// <summary>A shift ending after this time of day counts as an evening shift for fairness (default 18:30).</summary>
    public TimeOnly EveningEndsAfter { get; init; } = new(18, 30);

    /// <summary>Weight of fairness: objective units (citizen-minutes of waiting) per shift of spread between the
    /// person with the most and the fewest evening shifts, and the same for Saturdays (default 5).</summary>
    public double FairnessWeight { get; init; } = 5;

    /// <summary>Weight of one unit of preference (see <see cref="ShiftPreference.Weight"/>), in citizen-minutes of waiting (default 2).</summary>
    public double PreferenceWeight { get; init; } = 2;
}

/// <summary>Shift <paramref name="To"/> may not be worked the day after shift <paramref name="From"/>.</summary>
/// <param name="From">Shift id on the first day.</param>
/// <param name="To">Shift id on the next day.</param>
public sealed record ForbiddenTransition(string From, string To);

/// <summary>A date a staff member cannot work (leave, training, a day off they asked for and were granted).</summary>
/// <param name="StaffId">The staff member.</param>
/// <param name="Date">The date.</param>
public sealed record StaffAbsence(string StaffId, DateOnly Date);

/// <summary>
/// A wish: <paramref name="Weight"/> &gt; 0 asks for, &lt; 0 asks to avoid, the shift (or, with no shift, working at
/// all) on the date (or, with no date, on every date). Soft: weighted by <see cref="RosterRules.PreferenceWeight"/>.
/// </summary>
/// <param name="StaffId">The staff member.</param>
/// <param name="Weight">Strength, typically −3 … 3.</param>
public sealed record ShiftPreference(string StaffId, double Weight)
{
    /// <summary>The date; null: every date of the horizon.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The shift id; null: any shift (a wish to work, or with a negative weight, a wish for a day off).</summary>
    public string? ShiftId { get; init; }
}

/// <summary>What a staff member brings into the horizon from the roster before it (for week-by-week season planning).</summary>
/// <param name="StaffId">The staff member.</param>
/// <param name="ConsecutiveDaysWorked">Days worked in a row up to the day before the horizon (0 if the day before was off).</param>
/// <param name="LastShiftEnd">When the last shift before the horizon ended, minutes relative to 00:00 of the horizon's
/// first date (negative; null: long enough ago not to matter).</param>
/// <param name="OwedDaysOff">Days off owed (time off in lieu) that must be given in the horizon's first week.</param>
public sealed record StaffCarryIn(string StaffId, int ConsecutiveDaysWorked, double? LastShiftEnd, int OwedDaysOff);
