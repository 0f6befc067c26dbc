using System.Globalization;
using System.Net;
using System.Text;
using HallSim.Experiments;
using HallSim.Model;
using HallSim.Planning;
using HallSim.Reports;
using HallSim.Rostering;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Notebooks;

/// <summary>
/// HTML views of HallSim objects for a notebook cell: <c>Show.Scenario(s).DisplayAs("text/html")</c>. Charts are the
/// manager's report's own definitions (<see cref="ReportCharts"/>), drawn by plotly.js that <see cref="Setup"/> puts on
/// the page once; no F# code runs, so the views work in the served .NET Interactive kernel. Every name is HTML-escaped.
/// </summary>
public static class Show
{
    private static int _charts;

    /// <summary>Language of titles and labels (default English; Chinese for the hall's staff).</summary>
    public static ReportLanguage Language { get; set; } = ReportLanguage.English;

    /// <summary>plotly.js (once per notebook: run this in the first cell) and the tables' style sheet.</summary>
    public static string Setup() => $"<style>{ReportHtml.StyleSheet}</style>\n{PlotlyHtml.Script()}\n<p>HallSim notebook views ready (plotly.js 2.28.0 inlined).</p>";

    /// <summary>One chart.</summary>
    /// <param name="figure">A figure, for example from <see cref="ReportCharts"/>.</param>
    public static string Chart(PlotlyFigure figure) => PlotlyHtml.Figure(figure, $"hallsim-chart-{Interlocked.Increment(ref _charts)}");

    /// <summary>A scenario at a glance: dates, hours, demand, categories, windows, self-service machines, staff and shifts.</summary>
    /// <param name="scenario">The scenario.</param>
    public static string Scenario(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var inv = CultureInfo.InvariantCulture;
        var h = new StringBuilder();
        h.Append("<h3>").Append(E(scenario.Name)).Append("</h3><table class=\"kpis\"><tbody>");
        void Row(string name, string value) => h.Append("<tr><th>").Append(E(name)).Append("</th><td style=\"text-align:left\">").Append(E(value)).Append("</td></tr>");
        Row("dates", string.Create(inv, $"{scenario.StartDate:yyyy-MM-dd} + {scenario.Days} days (time zone {scenario.TimeZone})"));
        Row("weekday hours", string.Join(", ", scenario.Calendar.WeekdayHours.Select(s => $"{s.Open:HH\\:mm}–{s.Close:HH\\:mm}")));
        Row("special periods", string.Join("; ", scenario.Calendar.Periods.Select(p => $"{p.From:yyyy-MM-dd}–{p.To:yyyy-MM-dd} {p.Name}")));
        Row("citizens on an ordinary weekday", scenario.Demand.ArrivalsPerDay.ToString("0", inv));
        Row("categories", string.Join("; ", scenario.Categories.Select(c => string.Create(inv, $"{(c.Name.Length > 0 ? c.Name : c.Id)} {c.Share:P0}, mean service {c.ServiceTime.Mean:0.#} min"))));
        Row("windows", string.Join("; ", scenario.Windows.GroupBy(w => string.Join("/", w.Categories)).Select(g => $"{g.Count()} × {g.Key} ({g.First().Id}…{g.Last().Id})")));
        Row("self-service", string.Join("; ", scenario.Kiosks.Select(k => string.Create(inv, $"{k.Count} × {(k.Name.Length > 0 ? k.Name : k.Id)} ({k.UseShare:P0} of {string.Join("/", k.Categories)})"))));
        Row("staff", string.Join("; ", scenario.Staff.GroupBy(m => string.Join("/", m.Categories)).Select(g => $"{g.Count()} serving {g.Key}")));
        Row("shifts", string.Join("; ", scenario.Shifts.Select(s => $"{s.Id} {s.Start:HH\\:mm}–{s.End:HH\\:mm}")));
        h.Append("</tbody></table>");
        return h.ToString();
    }

