using System.Text.Json.Nodes;

namespace HallSim.Reports;

/// <summary>
/// A plotly.js figure (its <c>data</c> and <c>layout</c>) as JSON. HallSim builds figures itself rather than through
/// Plotly.NET's F# API so that the same definitions render in the manager's report and inside the .NET Interactive
/// kernel, where Plotly.NET's code cannot load (docs/architecture.md). Immutable.
/// </summary>
/// <param name="Title">The chart's title (plain text; escaped wherever it is shown).</param>
/// <param name="Json">The figure: <c>{"data": [...], "layout": {...}}</c>; HTML-sensitive characters are escaped.</param>
public sealed record PlotlyFigure(string Title, string Json);

/// <summary>One series of a line or bar chart.</summary>
/// <param name="Name">Legend name.</param>
/// <param name="Values">One value per category; null: no value (a gap).</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values)
{
    /// <summary>Lower bounds of a confidence band (same length as <see cref="Values"/>); null: no band.</summary>
    public IReadOnlyList<double?>? Lower { get; init; }

    /// <summary>Upper bounds of a confidence band; null: no band.</summary>
    public IReadOnlyList<double?>? Upper { get; init; }

    /// <summary>Draw as bars instead of a line (default false).</summary>
    public bool Bars { get; init; }

    /// <summary>Plot against the right-hand axis (default false).</summary>
    public bool RightAxis { get; init; }

    /// <summary>Line or bar colour, a CSS colour (default: plotly's palette).</summary>
    public string? Colour { get; init; }

    /// <summary>Draw the line as steps (for counts that hold over an interval; default false).</summary>
    public bool Steps { get; init; }
}

