using System.Globalization;
using System.Net;
using System.Text;
using HallSim.Calibration;

namespace HallSim.Reports;

/// <summary>A calibration as one offline HTML page: what was read, the fitted demand, service times and patience, and
/// the fit check (observed against simulated waits per hour), with charts.</summary>
public static class CalibrationReport
{
    /// <summary>The page.</summary>
    /// <param name="result">The calibration.</param>
    /// <param name="source">The log's name, for the title (the calibrated scenario's name stands beside it).</param>
    public static string Write(CalibrationResult result, string source) => Write(result, source, null);

    /// <summary>The page, with the forecast's backtest when there is one.</summary>
    /// <param name="result">The calibration.</param>
    /// <param name="source">The log's name, for the title.</param>
    /// <param name="backtest">The backtest of the calibrated forecast on the log's last weeks, or null.</param>
    public static string Write(CalibrationResult result, string source, BacktestResult? backtest)
    {
        ArgumentNullException.ThrowIfNull(result);
        var h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<title>").Append(WebUtility.HtmlEncode($"Calibration — {source}")).Append("</title>\n<style>").Append(ReportHtml.StyleSheet).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1>Calibration from a ticket log</h1>").Append(PlotlyHtml.Script()).Append(Body(result, source, "calibration"));
        if (backtest is not null)
        {
            h.Append(BacktestSection(backtest));
        }

        return h.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The backtest as a section: WAPE against the Poisson floor, bias and coverage, per day and per hour, and
    /// each held-out day.</summary>
    /// <param name="backtest">The backtest.</param>
    public static string BacktestSection(BacktestResult backtest)
    {
        ArgumentNullException.ThrowIfNull(backtest);
        var inv = CultureInfo.InvariantCulture;
        string E(string s) => WebUtility.HtmlEncode(s);
        var h = new StringBuilder();
        h.Append("<h2>").Append(E(string.Create(inv, $"Forecast backtest: fitted before {backtest.From:yyyy-MM-dd}, scored on {backtest.From:yyyy-MM-dd} to {backtest.To:yyyy-MM-dd}"))).Append("</h2>");
        h.Append("<p>").Append(E("WAPE = Σ|observed − expected| ÷ Σ observed. A perfect forecast of Poisson counts still has the Poisson floor Σ√(2λ/π) ÷ Σλ; a WAPE near it is as good as the counts allow. Coverage: the share inside the forecast's 95% Poisson band λ ± 1.96√λ.")).Append("</p>");
        h.Append("<table class=\"kpis\"><thead><tr><th></th><th>scored</th><th>WAPE</th><th>Poisson floor</th><th>WAPE ÷ floor</th><th>bias</th><th>inside the 95% band</th></tr></thead><tbody>");
        foreach (var (label, s) in new[] { ("per day", backtest.PerDay), ("per hour", backtest.PerHour) })
        {
            h.Append("<tr><td>").Append(label).Append("</td><td>").Append(s.Cells.ToString(inv)).Append("</td><td>").Append((s.Wape * 100).ToString("0.0", inv)).Append("%</td><td>")
                .Append((s.PoissonFloor * 100).ToString("0.0", inv)).Append("%</td><td>").Append(s.WapeOverFloor.ToString("0.00", inv)).Append("</td><td>")
                .Append((s.Bias * 100).ToString("+0.0;−0.0;0.0", inv)).Append("%</td><td>").Append((s.Coverage95 * 100).ToString("0", inv)).Append("%</td></tr>");
        }

        h.Append("</tbody></table><table class=\"kpis\"><thead><tr><th>date</th><th>observed</th><th>expected</th></tr></thead><tbody>");
        foreach (var d in backtest.Days)
        {
            h.Append("<tr><td>").Append(d.Date.ToString("ddd yyyy-MM-dd", inv)).Append("</td><td>").Append(d.Observed.ToString(inv)).Append("</td><td>").Append(d.Expected.ToString("0.0", inv)).Append("</td></tr>");
        }

        return h.Append("</tbody></table>").ToString();
    }

