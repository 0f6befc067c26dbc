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
        var t = new Text(language);
        var inv = CultureInfo.InvariantCulture;
        var h = new StringBuilder();
        string E(string s) => WebUtility.HtmlEncode(s);
        var to = report.From.AddDays(report.Days - 1);

        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(language == ReportLanguage.Chinese ? "zh-CN" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<title>").Append(E($"{t["title"]} — {report.HallName}")).Append("</title>\n");
        h.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<header><h1>").Append(E(t["title"])).Append("</h1><p class=\"hall\">").Append(E(report.HallName)).Append("</p><p>")
            .Append(E(string.Format(inv, t["period"], report.From, to, report.Days))).Append("</p></header>\n");

        // KPIs of the compared rosters.
        h.Append("<section class=\"screen\"><h2>").Append(E(t["kpis"])).Append("</h2>\n<table class=\"kpis\"><thead><tr><th></th>");
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
        KpiRow(t["staffHours"], k => k.StaffHours.ToString("0.#", inv));
        KpiRow(t["meanWait"], k => Ci(k.MeanWait, "0.0"));
        KpiRow(t["p90Wait"], k => Ci(k.P90Wait, "0.0"));
        KpiRow(string.Format(inv, t["within"], report.TargetMinutes), k => Ci(k.WithinTarget, "0.0", 100) + " %");
        KpiRow(t["abandon"], k => Ci(k.Abandonment, "0.0", 100) + " %");
        if (report.Kpis.Any(k => k.TurnedAway is not null))
        {
            KpiRow(t["turnedAway"], k => k.TurnedAway is { } x ? Ci(x, "0") : "–");
        }

        if (report.Kpis.Any(k => k.OvertimeHours is not null))
        {
            KpiRow(t["overtime"], k => k.OvertimeHours is { } x ? Ci(x, "0.0") : "–");
        }
        h.Append("</tbody></table>\n<p class=\"note\">").Append(E(t["kpiNote"])).Append("</p></section>\n");

        if (report.Issues.Count > 0)
        {
            h.Append("<section class=\"screen issues\"><h2>").Append(E(t["issues"])).Append("</h2><ul>");
            foreach (var i in report.Issues)
            {
                h.Append("<li>").Append(E(i)).Append("</li>");
            }

            h.Append("</ul></section>\n");
        }

        if (report.Changes.Count > 0)
        {
            h.Append("<section class=\"screen\"><h2>").Append(E(t["changes"])).Append("</h2><ul>");
            foreach (var c in report.Changes)
            {
                h.Append("<li>").Append(E(c)).Append("</li>");
            }

            h.Append("</ul></section>\n");
        }

        if (report.Explanation.Count > 0)
        {
            h.Append("<section class=\"screen\"><h2>").Append(E(t["why"])).Append("</h2><ul>");
            foreach (var line in report.Explanation)
            {
                h.Append("<li>").Append(E(line)).Append("</li>");
            }

            h.Append("</ul></section>\n");
        }

        AppendGrid(h, report, t);
        AppendCharts(h, report, t);
        h.Append("<footer class=\"screen\"><p>").Append(E(t["footer"])).Append("</p></footer>\n</body>\n</html>\n");
        return h.ToString();
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
            figures.Add(ReportCharts.WithinTargetByHour(report.Hourly, report.TargetMinutes, language));
        }

        if (report.Utilisation is { } u)
        {
            figures.Add(ReportCharts.Utilisation(u, language));
        }

        return figures;
    }

    private static void AppendCharts(StringBuilder h, RosterReport report, Text t)
    {
        var figures = Figures(report, t.Language);
        if (figures.Count == 0)
        {
            return;
        }

        h.Append("<section class=\"screen charts\"><h2>").Append(WebUtility.HtmlEncode(t["charts"])).Append("</h2>\n");
        h.Append(PlotlyHtml.Script()).Append('\n');
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
        AppendGrid(h, report, new Text(language));
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
        h.Append("<section class=\"roster\"><h2>").Append(E(t["grid"])).Append("</h2>\n<p class=\"print-only\">")
            .Append(E(report.HallName)).Append(" · ").Append(E(string.Format(inv, t["period"], report.From, dates[^1], report.Days))).Append("</p>\n");
        h.Append("<table class=\"grid\"><thead><tr><th>").Append(E(t["staff"])).Append("</th><th>").Append(E(t["skills"])).Append("</th>");
        foreach (var d in dates)
        {
            h.Append("<th>").Append(E(Day(d, t.Language))).Append("<br>").Append(d.ToString("MM-dd", inv)).Append("</th>");
        }

        h.Append("<th>").Append(E(t["hours"])).Append("</th></tr></thead><tbody>\n");
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
                    if (a.BreakStarts is not null)
                    {
                        name += ", " + string.Format(inv, t["breakAt"], ShiftCell.Breaks(a));
                    }

                    minutes += s?.WorkingMinutes ?? 0;
                    perDay[i]++;
                    h.Append("<td class=\"on\" title=\"").Append(E(name)).Append("\"><b>").Append(E(a.ShiftText)).Append("</b><br><small>").Append(E(times)).Append("</small></td>");
                }
                else
                {
                    h.Append("<td class=\"off\">").Append(E(t["off"])).Append("</td>");
                }
            }

            h.Append("<td class=\"num\">").Append((minutes / 60).ToString("0.#", inv)).Append("</td></tr>\n");
        }

        h.Append("</tbody><tfoot><tr><th colspan=\"2\">").Append(E(t["onDuty"])).Append("</th>");
        foreach (var n in perDay)
        {
            h.Append("<td class=\"num\">").Append(n.ToString(inv)).Append("</td>");
        }

        h.Append("<td></td></tr></tfoot></table>\n<table class=\"legend\"><tbody>");
        foreach (var s in report.Shifts)
        {
            var breaks = ShiftCell.Describe(s, t["breakFlexible"]);
            h.Append("<tr><th>").Append(E(s.Id)).Append("</th><td>").Append(E(s.Name)).Append("</td><td>").Append(E($"{s.Start:HH\\:mm}–{s.End:HH\\:mm}"))
                .Append("</td><td>").Append(E(breaks.Length > 0 ? $"{t["break"]} {breaks}" : string.Empty)).Append("</td></tr>");
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
        .issues li{color:#a00}.chart{width:100%;min-height:380px}.print-only{display:none}
        @media print{@page{size:A4 landscape;margin:10mm}body{margin:0;max-width:none;font-size:9pt}
          .screen{display:none}.print-only{display:block}header p{display:none}
          .grid{width:100%}.grid th,.grid td{padding:0 2px;font-size:7.5pt;line-height:1.25}.grid small,.grid br,.grid .id{display:none}
          .legend{font-size:7pt}h2{margin:0 0 2px}.print-only{margin:0 0 2px}}
        """;
}

/// <summary>The report's words in Chinese and English.</summary>
internal sealed class Text(ReportLanguage language)
{
    private static readonly Dictionary<string, (string Zh, string En)> Strings = new(StringComparer.Ordinal)
    {
        ["title"] = ("排班建议", "Recommended roster"),
        ["period"] = ("{0:yyyy-MM-dd} 至 {1:yyyy-MM-dd}（{2} 天）", "{0:yyyy-MM-dd} to {1:yyyy-MM-dd} ({2} days)"),
        ["kpis"] = ("模拟结果对比", "Simulated results compared"),
        ["staffHours"] = ("工时（小时）", "Staff-hours"),
        ["meanWait"] = ("平均等候（分钟）", "Mean wait (min)"),
        ["p90Wait"] = ("90% 等候不超过（分钟）", "90th percentile wait (min)"),
        ["within"] = ("{0:0} 分钟内叫号比例", "Called within {0:0} min"),
        ["turnedAway"] = ("未取号或过号离开（人）", "Turned away or left before called (citizens)"),
        ["overtime"] = ("窗口关闭后继续办理（小时，未计入工时）", "Work after windows closed (h, not in staff-hours)"),
        ["abandon"] = ("过号/离开比例", "Left before called"),
        ["kpiNote"] = ("均值 ± 95% 置信区间，基于多次独立模拟（同一批市民，公平比较）。", "Mean ± 95% confidence interval over independent simulated replications (the same citizens for every roster: a fair comparison)."),
        ["issues"] = ("未满足的需求与规则", "Unmet requirements and rules"),
        ["changes"] = ("与当前排班相比的变化", "Changes against the current roster"),
        ["why"] = ("为什么这样排班", "Why the roster looks like this"),
        ["grid"] = ("排班表", "Roster"),
        ["staff"] = ("工作人员", "Staff"),
        ["skills"] = ("窗口类别", "Window skills"),
        ["hours"] = ("工时", "Hours"),
        ["off"] = ("休", "off"),
        ["onDuty"] = ("在岗人数", "On duty"),
        ["break"] = ("休息", "break"),
        ["breakFlexible"] = ("{0:0} 分钟，{1:HH\\:mm}–{2:HH\\:mm} 之间开始（按人安排）", "{0:0} min, starting between {1:HH\\:mm} and {2:HH\\:mm} (per person)"),
        ["breakAt"] = ("休息 {0}", "break {0}"),
        ["charts"] = ("图表", "Charts"),
        ["tickets"] = ("取号人数/小时", "Tickets per hour"),
        ["demandChart"] = ("需求与开放窗口", "Demand and open windows"),
        ["windowsAxis"] = ("开放窗口", "Open windows"),
        ["ticketsAxis"] = ("取号人数/小时", "Tickets per hour"),
        ["waitChart"] = ("各时段平均等候（含 95% 置信带）", "Mean wait by hour (with 95% band)"),
        ["minutesAxis"] = ("分钟", "Minutes"),
        ["withinChart"] = ("{0:0} 分钟内叫号比例（按小时）", "Share called within {0:0} minutes, by hour"),
        ["shareAxis"] = ("比例", "Share"),
        ["utilChart"] = ("窗口利用率（按窗口和小时）", "Window utilisation by window and hour"),
        ["utilAxis"] = ("利用率", "Utilisation"),
        ["queueChart"] = ("排队人数（时段平均，含 95% 置信带）", "Tickets waiting (time-average, with 95% band)"),
        ["queueAxis"] = ("排队人数", "Tickets waiting"),
        ["footer"] = ("由 HallSim 生成：离散事件模拟 + OR-Tools CP-SAT 排班优化。", "Made by HallSim: discrete-event simulation and OR-Tools CP-SAT rostering."),
    };

    public ReportLanguage Language { get; } = language;

    public string this[string key] => Language == ReportLanguage.Chinese ? Strings[key].Zh : Strings[key].En;
}
