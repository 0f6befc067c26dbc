using HallSim.Tests.Shared;

namespace HallSim.Reports.Tests;

/// <summary>
/// Opens a real report in headless Chromium (Debian's chromium with fonts-noto-cjk; .ci/run installs both) from a
/// file URL with the network off, and checks that plotly drew every chart. Skipped, and counted as skipped, where
/// Chromium is not installed.
/// </summary>
public class BrowserTests
{
    [SkippableFact]
    public void Report_OpensOffline_AndEveryChartRenders()
    {
        var chromium = Chromium.Find();
        Skip.If(chromium is null, "Chromium is not installed (apt-get install chromium fonts-noto-cjk)");
        var dir = Chromium.TempDir();
        try
        {
            var report = Samples.Report();
            var path = Path.Combine(dir, "report.html");
            File.WriteAllText(path, ReportHtml.Write(report));
            var dom = Chromium.Run(chromium!, Path.Combine(dir, "profile"), "--dump-dom", new Uri(path).AbsoluteUri);
            var charts = ReportHtml.Figures(report).Count;
            Assert.Contains("排班表", dom);
            // plotly.js draws an <svg class="main-svg"> in every chart's div once it has rendered.
            for (var i = 1; i <= charts; i++)
            {
                var start = dom.IndexOf($"id=\"chart-{i}\"", StringComparison.Ordinal);
                Assert.True(start >= 0, $"chart-{i} is missing");
                var next = dom.IndexOf("id=\"chart-", start + 10, StringComparison.Ordinal);
                var section = next > 0 ? dom[start..next] : dom[start..];
                Assert.Contains("main-svg", section);
            }

            Assert.DoesNotContain("<script>alert(1)</script>", dom);

            // A screenshot, kept as a test artefact.
            var png = Chromium.Artefact("report.png");
            Chromium.Run(chromium!, Path.Combine(dir, "profile2"), $"--screenshot={png}", "--window-size=1280,2400", new Uri(path).AbsoluteUri);
            Assert.True(new FileInfo(png).Length > 10_000, "the screenshot is empty");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [SkippableFact]
    public void Print_HeadlineAndDaysOnTheFirstA4Sheet_AndTheGridOfThirtyStaffForAWeekOnTheSecond()
    {
        var chromium = Chromium.Find();
        Skip.If(chromium is null, "Chromium is not installed (apt-get install chromium fonts-noto-cjk)");
        var hall = HallSim.Scenarios.Halls.JihuaPeak;
        var monday = HallSim.Scenarios.Halls.JihuaPeakWeek;
        var roster = new HallSim.Staffing.Roster(Enumerable.Range(0, 6).SelectMany(d => hall.Staff.Select((m, i) =>
            new HallSim.Staffing.RosterAssignment(monday.AddDays(d), m.Id, hall.Shifts[(i + d) % hall.Shifts.Count].Id))).ToArray());
        var kpis = Samples.Report().Kpis;
        var days = Enumerable.Range(0, 7).Select(d => Samples.Day(monday.AddDays(d), closed: d == 6)).ToArray();
        var report = new RosterReport(hall.Name, monday, 7, 15, hall.Staff, hall.Shifts, roster, [kpis[0] with { Days = days }, kpis[1] with { Days = days }], [])
        {
            Comparison = new ReportComparison(new HallSim.Experiments.MeanEstimate(-900, 400, 20, 0.95), 30_000),
            EveryWindowGain = 0.12,
        };
        var dir = Chromium.TempDir();
        try
        {
            var path = Path.Combine(dir, "report.html");
            File.WriteAllText(path, ReportHtml.Write(report));
            var pdf = Path.Combine(dir, "report.pdf");
            Chromium.Run(chromium!, Path.Combine(dir, "profile"), "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(path).AbsoluteUri);
            var bytes = File.ReadAllText(pdf, System.Text.Encoding.Latin1);
            var pages = System.Text.RegularExpressions.Regex.Matches(bytes, @"/Type\s*/Page[^s]").Count;
            Assert.Equal(2, pages); // the headline and the per-day table, then the 排班表: 30 staff × 7 days on one A4 landscape sheet

            // Without KPIs (no headline) the grid alone is one sheet.
            File.WriteAllText(path, ReportHtml.Write(report with { Kpis = [], Comparison = null, EveryWindowGain = null }));
            Chromium.Run(chromium!, Path.Combine(dir, "profile2"), "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(path).AbsoluteUri);
            var alone = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(pdf, System.Text.Encoding.Latin1), @"/Type\s*/Page[^s]").Count;
            Assert.True(alone == 1, $"the grid alone printed on {alone} pages");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
