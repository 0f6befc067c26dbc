using System.Globalization;
using System.Net;
using System.Text;
using HallSim.Intraday;
using HallSim.Model;

namespace HallSim.Reports;

/// <summary>Everything the intraday page shows: the state read, the re-forecast, the rest of the day and the actions.</summary>
/// <param name="HallName">The hall's name.</param>
/// <param name="Snapshot">What the log said at the moment.</param>
/// <param name="AbsentStaff">Staff off for the rest of the day.</param>
/// <param name="Demand">The re-forecast, or null when the forecast is kept (a snapshot without a log).</param>
/// <param name="Rest">The rest of the day as planned.</param>
/// <param name="Actions">Doing nothing first, then the actions ranked (see <see cref="IntradayForecast.Compare"/>).</param>
/// <param name="WaitTargetMinutes">The wait target of "called within", minutes.</param>
/// <param name="CategoryNames">Display names of the categories by id (the Chinese page names them so).</param>
public sealed record IntradayPage(string HallName, IntradaySnapshot Snapshot, IReadOnlyList<string> AbsentStaff, DemandUpdate? Demand, RestOfDay Rest, IReadOnlyList<ActionEffect> Actions, double WaitTargetMinutes, IReadOnlyDictionary<string, string> CategoryNames);

/// <summary>The rest of today as one offline HTML page in the report's style (Chinese by default): the headline, the
/// expected waits per hour with their 95% band, and the actions ranked by their simulated effect.</summary>
public static class IntradayReport
{
    /// <summary>The page.</summary>
    /// <param name="page">What to show.</param>
    /// <param name="language">Chinese (default) or English.</param>
    public static string Write(IntradayPage page, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(page);
        var zh = language == ReportLanguage.Chinese;
        var inv = CultureInfo.InvariantCulture;
        string E(string s) => WebUtility.HtmlEncode(s);
        string T(string chinese, string english) => zh ? chinese : english;
        var rest = page.Rest;
        var state = page.Snapshot.State;
        var h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").Append(zh ? "zh-CN" : "en").Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<title>").Append(E(string.Create(inv, $"{page.HallName} — {T("今日余下时段", "the rest of today")} {rest.At:yyyy-MM-dd HH:mm}"))).Append("</title>\n<style>").Append(ReportHtml.StyleSheet).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1>").Append(E(T("今日余下时段预测", "The rest of today"))).Append("</h1>");
        h.Append("<p class=\"hall\">").Append(E(string.Create(inv, $"{page.HallName} · {rest.At:yyyy-MM-dd HH:mm}"))).Append("</p>");

        // The headline: where the hall stands and what the rest of the day holds, in plain words.
        h.Append("<ul class=\"headline\">");
        h.Append("<li>").Append(E(zh
            ? string.Create(inv, $"现在：{state.Waiting.Count} 人等候，{state.InService.Count} 人正在办理{(page.AbsentStaff.Count > 0 ? $"；{page.AbsentStaff.Count} 名工作人员缺勤（{string.Join("、", page.AbsentStaff)}）" : string.Empty)}。")
            : string.Create(inv, $"Now: {state.Waiting.Count} waiting, {state.InService.Count} being served{(page.AbsentStaff.Count > 0 ? $"; {page.AbsentStaff.Count} staff off ({string.Join(", ", page.AbsentStaff)})" : string.Empty)}."))).Append("</li>");
        if (page.Demand is { } demand)
        {
            var (lo, hi) = demand.Interval95;
            h.Append("<li>").Append(E(zh
                ? string.Create(inv, $"客流：至今取号 {demand.ObservedSoFar} 张，预测为 {demand.ExpectedSoFar:0} 张；余下时段客流约为预测的 {demand.Multiplier.Mean * 100:0}%（95% 区间 {lo * 100:0}–{hi * 100:0}%）。")
                : string.Create(inv, $"Demand: {demand.ObservedSoFar} walk-in tickets so far against {demand.ExpectedSoFar:0} forecast; the rest of the day at about {demand.Multiplier.Mean * 100:0}% of the forecast (95%: {lo * 100:0}–{hi * 100:0}%)."))).Append("</li>");
        }
        else
        {
            h.Append("<li>").Append(E(T("客流：按原预测（现场快照不含今日取号记录，未重新预测）。", "Demand: as forecast (a snapshot does not count the day's tickets; no re-forecast)."))).Append("</li>");
        }
        h.Append("<li>").Append(E(zh
            ? string.Create(inv, $"现在等候的群众平均还需等 {rest.WaitAheadOfWaitingNow.Mean:0} 分钟（± {rest.WaitAheadOfWaitingNow.HalfWidth:0}）；其中约 {rest.AbsentWhenCalled.Mean:0} 人叫号时已离开。")
            : string.Create(inv, $"Those waiting now are called in {rest.WaitAheadOfWaitingNow.Mean:0} minutes on average (± {rest.WaitAheadOfWaitingNow.HalfWidth:0}); about {rest.AbsentWhenCalled.Mean:0} of them will have left when called."))).Append("</li>");
        h.Append("<li>").Append(E(zh
            ? string.Create(inv, $"最后一个号预计在 {rest.LastCall:HH:mm} 叫到（95%：{rest.LastCallEarly:HH:mm}–{rest.LastCallLate:HH:mm}）；余下时段约 {rest.TurnedAway.Mean:0} 人未取号离开。")
            : string.Create(inv, $"The last ticket is called at about {rest.LastCall:HH:mm} (95%: {rest.LastCallEarly:HH:mm}–{rest.LastCallLate:HH:mm}); about {rest.TurnedAway.Mean:0} citizens leave without a ticket for the rest of the day."))).Append("</li>");
        // The headline's action shortens the wait without turning more citizens away (a stop shortens waits by refusing
        // tickets: it is in the table with its cost, never the recommendation).
        if (page.Actions.Skip(1).Where(x => x.TurnedAwayChange.Mean <= 0).MinBy(x => x.MeanWait.Mean) is { } best && best.MeanWaitChange.Upper < 0)
        {
            h.Append("<li><strong>").Append(E(zh
                ? string.Create(inv, $"最有效的措施：{Describe(best, page, zh)}平均等候缩短 {-best.MeanWaitChange.Mean:0.0} 分钟（95% 区间 {-best.MeanWaitChange.Upper:0.0}–{-best.MeanWaitChange.Lower:0.0}）。")
                : string.Create(inv, $"Most effective: {Describe(best, page, zh)} The mean wait falls by {-best.MeanWaitChange.Mean:0.0} minutes (95%: {-best.MeanWaitChange.Upper:0.0}–{-best.MeanWaitChange.Lower:0.0})."))).Append("</strong></li>");
        }

