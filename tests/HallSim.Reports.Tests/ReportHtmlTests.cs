using System.Text.Json;
using System.Text.RegularExpressions;

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
        Assert.Contains("<b>late 15:30</b>", zh);
        Assert.Contains(", 休息 15:30\"", zh);
        Assert.Contains("30 分钟，14:30–16:30 之间开始", zh);
        var en = ReportHtml.Write(Samples.Report(), ReportLanguage.English);
        Assert.Contains(", break 15:30\"", en);
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
}