    /// <summary>Results of replications run with 60-minute intervals: KPIs per day, the wait by hour with its band,
    /// the queue over the day and the windows' utilisation.</summary>
    /// <param name="label">What was simulated ("baseline", "+2 windows", …).</param>
    /// <param name="scenario">The simulated scenario.</param>
    /// <param name="result">The replications (from <see cref="HallReplications.Run(HallSim.Scenarios.Scenario, HallSim.Staffing.StaffingPlan, ulong, int, HallRunOptions?, double, int?, IProgress{int}?, CancellationToken)"/> with <c>IntervalMinutes = 60</c>).</param>
    public static string Results(string label, Scenario scenario, HallReplicationsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var h = new StringBuilder();
        h.Append("<h3>").Append(E(label)).Append("</h3>").Append(DayTable([(label, result)]));
        var hourly = ReportCharts.Hourly(label, scenario, result);
        h.Append(Chart(ReportCharts.WaitByHour([hourly], Language)));
        h.Append(Chart(ReportCharts.QueueOverTheDay([(label, result)], scenario, Language)));
        h.Append(Chart(ReportCharts.Utilisation(ReportCharts.UtilisationOf(scenario, result), Language, label)));
        return h.ToString();
    }

    /// <summary>
    /// Two simulations side by side (the same seed: common random numbers): KPIs per day for both, and the paired
    /// difference of each day's mean wait (B − A) with its 95% confidence interval; the wait by hour and the queue for both.
    /// </summary>
    /// <param name="scenario">The simulated scenario (the same dates for both).</param>
    /// <param name="a">The baseline.</param>
    /// <param name="b">The alternative.</param>
    public static string Compare(Scenario scenario, (string Label, HallReplicationsResult Result) a, (string Label, HallReplicationsResult Result) b)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var inv = CultureInfo.InvariantCulture;
        var h = new StringBuilder();
        h.Append("<h3>").Append(E($"{b.Label} against {a.Label}")).Append("</h3>").Append(DayTable([a, b]));
        h.Append("<table class=\"kpis\"><thead><tr><th>date</th><th>").Append(E($"mean wait: {b.Label} − {a.Label} (min)")).Append("</th><th>95% CI</th><th>verdict</th></tr></thead><tbody>");
        var differences = Difference(a.Result, b.Result);
        for (var i = 0; i < differences.Count; i++)
        {
            var d = differences[i];
            h.Append("<tr><td>").Append(d.Date.ToString("ddd yyyy-MM-dd", inv)).Append("</td>");
            var closedIn = (a.Result.Days[i].TicketsIssued.Mean <= 0, b.Result.Days[i].TicketsIssued.Mean <= 0) switch
            {
                (true, true) => "both",
                (true, false) => a.Label,
                (false, true) => b.Label,
                _ => null,
            };
            if (closedIn is not null)
            {
                // A closed day has no waits: a difference against it would be a verdict on nothing.
                h.Append("<td colspan=\"3\">").Append(E(closedIn == "both" ? "closed in both: no comparison" : $"no tickets in {closedIn} (closed): no comparison")).Append("</td></tr>");
                continue;
            }

            var verdict = d.Difference.Upper < 0 ? "shorter" : d.Difference.Lower > 0 ? "longer" : "no significant difference";
            h.Append("<td>").Append(d.Difference.Mean.ToString("+0.0;-0.0;0.0", inv))
                .Append("</td><td>").Append(string.Create(inv, $"[{d.Difference.Lower:0.0}, {d.Difference.Upper:0.0}]")).Append("</td><td>").Append(verdict).Append("</td></tr>");
        }

