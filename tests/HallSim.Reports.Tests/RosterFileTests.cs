using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Reports.Tests;

public class RosterFileTests
{
    private static string Key(Roster r) => string.Join(";", r.Assignments.OrderBy(a => a.Date).ThenBy(a => a.StaffId).Select(a => $"{a.Date:yyyy-MM-dd}|{a.StaffId}|{a.ShiftText}"));

    [Fact]
    public void AgainstAScenario_ABadDateHidesNothing_EveryUnknownStaffShiftAndBreakIsNamedByLineOrCell()
    {
        var report = Samples.Report();
        var scenario = Halls.Jihua with { Staff = report.Staff, Shifts = report.Shifts };
        var csv = "date,staff_id,shift_id,breaks\n2026-03-2x,S1,day,\n2026-03-23,S9,day,\n2026-03-23,S2,late-b,\n2026-03-24,S3,late,18:00\n2026-03-24,S1,late,15:00\n";
        var e = Assert.Throws<ScenarioValidationException>(() => RosterCsv.Read(new StringReader(csv), "r.csv", scenario));
        Assert.Contains(e.Problems, p => p.Path == "line 2" && p.Message.Contains("is not a date"));
        Assert.Contains(e.Problems, p => p.Path == "line 3" && p.Message.Contains("unknown staff member \"S9\" (expected one of S1, S2, S3)"));
        Assert.Contains(e.Problems, p => p.Path == "line 4" && p.Message.Contains("unknown shift \"late-b\" (expected one of day, late, a shift's name, or 休/off for a day off)"));
        Assert.Contains(e.Problems, p => p.Path == "line 5" && p.Message.Contains("outside its window 14:30–16:30"));
        Assert.Equal(4, e.Problems.Count); // line 6 is good
        Assert.Single(RosterCsv.Read(new StringReader("date,staff_id,shift_id,breaks\n2026-03-24,S1,late,15:00\n"), "r.csv", scenario).Assignments);

        using var stream = new MemoryStream();
        RosterXlsx.Write(stream, report);
        var other = scenario with { Shifts = [report.Shifts[0]] }; // "late" unknown there
        stream.Position = 0;
        var x = Assert.Throws<ScenarioValidationException>(() => RosterXlsx.Read(stream, "r.xlsx", other));
        Assert.Contains(x.Problems, p => p.Path.EndsWith("!D3", StringComparison.Ordinal) && p.Message.Contains("unknown shift \"late\""));
    }

