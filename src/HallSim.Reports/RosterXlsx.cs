using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Reports;

/// <summary>
/// The roster as an Excel workbook: one sheet per calendar week (staff × date grid of shift ids, with names, window
/// skills and hours; the header row and the name columns frozen), a sheet of shift templates and a sheet of KPIs.
/// <see cref="Read(Stream, string, HallSim.Scenarios.Scenario?)"/> reads the week sheets back, so a manager can edit the grid and evaluate it.
/// </summary>
public static class RosterXlsx
{
    private const int FirstDateColumn = 4; // A: id, B: name, C: skills, D…: dates, then hours

    /// <summary>Writes the workbook in Chinese (headers, sheet names, a day off written 休).</summary>
    /// <param name="stream">A writable, seekable stream (a file).</param>
    /// <param name="report">The report whose roster and KPIs are written.</param>
    public static void Write(Stream stream, RosterReport report) => Write(stream, report, ReportLanguage.Chinese);

    /// <summary>
    /// Writes the workbook: per week a staff × date sheet (dates with their weekdays; each date cell offers the shift
    /// ids and the day-off word in a drop-down, and any shift with break times may be typed; the hours column is a
    /// formula over the shifts sheet, so it follows the manager's edits), the shift templates and the KPIs, with
    /// headers and sheet names in <paramref name="language"/>.
    /// </summary>
    /// <param name="stream">A writable, seekable stream (a file).</param>
    /// <param name="report">The report whose roster and KPIs are written.</param>
    /// <param name="language">The language of headers, sheet names and the day-off word.</param>
    public static void Write(Stream stream, RosterReport report, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var w = Words.For(language);
        var text = new ReportText(language);
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        uint sheetId = 1;

        var shifts = report.Shifts.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var byCell = report.Roster.Assignments.GroupBy(a => (a.StaffId, a.Date)).ToDictionary(g => g.Key, g => g.First());
        var dates = Enumerable.Range(0, report.Days).Select(d => report.From.AddDays(d)).ToArray();
        var lastShiftRow = report.Shifts.Count + 1;
        var shiftIds = $"'{w.ShiftsSheet}'!$A$2:$A${lastShiftRow}";
        var shiftHours = $"'{w.ShiftsSheet}'!$F$2:$F${lastShiftRow}";
        foreach (var week in dates.GroupBy(Weekdays.MondayOf))
        {
            var days = week.ToArray();
            var rows = new List<Row> { RowOf(1, [Str(w.StaffId, 1), Str(w.Name, 1), Str(w.Skills, 1), .. days.Select(d => Str($"{d:yyyy-MM-dd} {text.Weekday(d)}", 1)), Str(w.Hours, 1)]) };
            uint r = 2;
            foreach (var m in report.Staff)
            {
                double minutes = 0;
                var cells = new List<Cell> { Str(m.Id), Str(m.Name), Str(report.StaffGroups.TryGetValue(m.Id, out var g) ? g : string.Join("/", m.Categories)) };
                foreach (var d in days)
                {
                    if (byCell.TryGetValue((m.Id, d), out var assignment))
                    {
                        minutes += shifts.TryGetValue(assignment.ShiftId, out var s) ? s.WorkingMinutes : 0;
                        cells.Add(Str(assignment.ShiftText, 2));
                    }
                    else
                    {
                        cells.Add(Str(w.Off));
                    }
                }

                // Hours follow the edits: each shift id counted alone or with break times after it ("late 15:30").
                var range = $"{ColumnName(FirstDateColumn)}{r}:{ColumnName(FirstDateColumn + days.Length - 1)}{r}";
                var formula = report.Shifts.Count == 0 ? null : $"SUMPRODUCT((COUNTIF({range},{shiftIds})+COUNTIF({range},{shiftIds}&\" *\"))*{shiftHours})";
                cells.Add(formula is null ? Num(minutes / 60) : Formula(formula, minutes / 60));
                rows.Add(RowOf(r++, cells));
            }

            var part = AddSheet(workbook, ref sheetId, $"{w.Week} {days[0]:yyyy-MM-dd}", rows, frozenRows: 1, frozenColumns: 2, widths: [10, 18, 18, .. days.Select(_ => 14.0), 8]);
            var offered = string.Join(",", report.Shifts.Select(x => x.Id).Append(w.Off));
            if (report.Staff.Count > 0 && report.Shifts.Count > 0 && offered.Length <= 255) // Excel's limit for a list typed in the rule
            {
                // A drop-down of the shift ids and the day-off word; other text (a shift with its break times) is
                // accepted here and checked when the roster is read back.
                var list = offered;
                var validation = new DataValidation
                {
                    Type = DataValidationValues.List,
                    AllowBlank = true,
                    ShowInputMessage = true,
                    ShowErrorMessage = false,
                    PromptTitle = w.PromptTitle,
                    Prompt = w.Prompt,
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{ColumnName(FirstDateColumn)}2:{ColumnName(FirstDateColumn + days.Length - 1)}{report.Staff.Count + 1}" },
                    Formula1 = new Formula1($"\"{list}\""),
                };
                part.Worksheet!.InsertAfter(new DataValidations(validation) { Count = 1 }, part.Worksheet.GetFirstChild<SheetData>());
            }
        }

        var shiftRows = new List<Row> { RowOf(1, [Str(w.ShiftId, 1), Str(w.Name, 1), Str(w.Start, 1), Str(w.End, 1), Str(w.Breaks, 1), Str(w.WorkingHours, 1)]) };
        uint sr = 2;
        foreach (var s in report.Shifts)
        {
            shiftRows.Add(RowOf(sr++, [Str(s.Id), Str(s.Name), Str(s.Start.ToString("HH:mm", inv)), Str(s.End.ToString("HH:mm", inv)),
                Str(ShiftCell.Describe(s, w.FlexibleBreak)), Num(s.WorkingMinutes / 60)]));
        }

        AddSheet(workbook, ref sheetId, w.ShiftsSheet, shiftRows, frozenRows: 1, frozenColumns: 0, widths: [12, 30, 8, 8, 16, 14]);

        var kpiRows = new List<Row> { RowOf(1, [Str(w.Roster, 1), Str(w.StaffHours, 1), Str(w.MeanWait, 1), Str("± (95%)", 1), Str(w.P90Wait, 1), Str(string.Format(inv, w.Within, report.TargetMinutes), 1), Str(w.LeftBeforeCalled, 1), Str(w.TurnedAway, 1), Str(w.Overtime, 1)]) };
        uint kr = 2;
        foreach (var k in report.Kpis)
        {
            kpiRows.Add(RowOf(kr++, [Str(k.Label), Num(k.StaffHours), Num(k.MeanWait.Mean), Num(k.MeanWait.HalfWidth), Num(k.P90Wait.Mean), Num(k.WithinTarget.Mean), Num(k.Abandonment.Mean),
                k.TurnedAway is { } turned ? Num(turned.Mean) : Str(string.Empty), k.OvertimeHours is { } overtime ? Num(overtime.Mean) : Str(string.Empty)]));
        }

        AddSheet(workbook, ref sheetId, w.KpiSheet, kpiRows, frozenRows: 1, frozenColumns: 1, widths: [22, 12, 16, 10, 14, 20, 18, 20, 22]);
        workbook.Workbook.Save();
    }