/// <summary>Chart definitions shared by the manager's report and the planners' notebooks.</summary>
public static class HallCharts
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    /// <summary>The colour of the <paramref name="index"/>-th compared roster (0: the shown or recommended one): the
    /// same in every chart of a report or notebook.</summary>
    /// <param name="index">The roster's position in the comparison, from 0.</param>
    /// <returns>A CSS colour.</returns>
    public static string SeriesColour(int index) => Palette[((index % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>Pale for low values, dark blue for high (a sequential scale: low use is not painted as an alarm).</summary>
    private static JsonArray SequentialScale => new(new JsonArray(0, "#f7fbff"), new JsonArray(0.5, "#6baed6"), new JsonArray(1, "#08306b"));

    /// <summary>Lines or bars over categories (times, hours, dates), with optional confidence bands and a second axis.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="categories">The x values, as labels (for example "Mon 09:00").</param>
    /// <param name="series">The series.</param>
    /// <param name="yTitle">Left axis title.</param>
    /// <param name="rightTitle">Right axis title; null: no right axis.</param>
    /// <param name="yRange">Fixed left-axis range (for shares: 0 … 1); null: automatic.</param>
    public static PlotlyFigure Lines(string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string yTitle, string? rightTitle = null, (double Min, double Max)? yRange = null) =>
        Lines(title, categories, series, yTitle, new LineChartOptions { RightTitle = rightTitle, YRange = yRange });

    /// <summary>
    /// Lines or bars over categories with the layout in <paramref name="options"/>: lines and confidence bands are
    /// drawn one trace per open session (a gap at every closure, never a band filled across a night or a lunch
    /// break), an optional target line, shares as percentages.
    /// </summary>
    /// <param name="title">Chart title.</param>
    /// <param name="categories">The x values, as labels, in order; no label twice.</param>
    /// <param name="series">The series, each with one value per category.</param>
    /// <param name="yTitle">Left axis title.</param>
    /// <param name="options">Right axis, range, gaps, target line, percent axis.</param>
    public static PlotlyFigure Lines(string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string yTitle, LineChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        var segments = Segments(categories.Count, options.GapsBefore);
        var data = new JsonArray();
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            if (s.Values.Count != categories.Count)
            {
                throw new ArgumentException($"series \"{s.Name}\" has {s.Values.Count} values for {categories.Count} categories", nameof(series));
            }

            var colour = s.Colour ?? Palette[i % Palette.Length];
            var axis = s.RightAxis ? "y2" : "y";
            if (s.Bars)
            {
                data.Add(new JsonObject { ["type"] = "bar", ["x"] = Labels(categories), ["y"] = Numbers(s.Values), ["name"] = s.Name, ["yaxis"] = axis, ["marker"] = new JsonObject { ["color"] = colour, ["opacity"] = 0.45 } });
                continue;
            }

            var group = $"series-{i}";
            var first = true;
            foreach (var (from, count) in segments)
            {
                if (s.Values.Skip(from).Take(count).All(v => v is not { } d || !double.IsFinite(d)))
                {
                    continue; // nothing in this session (another roster's closed day): no trace
                }

                var x = categories.Skip(from).Take(count).ToArray();
                if (s.Lower is { } lower && s.Upper is { } upper)
                {
                    // The band of this session: the upper bound, then the lower bound filled up to it.
                    data.Add(Band(x, upper.Skip(from).Take(count), axis, s.Name + options.BandSuffix, colour, upperBound: true, group, showLegend: false));
                    data.Add(Band(x, lower.Skip(from).Take(count), axis, s.Name + options.BandSuffix, colour, upperBound: false, group, showLegend: first));
                }

                data.Add(new JsonObject
                {
                    ["type"] = "scatter", ["mode"] = count == 1 ? "lines+markers" : "lines", ["x"] = Labels(x), ["y"] = Numbers(s.Values.Skip(from).Take(count)), ["name"] = s.Name, ["yaxis"] = axis,
                    ["legendgroup"] = group, ["showlegend"] = first,
                    ["line"] = new JsonObject { ["color"] = colour, ["width"] = 2, ["shape"] = s.Steps ? "hv" : "linear" },
                });
                first = false;
            }
        }

        var layout = Layout(title);
        layout["xaxis"] = new JsonObject { ["type"] = "category", ["automargin"] = true, ["nticks"] = 24, ["categoryorder"] = "array", ["categoryarray"] = Labels(categories) };
        var y = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle }, ["rangemode"] = "tozero" };
        if (options.YRange is { } r)
        {
            y["range"] = new JsonArray(r.Min, r.Max);
        }

        if (options.Percent)
        {
            y["tickformat"] = ".0%";
        }

        layout["yaxis"] = y;
        if (options.RightTitle is not null)
        {
            layout["yaxis2"] = new JsonObject { ["title"] = new JsonObject { ["text"] = options.RightTitle }, ["overlaying"] = "y", ["side"] = "right", ["rangemode"] = "tozero" };
        }

        if (options.Target is { } target && double.IsFinite(target))
        {
            layout["shapes"] = new JsonArray(new JsonObject
            {
                ["type"] = "line", ["xref"] = "paper", ["x0"] = 0, ["x1"] = 1, ["yref"] = "y", ["y0"] = target, ["y1"] = target,
                ["line"] = new JsonObject { ["color"] = "#333333", ["width"] = 1.5, ["dash"] = "dash" },
            });
            layout["annotations"] = new JsonArray(new JsonObject
            {
                ["xref"] = "paper", ["x"] = 1, ["xanchor"] = "right", ["yref"] = "y", ["y"] = target, ["yanchor"] = "bottom",
                ["text"] = options.TargetLabel ?? string.Empty, ["showarrow"] = false, ["font"] = new JsonObject { ["color"] = "#333333" },
            });
        }

        layout["barmode"] = "overlay";
        return Figure(title, data, layout);
    }

    /// <summary>The category ranges between gaps: (first index, count).</summary>
    private static List<(int From, int Count)> Segments(int count, IReadOnlyCollection<int> gapsBefore)
    {
        var starts = gapsBefore.Where(g => g > 0 && g < count).Distinct().Order().Prepend(0).ToArray();
        var segments = new List<(int, int)>();
        for (var k = 0; k < starts.Length; k++)
        {
            var end = k + 1 < starts.Length ? starts[k + 1] : count;
            if (end > starts[k])
            {
                segments.Add((starts[k], end - starts[k]));
            }
        }

        return segments;
    }

    /// <summary>A heatmap, for example window utilisation by window and hour.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="columns">x labels (hours).</param>
    /// <param name="rows">y labels (windows).</param>
    /// <param name="values">[row][column] values; null: no value.</param>
    /// <param name="valueTitle">Colour bar title.</param>
    /// <param name="range">Colour range (default 0 … 1).</param>
    public static PlotlyFigure Heatmap(string title, IReadOnlyList<string> columns, IReadOnlyList<string> rows, IReadOnlyList<IReadOnlyList<double?>> values, string valueTitle, (double Min, double Max)? range = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var z = new JsonArray();
        foreach (var row in values)
        {
            z.Add(Numbers(row));
        }

        var (min, max) = range ?? (0, 1);
        var data = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "heatmap", ["x"] = Labels(columns), ["y"] = Labels(rows), ["z"] = z, ["zmin"] = min, ["zmax"] = max,
                ["colorscale"] = SequentialScale, ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = valueTitle } },
            },
        };
        var layout = Layout(title);
        layout["xaxis"] = new JsonObject { ["type"] = "category" };
        layout["yaxis"] = new JsonObject { ["type"] = "category", ["autorange"] = "reversed" };
        return Figure(title, data, layout);
    }

    /// <summary>A scatter of points (x, y) with a label each; the points marked <c>Line</c> are also joined in x order
    /// (a front), the one marked <c>Star</c> is drawn larger.</summary>
    /// <param name="title">The title.</param>
    /// <param name="points">The points: x, y, hover label, on the line, the star.</param>
    /// <param name="xTitle">The x axis.</param>
    /// <param name="yTitle">The y axis.</param>
    /// <param name="names">Legend names of the three traces: all points, the line, the star.</param>
    public static PlotlyFigure Scatter(string title, IReadOnlyList<(double X, double Y, string Label, bool Line, bool Star)> points, string xTitle, string yTitle, (string All, string Line, string Star) names)
    {
        ArgumentNullException.ThrowIfNull(points);
        JsonObject Trace(IEnumerable<(double X, double Y, string Label, bool Line, bool Star)> ps, string name, string mode, string colour, int size)
        {
            var list = ps.ToList();
            return new JsonObject
            {
                ["type"] = "scatter", ["mode"] = mode, ["name"] = name,
                ["x"] = Numbers(list.Select(p => (double?)p.X)), ["y"] = Numbers(list.Select(p => (double?)p.Y)),
                ["text"] = Labels(list.Select(p => p.Label)), ["hovertemplate"] = "%{text}<br>%{x:.0f}, %{y:.1f}<extra></extra>",
                ["marker"] = new JsonObject { ["color"] = colour, ["size"] = size }, ["line"] = new JsonObject { ["color"] = colour, ["width"] = 2 },
            };
        }

        var data = new JsonArray
        {
            Trace(points, names.All, "markers", "#9aa5b1", 8),
            Trace(points.Where(p => p.Line).OrderBy(p => p.X), names.Line, "lines+markers", SeriesColour(0), 9),
        };
        if (points.Any(p => p.Star))
        {
            data.Add(Trace(points.Where(p => p.Star), names.Star, "markers", SeriesColour(1), 16));
        }

        var layout = Layout(title);
        layout["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xTitle } };
        layout["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle }, ["rangemode"] = "tozero" };
        return Figure(title, data, layout);
    }

    private static JsonObject Band(IReadOnlyList<string> x, IEnumerable<double?> y, string axis, string name, string colour, bool upperBound, string group, bool showLegend) => new()
    {
        ["type"] = "scatter", ["mode"] = "lines", ["x"] = Labels(x), ["y"] = Numbers(y), ["yaxis"] = axis, ["name"] = name,
        ["line"] = new JsonObject { ["width"] = 0, ["color"] = colour }, ["showlegend"] = showLegend, ["legendgroup"] = group,
        ["fill"] = upperBound ? "none" : "tonexty", ["fillcolor"] = Transparent(colour), ["hoverinfo"] = "skip",
        ["meta"] = upperBound ? "band-upper" : "band-lower",
    };

    private static JsonObject Layout(string title) => new()
    {
        ["title"] = new JsonObject { ["text"] = title },
        ["margin"] = new JsonObject { ["l"] = 60, ["r"] = 60, ["t"] = 50, ["b"] = 60 },
        ["legend"] = new JsonObject { ["orientation"] = "h", ["y"] = -0.25 },
        ["font"] = new JsonObject { ["family"] = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif" },
        ["height"] = 380,
    };

    private static PlotlyFigure Figure(string title, JsonArray data, JsonObject layout) =>
        new(title, new JsonObject { ["data"] = data, ["layout"] = layout }.ToJsonString());

    private static JsonArray Labels(IEnumerable<string> labels) => new(labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray());

    /// <summary>Numbers as JSON; null, NaN and infinities become null (plotly leaves a gap), never "NaN".</summary>
    private static JsonArray Numbers(IEnumerable<double?> values) =>
        new(values.Select(v => v is { } d && double.IsFinite(d) ? JsonValue.Create(Math.Round(d, 4)) : null).ToArray());

    private static string Transparent(string hex) =>
        hex.Length == 7 && hex[0] == '#'
            ? $"rgba({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},{Convert.ToInt32(hex[5..7], 16)},0.18)"
            : "rgba(128,128,128,0.18)";
}

/// <summary>Layout of a line chart (<see cref="HallCharts.Lines(string, IReadOnlyList{string}, IReadOnlyList{ChartSeries}, string, LineChartOptions)"/>).</summary>
public sealed record LineChartOptions
{
    /// <summary>Right axis title; null (default): no right axis.</summary>
    public string? RightTitle { get; init; }

    /// <summary>Fixed left-axis range; null (default): automatic.</summary>
    public (double Min, double Max)? YRange { get; init; }

    /// <summary>Category indices that follow a closure (night, lunch, a closed day): lines and bands break before
    /// each (default none).</summary>
    public IReadOnlyCollection<int> GapsBefore { get; init; } = [];

    /// <summary>A horizontal target line at this left-axis value; null (default): none.</summary>
    public double? Target { get; init; }

    /// <summary>The target line's label (default none).</summary>
    public string? TargetLabel { get; init; }

    /// <summary>Appended to a series' name for its confidence band in the legend (default " (95% CI)").</summary>
    public string BandSuffix { get; init; } = " (95% CI)";

    /// <summary>Left-axis values are shares shown as percentages (default false).</summary>
    public bool Percent { get; init; }
}