    /// <summary>The report's content without the page around it or plotly.js (for a notebook cell, after
    /// plotly.js is on the page).</summary>
    /// <param name="result">The calibration.</param>
    /// <param name="source">The log's name.</param>
    /// <param name="idPrefix">Prefix of the charts' element ids (letters, digits, '-' and '_').</param>
    public static string Body(CalibrationResult result, string source, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        string E(string s) => WebUtility.HtmlEncode(s);
        var h = new StringBuilder();
        h.Append("<p class=\"hall\">").Append(E(result.Scenario.Name)).Append(" · ").Append(E(source)).Append("</p>");
        h.Append("<p>").Append(E(string.Create(inv, $"{result.Read.Rows} rows: {result.Read.Accepted} accepted, {result.Read.Rejected} rejected; {result.Scenario.StartDate:yyyy-MM-dd} + {result.Scenario.Days} days; {result.Scenario.Windows.Count} windows seen."))).Append("</p>");
        if (result.Read.RejectedRows.Count > 0)
        {
            const int Shown = 50;
            var shown = Math.Min(Shown, result.Read.RejectedRows.Count);
            h.Append("<h2>").Append(E(string.Create(inv, $"Rejected rows: {result.Read.Rejected} in all, the first {shown} shown"))).Append("</h2><table class=\"kpis\"><thead><tr><th>line</th><th>reason</th></tr></thead><tbody>");
            foreach (var r in result.Read.RejectedRows.Take(Shown))
            {
                h.Append("<tr><td>").Append(r.Line.ToString(inv)).Append("</td><td style=\"text-align:left\">").Append(E(r.Reason)).Append("</td></tr>");
            }

            h.Append("</tbody></table>");
        }

        h.Append("<h2>Demand</h2><p>").Append(E(string.Create(inv, $"Tickets on an ordinary weekday: {result.ArrivalsPerDay.Mean:0.0} ± {result.ArrivalsPerDay.HalfWidth:0.0} (95% CI over {result.ArrivalsPerDay.Replications} days). Weekday factors (Mon–Sun): {string.Join(", ", result.WeekdayFactors.Select(x => x.ToString("0.00", inv)))}."))).Append("</p>");
        if (result.SpecialDays.Count > 0)
        {
            h.Append("<p>Special days (left out of the estimates): ").Append(E(string.Join("; ", result.SpecialDays.Select(d => string.Create(inv, $"{d.Date:yyyy-MM-dd} {d.Observed} tickets, {d.Expected:0} expected"))))).Append("</p>");
        }

        h.Append("<h2>Service times (maximum likelihood; lowest AIC chosen)</h2><table class=\"kpis\"><thead><tr><th>category</th><th>samples</th><th>chosen</th><th>mean (min)</th><th>sd (min)</th><th>KS</th><th>AIC of every family</th></tr></thead><tbody>");
        foreach (var c in result.Services)
        {
            h.Append("<tr><td>").Append(E(c.Category)).Append("</td><td>").Append(c.Samples).Append("</td><td>").Append(E(c.Chosen.Family)).Append("</td><td>")
                .Append(c.Chosen.Distribution.Mean.ToString("0.00", inv)).Append("</td><td>").Append(Math.Sqrt(c.Chosen.Distribution.Variance).ToString("0.00", inv)).Append("</td><td>")
                .Append(c.Chosen.Ks.ToString("0.000", inv)).Append("</td><td style=\"text-align:left\">").Append(E(string.Join(", ", c.Candidates.Select(f => string.Create(inv, $"{f.Family} {f.Aic:0}"))))).Append("</td></tr>");
        }

        h.Append("</tbody></table><h2>Patience</h2><p>").Append(E(result.Patience is { } p
            ? string.Create(inv, $"{char.ToUpperInvariant(p.Family[0])}{p.Family[1..]} (best AIC of exponential, lognormal, Weibull and gamma), mean {p.Distribution.Mean:0.0} min{(p.Mean95 is { } ci ? string.Create(inv, $" (95% CI {ci.Lower:0.0}–{ci.Upper:0.0})") : "")}, sd {Math.Sqrt(p.Distribution.Variance):0.0} min (censored maximum likelihood: served tickets waited less than their patience, no-shows more).")
            : "No ticket was a no-show: patience is longer than every wait seen and cannot be estimated; the scenario has none.")).Append("</p>");
        h.Append("<h2>Notes</h2><ul>");
        foreach (var n in result.Notes)
        {
            h.Append("<li>").Append(E(n)).Append("</li>");
        }

        h.Append("</ul><h2>Charts</h2>");
        var days = result.Daily.Select(d => d.Date.ToString("MM-dd", inv)).ToArray();
        h.Append(PlotlyHtml.Figure(HallCharts.Lines("Tickets per day: observed and fitted", days,
            [new ChartSeries("observed", result.Daily.Select(d => (double?)d.Observed).ToArray()) { Bars = true }, new ChartSeries("fitted", result.Daily.Select(d => (double?)d.Expected).ToArray())], "tickets"), $"{idPrefix}-1"));
        var hours = result.Hourly.Select(x => $"{x.Hour:00}:00").ToArray();
        h.Append(PlotlyHtml.Figure(HallCharts.Lines("Mean wait per hour: the log against the calibrated scenario", hours,
        [
            new ChartSeries("observed", result.Hourly.Select(x => (double?)x.ObservedWait).ToArray()),
            new ChartSeries("simulated", result.Hourly.Select(x => x.SimulatedWait?.Mean).ToArray())
            {
                Lower = result.Hourly.Select(x => x.SimulatedWait?.Lower).ToArray(),
                Upper = result.Hourly.Select(x => x.SimulatedWait?.Upper).ToArray(),
            },
        ], "minutes"), $"{idPrefix}-2"));
        h.Append(PlotlyHtml.Figure(HallCharts.Lines("Share of tickets per hour (95% CI)", Enumerable.Range(0, 24).Select(x => $"{x:00}:00").ToArray(),
            [new ChartSeries("share", result.HourShares.Select(x => (double?)x.Mean).ToArray()) { Lower = result.HourShares.Select(x => (double?)x.Lower).ToArray(), Upper = result.HourShares.Select(x => (double?)x.Upper).ToArray() }], "share"), $"{idPrefix}-3"));
        return h.ToString();
    }
}
