using System.Globalization;
using HallSim.Staffing;

namespace HallSim.Reports;

/// <summary>
/// The text of one roster cell: the shift id, then, for a shift whose breaks were placed, each break's start
/// ("late 15:30"; "split 11:30 16:00"). The same text is written to roster.xlsx and read back from it; roster.csv puts
/// the break starts in their own column.
/// </summary>
internal static class ShiftCell
{
    internal static string Breaks(RosterAssignment a) =>
        a.BreakStarts is null ? string.Empty : string.Join(" ", a.BreakStarts.Select(b => b.ToString("HH:mm", CultureInfo.InvariantCulture)));

    /// <summary>Break starts from "15:30" or "11:30 16:00" (empty: null); the tokens that are not times HH:mm, when any.</summary>
    internal static (IReadOnlyList<TimeOnly>? Starts, string? Bad) ParseBreaks(string text)
    {
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            return (null, null);
        }

        var starts = new List<TimeOnly>();
        foreach (var token in tokens)
        {
            if (!TimeOnly.TryParseExact(token, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                return (null, token);
            }

            starts.Add(t);
        }

        return (starts, null);
    }

    /// <summary>
    /// A cell "late 15:30": the break starts are the trailing words that are times HH:mm, the shift id is the rest (so
    /// an id with a space, "late shift", still reads). A trailing word with a digit that is not a time is reported.
    /// </summary>
    internal static (string ShiftId, IReadOnlyList<TimeOnly>? Starts, string? Bad) Parse(string text)
    {
        var words = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        var starts = new List<TimeOnly>();
        while (words.Count > 1)
        {
            var last = words[^1];
            if (TimeOnly.TryParseExact(last, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                starts.Insert(0, t);
                words.RemoveAt(words.Count - 1);
            }
            else if (last.Any(char.IsAsciiDigit))
            {
                return (string.Join(" ", words), null, last);
            }
            else
            {
                break;
            }
        }

        return (string.Join(" ", words), starts.Count > 0 ? starts : null, null);
    }

    /// <summary>The scenario's shift id that <paramref name="typed"/> names: the id itself, else the one id or display
    /// name equal to it ignoring case ("Morning", "LATE", "上午"); the text unchanged when none or several match (the
    /// check then reports it as unknown).</summary>
    internal static string Resolve(Scenarios.Scenario scenario, string typed)
    {
        if (scenario.Shifts.Any(x => x.Id == typed))
        {
            return typed;
        }

        var matches = scenario.Shifts.Where(x => string.Equals(x.Id, typed, StringComparison.OrdinalIgnoreCase) || (x.Name.Length > 0 && string.Equals(x.Name, typed, StringComparison.OrdinalIgnoreCase))).ToList();
        return matches.Count == 1 ? matches[0].Id : typed;
    }

    /// <summary>
    /// What is wrong with one roster row against a scenario, in words (empty when nothing): an unknown staff member or
    /// shift (with what was expected), or break times the shift does not allow. Lets a reader name the line or cell.
    /// </summary>
    internal static List<string> Check(Scenarios.Scenario scenario, string staffId, string shiftId, IReadOnlyList<TimeOnly>? starts)
    {
        var problems = new List<string>();
        if (!scenario.Staff.Any(m => m.Id == staffId))
        {
            var some = scenario.Staff.Take(8).Select(m => m.Id).ToList();
            problems.Add($"unknown staff member \"{staffId}\" (expected one of {string.Join(", ", some)}{(scenario.Staff.Count > some.Count ? ", …" : string.Empty)})");
        }

        if (scenario.Shifts.FirstOrDefault(x => x.Id == shiftId) is not { } shift)
        {
            problems.Add($"unknown shift \"{shiftId}\" (expected one of {string.Join(", ", scenario.Shifts.Select(x => x.Id))}, a shift's name, or 休/off for a day off)");
        }
        else if (starts is not null && shift.BreakStartProblem(starts) is { } breakProblem)
        {
            problems.Add(breakProblem);
        }

        return problems;
    }

    /// <summary>How a template's breaks read in the shift legend: "12:00–14:00", or for a flexible break the
    /// <paramref name="flexible"/> format with {0} its minutes, {1} its earliest and {2} its latest start.</summary>
    internal static string Describe(ShiftTemplate s, string flexible) => string.Join(", ", s.Breaks.Select(b => b.IsFlexible
        ? string.Format(CultureInfo.InvariantCulture, flexible, b.Minutes, b.Start, b.LatestStart)
        : string.Create(CultureInfo.InvariantCulture, $"{b.Start:HH\\:mm}–{b.End:HH\\:mm}")));
}
