using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Model;

/// <summary>One person at one window over [Start, End), minutes from the scenario start.</summary>
internal readonly record struct WorkSegment(double Start, double End, int Staff, int Window);

/// <summary>
/// Places a roster's work segments (shifts less breaks) on windows before the run: the assigned window, or the first
/// window free for the whole segment whose categories the person can serve (preferring windows whose every category
/// the person covers). Deterministic; every conflict is a validation problem.
/// </summary>
internal static class RosterPlacement
{
    internal static (List<WorkSegment> Segments, List<ValidationProblem> Problems) Place(Roster roster, Scenario s)
    {
        var problems = new List<ValidationProblem>();
        var segments = new List<WorkSegment>();
        var staffIndex = s.Staff.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var shiftById = s.Shifts.ToDictionary(x => x.Id, StringComparer.Ordinal);
        var windowIndex = s.Windows.Select((w, i) => (w.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var busy = s.Windows.Select(_ => new List<(double Start, double End)>()).ToArray();
        var seen = new HashSet<(DateOnly, string)>();

        var order = roster.Assignments
            .Select((a, i) => (a, i))
            .OrderBy(x => x.a.Date)
            .ThenBy(x => x.a.WindowId is null ? 1 : 0) // fixed windows first
            .ThenBy(x => x.a.ShiftId is not null && shiftById.TryGetValue(x.a.ShiftId, out var sh) ? sh.Start : TimeOnly.MinValue)
            .ThenBy(x => x.i);
        foreach (var (a, i) in order)
        {
            var path = $"roster.assignments[{i}]";
            var ok = true;
            if (a.StaffId is null || !staffIndex.TryGetValue(a.StaffId, out var person))
            {
                problems.Add(new($"{path}.staffId", $"unknown staff member \"{a.StaffId}\" (not in the scenario's staff)"));
                ok = false;
                person = -1;
            }

            if (a.ShiftId is null || !shiftById.TryGetValue(a.ShiftId, out var shift))
            {
                problems.Add(new($"{path}.shiftId", $"unknown shift \"{a.ShiftId}\" (not in the scenario's shifts)"));
                ok = false;
                shift = null;
            }

            var fixedWindow = -1;
            if (a.WindowId is not null && !windowIndex.TryGetValue(a.WindowId, out fixedWindow))
            {
                problems.Add(new($"{path}.windowId", $"unknown window \"{a.WindowId}\""));
                ok = false;
            }

            var day = a.Date.DayNumber - s.StartDate.DayNumber;
            if (day < 0 || day >= s.Days)
            {
                problems.Add(new($"{path}.date", $"{a.Date:yyyy-MM-dd} is outside the scenario ({s.StartDate:yyyy-MM-dd} to {s.EndDate:yyyy-MM-dd})"));
                ok = false;
            }

            if (a.StaffId is not null && !seen.Add((a.Date, a.StaffId)))
            {
                problems.Add(new($"{path}", $"{a.StaffId} has two shifts on {a.Date:yyyy-MM-dd}"));
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            var member = s.Staff[person];
            var dayStart = day * IntervalGrid.MinutesPerDay;
            foreach (var (start, end) in WorkingPieces(shift!))
            {
                var from = dayStart + start;
                var to = dayStart + end;
                var window = fixedWindow >= 0 ? fixedWindow : Choose(s, member, busy, from, to);
                if (window < 0)
                {
                    problems.Add(new(path, $"no free window that {member.Id} can serve from {TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start)):HH\\:mm} on {a.Date:yyyy-MM-dd}"));
                    break;
                }

                if (!CanServeAny(s.Windows[window], member))
                {
                    problems.Add(new($"{path}.windowId", $"{member.Id} cannot serve any category of window {s.Windows[window].Id}"));
                    break;
                }

                if (busy[window].Any(b => b.Start < to && from < b.End))
                {
                    problems.Add(new($"{path}.windowId", $"window {s.Windows[window].Id} already has someone from {TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start)):HH\\:mm} on {a.Date:yyyy-MM-dd}"));
                    break;
                }

                busy[window].Add((from, to));
                segments.Add(new WorkSegment(from, to, person, window));
            }
        }

        segments.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.Window.CompareTo(y.Window));
        return (segments, problems);
    }

    /// <summary>The categories of <paramref name="window"/> that <paramref name="member"/> can serve.</summary>
    internal static bool[] Serves(Scenario s, Window window, StaffMember member) =>
        s.Categories.Select(c => window.Serves(c.Id) && (member.Categories.Contains(Window.AnyCategory) || member.Categories.Contains(c.Id))).ToArray();

    private static bool CanServeAny(Window w, StaffMember m) =>
        m.Categories.Contains(Window.AnyCategory) || w.Categories.Contains(Window.AnyCategory) || w.Categories.Any(m.Categories.Contains);

    private static int Choose(Scenario s, StaffMember member, List<(double Start, double End)>[] busy, double from, double to)
    {
        var fallback = -1;
        for (var w = 0; w < s.Windows.Count; w++)
        {
            var window = s.Windows[w];
            if (busy[w].Any(b => b.Start < to && from < b.End) || !CanServeAny(window, member))
            {
                continue;
            }

            var covers = member.Categories.Contains(Window.AnyCategory) ||
                         (!window.Categories.Contains(Window.AnyCategory) && window.Categories.All(member.Categories.Contains));
            if (covers)
            {
                return w;
            }

            fallback = fallback < 0 ? w : fallback;
        }

        return fallback;
    }

    /// <summary>A shift's working pieces (minutes from midnight): the shift less its breaks.</summary>
    private static IEnumerable<(double Start, double End)> WorkingPieces(ShiftTemplate shift)
    {
        var t = shift.Start.ToTimeSpan().TotalMinutes;
        var end = shift.End.ToTimeSpan().TotalMinutes;
        foreach (var b in shift.Breaks.OrderBy(b => b.Start))
        {
            var bs = b.Start.ToTimeSpan().TotalMinutes;
            if (bs > t)
            {
                yield return (t, bs);
            }

            t = Math.Max(t, b.End.ToTimeSpan().TotalMinutes);
        }

        if (end > t)
        {
            yield return (t, end);
        }
    }
}
