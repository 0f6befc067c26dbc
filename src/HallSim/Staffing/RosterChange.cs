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
    public static IReadOnlyList<RosterChange> Between(Roster before, Roster after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = before.Assignments.GroupBy(x => (x.StaffId, x.Date)).ToDictionary(g => g.Key, g => g.First().ShiftText);
        var b = after.Assignments.GroupBy(x => (x.StaffId, x.Date)).ToDictionary(g => g.Key, g => g.First().ShiftText);
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
