namespace HallSim.Staffing;

/// <summary>One difference between two rosters for one person on one date.</summary>
/// <param name="Date">The date.</param>
/// <param name="StaffId">The person.</param>
/// <param name="Before">The shift in the first roster (<see cref="RosterAssignment.ShiftText"/>: its id, and its break
/// starts when given); null: a day off there.</param>
/// <param name="After">The shift in the second roster, the same way; null: a day off there.</param>
public sealed record RosterChange(DateOnly Date, string StaffId, string? Before, string? After)
{
    /// <summary>
    /// Every person-date whose shift differs between <paramref name="before"/> and <paramref name="after"/>, by date,
    /// then staff id (ordinal). A person with two assignments on one date counts with the first.
    /// </summary>
    /// <param name="before">The first roster (for example the manager's current one).</param>
    /// <param name="after">The second roster (for example the recommended one).</param>
    /// <returns>The changes; empty when the rosters assign the same shifts at the same break times.</returns>
    public static IReadOnlyList<RosterChange> Between(Roster before, Roster after) => Between(before, after, []);

    /// <summary>
    /// As <see cref="Between(Roster, Roster)"/>, reading each assignment's breaks against <paramref name="shifts"/>: a
    /// break at its template's own time is the same whether the roster says it or not ("late" and "late 14:30" are one
    /// shift when the late shift's break starts at 14:30 by default).
    /// </summary>
    /// <param name="before">The first roster.</param>
    /// <param name="after">The second roster.</param>
    /// <param name="shifts">The shift templates (for their breaks' own times).</param>
    /// <returns>The changes.</returns>
    public static IReadOnlyList<RosterChange> Between(Roster before, Roster after, IReadOnlyList<ShiftTemplate> shifts)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(shifts);
        var templates = shifts.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        string Text(RosterAssignment x) =>
            x.BreakStarts is { } starts && templates.TryGetValue(x.ShiftId, out var t) && starts.SequenceEqual(t.Breaks.Select(b => b.Start))
                ? x.ShiftId
                : x.ShiftText;
        var a = before.Assignments.GroupBy(x => (x.StaffId, x.Date)).ToDictionary(g => g.Key, g => Text(g.First()));
        var b = after.Assignments.GroupBy(x => (x.StaffId, x.Date)).ToDictionary(g => g.Key, g => Text(g.First()));
        var changes = new List<RosterChange>();
        foreach (var key in a.Keys.Union(b.Keys).OrderBy(k => k.Date).ThenBy(k => k.StaffId, StringComparer.Ordinal))
        {
            a.TryGetValue(key, out var was);
            b.TryGetValue(key, out var becomes);
            if (!string.Equals(was, becomes, StringComparison.Ordinal))
            {
                changes.Add(new RosterChange(key.Date, key.StaffId, was, becomes));
            }
        }

        return changes;
    }
}
