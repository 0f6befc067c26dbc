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

        // Validate every assignment, then place all working pieces in order of start time (fixed windows first):
        // greedy colouring by start time never needs more windows than are staffed at once, so staggered breaks and
        // overlapping shifts fit whenever the head count at every moment fits.
        var pieces = new List<(double From, double To, int Person, int FixedWindow, string Path, DateOnly Date, double Start, int Index)>();
        for (var i = 0; i < roster.Assignments.Count; i++)
        {
            var a = roster.Assignments[i];
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

            if (shift is not null && a.BreakStarts is not null && shift.BreakStartProblem(a.BreakStarts) is { } breakProblem)
            {
                problems.Add(new($"{path}.breakStarts", breakProblem));
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            var dayStart = day * IntervalGrid.MinutesPerDay;
            foreach (var (start, end) in WorkingPieces(shift!, shift!.BreaksAt(a.BreakStarts)))
            {
                pieces.Add((dayStart + start, dayStart + end, person, fixedWindow, path, a.Date, start, i));
            }
        }

        // The most restricted people first (fewest windows they fully cover: the specialists), each in order of start
        // time; a piece that finds no window free throughout moves window at the moment its window is needed by
        // someone placed earlier (the person changes window mid-shift, as staff do when a colleague returns).
        var failed = new HashSet<int>();
        var reach = s.Staff.Select(m => s.Windows.Count(w => Covers(m, w))).ToArray();
        // Shifts lie within a day, so each date is seated on its own: the windows' busy lists then hold one day's
        // pieces, not the whole season's. Ties are broken by the person's place in the scenario's staff list, never by
        // the roster's row order: the same roster read from xlsx, CSV or shuffled rows is seated the same way.
        var date = DateOnly.MinValue;
        foreach (var piece in pieces.OrderBy(p => p.Date).ThenBy(p => p.FixedWindow >= 0 ? 0 : 1).ThenBy(p => reach[p.Person]).ThenBy(p => p.From).ThenBy(p => p.Person).ThenBy(p => p.Start))
        {
            if (piece.Date != date)
            {
                date = piece.Date;
                foreach (var list in busy)
                {
                    list.Clear();
                }
            }

            if (failed.Contains(piece.Index))
            {
                continue;
            }

            var member = s.Staff[piece.Person];
            var path = piece.Path;
            var from = piece.From;
            while (from < piece.To - 1e-9)
            {
                var to = piece.To;
                var window = piece.FixedWindow >= 0 ? piece.FixedWindow : Choose(s, member, busy, from, to);
                if (window < 0 && piece.FixedWindow < 0)
                {
                    (window, to) = ChooseUntilNeeded(s, member, busy, from, to);
                }

                var at = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(from - (piece.From - piece.Start)));
                if (window < 0)
                {
                    problems.Add(new(path, $"no free window that {member.Id} can serve from {at:HH\\:mm} on {piece.Date:yyyy-MM-dd}"));
                    failed.Add(piece.Index);
                    break;
                }

                if (!CanServeAny(s.Windows[window], member))
                {
                    problems.Add(new($"{path}.windowId", $"{member.Id} cannot serve any category of window {s.Windows[window].Id}"));
                    failed.Add(piece.Index);
                    break;
                }

                if (busy[window].Any(b => b.Start < to && from < b.End))
                {
                    problems.Add(new($"{path}.windowId", $"window {s.Windows[window].Id} already has someone from {at:HH\\:mm} on {piece.Date:yyyy-MM-dd}"));
                    failed.Add(piece.Index);
                    break;
                }

                busy[window].Add((from, to));
                segments.Add(new WorkSegment(from, to, piece.Person, window));
                from = to;
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

            if (Covers(member, window))
            {
                return w;
            }

            fallback = fallback < 0 ? w : fallback;
        }

        return fallback;
    }

    private static bool Covers(StaffMember m, Window w) => m.CanStaff(w);

    /// <summary>The window the person fully covers that is free at <paramref name="from"/> for longest (first in
    /// scenario order on ties), and until when; (−1, to) when none is free at <paramref name="from"/>.</summary>
    private static (int Window, double Until) ChooseUntilNeeded(Scenario s, StaffMember member, List<(double Start, double End)>[] busy, double from, double to)
    {
        var best = (Window: -1, Until: from);
        for (var w = 0; w < s.Windows.Count; w++)
        {
            if (!Covers(member, s.Windows[w]) || busy[w].Any(b => b.Start <= from && from < b.End))
            {
                continue;
            }

            var until = busy[w].Where(b => b.Start > from).Select(b => b.Start).DefaultIfEmpty(to).Min();
            until = Math.Min(until, to);
            if (until > best.Until + 1e-9)
            {
                best = (w, until);
            }
        }

        return best.Window < 0 ? (-1, to) : best;
    }

    /// <summary>A shift's working pieces (minutes from midnight): the shift less the breaks as taken that day.</summary>
    private static IEnumerable<(double Start, double End)> WorkingPieces(ShiftTemplate shift, IReadOnlyList<StaffBreak> breaks)
    {
        var t = shift.Start.ToTimeSpan().TotalMinutes;
        var end = shift.End.ToTimeSpan().TotalMinutes;
        foreach (var b in breaks.OrderBy(b => b.Start))
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
