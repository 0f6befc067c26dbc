using System.Globalization;
using HallSim.Staffing;

namespace HallSim.Rostering;

/// <summary>
/// Checks any roster — a manager's own, or one from elsewhere — against a problem's hard rules, written from the rules
/// and not from the CP-SAT model, so that it can also check the optimiser. It shares two definitions with the
/// optimiser on purpose: the staff types and window groups of the compiled problem, and the rule that a shift staffs
/// an interval when it works at least half of it.
/// </summary>
public static class RosterChecker
{
    /// <summary>Every broken hard rule of <paramref name="roster"/> under <paramref name="problem"/>, each with its date (and time).</summary>
    /// <param name="problem">The problem: scenario, horizon, rules, absences, carry-in.</param>
    /// <param name="roster">The roster to check (assignments outside the horizon are ignored).</param>
    /// <returns>The violations; empty when the roster keeps every rule.</returns>
    public static IReadOnlyList<RosterIssue> Check(RosterProblem problem, Roster roster) => Check(CompiledProblem.Compile(problem), roster);

    /// <summary>Every broken hard rule of <paramref name="roster"/> under a problem compiled once, each with its date (and time).</summary>
    /// <param name="compiled">The compiled problem.</param>
    /// <param name="roster">The roster to check.</param>
    /// <returns>The broken rules; empty when the roster keeps every one.</returns>
    public static IReadOnlyList<RosterIssue> Check(CompiledProblem compiled, Roster roster)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(roster);
        var c = compiled;
        var problem = compiled.Problem;
        var rules = problem.Rules;
        var issues = new List<RosterIssue>();
        var inv = CultureInfo.InvariantCulture;
        var shifts = problem.Scenario.Shifts.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var staff = problem.Scenario.Staff.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var absent = problem.Absences.Select(a => (a.StaffId, a.Date)).ToHashSet();
        var inHorizon = roster.Assignments.Where(a => a.Date >= problem.From && a.Date <= problem.To).ToList();

        foreach (var a in inHorizon)
        {
            if (!staff.ContainsKey(a.StaffId))
            {
                issues.Add(new(RosterRule.Staff, a.Date, null, $"unknown staff member \"{a.StaffId}\"") { StaffId = a.StaffId });
            }

            if (!shifts.TryGetValue(a.ShiftId, out var template))
            {
                issues.Add(new(RosterRule.Shift, a.Date, null, $"unknown shift \"{a.ShiftId}\" for {a.StaffId}") { StaffId = a.StaffId, ShiftId = a.ShiftId });
            }
            else if (a.BreakStarts is not null && template.BreakStartProblem(a.BreakStarts) is { } breakProblem)
            {
                issues.Add(new(RosterRule.Shift, a.Date, null, $"{a.StaffId}: {breakProblem}") { StaffId = a.StaffId, ShiftId = a.ShiftId });
            }

            if (absent.Contains((a.StaffId, a.Date)))
            {
                issues.Add(new(RosterRule.Absence, a.Date, null, $"{a.StaffId} is rostered on a day of absence") { StaffId = a.StaffId, ShiftId = a.ShiftId });
            }

            if (template is not null)
            {
                var sessions = problem.Scenario.Calendar.SessionsOn(a.Date);
                if (sessions.Count == 0)
                {
                    issues.Add(new(RosterRule.HallClosed, a.Date, template.Start, $"{a.StaffId} is rostered on \"{a.ShiftId}\" on {a.Date:yyyy-MM-dd}, when the hall is closed") { StaffId = a.StaffId, ShiftId = a.ShiftId });
                }
                else if (!sessions.Any(x => x.Open < template.End && template.Start < x.Close))
                {
                    issues.Add(new(RosterRule.HallClosed, a.Date, template.Start, $"{a.StaffId}'s shift \"{a.ShiftId}\" ({template.Start:HH\\:mm}–{template.End:HH\\:mm}) on {a.Date:yyyy-MM-dd} lies wholly outside the hall's hours ({string.Join(", ", sessions.Select(x => $"{x.Open:HH\\:mm}–{x.Close:HH\\:mm}"))})") { StaffId = a.StaffId, ShiftId = a.ShiftId });
                }
            }
        }