    /// <summary>
    /// Reads the roster from every sheet whose first row reads staff_id (or 工号), name, skills, then dates (text
    /// yyyy-MM-dd, optionally followed by the weekday, or date cells): a cell under a date is that person's shift id,
    /// and an empty cell, 休, 休息, off or "-" is a day off. Every bad cell is reported with its sheet
    /// and address (a header that is no date, a shift under a column without one); nothing is dropped silently.
    /// </summary>
    /// <param name="stream">The workbook.</param>
    /// <param name="source">Its name for messages.</param>
    /// <exception cref="ScenarioValidationException">Not a roster workbook, or bad cells (each listed).</exception>
    public static Roster Read(Stream stream, string source = "roster.xlsx") => Read(stream, source, null);

    /// <summary>
    /// Reads the week sheets back and checks each cell against <paramref name="scenario"/>: a shift may be typed by its id
    /// or its display name in any letter case ("Morning", "上午"); unknown staff and shifts and break times a shift does
    /// not allow are reported with their cell addresses, beside every other bad cell.
    /// </summary>
    /// <param name="stream">The workbook.</param>
    /// <param name="source">Its name for messages (a file path).</param>
    /// <param name="scenario">The scenario the roster is for; null: the cells are not checked against one.</param>
    /// <exception cref="ScenarioValidationException">The workbook is not a roster or has bad cells (each listed).</exception>
    public static Roster Read(Stream stream, string source, HallSim.Scenarios.Scenario? scenario)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var problems = new List<ValidationProblem>();
        var assignments = new List<RosterAssignment>();
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new ScenarioValidationException(source, [new ValidationProblem("file", $"is not an xlsx workbook ({ex.Message})")]);
        }

        using (document)
        {
            var workbook = document.WorkbookPart ?? throw new ScenarioValidationException(source, [new ValidationProblem("file", "has no workbook")]);
            var sharedStrings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var rosterSheets = 0;
            foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
            {
                if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
                {
                    continue;
                }

                var rows = part.Worksheet?.Descendants<Row>().ToList() ?? [];
                if (rows.Count == 0)
                {
                    continue;
                }

                var header = Cells(rows[0], sharedStrings);
                if (!Words.StaffIdHeaders.Contains(header.GetValueOrDefault(1)?.Trim() ?? string.Empty))
                {
                    continue; // not a roster sheet (shifts, KPIs, notes)
                }

                rosterSheets++;
                // A date header is text yyyy-MM-dd or a date cell (Excel stores those as day serials); a header that is
                // neither is an error with its address, never a column that silently vanishes.
                var dates = new Dictionary<int, DateOnly>();
                var undated = new HashSet<int>();
                foreach (var (column, text) in header.Where(h => h.Key >= FirstDateColumn))
                {
                    var t = text.Trim();
                    if (t.Length == 0)
                    {
                        undated.Add(column);
                    }
                    else if (Words.HoursHeaders.Contains(t))
                    {
                        continue; // the staff-hours column after the dates
                    }
                    else if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                        || (t.Length > 10 && char.IsWhiteSpace(t[10]) && DateOnly.TryParseExact(t[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d)))
                    {
                        dates[column] = d; // "2026-03-23" or "2026-03-23 周一"
                    }
                    else if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2_958_466 && serial == Math.Floor(serial))
                    {
                        dates[column] = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                    }
                    else
                    {
                        problems.Add(new ValidationProblem($"{sheet.Name}!{ColumnName(column)}1", $"\"{t}\" is not a date (expected yyyy-MM-dd or a date cell)"));
                    }
                }

                foreach (var row in rows.Skip(1))
                {
                    var cells = Cells(row, sharedStrings);
                    var staffId = cells.GetValueOrDefault(1)?.Trim() ?? string.Empty;
                    var occupied = cells.Where(c => dates.ContainsKey(c.Key) && !string.IsNullOrWhiteSpace(c.Value) && !Words.DayOff.Contains(c.Value.Trim())).ToList();
                    foreach (var (column, value) in cells.Where(c => undated.Contains(c.Key) && !string.IsNullOrWhiteSpace(c.Value) && !Words.DayOff.Contains(c.Value.Trim())))
                    {
                        problems.Add(new ValidationProblem($"{sheet.Name}!{ColumnName(column)}{row.RowIndex}", $"shift \"{value.Trim()}\" is in a column without a date in row 1"));
                    }

                    if (staffId.Length == 0)
                    {
                        if (occupied.Count > 0)
                        {
                            problems.Add(new ValidationProblem($"{sheet.Name}!A{row.RowIndex}", "shifts given but the staff_id is empty"));
                        }

                        continue;
                    }

                    foreach (var (column, text) in occupied)
                    {
                        var (typed, starts, bad) = ShiftCell.Parse(text);
                        if (bad is not null)
                        {
                            problems.Add(new ValidationProblem($"{sheet.Name}!{ColumnName(column)}{row.RowIndex}", $"\"{text.Trim()}\": \"{bad}\" is not a break start (expected the shift id, then each break's start as HH:mm, for example \"late 15:30\")"));
                            continue;
                        }

                        var shift = scenario is null ? typed : ShiftCell.Resolve(scenario, typed);

                        var cellProblems = scenario is null ? [] : ShiftCell.Check(scenario, staffId, shift, starts);
                        problems.AddRange(cellProblems.Select(m => new ValidationProblem($"{sheet.Name}!{ColumnName(column)}{row.RowIndex}", m)));
                        if (cellProblems.Count == 0)
                        {
                            assignments.Add(new RosterAssignment(dates[column], staffId, shift) { BreakStarts = starts });
                        }
                    }
                }
            }

            if (rosterSheets == 0)
            {
                problems.Add(new ValidationProblem("file", "has no roster sheet (a sheet whose first row starts staff_id, name, skills, then dates)"));
            }
        }

        return problems.Count > 0 ? throw new ScenarioValidationException(source, problems) : new Roster(assignments);
    }

    private static Dictionary<int, string> Cells(Row row, string[] sharedStrings)
    {
        var result = new Dictionary<int, string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var reference = cell.CellReference?.Value ?? string.Empty;
            var column = 0;
            foreach (var ch in reference.TakeWhile(char.IsLetter))
            {
                column = (column * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
            }

            var text = cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Length
                ? sharedStrings[i]
                : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? string.Empty : cell.CellValue?.Text ?? string.Empty;
            result[column] = text;
        }

        return result;
    }

    private static WorksheetPart AddSheet(WorkbookPart workbook, ref uint sheetId, string name, List<Row> rows, int frozenRows, int frozenColumns, double[] widths)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var views = new SheetViews();
        var view = new SheetView { WorkbookViewId = 0 };
        if (frozenRows > 0 || frozenColumns > 0)
        {
            var topLeft = $"{ColumnName(frozenColumns + 1)}{frozenRows + 1}";
            view.Append(new Pane
            {
                HorizontalSplit = frozenColumns > 0 ? frozenColumns : null,
                VerticalSplit = frozenRows > 0 ? frozenRows : null,
                TopLeftCell = topLeft,
                ActivePane = frozenRows > 0 && frozenColumns > 0 ? PaneValues.BottomRight : frozenRows > 0 ? PaneValues.BottomLeft : PaneValues.TopRight,
                State = PaneStateValues.Frozen,
            });
        }

        views.Append(view);
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));
        var data = new SheetData();
        foreach (var row in rows)
        {
            var c = 1;
            foreach (var cell in row.Elements<Cell>())
            {
                cell.CellReference = $"{ColumnName(c++)}{row.RowIndex}";
            }

            data.Append(row);
        }

        part.Worksheet = new Worksheet(views, columns, data);
        workbook.Workbook!.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = name.Length > 31 ? name[..31] : name });
        return part;
    }

    private static string ColumnName(int column)
    {
        var name = string.Empty;
        while (column > 0)
        {
            var m = (column - 1) % 26;
            name = (char)('A' + m) + name;
            column = (column - m - 1) / 26;
        }

        return name;
    }

    private static Row RowOf(uint index, IEnumerable<Cell> cells)
    {
        var row = new Row { RowIndex = index };
        row.Append(cells);
        return row;
    }

    private static Cell Str(string text, uint style = 0) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style,
    };

    private static Cell Formula(string formula, double cached) => new()
    {
        CellFormula = new CellFormula(formula),
        CellValue = new CellValue(double.IsFinite(cached) ? Math.Round(cached, 4) : 0),
        StyleIndex = 3,
    };

    private static Cell Num(double value) => new()
    {
        DataType = CellValues.Number,
        CellValue = new CellValue(double.IsFinite(value) ? Math.Round(value, 4) : 0),
        StyleIndex = 3,
    };

    /// <summary>Styles: 0 default, 1 bold header with fill, 2 shift cell (light blue), 3 number 0.0.</summary>
    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDE8F5" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8F1FB" }) { PatternType = PatternValues.Solid })) { Count = 4 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true },
            new CellFormat { FillId = 3, ApplyFill = true, Alignment = new Alignment { Horizontal = HorizontalAlignmentValues.Center } },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 4 });
}

