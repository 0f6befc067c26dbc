using System.Text.Json;
using System.Text.RegularExpressions;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Reports.Tests;

public class ReportHtmlTests
{
    [Fact]
    public void Write_EscapesEveryNameAndLabel()
    {
        var html = ReportHtml.Write(Samples.Report(), ReportLanguage.English);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("王 &amp; &quot;Li&quot;", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        Assert.DoesNotContain("<i>of</i>", html);
        Assert.DoesNotContain("<everyone>", html);
        Assert.DoesNotContain("<problem>", html);
        // The only script elements are plotly.js and one per chart.
        var scripts = Regex.Matches(html, "<script>").Count;
        Assert.Equal(1 + ReportHtml.Figures(Samples.Report()).Count, scripts);
    }

    [Fact]
    public void Write_ShowsEachPersonsBreakTime_AndTheBreakWindowInTheLegend()
    {
        var zh = ReportHtml.Write(Samples.Report(), ReportLanguage.Chinese);
        Assert.Contains("<b>late 15:30 休息</b>", zh); // a shift without a display name shows its id
        Assert.Contains("<b>Day &lt;b&gt;bold&lt;/b&gt;</b>", zh); // one with a name shows the name
        Assert.Contains(", 15:30 休息\"", zh);
        Assert.Contains("30 分钟，14:30–16:30 之间开始", zh);
        var en = ReportHtml.Write(Samples.Report(), ReportLanguage.English);
        Assert.Contains(", break 15:30\"", en);
        Assert.Contains("<b>late 15:30</b>", en); // English shows the id and break as typed in the workbook
        Assert.Contains("30 min, starting between 14:30 and 16:30", en);
    }

    [Fact]
    public void Write_InlinesPlotlyOnce_AndDrawsEveryFigure()
    {
        var report = Samples.Report();
        var html = ReportHtml.Write(report);
        Assert.Single(Regex.Matches(html, Regex.Escape("if(!window.Plotly)")));
        Assert.True(html.Length > 3_000_000, "plotly.js (~3.6 MB) is inlined");
        var figures = ReportHtml.Figures(report);
        Assert.Equal(4, figures.Count); // demand and windows, wait by hour, within target, utilisation
        for (var i = 1; i <= figures.Count; i++)
        {
            Assert.Contains($"Plotly.newPlot('chart-{i}'", html);
        }

        Assert.Contains("lang=\"zh-CN\"", html);
        Assert.Contains("排班表", html);
        Assert.Contains("@page{size:A4 landscape", html);
    }

    [Fact]
    public void Figures_AreValidJson_WithoutNaN_AndWithConfidenceBands()
    {
        foreach (var figure in ReportHtml.Figures(Samples.Report(), ReportLanguage.English))
        {
            Assert.DoesNotContain("NaN", figure.Json);
            Assert.DoesNotContain("Infinity", figure.Json);
            using var doc = JsonDocument.Parse(figure.Json);
            Assert.True(doc.RootElement.GetProperty("data").GetArrayLength() > 0, figure.Title);
        }

        var wait = ReportHtml.Figures(Samples.Report(), ReportLanguage.English)[1];
        using var w = JsonDocument.Parse(wait.Json);
        Assert.Contains(w.RootElement.GetProperty("data").EnumerateArray(), t => t.TryGetProperty("fill", out var f) && f.GetString() == "tonexty");
    }

    /// <summary>Two days of 09:00–12:00 and 14:00–18:00 (a lunch closure and a night between), three rosters.</summary>
    private static RosterReport Sessions()
    {
        var m = (double x) => new HallSim.Experiments.MeanEstimate(x, 1, 20, 0.95);
        int[] open = [9, 10, 11, 14, 15, 16, 17];
        HourlySeries Series(string label, double shift) => new(label, [.. Enumerable.Range(0, 2).SelectMany(d => open.Select(h =>
            new HourlyResult(Samples.Monday.AddDays(d), h, m(10 + h + shift), m(0.6), 3, 20)))]);
        var kpis = Samples.Report().Kpis[0];
        return Samples.Report() with
        {
            Kpis = [kpis with { Label = "A" }, kpis with { Label = "B" }, kpis with { Label = "C" }],
            Hourly = [Series("A", 0), Series("B", 1), Series("C", 2)],
        };
    }

    [Fact]
    public void EveryLineAndBand_StaysWithinOneOpenSession_NeverAcrossALunchClosureOrANight()
    {
        var report = Sessions();
        foreach (var figure in ReportHtml.Figures(report, ReportLanguage.English).Take(3))
        {
            using var doc = JsonDocument.Parse(figure.Json);
            var traces = doc.RootElement.GetProperty("data").EnumerateArray().Where(t => t.GetProperty("type").GetString() == "scatter").ToArray();
            Assert.NotEmpty(traces);
            foreach (var t in traces)
            {
                // x labels are "Mon 09:00": a trace's hours are consecutive on one day.
                var x = t.GetProperty("x").EnumerateArray().Select(v => v.GetString()!).ToArray();
                var hours = x.Select(l => int.Parse(l[^5..^3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                Assert.Single(x.Select(l => l[..3]).Distinct());
                Assert.True(hours.Zip(hours.Skip(1), (a, b) => b == a + 1).All(ok => ok), $"{figure.Title}: a trace spans a closure: {string.Join(", ", x)}");
            }

            // Four sessions (two days × morning and afternoon): every roster's line is drawn in four pieces.
            Assert.Equal(4 * 3, traces.Count(t => !t.TryGetProperty("meta", out _)));
        }

        using var wait = JsonDocument.Parse(ReportHtml.Figures(report, ReportLanguage.English)[1].Json);
        Assert.Equal(4 * 3, wait.RootElement.GetProperty("data").EnumerateArray().Count(t => t.TryGetProperty("meta", out var b) && b.GetString() == "band-lower"));
    }

    [Fact]
    public void EachRoster_KeepsOneColour_InEveryChart()
    {
        var colours = new Dictionary<string, HashSet<string>>();
        foreach (var figure in ReportHtml.Figures(Sessions(), ReportLanguage.English).Take(3))
        {
            using var doc = JsonDocument.Parse(figure.Json);
            foreach (var t in doc.RootElement.GetProperty("data").EnumerateArray().Where(t => t.GetProperty("type").GetString() == "scatter" && !t.TryGetProperty("meta", out _)))
            {
                var name = t.GetProperty("name").GetString()!;
                var colour = t.GetProperty("line").GetProperty("color").GetString()!;
                (colours.TryGetValue(name, out var set) ? set : colours[name] = []).Add(colour);
            }
        }

        Assert.Equal(["A", "B", "C"], colours.Keys.Order());
        Assert.All(colours, c => Assert.Single(c.Value));
        Assert.Equal(3, colours.Values.Select(v => v.Single()).Distinct().Count());
    }

    [Fact]
    public void WithinTargetChart_HasTheTargetLine_AndAPercentAxis_AndTheHeatmapIsPaleWhenIdle()
    {
        var figures = ReportHtml.Figures(Samples.Report() with { TargetShare = 0.75 }, ReportLanguage.Chinese);
        using var within = JsonDocument.Parse(figures[2].Json);
        var layout = within.RootElement.GetProperty("layout");
        Assert.Equal(".0%", layout.GetProperty("yaxis").GetProperty("tickformat").GetString());
        var line = layout.GetProperty("shapes")[0];
        Assert.Equal(0.75, line.GetProperty("y0").GetDouble());
        Assert.Contains("75%", layout.GetProperty("annotations")[0].GetProperty("text").GetString());

        using var heat = JsonDocument.Parse(figures[3].Json);
        var scale = heat.RootElement.GetProperty("data")[0].GetProperty("colorscale");
        var low = scale[0][1].GetString()!;
        var high = scale[scale.GetArrayLength() - 1][1].GetString()!;
        int Brightness(string hex) => Convert.ToInt32(hex[1..3], 16) + Convert.ToInt32(hex[3..5], 16) + Convert.ToInt32(hex[5..7], 16);
        Assert.True(Brightness(low) > 600 && Brightness(high) < 300, $"low {low}, high {high}: low use must be pale");
        Assert.Contains("recommended", figures[3].Title); // which roster and dates it shows
        Assert.Contains("03-23", figures[3].Title);
    }

    [Fact]
    public void ComparedSeries_AreAlignedByTime_NotByPosition()
    {
        // The second run has no Monday (closed): its Tuesday values stay under Tuesday.
        var m = (double x) => new HallSim.Experiments.MeanEstimate(x, 1, 20, 0.95);
        var monday = Enumerable.Range(9, 3).Select(h => new HourlyResult(Samples.Monday, h, m(1), m(0.9), 2, 10));
        var tuesday = Enumerable.Range(9, 3).Select(h => new HourlyResult(Samples.Monday.AddDays(1), h, m(50), m(0.1), 2, 10)).ToArray();
        var figure = ReportCharts.WaitByHour([new HourlySeries("a", [.. monday, .. tuesday]), new HourlySeries("b", tuesday)], ReportLanguage.English);
        using var doc = JsonDocument.Parse(figure.Json);
        var b = doc.RootElement.GetProperty("data").EnumerateArray().Where(t => t.GetProperty("name").GetString() == "b").ToArray();
        Assert.All(b, t => Assert.All(t.GetProperty("x").EnumerateArray(), x => Assert.StartsWith("Tue", x.GetString(), StringComparison.Ordinal)));
        Assert.Contains(b, t => t.GetProperty("y").EnumerateArray().All(y => y.GetDouble() == 50));
    }

    [Fact]
    public void Headline_SaysWhetherTheTargetIsMet_WhetherTheDifferenceIsSignificant_AndWhatHelps()
    {
        var days = Enumerable.Range(0, 2).Select(d => Samples.Day(Samples.Monday.AddDays(d))).ToArray();
        var baseReport = Samples.Report() with { Kpis = [.. Samples.Report().Kpis.Select(k => k with { Days = days })], TargetShare = 0.9 };
        var zh = new ReportText(ReportLanguage.Chinese);
        var en = new ReportText(ReportLanguage.English);

        // 91% and 88% against 90%: one meets it, the other misses by 2 points; an interval covering 0 is no difference.
        var covering = baseReport with { Comparison = new ReportComparison(new HallSim.Experiments.MeanEstimate(-100, 300, 20, 0.95), 10_000), EveryWindowGain = 0.1 };
        var lines = en.Headline(covering);
        Assert.Contains("recommended <x> 91% (meets it)", lines[0]);
        Assert.Contains("usual 88% (misses it by 2 points)", lines[0]);
        Assert.StartsWith("No significant difference", lines[1]);
        Assert.Contains("the constraint", lines[^1]);
        Assert.Contains("无显著差异", zh.Headline(covering)[1]);
        Assert.Contains("瓶颈", zh.Headline(covering)[^1]);

        // An interval that excludes 0 is a significant difference, stated as a share of the other's waiting.
        var significant = baseReport with { Comparison = new ReportComparison(new HallSim.Experiments.MeanEstimate(-1_000, 300, 20, 0.95), 10_000) };
        Assert.Contains("10.0% less", en.Headline(significant)[1]);
        Assert.Contains("7.0% to 13.0%", en.Headline(significant)[1]);
        Assert.Contains("少 10.0%", zh.Headline(significant)[1]);

        // The worst day named; a closed day never is.
        var withClosed = baseReport with { Kpis = [baseReport.Kpis[0] with { Days = [Samples.Day(Samples.Monday), Samples.Day(Samples.Monday.AddDays(1), closed: true)] }] };
        var worst = en.Headline(withClosed).Single(l => l.StartsWith("Longest", StringComparison.Ordinal));
        Assert.Contains("2026-03-23", worst);
        Assert.DoesNotContain("2026-03-24", worst);

        // The page shows the headline first and a closed day as closed, with no figures.
        var html = ReportHtml.Write(withClosed, ReportLanguage.Chinese);
        Assert.True(html.IndexOf("class=\"headline\"", StringComparison.Ordinal) < html.IndexOf("class=\"days\"", StringComparison.Ordinal));
        Assert.Contains("大厅不开放", html);
    }

    [Fact]
    public void AChange_InChinese_NamesThePersonAndTheShifts_NotTheirIds()
    {
        var staff = new[] { new StaffMember("R01", "林晓", [Window.AnyCategory]) };
        var shifts = new[] { new ShiftTemplate("late", new TimeOnly(12, 0), new TimeOnly(19, 30)) { Name = "延时" }, new ShiftTemplate("morning", new TimeOnly(9, 0), new TimeOnly(13, 0)) { Name = "上午" } };
        var change = new RosterChange(Samples.Monday, "R01", "late 16:00", "morning");
        Assert.Equal("03-23 林晓：延时 16:00 休息 改为 上午", new ReportText(ReportLanguage.Chinese).Change(change, staff, shifts));
        Assert.Equal("2026-03-23 林晓: \"late 16:00\" → \"morning\"", new ReportText(ReportLanguage.English).Change(change, staff, shifts));
    }
}
