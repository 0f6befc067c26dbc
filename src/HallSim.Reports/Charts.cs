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

    /// <summary>Lines or bars over categories (times, hours, dates), with optional confidence bands and a second axis.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="categories">The x values, as labels (for example "Mon 09:00").</param>
    /// <param name="series">The series.</param>
    /// <param name="yTitle">Left axis title.</param>
    /// <param name="rightTitle">Right axis title; null: no right axis.</param>
    /// <param name="yRange">Fixed left-axis range (for shares: 0 … 1); null: automatic.</param>
    public static PlotlyFigure Lines(string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string yTitle, string? rightTitle = null, (double Min, double Max)? yRange = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
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
            if (s.Lower is { } lower && s.Upper is { } upper)
            {
                // The band: the upper bound, then the lower bound filled up to it.
                data.Add(Trace(categories, upper, axis, $"{s.Name} (95% CI)", colour, band: "upper"));
                data.Add(Trace(categories, lower, axis, $"{s.Name} (95% CI)", colour, band: "lower"));
            }

            var trace = s.Bars
                ? new JsonObject { ["type"] = "bar", ["x"] = Labels(categories), ["y"] = Numbers(s.Values), ["name"] = s.Name, ["yaxis"] = axis, ["marker"] = new JsonObject { ["color"] = colour, ["opacity"] = 0.45 } }
                : new JsonObject
                {
                    ["type"] = "scatter", ["mode"] = "lines", ["x"] = Labels(categories), ["y"] = Numbers(s.Values), ["name"] = s.Name, ["yaxis"] = axis,
                    ["line"] = new JsonObject { ["color"] = colour, ["width"] = 2, ["shape"] = s.Steps ? "hv" : "linear" },
                };
            data.Add(trace);
        }

        var layout = Layout(title);
        layout["xaxis"] = new JsonObject { ["type"] = "category", ["automargin"] = true, ["nticks"] = 24 };
        var y = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle }, ["rangemode"] = "tozero" };
        if (yRange is { } r)
        {
            y["range"] = new JsonArray(r.Min, r.Max);
        }

        layout["yaxis"] = y;
        if (rightTitle is not null)
        {
            layout["yaxis2"] = new JsonObject { ["title"] = new JsonObject { ["text"] = rightTitle }, ["overlaying"] = "y", ["side"] = "right", ["rangemode"] = "tozero" };
        }

        layout["barmode"] = "overlay";
        return Figure(title, data, layout);
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
                ["colorscale"] = "YlOrRd", ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = valueTitle } },
            },
        };
        var layout = Layout(title);
        layout["xaxis"] = new JsonObject { ["type"] = "category" };
        layout["yaxis"] = new JsonObject { ["type"] = "category", ["autorange"] = "reversed" };
        return Figure(title, data, layout);
    }

    private static JsonObject Trace(IReadOnlyList<string> x, IReadOnlyList<double?> y, string axis, string name, string colour, string band) => new()
    {
        ["type"] = "scatter", ["mode"] = "lines", ["x"] = Labels(x), ["y"] = Numbers(y), ["yaxis"] = axis, ["name"] = name,
        ["line"] = new JsonObject { ["width"] = 0, ["color"] = colour }, ["showlegend"] = band == "lower",
        ["fill"] = band == "lower" ? "tonexty" : "none", ["fillcolor"] = Transparent(colour), ["hoverinfo"] = "skip",
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