        h.Append("</ul>");

        // Waits per hour with their band.
        h.Append(PlotlyHtml.Script());
        var labels = rest.Intervals.Select(i => i.Start.ToString("HH:mm", inv)).ToList();
        var shown = rest.Intervals.Select(i => i.TicketsIssued.Mean > 0).ToList();
        var series = new ChartSeries(T("平均等候（分钟）", "mean wait (minutes)"), rest.Intervals.Select((i, k) => shown[k] ? (double?)i.MeanWait.Mean : null).ToList())
        {
            Lower = rest.Intervals.Select((i, k) => shown[k] ? (double?)Math.Max(0, i.MeanWait.Lower) : null).ToList(),
            Upper = rest.Intervals.Select((i, k) => shown[k] ? (double?)i.MeanWait.Upper : null).ToList(),
        };
        var chart = HallCharts.Lines(T("按取号时段的平均等候（95% 区间）", "Mean wait by the hour the ticket is issued (95% band)"), labels, [series], T("分钟", "minutes"));
        h.Append(PlotlyHtml.Figure(chart, "intraday-wait"));

        h.Append("<table class=\"kpis\"><thead><tr><th>").Append(E(T("时段", "hour"))).Append("</th><th>").Append(E(T("取号", "tickets"))).Append("</th><th>")
            .Append(E(T("平均等候（分钟）", "mean wait (min)"))).Append("</th><th>").Append(E(string.Create(inv, $"{T("等候不超过", "called within")} {page.WaitTargetMinutes:0} {T("分钟", "min")}"))).Append("</th><th>")
            .Append(E(T("平均排队人数", "mean queue"))).Append("</th></tr></thead><tbody>");
        foreach (var i in rest.Intervals)
        {
            var none = i.TicketsIssued.Mean == 0;
            h.Append("<tr><td>").Append(i.Start.ToString("HH:mm", inv)).Append("</td><td>").Append(i.TicketsIssued.Mean.ToString("0", inv)).Append("</td><td>")
                .Append(none ? "—" : E(string.Create(inv, $"{i.MeanWait.Mean:0.0} ± {i.MeanWait.HalfWidth:0.0}"))).Append("</td><td>")
                .Append(none ? "—" : (i.ServiceLevel.Mean * 100).ToString("0", inv) + "%").Append("</td><td>").Append(i.MeanQueue.Mean.ToString("0.0", inv)).Append("</td></tr>");
        }

        h.Append("</tbody></table><p class=\"note\">").Append(E(T("按取号时段统计；第一个时段包含现在等候且在该时段取号的群众。", "By the hour the ticket was issued; the first hour includes those waiting now who took their ticket in it."))).Append("</p>");