/// <summary>The workbook's headers, sheet names and day-off word in Chinese and English (every one required).</summary>
internal sealed record Words
{
    private static readonly Words Chinese = new()
    {
        StaffId = "工号", Name = "姓名", Skills = "窗口类别", Hours = "工时", Off = "休", Week = "周", ShiftsSheet = "班次", KpiSheet = "模拟结果",
        ShiftId = "班次代码", Start = "开始", End = "结束", Breaks = "休息", WorkingHours = "工作小时",
        FlexibleBreak = "{0:0} 分钟，{1:HH\\:mm}–{2:HH\\:mm} 之间开始（在单元格的班次代码后写开始时间）",
        Roster = "排班", StaffHours = "工时", MeanWait = "平均等候（分钟）", P90Wait = "90% 等候不超过（分钟）", Within = "{0:0} 分钟内叫号比例",
        LeftBeforeCalled = "过号离开比例", TurnedAway = "未取号或过号离开（人）", Overtime = "窗口关闭后继续办理（小时）",
        PromptTitle = "班次", Prompt = "选择班次代码，或写“休”；可在代码后加休息开始时间，如 late 15:30",
    };

    private static readonly Words English = new()
    {
        StaffId = "staff_id", Name = "name", Skills = "skills", Hours = "hours", Off = "off", Week = "Week", ShiftsSheet = "Shifts", KpiSheet = "KPIs",
        ShiftId = "shift_id", Start = "start", End = "end", Breaks = "breaks", WorkingHours = "working hours",
        FlexibleBreak = "{0:0} min, starting {1:HH\\:mm}-{2:HH\\:mm} (the time after the shift id in each cell)",
        Roster = "roster", StaffHours = "staff-hours", MeanWait = "mean wait (min)", P90Wait = "p90 wait (min)", Within = "called within {0:0} min",
        LeftBeforeCalled = "left before called", TurnedAway = "turned away (citizens)", Overtime = "overtime after closing (h)",
        PromptTitle = "Shift", Prompt = "Pick a shift id, or \"off\"; a break start may follow the id, as in late 15:30",
    };