    [Theory]
    [InlineData("late", "late", "")]
    [InlineData("late shift", "late shift", "")]
    [InlineData("late shift 15:30", "late shift", "15:30")]
    [InlineData("split 11:30 16:00", "split", "11:30 16:00")]
    [InlineData(" late  9:30 ", "late", "09:30")]
    public void ACell_IsTheShiftId_ThenTrailingBreakTimes(string cell, string id, string starts)
    {
        var (shift, times, bad) = ShiftCell.Parse(cell);
        Assert.Null(bad);
        Assert.Equal(id, shift);
        Assert.Equal(starts, times is null ? string.Empty : string.Join(" ", times.Select(t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void BreakTimes_RoundTripThroughCsvAndXlsx_AndABadOneIsNamedByItsLineOrCell()
    {
        var report = Samples.Report();
        var writer = new StringWriter();
        RosterCsv.Write(writer, report.Roster, report.Staff, report.Shifts);
        var text = writer.ToString();
        Assert.Contains(",late,12:00,19:30,15:30\n", text);
        Assert.Contains(",day,09:00,18:00,\n", text);
        Assert.Contains("S2|late 15:30", Key(RosterCsv.Read(new StringReader(text))));

        // An older file without the breaks column still reads (every break at the template's time).
        var old = "date,staff_id,shift_id\n2026-03-23,S2,late\n";
        Assert.Null(Assert.Single(RosterCsv.Read(new StringReader(old)).Assignments).BreakStarts);

        var bad = text.Replace(",15:30\n", ",15h30\n", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioValidationException>(() => RosterCsv.Read(new StringReader(bad), "r.csv"));
        Assert.Contains(e.Problems, p => p.Path == "line 3" && p.Message.Contains("\"15h30\" is not a time"));

        using var stream = new MemoryStream();
        RosterXlsx.Write(stream, report);
        stream.Position = 0;
        Assert.Contains("S2|late 15:30", Key(RosterXlsx.Read(stream)));
        stream.Position = 0;
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            var cell = doc.WorkbookPart!.WorksheetParts.First().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
                .First(c => c.InlineString?.InnerText == "late 15:30");
            cell.InlineString = new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text("late 15h30"));
            cell.DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString;
            cell.CellValue = null;
        }

        stream.Position = 0;
        var x = Assert.Throws<ScenarioValidationException>(() => RosterXlsx.Read(stream, "r.xlsx"));
        Assert.Contains(x.Problems, p => p.Path.EndsWith("!D3", StringComparison.Ordinal) && p.Message.Contains("\"15h30\" is not a break start"));
    }

    [Fact]
    public void Csv_RoundTrips_AndNeutralisesFormulaNames()
    {
        var report = Samples.Report();
        var writer = new StringWriter();
        RosterCsv.Write(writer, report.Roster, report.Staff, report.Shifts);
        var text = writer.ToString();
        Assert.StartsWith(RosterCsv.Header + "\n", text);
        Assert.Contains(",'=cmd|' /C calc'!A0,", text);
        Assert.DoesNotContain(",=cmd", text);
        Assert.Equal(Key(report.Roster), Key(RosterCsv.Read(new StringReader(text))));
    }

    [Fact]
    public void Csv_IdsThatLookLikeFormulas_AreNeutralised_AndReadBackAsThemselves()
    {
        var monday = new DateOnly(2026, 3, 23);
        var roster = new Roster([new RosterAssignment(monday, "=1+1", "@day"), new RosterAssignment(monday, "-S2", "+late,x")]);
        var writer = new StringWriter();
        RosterCsv.Write(writer, roster, [new StaffMember("=1+1", "\tTab", ["*"])], []);
        var text = writer.ToString();
        foreach (var line in text.Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            // No cell of the file starts with a character a spreadsheet runs as a formula.
            Assert.DoesNotMatch("(^|,)\"?[=+\\-@\t]", line.Replace("2026-03-23", "d", StringComparison.Ordinal));
        }

        Assert.Equal(Key(roster), Key(RosterCsv.Read(new StringReader(text))));
    }

    [Fact]
    public void Xlsx_WritesNoFormulaButItsOwnHoursSum_EveryTextIsAStringCell()
    {
        var report = Samples.Report();
        using var stream = new MemoryStream();
        RosterXlsx.Write(stream, report);
        stream.Position = 0;
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        foreach (var part in doc.WorkbookPart!.WorksheetParts)
        {
            // Only the hours column's own sum over the shifts sheet; no text from the data ever becomes a formula.
            Assert.All(part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellFormula>(), f => Assert.StartsWith("SUMPRODUCT((COUNTIF(D", f.Text, StringComparison.Ordinal));
        }

        // The formula-like name of the sample is a string cell holding its text as typed.
        var cells = doc.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()).ToList();
        var text = new[] { DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString, DocumentFormat.OpenXml.Spreadsheet.CellValues.String, DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString };
        Assert.Contains(cells, c => c.InnerText.Contains("=cmd", StringComparison.Ordinal) && c.DataType is { } t && text.Contains(t.Value));
    }

    [Fact]
    public void Csv_BadRows_AreListedWithLineNumbers_NothingDropped()
    {
        var text = "staff_id,date,shift_id\nS1,2026-03-23,day\nS2,23/03/2026,day\n,2026-03-24,\nS3,2026-03-24,late\n";
        var e = Assert.Throws<ScenarioValidationException>(() => RosterCsv.Read(new StringReader(text), "mine.csv"));
        Assert.Contains(e.Problems, p => p.Path == "line 3" && p.Message.Contains("23/03/2026"));
        Assert.Contains(e.Problems, p => p.Path == "line 4" && p.Message.Contains("staff_id"));
        Assert.Contains(e.Problems, p => p.Path == "line 4" && p.Message.Contains("shift_id"));
        Assert.Equal(3, e.Problems.Count);
        Assert.Throws<ScenarioValidationException>(() => RosterCsv.Read(new StringReader("name,age\nx,1\n")));
    }

    [Fact]
    public void Csv_AQuotedFieldWithALineBreak_IsOneRow_AndLaterLinesKeepTheirNumbers()
    {
        // RFC 4180: a quoted cell may hold a line break (a name typed with Alt+Enter in a spreadsheet).
        var text = "date,staff_id,staff_name,shift_id\n2026-03-23,S01,\"Li\nMing\",day\n\n2026-03-24,S02,Wang,late\n2026-03-2x,S03,Zhao,day\n";
        var e = Assert.Throws<ScenarioValidationException>(() => RosterCsv.Read(new StringReader(text), "r.csv"));
        var only = Assert.Single(e.Problems);
        Assert.Equal("line 6", only.Path); // the header is line 1; the quoted break makes the first row lines 2–3
        var good = RosterCsv.Read(new StringReader(text.Replace("2026-03-2x", "2026-03-25", StringComparison.Ordinal)));
        Assert.Equal(["S01", "S02", "S03"], good.Assignments.Select(a => a.StaffId));
    }

    [Fact]
    public void Xlsx_RoundTrips_WithFrozenHeaders_AndAKpiSheet()
    {
        var report = Samples.Report();
        using var stream = new MemoryStream();
        RosterXlsx.Write(stream, report);
        stream.Position = 0;
        Assert.Equal(Key(report.Roster), Key(RosterXlsx.Read(stream)));

        stream.Position = 0;
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["周 2026-03-23", "班次", "模拟结果"], sheets);
        var week = doc.WorkbookPart.WorksheetParts.First();
        var pane = week.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Pane>().Single();
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("C2", pane.TopLeftCell!.Value);
    }

    [Fact]
    public void Xlsx_DateHeadersAsDateCells_AreRead_AndAnUnreadableHeaderIsNamedByItsCell()
    {
        var report = Samples.Report();
        using var stream = new MemoryStream();
        RosterXlsx.Write(stream, report);

        // A manager retypes the first date header in Excel: it becomes a date cell (a day serial), not text.
        SetHeader(stream, "D1", (report.From.ToDateTime(TimeOnly.MinValue).ToOADate()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Key(report.Roster), Key(RosterXlsx.Read(stream)));

        // A header that is no date is an error with its address, not a column that vanishes with its shifts.
        SetHeader(stream, "E1", "Tuesday?");
        var e = Assert.Throws<ScenarioValidationException>(() => RosterXlsx.Read(stream, "r.xlsx"));
        Assert.Contains(e.Problems, p => p.Path.EndsWith("!E1", StringComparison.Ordinal) && p.Message.Contains("Tuesday?", StringComparison.Ordinal));
    }

    private static void SetHeader(MemoryStream stream, string reference, string value)
    {
        stream.Position = 0;
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            var sheet = doc.WorkbookPart!.WorksheetParts.First(w => w.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Any(c => c.CellReference?.Value == "A1"));
            var cell = sheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().First(c => c.CellReference?.Value == reference);
            var number = double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
            cell.DataType = number ? null : DocumentFormat.OpenXml.Spreadsheet.CellValues.String;
            cell.InlineString = null;
            cell.CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue(value);
            sheet.Worksheet.Save();
        }

        stream.Position = 0;
    }

    [Fact]
    public void Xlsx_NotAWorkbook_IsOneClearError()
    {
        using var stream = new MemoryStream("this is not a workbook"u8.ToArray());
        var e = Assert.Throws<ScenarioValidationException>(() => RosterXlsx.Read(stream, "x.xlsx"));
        Assert.Contains("not an xlsx workbook", e.Message);
    }

    [Theory]
    [InlineData(ReportLanguage.Chinese, "工号", "2026-03-23 周一", "休")]
    [InlineData(ReportLanguage.English, "staff_id", "2026-03-23 Mon", "off")]
    public void Xlsx_IsEditable_DropDownsOfShiftsAndTheDayOffWord_WeekdaysInDates_HoursAsAFormula(ReportLanguage language, string firstHeader, string firstDate, string off)
    {
        var report = Samples.Report();
        using var stream = new MemoryStream();
        RosterXlsx.Write(stream, report, language);
        stream.Position = 0;
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false))
        {
            var week = doc.WorkbookPart!.WorksheetParts.First(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>().Any());
            var header = week.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().First().Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList();
            Assert.Equal(firstHeader, header[0]);
            Assert.Equal(firstDate, header[3]);
            var validation = week.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>().Single();
            Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.DataValidationValues.List, validation.Type!.Value);
            Assert.Equal($"\"day,late,{off}\"", validation.Formula1!.Text);
            Assert.Equal("D2:E4", validation.SequenceOfReferences!.InnerText); // 3 staff × 2 dates
            var cells = week.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
            Assert.Contains(cells, c => c.InnerText == off); // a day off is written as the word the drop-down offers
            var hours = cells.Where(c => c.CellFormula is not null).ToList();
            Assert.Equal(3, hours.Count); // one per person
        }

        // Read back, the day-off word is no shift and the roster is unchanged.
        stream.Position = 0;
        Assert.Equal(Key(report.Roster), Key(RosterXlsx.Read(stream)));
    }

    [Fact]
    public void EditedCells_DayOffWords_ShiftNamesInAnyCase_AndATypoNamedByItsCell()
    {
        var report = Samples.Report();
        var scenario = Halls.Jihua with { Staff = report.Staff, Shifts = [.. report.Shifts.Select(x => x.Id == "day" ? x with { Name = "Morning" } : x)] };
        using var stream = new MemoryStream();
        RosterXlsx.Write(stream, report);
        stream.Position = 0;
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            var week = doc.WorkbookPart!.WorksheetParts.First(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>().Any());
            DocumentFormat.OpenXml.Spreadsheet.Cell At(string address) => week.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference == address);
            void Type(string address, string text) => At(address).InlineString = new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text));
            Type("D2", "休");          // S1's Monday "day" becomes a day off
            Type("E2", "MORNING");     // S1's Tuesday: the shift's name, in capitals
            Type("E3", "LATE");        // S2's Tuesday: the id in capitals
            Type("E4", "dya");         // S3's Tuesday: a typo
            week.Worksheet.Save();
        }

        stream.Position = 0;
        var e = Assert.Throws<ScenarioValidationException>(() => RosterXlsx.Read(stream, "r.xlsx", scenario));
        var problem = Assert.Single(e.Problems);
        Assert.EndsWith("!E4", problem.Path, StringComparison.Ordinal);
        Assert.Contains("unknown shift \"dya\"", problem.Message, StringComparison.Ordinal);

        // With the typo mended, every edit reads as meant.
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            var week = doc.WorkbookPart!.WorksheetParts.First(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>().Any());
            week.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference == "E4").InlineString = new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text("off"));
            week.Worksheet.Save();
        }

        stream.Position = 0;
        var roster = RosterXlsx.Read(stream, "r.xlsx", scenario);
        Assert.Equal("2026-03-23|S2|late 15:30;2026-03-24|S1|day;2026-03-24|S2|late", Key(roster));

        // A day-off row is still checked for its date and person.
        var badOff = Assert.Throws<ScenarioValidationException>(() => RosterCsv.Read(new StringReader("date,staff_id,shift_id,breaks\n2026-03-2x,S1,休,\n2026-03-24,S9,off,\n"), "r.csv", scenario));
        Assert.Equal(["line 2", "line 3"], badOff.Problems.Select(p => p.Path));

        // The same words in a CSV.
        var csv = "date,staff_id,shift_id,breaks\n2026-03-23,S1,休,\n2026-03-24,S1,morning,\n2026-03-24,S2,Late,\n";
        Assert.Equal("2026-03-24|S1|day;2026-03-24|S2|late", Key(RosterCsv.Read(new StringReader(csv), "r.csv", scenario)));
    }
}
