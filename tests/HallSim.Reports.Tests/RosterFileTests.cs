using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Reports.Tests;

public class RosterFileTests
{
    private static string Key(Roster r) => string.Join(";", r.Assignments.OrderBy(a => a.Date).ThenBy(a => a.StaffId).Select(a => $"{a.Date:yyyy-MM-dd}|{a.StaffId}|{a.ShiftId}"));

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
        Assert.Equal(["Week 2026-03-23", "Shifts", "KPIs"], sheets);
        var week = doc.WorkbookPart.WorksheetParts.First();
        var pane = week.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Pane>().Single();
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("C2", pane.TopLeftCell!.Value);
    }

    [Fact]
    public void Xlsx_NotAWorkbook_IsOneClearError()
    {
        using var stream = new MemoryStream("this is not a workbook"u8.ToArray());
        var e = Assert.Throws<ScenarioValidationException>(() => RosterXlsx.Read(stream, "x.xlsx"));
        Assert.Contains("not an xlsx workbook", e.Message);
    }
}
