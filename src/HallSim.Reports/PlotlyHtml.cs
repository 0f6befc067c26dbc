using System.Net;

namespace HallSim.Reports;

/// <summary>HTML for plotly figures that works offline: plotly.js (2.28.0, from the Plotly.NET package) inlined once per page.</summary>
public static class PlotlyHtml
{
    private static readonly Lazy<string> PlotlyJs = new(ReadPlotlyJs);

    /// <summary>
    /// A <c>&lt;script&gt;</c> element with plotly.js (about 3.6 MB), guarded so that it defines <c>window.Plotly</c>
    /// even where require.js is loaded (Jupyter pages) and does nothing when plotly is already there. Put it on a page once.
    /// </summary>
    public static string Script() =>
        "<script>if(!window.Plotly){(function(define,module,exports){\n" + PlotlyJs.Value + "\n}).call(window,undefined,undefined,undefined);}</script>";

    /// <summary>A titled <c>&lt;div&gt;</c> and the script that draws <paramref name="figure"/> into it (needs <see cref="Script"/> earlier on the page).</summary>
    /// <param name="figure">The figure.</param>
    /// <param name="elementId">The div's id: letters, digits, '-' and '_' only.</param>
    public static string Figure(PlotlyFigure figure, string elementId)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentException.ThrowIfNullOrEmpty(elementId);
        if (!elementId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"\"{elementId}\" is not a safe element id (letters, digits, '-' and '_')", nameof(elementId));
        }

        // The figure JSON escapes <, > and & (System.Text.Json's default encoder), so it cannot close the script element.
        return $"<div class=\"chart\" id=\"{elementId}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(figure.Title)}\"></div>\n" +
               $"<script>(function(){{var f={figure.Json};Plotly.newPlot('{elementId}',f.data,f.layout,{{responsive:true,displaylogo:false}});}})();</script>";
    }

    private static string ReadPlotlyJs()
    {
        // Reading the resource does not run Plotly.NET's F# code, so it works where FSharp.Core cannot load.
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        using var stream = assembly.GetManifestResourceStream("Plotly.NET.plotly-2.28.0.min.js")
            ?? throw new InvalidOperationException("plotly.js is missing from the Plotly.NET assembly (expected resource Plotly.NET.plotly-2.28.0.min.js)");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
