using System.Globalization;
using System.Net;
using System.Text;
using HallSim.Experiments;

namespace HallSim.Reports;

/// <summary>
/// Writes a <see cref="RosterReport"/> as one self-contained HTML page that opens offline: plotly.js inlined once,
/// the charts as HallSim's own figures, the roster as a grid that prints on A4 as a 排班表 sheet. Every name and
/// label from the data is HTML-escaped.
/// </summary>
public static class ReportHtml
{
    /// <summary>The page as a string.</summary>
    /// <param name="report">The report.</param>
    /// <param name="language">Chinese (default) or English.</param>
    public static string Write(RosterReport report, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = Text.For(language);
        var inv = CultureInfo.InvariantCulture;
        var h = new StringBuilder();
        string E(string s) => WebUtility.HtmlEncode(s);
        var to = report.From.AddDays(report.Days - 1);

        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(language == ReportLanguage.Chinese ? "zh-CN" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<title>").Append(E($"{t.Title} — {report.HallName}")).Append("</title>\n");
        h.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<header><h1>").Append(E(t.Title)).Append("</h1><p class=\"hall\">").Append(E(report.HallName)).Append("</p><p>")
            .Append(E(string.Format(inv, t.Period, report.From, to, report.Days))).Append("</p></header>\n");

        // The headline: does each roster meet the target, is the difference significant, the worst days and hours, what helps.
        var headline = new ReportText(language).Headline(report);
        if (headline.Count > 0)
        {
            h.Append("<section class=\"headline\"><h2>").Append(E(t.Headline)).Append("</h2><ul>");
            foreach (var line in headline)
            {
                h.Append("<li>").Append(E(line)).Append("</li>");
            }

            h.Append("</ul></section>\n");
        }

        AppendDays(h, report, t);

        // KPIs of the compared rosters.
        h.Append("<section class=\"screen\"><h2>").Append(E(t.Kpis)).Append("</h2>\n<table class=\"kpis\"><thead><tr><th></th>");
        foreach (var k in report.Kpis)
        {
            h.Append("<th>").Append(E(k.Label)).Append("</th>");
        }

        h.Append("</tr></thead><tbody>\n");
        void KpiRow(string name, Func<ReportKpis, string> cell)
        {
            h.Append("<tr><th>").Append(E(name)).Append("</th>");
            foreach (var k in report.Kpis)
            {
                h.Append("<td>").Append(E(cell(k))).Append("</td>");
            }

            h.Append("</tr>\n");
        }

        string Ci(MeanEstimate m, string format, double scale = 1) =>
            string.Create(inv, $"{(m.Mean * scale).ToString(format, inv)} ± {(m.HalfWidth * scale).ToString(format, inv)}");
        KpiRow(t.StaffHours, k => k.StaffHours.ToString("0.#", inv));
        KpiRow(t.MeanWait, k => Ci(k.MeanWait, "0.0"));
        KpiRow(t.P90Wait, k => Ci(k.P90Wait, "0.0"));
        KpiRow(string.Format(inv, t.Within, report.TargetMinutes), k => Ci(k.WithinTarget, "0.0", 100) + " %");
        KpiRow(t.Abandon, k => Ci(k.Abandonment, "0.0", 100) + " %");
        if (report.Kpis.Any(k => k.TurnedAway is not null))
        {
            KpiRow(t.TurnedAway, k => k.TurnedAway is { } x ? Ci(x, "0") : "–");
        }

        if (report.Kpis.Any(k => k.OvertimeHours is not null))
        {
            KpiRow(t.Overtime, k => k.OvertimeHours is { } x ? Ci(x, "0.0") : "–");
        }
        h.Append("</tbody></table>\n<p class=\"note\">").Append(E(t.KpiNote)).Append("</p></section>\n");

        if (report.Issues.Count > 0)
        {
            h.Append("<section class=\"screen issues\"><h2>").Append(E(t.Issues)).Append("</h2><ul>");
            foreach (var i in report.Issues)
            {
                h.Append("<li>").Append(E(i)).Append("</li>");
            }

            h.Append("</ul></section>\n");
        }

        if (report.Changes.Count > 0)
        {
            h.Append("<section class=\"screen\"><h2>").Append(E(t.Changes)).Append("</h2><ul>");
            foreach (var c in report.Changes)
            {
                h.Append("<li>").Append(E(c)).Append("</li>");
            }

            h.Append("</ul></section>\n");
        }

        if (report.Explanation.Count > 0)
        {
            h.Append("<section class=\"screen\"><h2>").Append(E(t.Why)).Append("</h2><ul>");
            foreach (var line in report.Explanation)
            {
                h.Append("<li>").Append(E(line)).Append("</li>");
            }

            h.Append("</ul></section>\n");
        }

        var plotly = AppendPlaybook(h, report, t);
        AppendGrid(h, report, t);
        AppendCharts(h, report, t, plotly);
        h.Append("<footer class=\"screen\"><p>").Append(E(t.Footer)).Append("</p></footer>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>The per-day table: for each compared roster, mean and 90th-percentile wait, share called within the
    /// target, share gone when called and windows open; a closed day says so and gets no figures.</summary>
    private static void AppendDays(StringBuilder h, RosterReport report, Text t)
    {
        var rosters = report.Kpis.Where(k => k.Days.Count > 0).ToArray();
        if (rosters.Length == 0)
        {
            return;
        }

        string E(string s) => WebUtility.HtmlEncode(s);
        var inv = CultureInfo.InvariantCulture;
        h.Append("<section class=\"days\"><h2>").Append(E(t.Days)).Append("</h2>\n<table class=\"days\"><thead><tr><th rowspan=\"2\">").Append(E(t.Date))
            .Append("</th><th rowspan=\"2\">").Append(E(t.TicketsDay)).Append("</th>");
        foreach (var k in rosters)
        {
            h.Append("<th colspan=\"5\">").Append(E(k.Label)).Append("</th>");
        }

        h.Append("</tr><tr>");
        foreach (var _ in rosters)
        {
            h.Append("<th>").Append(E(t.DayMean)).Append("</th><th>").Append(E(t.DayP90)).Append("</th><th>")
                .Append(E(string.Format(inv, t.DayWithin, report.TargetMinutes))).Append("</th><th>").Append(E(t.DayLeft)).Append("</th><th>").Append(E(t.DayWindows)).Append("</th>");
        }

        h.Append("</tr></thead><tbody>\n");
        var first = rosters[0].Days;
        for (var d = 0; d < first.Count; d++)
        {
            var day = first[d];
            h.Append("<tr><th>").Append(E($"{day.Date:MM-dd} {Day(day.Date, t.Language)}")).Append("</th>");
            if (rosters.All(k => d >= k.Days.Count || k.Days[d].Closed))
            {
                h.Append("<td colspan=\"").Append((1 + (5 * rosters.Length)).ToString(inv)).Append("\" class=\"closed\">").Append(E(t.ClosedDay)).Append("</td></tr>\n");
                continue;
            }

            h.Append("<td class=\"num\">").Append(day.Tickets.Mean.ToString("0", inv)).Append("</td>");
            foreach (var k in rosters)
            {
                var x = d < k.Days.Count ? k.Days[d] : null;
                if (x is null || x.Closed)
                {
                    h.Append("<td colspan=\"5\" class=\"closed\">").Append(E(t.ClosedDay)).Append("</td>");
                    continue;
                }

                var missed = x.WithinTarget.Mean < report.TargetShare;
                h.Append("<td class=\"num\">").Append(E(string.Create(inv, $"{x.MeanWait.Mean:0.0} ± {x.MeanWait.HalfWidth:0.0}"))).Append("</td>")
                    .Append("<td class=\"num\">").Append(x.P90Wait.Mean.ToString("0", inv)).Append("</td>")
                    .Append("<td class=\"num").Append(missed ? " missed" : string.Empty).Append("\">").Append(x.WithinTarget.Mean.ToString("0%", inv)).Append("</td>")
                    .Append("<td class=\"num\">").Append(x.LeftBeforeCalled.Mean.ToString("0.0%", inv)).Append("</td>")
                    .Append("<td class=\"num\">").Append(E(string.Create(inv, $"{x.MeanOpenWindows:0.0} / {x.MostOpenWindows:0}"))).Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</tbody></table>\n<p class=\"note\">").Append(E(string.Format(inv, t.DaysNote, report.TargetShare, report.TargetMinutes))).Append("</p></section>\n");
    }

    /// <summary>The figures of the report (also usable on their own, for example in a notebook).</summary>
    /// <param name="report">The report.</param>
    /// <param name="language">Language of titles and labels.</param>
    public static IReadOnlyList<PlotlyFigure> Figures(RosterReport report, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(report);
        var figures = new List<PlotlyFigure>();
        if (report.Hourly.Count > 0)
        {
            figures.Add(ReportCharts.DemandAndWindows(report.Hourly, language));
            figures.Add(ReportCharts.WaitByHour(report.Hourly, language));
            figures.Add(ReportCharts.WithinTargetByHour(report.Hourly, report.TargetMinutes, language, report.TargetShare));
        }

        if (report.Utilisation is { } u)
        {
            var t = Text.For(language);
            var of = string.Format(CultureInfo.InvariantCulture, t.UtilOf, report.Kpis.Count > 0 ? report.Kpis[0].Label : string.Empty, report.From, report.From.AddDays(report.Days - 1));
            figures.Add(ReportCharts.Utilisation(u, language, of));
        }

        return figures;
    }

    /// <summary>What it takes beyond the roster: the playbook's findings and its cost–waiting chart.</summary>
    /// <returns>Whether plotly.js is now on the page.</returns>
    private static bool AppendPlaybook(StringBuilder h, RosterReport report, Text t)
    {
        if (report.Playbook is not { } playbook)
        {
            return false;
        }

        string E(string s) => WebUtility.HtmlEncode(s);
        h.Append("<section class=\"screen playbook\"><h2>").Append(E(t.Playbook)).Append("</h2><ul>");
        foreach (var line in playbook.Lines)
        {
            h.Append("<li>").Append(E(line)).Append("</li>");
        }

        h.Append("</ul>\n");
        if (playbook.Options.Count > 1)
        {
            var figure = HallCharts.Scatter(t.ParetoChart, [.. playbook.Options.Select(o => (o.StaffHours, o.MeanWaitMinutes, o.Label, o.OnFront, o.Chosen))],
                t.StaffHoursAxis, t.MeanWaitAxis, (t.ParetoAll, t.ParetoFront, t.ParetoChosen));
            h.Append(PlotlyHtml.Script()).Append('\n').Append(PlotlyHtml.Figure(figure, "playbook-front")).Append('\n');
        }

        h.Append("</section>\n");
        return playbook.Options.Count > 1;
    }

    private static void AppendCharts(StringBuilder h, RosterReport report, Text t, bool plotlyOnPage)
    {
        var figures = Figures(report, t.Language);
        if (figures.Count == 0)
        {
            return;
        }

        h.Append("<section class=\"screen charts\"><h2>").Append(WebUtility.HtmlEncode(t.Charts)).Append("</h2>\n");
        if (!plotlyOnPage)
        {
            h.Append(PlotlyHtml.Script()).Append('\n');
        }

        for (var i = 0; i < figures.Count; i++)
        {
            h.Append(PlotlyHtml.Figure(figures[i], $"chart-{i + 1}")).Append('\n');
        }

        h.Append("</section>\n");
    }

    /// <summary>The roster as an HTML table (staff × date, shift ids and times, hours; the shift legend below).</summary>
    /// <param name="report">The report whose roster is shown (KPIs and charts are not needed).</param>
    /// <param name="language">Chinese (default) or English.</param>
    public static string RosterGrid(RosterReport report, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = new StringBuilder();
        AppendGrid(h, report, Text.For(language));
        return h.ToString();
    }

    /// <summary>The report's style sheet (tables, the roster grid, print layout), for pages that show parts of it.</summary>
    public static string StyleSheet => Css;

    private static void AppendGrid(StringBuilder h, RosterReport report, Text t)
    {
        string E(string s) => WebUtility.HtmlEncode(s);
        var inv = CultureInfo.InvariantCulture;
        var shifts = report.Shifts.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var dates = Enumerable.Range(0, report.Days).Select(d => report.From.AddDays(d)).ToArray();
        var byCell = report.Roster.Assignments.GroupBy(a => (a.StaffId, a.Date)).ToDictionary(g => g.Key, g => g.First());
        h.Append(report.Kpis.Count > 0 ? "<section class=\"roster after-summary\"><h2>" : "<section class=\"roster\"><h2>").Append(E(t.Grid)).Append("</h2>\n<p class=\"print-only\">")
            .Append(E(report.HallName)).Append(" · ").Append(E(string.Format(inv, t.Period, report.From, dates[^1], report.Days))).Append("</p>\n");
        h.Append("<table class=\"grid\"><thead><tr><th>").Append(E(t.Staff)).Append("</th><th>").Append(E(t.Skills)).Append("</th>");
        foreach (var d in dates)
        {
            h.Append("<th>").Append(E(Day(d, t.Language))).Append("<br>").Append(d.ToString("MM-dd", inv)).Append("</th>");
        }

        h.Append("<th>").Append(E(t.Hours)).Append("</th></tr></thead><tbody>\n");
        var perDay = new int[dates.Length];
        foreach (var m in report.Staff)
        {
            h.Append("<tr><th class=\"name\">").Append(E(m.Name.Length > 0 ? m.Name : m.Id)).Append(" <span class=\"id\">").Append(E(m.Id)).Append("</span></th><td class=\"skills\">")
                .Append(E(report.StaffGroups.TryGetValue(m.Id, out var g) ? g : string.Join("/", m.Categories))).Append("</td>");
            double minutes = 0;
            for (var i = 0; i < dates.Length; i++)
            {
                if (byCell.TryGetValue((m.Id, dates[i]), out var a))
                {
                    var name = shifts.TryGetValue(a.ShiftId, out var s) && s.Name.Length > 0 ? s.Name : a.ShiftId;
                    var times = s is null ? string.Empty : $"{s.Start:HH\\:mm}–{s.End:HH\\:mm}";
                    var title = name;
                    if (a.BreakStarts is not null)
                    {
                        title += ", " + string.Format(inv, t.BreakAt, ShiftCell.Breaks(a));
                    }

                    // Chinese: the shift's display name with its break; English: the id with its break, as typed in the workbook.
                    var cell = t.Language == ReportLanguage.Chinese ? (a.BreakStarts is null ? name : $"{name} {string.Format(inv, t.BreakAt, ShiftCell.Breaks(a))}") : a.ShiftText;
                    minutes += s?.WorkingMinutes ?? 0;
                    perDay[i]++;
                    h.Append("<td class=\"on\" title=\"").Append(E(title)).Append("\"><b>").Append(E(cell)).Append("</b><br><small>").Append(E(times)).Append("</small></td>");
                }
                else
                {
                    h.Append("<td class=\"off\">").Append(E(t.Off)).Append("</td>");
                }
            }

            h.Append("<td class=\"num\">").Append((minutes / 60).ToString("0.#", inv)).Append("</td></tr>\n");
        }

        h.Append("</tbody><tfoot><tr><th colspan=\"2\">").Append(E(t.OnDuty)).Append("</th>");
        foreach (var n in perDay)
        {
            h.Append("<td class=\"num\">").Append(n.ToString(inv)).Append("</td>");
        }

        h.Append("<td></td></tr></tfoot></table>\n<table class=\"legend\"><tbody>");
        foreach (var s in report.Shifts)
        {
            var breaks = ShiftCell.Describe(s, t.BreakFlexible);
            h.Append("<tr><th>").Append(E(s.Id)).Append("</th><td>").Append(E(s.Name)).Append("</td><td>").Append(E($"{s.Start:HH\\:mm}–{s.End:HH\\:mm}"))
                .Append("</td><td>").Append(E(breaks.Length > 0 ? $"{t.Break} {breaks}" : string.Empty)).Append("</td></tr>");
        }

        h.Append("</tbody></table></section>\n");
    }

    internal static string Day(DateOnly date, ReportLanguage language) => new ReportText(language).Weekday(date);

    private const string Css = """
        body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
        h1{margin:0 0 4px}h2{border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:28px}
        .hall{font-size:1.1em;margin:0}.note{color:#666;font-size:.9em}
        table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:3px 6px;text-align:center}
        .kpis td{text-align:right}.grid td.on{background:#e8f1fb}.grid td.off{color:#999}
        .grid th.name{text-align:left;white-space:nowrap}.id{color:#888;font-weight:normal;font-size:.85em}
        .grid td.skills{font-size:.8em;color:#555}.num{text-align:right}.legend{margin-top:8px;font-size:.85em}
        .headline{background:#fff8e1;border:1px solid #e0c060;padding:4px 16px;margin-top:16px}.headline h2{border:0;margin-top:8px}
        .headline li{margin:4px 0;font-size:1.05em}.days td.missed{color:#b00000;font-weight:bold}.days td.closed{color:#888}
        .issues li{color:#a00}.chart{width:100%;min-height:380px}.print-only{display:none}
        @media print{@page{size:A4 landscape;margin:10mm}body{margin:0;max-width:none;font-size:9pt}
          .screen{display:none}.print-only{display:block}header p{display:none}
          .grid{width:100%}.grid th,.grid td{padding:0 2px;font-size:7.5pt;line-height:1.25}.grid small,.grid br,.grid .id{display:none}
          .legend{font-size:7pt}h2{margin:0 0 2px}.print-only{margin:0 0 2px}
          .roster.after-summary{break-before:page}.headline{padding:2px 8px;margin:0 0 6px}.headline li{font-size:9pt;margin:1px 0}
          .days table{width:100%}.days th,.days td{font-size:7.5pt;padding:0 2px}.note{font-size:7pt}}
        """;
}

/// <summary>
/// The report's words, one property per visible string, in Chinese and English: a string missing from either language
/// is a compile error (every property is required). Format strings take their arguments by position.
/// </summary>
internal sealed record Text
{
    private static readonly Text Chinese = new()
    {
        Language = ReportLanguage.Chinese,
        BandSuffix = "（95% 置信区间）",
        Title = "排班建议",
        Period = "{0:yyyy-MM-dd} 至 {1:yyyy-MM-dd}（{2} 天）",
        Headline = "结论",
        Days = "每日结果",
        Date = "日期",
        TicketsDay = "取号人数",
        DayMean = "平均等候（分钟）",
        DayP90 = "90% 不超过（分钟）",
        DayWithin = "{0:0} 分钟内叫号",
        DayLeft = "过号离开",
        DayWindows = "开放窗口（平均 / 最多）",
        ClosedDay = "大厅不开放",
        DaysNote = "平均等候为均值 ± 95% 置信区间；红色：未达到 {0:0%} 在 {1:0} 分钟内叫号的目标。",
        Kpis = "模拟结果对比",
        StaffHours = "工时（小时）",
        MeanWait = "平均等候（分钟）",
        P90Wait = "90% 等候不超过（分钟）",
        Within = "{0:0} 分钟内叫号比例",
        TurnedAway = "未取号或过号离开（人）",
        Overtime = "窗口关闭后继续办理（小时，未计入工时）",
        Abandon = "过号/离开比例",
        KpiNote = "均值 ± 95% 置信区间，基于多次独立模拟（同一批市民，公平比较）。",
        Issues = "未满足的需求与规则",
        Changes = "与当前排班相比的变化",
        Why = "为什么这样排班",
        Grid = "排班表",
        Staff = "工作人员",
        Skills = "窗口类别",
        Hours = "工时",
        Off = "休",
        OnDuty = "在岗人数",
        Break = "休息",
        BreakFlexible = "{0:0} 分钟，{1:HH\\:mm}–{2:HH\\:mm} 之间开始（按人安排）",
        BreakAt = "{0} 休息",
        Charts = "图表",
        Tickets = "取号人数/小时",
        DemandChart = "需求与开放窗口",
        WindowsAxis = "开放窗口",
        TicketsAxis = "取号人数/小时",
        WaitChart = "各时段平均等候（含 95% 置信带）",
        MinutesAxis = "分钟",
        WithinChart = "{0:0} 分钟内叫号比例（按小时）",
        ShareAxis = "比例",
        UtilChart = "窗口利用率（按窗口和小时）",
        Playbook = "达标所需措施",
        ParetoChart = "成本与等候：所模拟的各项措施组合",
        StaffHoursAxis = "工时（含闭厅后加班）",
        MeanWaitAxis = "平均等候（分钟）",
        ParetoAll = "所模拟的组合",
        ParetoFront = "成本与等候的最优取舍",
        ParetoChosen = "成本最低的达标方案",
        UtilAxis = "利用率",
        UtilOf = "{0}，{1:MM-dd} 至 {2:MM-dd} 各开放日平均",
        TargetLine = "目标 {0:0%}",
        QueueChart = "排队人数（时段平均，含 95% 置信带）",
        QueueAxis = "排队人数",
        Footer = "由 HallSim 生成：离散事件模拟 + OR-Tools CP-SAT 排班优化。",
    };

    private static readonly Text English = new()
    {
        Language = ReportLanguage.English,
        BandSuffix = " (95% CI)",
        Title = "Recommended roster",
        Period = "{0:yyyy-MM-dd} to {1:yyyy-MM-dd} ({2} days)",
        Headline = "In short",
        Days = "Day by day",
        Date = "Date",
        TicketsDay = "Tickets",
        DayMean = "Mean wait (min)",
        DayP90 = "90% within (min)",
        DayWithin = "Called within {0:0} min",
        DayLeft = "Left before called",
        DayWindows = "Windows open (mean / most)",
        ClosedDay = "hall closed",
        DaysNote = "Mean wait ± 95% confidence interval; red: below the target of {0:0%} called within {1:0} minutes.",
        Kpis = "Simulated results compared",
        StaffHours = "Staff-hours",
        MeanWait = "Mean wait (min)",
        P90Wait = "90th percentile wait (min)",
        Within = "Called within {0:0} min",
        TurnedAway = "Turned away or left before called (citizens)",
        Overtime = "Work after windows closed (h, not in staff-hours)",
        Abandon = "Left before called",
        KpiNote = "Mean ± 95% confidence interval over independent simulated replications (the same citizens for every roster: a fair comparison).",
        Issues = "Unmet requirements and rules",
        Changes = "Changes against the current roster",
        Why = "Why the roster looks like this",
        Grid = "Roster",
        Staff = "Staff",
        Skills = "Window skills",
        Hours = "Hours",
        Off = "off",
        OnDuty = "On duty",
        Break = "break",
        BreakFlexible = "{0:0} min, starting between {1:HH\\:mm} and {2:HH\\:mm} (per person)",
        BreakAt = "break {0}",
        Charts = "Charts",
        Tickets = "Tickets per hour",
        DemandChart = "Demand and open windows",
        WindowsAxis = "Open windows",
        TicketsAxis = "Tickets per hour",
        WaitChart = "Mean wait by hour (with 95% band)",
        MinutesAxis = "Minutes",
        WithinChart = "Share called within {0:0} minutes, by hour",
        ShareAxis = "Share",
        UtilChart = "Window utilisation by window and hour",
        Playbook = "What it takes",
        ParetoChart = "Cost against waiting: every combination of measures simulated",
        StaffHoursAxis = "Staff-hours (overtime after closing included)",
        MeanWaitAxis = "Mean wait (minutes)",
        ParetoAll = "combinations simulated",
        ParetoFront = "the front: no other is cheaper and shorter",
        ParetoChosen = "the cheapest set that meets the target",
        UtilAxis = "Utilisation",
        UtilOf = "{0} roster, mean over the open days {1:MM-dd} to {2:MM-dd}",
        TargetLine = "target {0:0%}",
        QueueChart = "Tickets waiting (time-average, with 95% band)",
        QueueAxis = "Tickets waiting",
        Footer = "Made by HallSim: discrete-event simulation and OR-Tools CP-SAT rostering.",
    };

    public required ReportLanguage Language { get; init; }

    public required string BandSuffix { get; init; }

    public required string Title { get; init; }

    public required string Period { get; init; }

    public required string Headline { get; init; }

    public required string Days { get; init; }

    public required string Date { get; init; }

    public required string TicketsDay { get; init; }

    public required string DayMean { get; init; }

    public required string DayP90 { get; init; }

    public required string DayWithin { get; init; }

    public required string DayLeft { get; init; }

    public required string DayWindows { get; init; }

    public required string ClosedDay { get; init; }

    public required string DaysNote { get; init; }

    public required string Kpis { get; init; }

    public required string StaffHours { get; init; }

    public required string MeanWait { get; init; }

    public required string P90Wait { get; init; }

    public required string Within { get; init; }

    public required string TurnedAway { get; init; }

    public required string Overtime { get; init; }

    public required string Abandon { get; init; }

    public required string KpiNote { get; init; }

    public required string Issues { get; init; }

    public required string Changes { get; init; }

    public required string Why { get; init; }

    public required string Grid { get; init; }

    public required string Staff { get; init; }

    public required string Skills { get; init; }

    public required string Hours { get; init; }

    public required string Off { get; init; }

    public required string OnDuty { get; init; }

    public required string Break { get; init; }

    public required string BreakFlexible { get; init; }

    public required string BreakAt { get; init; }

    public required string Charts { get; init; }

    public required string Tickets { get; init; }

    public required string DemandChart { get; init; }

    public required string WindowsAxis { get; init; }

    public required string TicketsAxis { get; init; }

    public required string WaitChart { get; init; }

    public required string MinutesAxis { get; init; }

    public required string WithinChart { get; init; }

    public required string ShareAxis { get; init; }

    public required string UtilChart { get; init; }

    public required string Playbook { get; init; }

    public required string ParetoChart { get; init; }

    public required string StaffHoursAxis { get; init; }

    public required string MeanWaitAxis { get; init; }

    public required string ParetoAll { get; init; }

    public required string ParetoFront { get; init; }

    public required string ParetoChosen { get; init; }

    public required string UtilAxis { get; init; }

    public required string UtilOf { get; init; }

    public required string TargetLine { get; init; }

    public required string QueueChart { get; init; }

    public required string QueueAxis { get; init; }

    public required string Footer { get; init; }

    public static Text For(ReportLanguage language) => language == ReportLanguage.Chinese ? Chinese : English;
}