        // The actions, ranked.
        h.Append("<h2>").Append(E(T("可采取的措施（按模拟效果排序）", "What can be done (ranked by simulated effect)"))).Append("</h2>");
        h.Append("<table class=\"kpis\"><thead><tr><th>").Append(E(T("措施", "action"))).Append("</th><th>").Append(E(T("增加工时", "extra staff-hours"))).Append("</th><th>")
            .Append(E(T("此后平均等候（分钟）", "mean wait from now (min)"))).Append("</th><th>").Append(E(T("与不采取措施相比", "change against doing nothing"))).Append("</th><th>")
            .Append(E(T("未取号离开", "turned away"))).Append("</th><th>").Append(E(T("最后叫号", "last call"))).Append("</th></tr></thead><tbody>");
        foreach (var a in page.Actions)
        {
            var change = a.ExtraStaffHours == 0 && a.MeanWaitChange.Mean == 0 && a.MeanWaitChange.HalfWidth == 0
                ? "—"
                : string.Create(inv, $"{a.MeanWaitChange.Mean:+0.0;−0.0;0.0} ± {a.MeanWaitChange.HalfWidth:0.0}{(a.MeanWaitChange.Lower <= 0 && a.MeanWaitChange.Upper >= 0 ? T("（无显著差异）", " (no significant difference)") : string.Empty)}");
            h.Append("<tr><td style=\"text-align:left\">").Append(E(ActionName(a, page, zh))).Append("<br><span class=\"note\">").Append(E(Describe(a, page, zh))).Append("</span></td><td>")
                .Append(a.ExtraStaffHours.ToString("0.0", inv)).Append("</td><td>").Append(E(string.Create(inv, $"{a.MeanWait.Mean:0.0} ± {a.MeanWait.HalfWidth:0.0}"))).Append("</td><td>")
                .Append(E(change)).Append("</td><td>").Append(E(string.Create(inv, $"{a.TurnedAway.Mean:0} ({a.TurnedAwayChange.Mean:+0;−0;0})"))).Append("</td><td>")
                .Append(a.LastCall.ToString("HH:mm", inv)).Append("</td></tr>");
        }

        h.Append("</tbody></table><p class=\"note\">").Append(E(zh
            ? string.Create(inv, $"{rest.Replications} 次模拟，每项措施与不采取措施使用相同的随机数（同一批群众），差值为配对差及其 95% 置信区间。")
            : string.Create(inv, $"{rest.Replications} replications; every action is simulated on the same random numbers as doing nothing (the same citizens), so each change is a paired difference with its 95% interval."))).Append("</p>");
        if (page.Snapshot.Rejected > 0)
        {
            h.Append("<p class=\"note\">").Append(E(zh
                ? string.Create(inv, $"日志中有 {page.Snapshot.Rejected} 行无法读取（第 {string.Join("、", page.Snapshot.RejectedRows.Take(10).Select(r => r.Line))} 行{(page.Snapshot.Rejected > 10 ? " 等" : string.Empty)}；原因见 now.json 与命令行输出）。")
                : string.Create(inv, $"{page.Snapshot.Rejected} log rows could not be read, e.g. line {page.Snapshot.RejectedRows[0].Line}: {page.Snapshot.RejectedRows[0].Reason}"))).Append("</p>");
        }

        return h.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>People an action calls in: the most extra windows open at once.</summary>
    private static int People(SameDayChanges changes) =>
        changes.ExtraWindows.Select(x => changes.ExtraWindows.Count(y => y.From <= x.From && y.To > x.From)).DefaultIfEmpty(0).Max();

    private static string Category(IntradayPage page, string id) => page.CategoryNames.TryGetValue(id, out var name) && name.Length > 0 ? name : id;

    private static string ActionName(ActionEffect a, IntradayPage page, bool zh)
    {
        if (!zh)
        {
            return a.Name;
        }

        if (a.Changes is null)
        {
            return a.Name switch
            {
                "as planned" => "按原计划",
                "re-plan the shifts not yet started" => "重新安排尚未开始的班次",
                _ => a.Name,
            };
        }

        var parts = new List<string>();
        if (a.Changes.ExtraWindows.Count > 0)
        {
            parts.Add($"增派 {People(a.Changes)} 名工作人员");
        }

        parts.AddRange(a.Changes.StopIssuing.Select(x => $"暂停发放“{Category(page, x.ServiceCode)}”号"));
        return string.Join("，", parts);
    }

    /// <summary>What the action does, in the page's language, from its changes (the action's own description is English).</summary>
    private static string Describe(ActionEffect a, IntradayPage page, bool zh)
    {
        var inv = CultureInfo.InvariantCulture;
        if (a.Changes is null)
        {
            return !zh ? a.Description : a.Name switch
            {
                "as planned" => "不作调整。",
                "re-plan the shifts not yet started" => "保留已经开始的班次、去掉缺勤人员，为今天有空的工作人员重新安排尚未开始的班次（CP-SAT 求解）。",
                _ => a.Name,
            };
        }

        if (!zh)
        {
            return a.Description;
        }

        var parts = new List<string>();
        if (a.Changes.ExtraWindows.Count > 0)
        {
            var from = a.Changes.ExtraWindows.Min(x => x.From);
            var to = a.Changes.ExtraWindows.Max(x => x.To);
            parts.Add(string.Create(inv, $"{from:HH:mm} 起增派 {People(a.Changes)} 名工作人员到无人值守的窗口，至 {to:HH:mm}（在大厅办公时段内）。"));
        }

        foreach (var x in a.Changes.StopIssuing)
        {
            parts.Add(string.Create(inv, $"{x.From:HH:mm} 起暂停发放“{Category(page, x.ServiceCode)}”号，此后前来办理该业务的群众无法取号。"));
        }

        return string.Concat(parts);
    }
}
