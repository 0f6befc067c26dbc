using System.Globalization;
using HallSim.Model;
using HallSim.Scenarios;

namespace HallSim.Reports;

/// <summary>
/// The named charts of the manager's report — the same definitions the planners' notebooks show — and the
/// conversions from simulation results to their data.
/// </summary>
public static class ReportCharts
{
    /// <summary>Tickets per hour (bars, right axis) and mean open windows per roster (lines).</summary>
    /// <param name="series">Results per hour, one series per roster (the first gives the hours and the tickets).</param>
    /// <param name="language">Titles and labels.</param>
    public static PlotlyFigure DemandAndWindows(IReadOnlyList<HourlySeries> series, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(series);
        var t = new Text(language);
        var labels = Labels(series, language);
        var lines = new List<ChartSeries> { new(t["tickets"], series[0].Hours.Select(x => (double?)x.Arrivals).ToArray()) { Bars = true, RightAxis = true, Colour = "#7f7f7f" } };
        lines.AddRange(series.Select(s => new ChartSeries(s.Label, Values(s, labels.Length, x => x.OpenWindows)) { Steps = true }));
        return HallCharts.Lines(t["demandChart"], labels, lines, t["windowsAxis"], t["ticketsAxis"]);
    }

    /// <summary>Mean wait of the tickets issued in each hour, with the 95% band across replications, per roster.</summary>
    /// <param name="series">Results per hour, one series per roster.</param>
    /// <param name="language">Titles and labels.</param>
    public static PlotlyFigure WaitByHour(IReadOnlyList<HourlySeries> series, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(series);
        var t = new Text(language);
        var labels = Labels(series, language);
        return HallCharts.Lines(t["waitChart"], labels, series.Select(s => new ChartSeries(s.Label, Values(s, labels.Length, x => x.MeanWait?.Mean))
        {
            Lower = Values(s, labels.Length, x => x.MeanWait?.Lower),
            Upper = Values(s, labels.Length, x => x.MeanWait?.Upper),
        }).ToArray(), t["minutesAxis"]);
    }

    /// <summary>Share of tickets called within the target, per hour and roster.</summary>
    /// <param name="series">Results per hour, one series per roster.</param>
    /// <param name="targetMinutes">The target, minutes (for the title).</param>
    /// <param name="language">Titles and labels.</param>
    public static PlotlyFigure WithinTargetByHour(IReadOnlyList<HourlySeries> series, double targetMinutes, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(series);
        var t = new Text(language);
        var labels = Labels(series, language);
        return HallCharts.Lines(string.Format(CultureInfo.InvariantCulture, t["withinChart"], targetMinutes), labels,
            series.Select(s => new ChartSeries(s.Label, Values(s, labels.Length, x => x.WithinTarget?.Mean))).ToArray(), t["shareAxis"], yRange: (0, 1));
    }

    /// <summary>Window utilisation by window and hour of the day.</summary>
    /// <param name="grid">The utilisation.</param>
    /// <param name="language">Titles and labels.</param>
    public static PlotlyFigure Utilisation(UtilisationGrid grid, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var t = new Text(language);
        return HallCharts.Heatmap(t["utilChart"], grid.Hours.Select(x => $"{x:00}:00").ToArray(), grid.WindowIds, grid.Values, t["utilAxis"]);
    }

    /// <summary>Mean tickets waiting over the day (time-average per interval), per run set.</summary>
    /// <param name="series">(label, replications) pairs; the first gives the intervals.</param>
    /// <param name="scenario">The simulated scenario (for dates).</param>
    /// <param name="language">Titles and labels.</param>
    public static PlotlyFigure QueueOverTheDay(IReadOnlyList<(string Label, HallReplicationsResult Result)> series, Scenario scenario, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(scenario);
        var t = new Text(language);
        var first = series[0].Result;
        var keep = Enumerable.Range(0, first.Intervals.Count).Where(i => series.Any(s => s.Result.Intervals[i].MeanQueue.Mean > 0 || s.Result.Intervals[i].MeanBusyWindows.Mean > 0)).ToArray();
        var labels = keep.Select(i => Label(scenario.StartDate.AddDays((int)(first.Intervals[i].Start / 1440)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(first.Intervals[i].Start % 1440)), scenario.Days > 1, language)).ToArray();
        return HallCharts.Lines(t["queueChart"], labels, series.Select(s => new ChartSeries(s.Label, keep.Select(i => (double?)s.Result.Intervals[i].MeanQueue.Mean).ToArray())
        {
            Lower = keep.Select(i => (double?)Math.Max(0, s.Result.Intervals[i].MeanQueue.Lower)).ToArray(),
            Upper = keep.Select(i => (double?)s.Result.Intervals[i].MeanQueue.Upper).ToArray(),
        }).ToArray(), t["queueAxis"]);
    }

