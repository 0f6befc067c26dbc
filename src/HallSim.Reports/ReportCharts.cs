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
    /// <param name="series">Results per hour, one series per roster (in the report's order: each keeps its colour).</param>
    /// <param name="language">Titles and labels.</param>
    public static PlotlyFigure DemandAndWindows(IReadOnlyList<HourlySeries> series, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(series);
        var t = Text.For(language);
        var axis = Axis.Of(series, language);
        var lines = new List<ChartSeries> { new(t.Tickets, axis.Values(series[0], x => x.Arrivals)) { Bars = true, RightAxis = true, Colour = "#7f7f7f" } };
        lines.AddRange(series.Select((s, i) => new ChartSeries(s.Label, axis.Values(s, x => x.OpenWindows)) { Steps = true, Colour = HallCharts.SeriesColour(i) }));
        return HallCharts.Lines(t.DemandChart, axis.Labels, lines, t.WindowsAxis, new LineChartOptions { RightTitle = t.TicketsAxis, GapsBefore = axis.Gaps });
    }

    /// <summary>Mean wait of the tickets issued in each hour, with the 95% band across replications, per roster.</summary>
    /// <param name="series">Results per hour, one series per roster (aligned by date and hour, not by position).</param>
    /// <param name="language">Titles and labels.</param>
    public static PlotlyFigure WaitByHour(IReadOnlyList<HourlySeries> series, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(series);
        var t = Text.For(language);
        var axis = Axis.Of(series, language);
        return HallCharts.Lines(t.WaitChart, axis.Labels, series.Select((s, i) => new ChartSeries(s.Label, axis.Values(s, x => x.MeanWait?.Mean))
        {
            Lower = axis.Values(s, x => x.MeanWait is { } m ? Math.Max(0, m.Lower) : null),
            Upper = axis.Values(s, x => x.MeanWait?.Upper),
            Colour = HallCharts.SeriesColour(i),
        }).ToArray(), t.MinutesAxis, new LineChartOptions { GapsBefore = axis.Gaps, BandSuffix = t.BandSuffix });
    }

    /// <summary>Share of tickets called within the target, per hour and roster, as percentages, with the target line.</summary>
    /// <param name="series">Results per hour, one series per roster.</param>
    /// <param name="targetMinutes">The target, minutes (for the title).</param>
    /// <param name="language">Titles and labels.</param>
    /// <param name="targetShare">The share the target asks for, 0 to 1 (a dashed line; default 0.8).</param>
    public static PlotlyFigure WithinTargetByHour(IReadOnlyList<HourlySeries> series, double targetMinutes, ReportLanguage language = ReportLanguage.Chinese, double targetShare = 0.8)
    {
        ArgumentNullException.ThrowIfNull(series);
        var t = Text.For(language);
        var axis = Axis.Of(series, language);
        var inv = CultureInfo.InvariantCulture;
        return HallCharts.Lines(string.Format(inv, t.WithinChart, targetMinutes), axis.Labels,
            series.Select((s, i) => new ChartSeries(s.Label, axis.Values(s, x => x.WithinTarget?.Mean)) { Colour = HallCharts.SeriesColour(i) }).ToArray(), t.ShareAxis,
            new LineChartOptions { YRange = (0, 1), Percent = true, GapsBefore = axis.Gaps, Target = targetShare, TargetLabel = string.Format(inv, t.TargetLine, targetShare) });
    }

    /// <summary>Window utilisation by window and hour of the day (pale: little use; dark: busy).</summary>
    /// <param name="grid">The utilisation.</param>
    /// <param name="language">Titles and labels.</param>
    /// <param name="of">Which roster and dates it shows, for the title (for example "推荐排班，03-23 至 03-29"); null: not said.</param>
    public static PlotlyFigure Utilisation(UtilisationGrid grid, ReportLanguage language = ReportLanguage.Chinese, string? of = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var t = Text.For(language);
        var title = of is null ? t.UtilChart : $"{t.UtilChart}{(language == ReportLanguage.Chinese ? "：" : ": ")}{of}";
        return HallCharts.Heatmap(title, grid.Hours.Select(x => $"{x:00}:00").ToArray(), grid.WindowIds, grid.Values, t.UtilAxis);
    }

    /// <summary>Mean tickets waiting over the day (time-average per interval), per run set.</summary>
    /// <param name="series">(label, replications) pairs; the first gives the intervals.</param>
    /// <param name="scenario">The simulated scenario (for dates).</param>
    /// <param name="language">Titles and labels.</param>
    public static PlotlyFigure QueueOverTheDay(IReadOnlyList<(string Label, HallReplicationsResult Result)> series, Scenario scenario, ReportLanguage language = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(scenario);
        var t = Text.For(language);

        // Aligned by time, not by position: a run set with other dates or fewer intervals keeps each value at its time.
        var byStart = series.Select(s => s.Result.Intervals.ToDictionary(x => x.Start)).ToArray();
        var starts = series.SelectMany(s => s.Result.Intervals.Where(x => x.MeanQueue.Mean > 0 || x.MeanBusyWindows.Mean > 0).Select(x => x.Start)).Distinct().Order().ToArray();
        var step = series.SelectMany(s => s.Result.Runs.Take(1)).Select(r => r.Grid.Length).DefaultIfEmpty(60).Min();
        var labels = starts.Select(start => Label(scenario.StartDate.AddDays((int)(start / 1440)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start % 1440)), scenario.Days > 1, language)).ToArray();
        var gaps = Enumerable.Range(1, Math.Max(0, starts.Length - 1)).Where(i => starts[i] - starts[i - 1] > step + 1e-9).ToArray();
        double? At(int s, double start, Func<IntervalEstimate, double> f) => byStart[s].TryGetValue(start, out var x) ? f(x) : null;
        return HallCharts.Lines(t.QueueChart, labels, series.Select((s, i) => new ChartSeries(s.Label, starts.Select(x => At(i, x, e => e.MeanQueue.Mean)).ToArray())
        {
            Lower = starts.Select(x => At(i, x, e => Math.Max(0, e.MeanQueue.Lower))).ToArray(),
            Upper = starts.Select(x => At(i, x, e => e.MeanQueue.Upper)).ToArray(),
            Colour = HallCharts.SeriesColour(i),
        }).ToArray(), t.QueueAxis, new LineChartOptions { GapsBefore = gaps, BandSuffix = t.BandSuffix });
    }

    /// <summary>Hour-by-hour results of replications run with 60-minute intervals (hours with no window open and no
    /// ticket issued are left out, also when staff are still serving the queue left at closing).</summary>
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
            if (open <= 0 && x.TicketsIssued.Mean <= 0)
            {
                continue; // closed: no window open and no ticket issued (staff finishing the queue after closing do not open the hour)
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

    /// <summary>The hours of every series in time order (a series without an hour leaves a gap there), the labels, and
    /// the indices that follow a closure (an hour missing between two shown hours, or another day).</summary>
    private sealed class Axis
    {
        private readonly Dictionary<(DateOnly, int), int> _index;

        private Axis(IReadOnlyList<(DateOnly Date, int Hour)> hours, ReportLanguage language)
        {
            var dates = hours.Select(x => x.Date).Distinct().Count();
            Labels = hours.Select(x => dates > 7 ? $"{x.Date:MM-dd} {x.Hour:00}:00" : Label(x.Date, new TimeOnly(x.Hour, 0), dates > 1, language)).ToArray();
            Gaps = Enumerable.Range(1, Math.Max(0, hours.Count - 1)).Where(i => hours[i].Date != hours[i - 1].Date || hours[i].Hour != hours[i - 1].Hour + 1).ToArray();
            _index = hours.Select((x, i) => (x, i)).ToDictionary(p => p.x, p => p.i);
        }

        public string[] Labels { get; }

        public int[] Gaps { get; }

        public static Axis Of(IReadOnlyList<HourlySeries> series, ReportLanguage language)
        {
            if (series.Count == 0)
            {
                throw new ArgumentException("at least one series is needed", nameof(series));
            }

            return new Axis(series.SelectMany(s => s.Hours.Select(h => (h.Date, h.Hour))).Distinct().Order().ToArray(), language);
        }

        public double?[] Values(HourlySeries s, Func<HourlyResult, double?> of)
        {
            var values = new double?[Labels.Length];
            foreach (var h in s.Hours)
            {
                values[_index[(h.Date, h.Hour)]] = of(h);
            }

            return values;
        }
    }

    private static string Label(DateOnly date, TimeOnly time, bool withDay, ReportLanguage language) =>
        withDay ? $"{ReportHtml.Day(date, language)} {time:HH\\:mm}" : $"{time:HH\\:mm}";
}
