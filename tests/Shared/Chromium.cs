using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace HallSim.Tests.Shared;

/// <summary>
/// Headless Chromium (Debian's chromium with fonts-noto-cjk; .ci/run installs both) opening local files with the
/// network off: the DOM after scripts ran, screenshots, PDFs, and the text a reader sees. Shared by the report and CLI
/// tests.
/// </summary>
internal static partial class Chromium
{
    /// <summary>The browser, or null where none is installed (the test is then skipped).</summary>
    public static string? Find() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    /// <summary>Runs the browser headless with its own profile and no network; returns what it printed.</summary>
    public static string Run(string chromium, string userData, params string[] args)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", $"--user-data-dir={userData}", "--virtual-time-budget=15000" }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "chromium did not finish");
        return output.Result;
    }

    /// <summary>The text of a rendered DOM a reader sees: scripts, styles, tags and attributes removed, entities
    /// decoded (chart titles, axes and legends drawn by plotly are SVG text, so they are included).</summary>
    public static string VisibleText(string dom)
    {
        var text = Scripts().Replace(dom, " ");
        text = Tags().Replace(text, " ");
        return WebUtility.HtmlDecode(text);
    }

    /// <summary>Words of Latin letters (with the digits and hyphens inside them: "S01", "CP-SAT") in <paramref name="text"/> that are not in <paramref name="allowed"/> (compared
    /// whole, case-sensitively), with how often each occurs.</summary>
    public static IReadOnlyDictionary<string, int> EnglishWords(string text, IReadOnlySet<string> allowed) =>
        Words().Matches(text).Select(m => m.Value).Where(w => !allowed.Contains(w)).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>A directory for a test's files, deleted by the caller.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-browser-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Keeps a file as a test artefact in the test output's artefacts folder (CI keeps it).</summary>
    public static string Artefact(string name)
    {
        var artefacts = Path.Combine(AppContext.BaseDirectory, "artefacts");
        Directory.CreateDirectory(artefacts);
        return Path.Combine(artefacts, name);
    }

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Scripts();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9\-]*[A-Za-z0-9]|[A-Za-z]")]
    private static partial Regex Words();
}