    /// <summary>Hour-by-hour results of replications run with 60-minute intervals (hours with no window open and no
    /// ticket are left out).</summary>
    /// <param name="label">The roster's label.</param>
    /// <param name="scenario">The simulated scenario.</param>
    /// <param name="result">Replications with <see cref="HallRunOptions.IntervalMinutes"/> = 60.</param>
    public static HourlySeries Hourly(string label, Scenario scenario, HallReplicationsResult result)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Runs.Count > 0 && Math.Abs(result.Runs[0].Grid.Length - 60) > 1e-9)
        {
            throw new ArgumentException($"hourly results need 60-minute intervals, not {result.Runs[0].Grid.Length}", nameof(result));
        }

        var hours = new List<HourlyResult>();
        for (var i = 0; i < result.Intervals.Count; i++)
        {
            var x = result.Intervals[i];
            var open = result.Runs.Average(r => r.Intervals[i].MeanOpenWindows);
            if (open <= 0 && x.TicketsIssued.Mean <= 0 && x.MeanBusyWindows.Mean <= 0)
            {
                continue;
            }

            hours.Add(new HourlyResult(scenario.StartDate.AddDays(i / 24), i % 24, x.MeanWait, x.ServiceLevel, open, x.TicketsIssued.Mean));
        }

        return new HourlySeries(label, hours);
    }

    /// <summary>Utilisation by window and hour of the day, averaged over the days and replications where the window was open.</summary>
    /// <param name="scenario">The simulated scenario (for the window ids).</param>
    /// <param name="result">Replications with 60-minute intervals.</param>
    public static UtilisationGrid UtilisationOf(Scenario scenario, HallReplicationsResult result)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        var windows = scenario.Windows.Count;
        var sums = new double[windows, 24];
        var counts = new int[windows, 24];
        foreach (var run in result.Runs)
        {
            for (var w = 0; w < windows && w < run.WindowUtilisationByInterval.Count; w++)
            {
                var row = run.WindowUtilisationByInterval[w];
                for (var i = 0; i < row.Count; i++)
                {
                    if (run.Intervals[i].MeanOpenWindows > 0 && row[i] > 0)
                    {
                        sums[w, i % 24] += row[i];
                        counts[w, i % 24]++;
                    }
                }
            }
        }

        var hours = Enumerable.Range(0, 24).Where(h => Enumerable.Range(0, windows).Any(w => counts[w, h] > 0)).ToArray();
        return new UtilisationGrid(
            scenario.Windows.Select(w => w.Id).ToArray(),
            hours,
            Enumerable.Range(0, windows).Select(w => (IReadOnlyList<double?>)hours.Select(h => counts[w, h] > 0 ? sums[w, h] / counts[w, h] : (double?)null).ToArray()).ToArray());
    }

    private static string[] Labels(IReadOnlyList<HourlySeries> series, ReportLanguage language)
    {
        if (series.Count == 0)
        {
            throw new ArgumentException("at least one series is needed", nameof(series));
        }

        var hours = series[0].Hours;
        var multiDay = hours.Select(x => x.Date).Distinct().Count() > 1;
        return hours.Select(x => Label(x.Date, new TimeOnly(x.Hour, 0), multiDay, language)).ToArray();
    }

    private static string Label(DateOnly date, TimeOnly time, bool withDay, ReportLanguage language) =>
        withDay ? $"{ReportHtml.Day(date, language)} {time:HH\\:mm}" : $"{time:HH\\:mm}";

    /// <summary>One value per label: the series' hours aligned with the first series' (same hours by construction).</summary>
    private static double?[] Values(HourlySeries s, int count, Func<HourlyResult, double?> of) =>
        Enumerable.Range(0, count).Select(i => i < s.Hours.Count ? of(s.Hours[i]) : null).ToArray();
}
