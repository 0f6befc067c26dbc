using System.Globalization;
using System.Text;
using HallSim.Scenarios;
using HallSim.Staffing;
using nietras.SeparatedValues;

namespace HallSim.Reports;

/// <summary>
/// A roster as CSV, one row per assignment: <c>date,staff_id,staff_name,shift_id,start,end,breaks</c> (UTF-8; dates
/// yyyy-MM-dd, times HH:mm; <c>breaks</c>: the start of each break of a shift with flexible breaks, separated by
/// spaces, empty for the shift's own times). Managers can edit it in a spreadsheet and hand it back to
/// <c>hallsim evaluate</c>: <see cref="Read(TextReader, string, HallSim.Scenarios.Scenario?)"/> needs only the date, staff id and shift id columns, in any order (and
/// reads <c>breaks</c> when present).
/// </summary>
public static class RosterCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "date,staff_id,staff_name,shift_id,start,end,breaks";

    /// <summary>Writes <paramref name="roster"/> (sorted by date, then staff id).</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="roster">The roster.</param>
    /// <param name="staff">The staff (for names).</param>
    /// <param name="shifts">The shift templates (for times).</param>
    public static void Write(TextWriter writer, Roster roster, IReadOnlyList<StaffMember> staff, IReadOnlyList<ShiftTemplate> shifts)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(roster);
        var names = (staff ?? []).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        var times = (shifts ?? []).ToDictionary(s => s.Id, StringComparer.Ordinal);
        writer.Write(Header + "\n");
        foreach (var a in roster.Assignments.OrderBy(a => a.Date).ThenBy(a => a.StaffId, StringComparer.Ordinal))
        {
            times.TryGetValue(a.ShiftId, out var s);
            writer.Write(string.Join(",",
                a.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                CsvText.Cell(a.StaffId),
                CsvText.Cell(names.GetValueOrDefault(a.StaffId, string.Empty)),
                CsvText.Cell(a.ShiftId),
                s?.Start.ToString("HH:mm", CultureInfo.InvariantCulture) ?? string.Empty,
                s?.End.ToString("HH:mm", CultureInfo.InvariantCulture) ?? string.Empty,
                ShiftCell.Breaks(a)) + "\n");
        }
    }

    /// <summary>
    /// Reads a roster. Every bad row is reported with its line number and reason, all at once; nothing is dropped silently.
    /// </summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="source">Its name for messages (a file path).</param>
    /// <exception cref="ScenarioValidationException">The file is not a roster or has bad rows (each listed).</exception>
    public static Roster Read(TextReader reader, string source = "roster.csv") => Read(reader, source, null);

    /// <summary>
    /// Reads a roster and checks each row against <paramref name="scenario"/>: unknown staff and shifts and break times
    /// a shift does not allow are reported with their line numbers, beside every other bad row, all at once.
    /// </summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="source">Its name for messages (a file path).</param>
    /// <param name="scenario">The scenario the roster is for; null: the rows are not checked against one.</param>
    /// <exception cref="ScenarioValidationException">The file is not a roster or has bad rows (each listed).</exception>
    public static Roster Read(TextReader reader, string source, HallSim.Scenarios.Scenario? scenario)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new List<ValidationProblem>();
        using var csv = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true, DisableFastFloat = true }).From(reader);
        using var rows = csv.GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new ScenarioValidationException(source, [new ValidationProblem("line 1", "the file is empty (expected the header " + Header + ")")]);
        }

        var columns = Cells(rows.Current).Select(c => c.TrimStart('\uFEFF').Trim().ToLowerInvariant()).ToList();
        int Column(string name)
        {
            var i = columns.IndexOf(name);
            if (i < 0)
            {
                problems.Add(new ValidationProblem("line 1", $"no \"{name}\" column (expected the header {Header})"));
            }

            return i;
        }

        int date = Column("date"), staff = Column("staff_id"), shift = Column("shift_id"), breaks = columns.IndexOf("breaks");
        if (problems.Count > 0)
        {
            throw new ScenarioValidationException(source, problems);
        }

        var assignments = new List<RosterAssignment>();
        while (rows.MoveNext())
        {
            var line = rows.Current.LineNumberFrom;
            var cells = Cells(rows.Current);
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string Cell(int i) => i < cells.Count ? cells[i].Trim() : string.Empty;
            var dayOff = Words.DayOff.Contains(Cell(shift)); // a row that says the person is off (休, off): no shift
            var shiftId = scenario is null ? Cell(shift) : ShiftCell.Resolve(scenario, Cell(shift));
            var ok = true;
            if (!DateOnly.TryParseExact(Cell(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                problems.Add(new ValidationProblem($"line {line}", $"date \"{Cell(date)}\" is not a date (expected yyyy-MM-dd)"));
                ok = false;
            }

            if (Cell(staff).Length == 0)
            {
                problems.Add(new ValidationProblem($"line {line}", "staff_id is empty"));
                ok = false;
            }

            if (dayOff)
            {
                // No shift, but its date and person are checked like any other row's.
                if (scenario is not null && Cell(staff).Length > 0 && scenario.Staff.All(m => m.Id != Cell(staff)))
                {
                    problems.Add(new ValidationProblem($"line {line}", $"unknown staff member \"{Cell(staff)}\""));
                }

                continue;
            }

            if (Cell(shift).Length == 0)
            {
                problems.Add(new ValidationProblem($"line {line}", "shift_id is empty"));
                ok = false;
            }

            var (starts, bad) = breaks < 0 ? (null, null) : ShiftCell.ParseBreaks(Cell(breaks));
            if (bad is not null)
            {
                problems.Add(new ValidationProblem($"line {line}", $"breaks \"{Cell(breaks)}\": \"{bad}\" is not a time (expected each break's start as HH:mm, separated by spaces)"));
                ok = false;
            }

            if (scenario is not null && Cell(staff).Length > 0 && Cell(shift).Length > 0 && bad is null)
            {
                foreach (var problem in ShiftCell.Check(scenario, Cell(staff), shiftId, starts))
                {
                    problems.Add(new ValidationProblem($"line {line}", problem));
                    ok = false;
                }
            }

            if (ok)
            {
                assignments.Add(new RosterAssignment(d, Cell(staff), shiftId) { BreakStarts = starts });
            }
        }

        return problems.Count > 0 ? throw new ScenarioValidationException(source, problems) : new Roster(assignments);
    }

    private static List<string> Cells(SepReader.Row row)
    {
        var cells = new List<string>(row.ColCount);
        for (var i = 0; i < row.ColCount; i++)
        {
            cells.Add(CsvText.Text(row[i].ToString()));
        }

        return cells;
    }
}