    public required string StaffId { get; init; }

    public required string Name { get; init; }

    public required string Skills { get; init; }

    public required string Hours { get; init; }

    public required string Off { get; init; }

    public required string Week { get; init; }

    public required string ShiftsSheet { get; init; }

    public required string KpiSheet { get; init; }

    public required string ShiftId { get; init; }

    public required string Start { get; init; }

    public required string End { get; init; }

    public required string Breaks { get; init; }

    public required string WorkingHours { get; init; }

    public required string FlexibleBreak { get; init; }

    public required string Roster { get; init; }

    public required string StaffHours { get; init; }

    public required string MeanWait { get; init; }

    public required string P90Wait { get; init; }

    public required string Within { get; init; }

    public required string LeftBeforeCalled { get; init; }

    public required string TurnedAway { get; init; }

    public required string Overtime { get; init; }

    public required string PromptTitle { get; init; }

    public required string Prompt { get; init; }

    /// <summary>The words of a workbook's first row that mark a roster sheet, in either language.</summary>
    public static IReadOnlySet<string> StaffIdHeaders { get; } = new HashSet<string>(StringComparer.Ordinal) { Chinese.StaffId, English.StaffId };

    /// <summary>The hours column's header, in either language.</summary>
    public static IReadOnlySet<string> HoursHeaders { get; } = new HashSet<string>(StringComparer.Ordinal) { Chinese.Hours, English.Hours };

    /// <summary>Cell texts that mean a day off, in either language (compared ignoring case).</summary>
    public static IReadOnlySet<string> DayOff { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "休", "休息", "off", "-", "–" };

    public static Words For(ReportLanguage language) => language == ReportLanguage.Chinese ? Chinese : English;
}