        h.Append("</tbody></table>");
        h.Append(Chart(ReportCharts.WaitByHour([ReportCharts.Hourly(a.Label, scenario, a.Result), ReportCharts.Hourly(b.Label, scenario, b.Result)], Language)));
        h.Append(Chart(ReportCharts.QueueOverTheDay([a, b], scenario, Language)));
        return h.ToString();
    }

    /// <summary>The paired difference (B − A) of each day's mean wait over replications with the same index.</summary>
    /// <param name="a">Replications of A.</param>
    /// <param name="b">Replications of B, the same seed and count.</param>
    public static IReadOnlyList<(DateOnly Date, MeanEstimate Difference)> Difference(HallReplicationsResult a, HallReplicationsResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Runs.Count != b.Runs.Count || a.Days.Count != b.Days.Count)
        {
            throw new ArgumentException("compare results with the same days and replications (the same seed)", nameof(b));
        }

        return Enumerable.Range(0, a.Days.Count)
            .Select(d => (a.Days[d].Date, MeanEstimate.Of(a.Runs.Zip(b.Runs, (x, y) => y.Days[d].MeanWait - x.Days[d].MeanWait).ToList())))
            .ToArray();
    }

    /// <summary>Requirements side by side (for example SIPP, MOL and ISA): windows per interval, window-hours and flagged intervals.</summary>
    /// <param name="scenario">The scenario they were computed for (one day).</param>
    /// <param name="requirements">The requirements.</param>
    public static string Requirements(Scenario scenario, params StaffingRequirements[] requirements)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(requirements);
        var inv = CultureInfo.InvariantCulture;
        var h = new StringBuilder("<table class=\"kpis\"><thead><tr><th>method</th><th>window-hours</th><th>intervals the hall cannot bring to target</th></tr></thead><tbody>");
        foreach (var r in requirements)
        {
            h.Append("<tr><td>").Append(E(r.Method.ToString())).Append("</td><td>").Append(r.StaffHours.ToString("0.0", inv)).Append("</td><td>").Append(r.Intervals.Count(i => !i.Achievable)).Append("</td></tr>");
        }

        h.Append("</tbody></table>");
        if (requirements.Length > 0)
        {
            var keep = Enumerable.Range(0, requirements[0].Intervals.Count).Where(i => requirements.Any(r => r.Intervals[i].Servers > 0 || r.Intervals[i].ArrivalRate > 0)).ToArray();
            var labels = keep.Select(i => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(requirements[0].Intervals[i].Start % 1440)).ToString("HH:mm", inv)).ToArray();
            var series = requirements.Select(r => new ChartSeries(r.Method.ToString(), keep.Select(i => (double?)r.Intervals[i].Servers).ToArray()) { Steps = true }).ToList();
            series.Add(new ChartSeries("tickets per hour", keep.Select(i => (double?)(requirements[0].Intervals[i].ArrivalRate * 60)).ToArray()) { Bars = true, RightAxis = true, Colour = "#7f7f7f" });
            h.Append(Chart(HallCharts.Lines("Windows required per interval", labels, series, "windows", "tickets per hour")));
        }

        return h.ToString();
    }

    /// <summary>A roster as the 排班表 grid, with the optimiser's explanation and issues when given a solve result.</summary>
    /// <param name="scenario">The scenario (staff and shifts).</param>
    /// <param name="roster">The roster.</param>
    /// <param name="from">First date shown.</param>
    /// <param name="days">Dates shown.</param>
    /// <param name="explanation">Sentences to show above the grid (default none).</param>
    public static string Roster(Scenario scenario, Roster roster, DateOnly from, int days, IReadOnlyList<string>? explanation = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(roster);
        var report = new RosterReport(scenario.Name, from, days, 15, scenario.Staff, scenario.Shifts, roster, [], []);
        var h = new StringBuilder();
        if (explanation is { Count: > 0 })
        {
            h.Append("<ul>");
            foreach (var line in explanation)
            {
                h.Append("<li>").Append(E(line)).Append("</li>");
            }

            h.Append("</ul>");
        }

        return h.Append(ReportHtml.RosterGrid(report, Language)).ToString();
    }

    /// <summary>A solved roster: its grid, explanation and issues.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="result">The optimiser's result.</param>
    public static string Roster(Scenario scenario, RosterResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var dates = result.Intervals.Select(i => i.Date).Distinct().OrderBy(d => d).ToArray();
        var text = new ReportText(Language);
        return Roster(scenario, result.Roster, dates[0], dates.Length, [text.StaffHours(result.StaffHours, null), .. result.DaySummaries.Select(text.Day), .. result.Issues.Select(i => "⚠ " + i.Message)]);
    }

    /// <summary>A calibration: rows read and rejected, the fitted demand, service times and patience, notes, and the
    /// charts of the fit check (tickets per day, observed against simulated waits per hour, hour shares).</summary>
    /// <param name="result">The calibration.</param>
    /// <param name="source">The log's name.</param>
    public static string Calibration(HallSim.Calibration.CalibrationResult result, string source) =>
        CalibrationReport.Body(result, source, $"hallsim-calibration-{Interlocked.Increment(ref _charts)}");

    /// <summary>
    /// A plan (<see cref="RosterPlanner.Plan"/>): the compared rosters' simulated KPIs, the paired difference in total
    /// waiting against the usual method with its 95% interval, what any roster could still gain (the optimiser's bound),
    /// the loop's stop, and the charts of the report, in <see cref="Language"/>.
    /// </summary>
    /// <param name="outcome">The plan.</param>
    public static string Plan(PlanOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var inv = CultureInfo.InvariantCulture;
        var report = outcome.ToReport(Language);
        var d = outcome.WaitingAgainstUsual;
        var h = new StringBuilder(Kpis([.. report.Kpis.Select((k, i) => (k.Label, outcome.Rosters[i].Evaluation))]));
        h.Append("<p>").Append(E(string.Create(inv, $"Total waiting, recommended − usual method: {d.Mean:0} ± {d.HalfWidth:0} citizen-minutes over the horizon (paired by replication; {(d.Lower > 0 || d.Upper < 0 ? "a significant difference" : "no significant difference")}). The loop stopped after {outcome.Loop.History.Count} round(s): {outcome.Loop.StopReason}."))).Append("</p>");
        h.Append("<ul>");
        foreach (var line in report.Explanation)
        {
            h.Append("<li>").Append(E(line)).Append("</li>");
        }

        h.Append("</ul>");
        h.Append(Chart(ReportCharts.DemandAndWindows(report.Hourly, Language))).Append(Chart(ReportCharts.WaitByHour(report.Hourly, Language)));
        return h.ToString();
    }

    /// <summary>Simulated KPIs of several rosters (from <see cref="RosterEvaluator"/>) as one table.</summary>
    /// <param name="rows">(label, evaluation) pairs.</param>
    public static string Kpis(params (string Label, RosterEvaluation Evaluation)[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inv = CultureInfo.InvariantCulture;
        var h = new StringBuilder("<table class=\"kpis\"><thead><tr><th>roster</th><th>staff-hours</th><th>mean wait (min)</th><th>p90 wait (min)</th><th>called within target</th><th>left before called</th></tr></thead><tbody>");
        foreach (var (label, e) in rows)
        {
            h.Append("<tr><td>").Append(E(label)).Append("</td><td>").Append(e.StaffHours.ToString("0.#", inv)).Append("</td><td>").Append(Ci(e.MeanWait, 1, "0.0"))
                .Append("</td><td>").Append(Ci(e.P90Wait, 1, "0.0")).Append("</td><td>").Append(Ci(e.WithinTarget, 100, "0.0")).Append(" %</td><td>").Append(Ci(e.Abandonment, 100, "0.0")).Append(" %</td></tr>");
        }

        return h.Append("</tbody></table>").ToString();
    }

    private static string DayTable(IReadOnlyList<(string Label, HallReplicationsResult Result)> sets)
    {
        var inv = CultureInfo.InvariantCulture;
        var h = new StringBuilder("<table class=\"kpis\"><thead><tr><th></th><th>date</th><th>citizens</th><th>tickets</th><th>mean wait (min)</th><th>called within target</th><th>overtime (min)</th></tr></thead><tbody>");
        foreach (var (label, result) in sets)
        {
            foreach (var d in result.Days)
            {
                h.Append("<tr><td>").Append(E(label)).Append("</td><td>").Append(d.Date.ToString("ddd yyyy-MM-dd", inv)).Append("</td><td>").Append(d.Arrivals.Mean.ToString("0", inv))
                    .Append("</td><td>").Append(d.TicketsIssued.Mean.ToString("0", inv)).Append("</td><td>").Append(Ci(d.MeanWait, 1, "0.0")).Append("</td><td>")
                    .Append(Ci(d.ServiceLevel, 100, "0")).Append(" %</td><td>").Append(Ci(d.OvertimeMinutes, 1, "0")).Append("</td></tr>");
            }
        }

        return h.Append("</tbody></table>").ToString();
    }

    private static string Ci(MeanEstimate m, double scale, string format) =>
        E($"{(m.Mean * scale).ToString(format, CultureInfo.InvariantCulture)} ± {(m.HalfWidth * scale).ToString(format, CultureInfo.InvariantCulture)}");

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