        var valid = inHorizon.Where(a => staff.ContainsKey(a.StaffId) && shifts.TryGetValue(a.ShiftId, out var t) && (a.BreakStarts is null || t.BreakStartProblem(a.BreakStarts) is null)).ToList();
        foreach (var person in valid.GroupBy(a => a.StaffId, StringComparer.Ordinal))
        {
            var id = person.Key;
            var carry = problem.CarryIn.FirstOrDefault(x => x.StaffId == id);
            var byDate = new Dictionary<DateOnly, RosterAssignment>();
            foreach (var a in person)
            {
                if (!byDate.TryAdd(a.Date, a))
                {
                    issues.Add(new(RosterRule.OneShiftADay, a.Date, null, $"{id} has more than one shift on {a.Date:yyyy-MM-dd}") { StaffId = id, ShiftId = a.ShiftId });
                }
            }

            // Rest and forbidden transitions between consecutive days (and from the shift before the horizon).
            foreach (var (date, a) in byDate)
            {
                var shift = shifts[a.ShiftId];
                var start = shift.Start.ToTimeSpan().TotalMinutes;
                double? previousEnd = null;
                string? previousShift = null;
                if (byDate.TryGetValue(date.AddDays(-1), out var before))
                {
                    previousEnd = shifts[before.ShiftId].End.ToTimeSpan().TotalMinutes - IntervalGrid.MinutesPerDay;
                    previousShift = before.ShiftId;
                }
                else if (date == problem.From && carry?.LastShiftEnd is { } end)
                {
                    previousEnd = end;
                }

                if (previousEnd is { } pe && start - pe < (rules.MinRestHours * 60) - 1e-9)
                {
                    issues.Add(new(RosterRule.Rest, date, shift.Start, string.Format(inv, "{0} rests {1:0.#} hours before \"{2}\" (at least {3:0.#} required)", id, (start - pe) / 60, a.ShiftId, rules.MinRestHours)) { StaffId = id, ShiftId = a.ShiftId, Found = (start - pe) / 60, Limit = rules.MinRestHours });
                }

                if (previousShift is not null && rules.ForbiddenTransitions.Any(t => t.From == previousShift && t.To == a.ShiftId))
                {
                    issues.Add(new(RosterRule.ForbiddenTransition, date, shift.Start, $"{id} works \"{a.ShiftId}\" the day after \"{previousShift}\"") { StaffId = id, ShiftId = a.ShiftId, OtherShiftId = previousShift });
                }
            }

            // Consecutive days, counting the run carried in.
            var run = carry?.ConsecutiveDaysWorked ?? 0;
            for (var d = problem.From; d <= problem.To; d = d.AddDays(1))
            {
                run = byDate.ContainsKey(d) ? run + 1 : 0;
                if (run == rules.MaxConsecutiveDays + 1)
                {
                    issues.Add(new(RosterRule.ConsecutiveDays, d, null, $"{id} works {run} days in a row (at most {rules.MaxConsecutiveDays})") { StaffId = id, Found = run, Limit = rules.MaxConsecutiveDays });
                }
            }

            // Per calendar week: days off and contract hours.
            foreach (var week in byDate.Values.GroupBy(a => Weekdays.MondayOf(a.Date)))
            {
                var monday = week.Key;
                var owed = monday <= problem.From && problem.From < monday.AddDays(7) ? carry?.OwedDaysOff ?? 0 : 0;
                var most = Math.Max(0, 7 - rules.MinDaysOffPerWeek - owed);
                if (week.Count() > most)
                {
                    issues.Add(new(RosterRule.DaysOff, week.Min(a => a.Date), null, $"{id} works {week.Count()} days in the week of {monday:yyyy-MM-dd} (at most {most}: {rules.MinDaysOffPerWeek} days off{(owed > 0 ? $" and {owed} owed" : string.Empty)})") { StaffId = id, Found = week.Count(), Limit = most });
                }

                var hours = week.Sum(a => shifts[a.ShiftId].WorkingMinutes) / 60;
                if (hours > staff[id].ContractHoursPerWeek + 1e-9)
                {
                    issues.Add(new(RosterRule.ContractHours, week.Min(a => a.Date), null, string.Format(inv, "{0} works {1:0.#} hours in the week of {2:yyyy-MM-dd} (contract {3:0.#})", id, hours, monday, staff[id].ContractHoursPerWeek)) { StaffId = id, Found = hours, Limit = staff[id].ContractHoursPerWeek });
                }
            }
        }

        // Windows: at most the cap at once, and no group of staff types more than the windows they can staff. A shift
        // staffs an interval by the optimiser's own rule (it works at least half of it).
        var coverage = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        bool[] Covers(RosterAssignment a)
        {
            var key = a.BreakStarts is null ? a.ShiftId : a.ShiftId + "@" + string.Join(",", a.BreakStarts.Select(b => b.ToString("HH:mm", inv)));
            if (!coverage.TryGetValue(key, out var covers))
            {
                var t = shifts[a.ShiftId];
                covers = CompiledProblem.Coverage(t with { Breaks = t.BreaksAt(a.BreakStarts) }, problem.IntervalMinutes, c.PerDay);
                coverage[key] = covers;
            }

            return covers;
        }

        for (var d = 0; d < c.Days; d++)
        {
            var date = c.Date(d);
            var today = valid.Where(a => a.Date == date).ToList();
            for (var k = 0; k < c.PerDay; k++)
            {
                var t = (d * c.PerDay) + k;
                if (!c.Open[t])
                {
                    continue;
                }

                var onDuty = today.Where(a => Covers(a)[k]).Select(a => Array.FindIndex(c.Staff, m => m.Id == a.StaffId)).Where(i => i >= 0).ToList();
                var time = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(k * problem.IntervalMinutes));
                if (onDuty.Count > c.Windows)
                {
                    issues.Add(new(RosterRule.WindowCap, date, time, $"{onDuty.Count} staff at windows at {time:HH:mm}, but at most {c.Windows} windows can be open") { Found = onDuty.Count, Limit = c.Windows });
                }

                foreach (var (types, windows) in c.WindowGroupLimits)
                {
                    var n = onDuty.Count(i => types.Contains(c.TypeOf[i]));
                    if (n > windows)
                    {
                        issues.Add(new(RosterRule.Skills, date, time, $"{n} staff who serve only {string.Join(" or ", types.Select(x => c.TypeNames[x]))} are at work at {time:HH:mm}, but only {windows} windows need just those skills") { Found = n, Limit = windows });
                    }
                }
            }
        }

        return issues;
    }
}
