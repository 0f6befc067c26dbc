using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HallSim.Notebooks.Tests;

/// <summary>
/// Executes every planners' notebook headless the way a planner's Jupyter runs it — jupyter nbconvert with the
/// dotnet-interactive kernel (the repository's local tool, 1.0.712001) — against the library built from this
/// repository, and fails when a cell fails or when a cell does not produce what its metadata declares
/// (<c>"hallsim": {"expect": [{"mime": "text/html", "contains": "Plotly.newPlot"}]}</c>). The executed notebook is then
/// rendered to HTML and opened in headless Chromium (network off) to check that every chart was drawn.
/// Skipped where Jupyter is not installed (.ci/run installs it).
/// </summary>
public class NotebookTests
{
    private static readonly Lazy<string> KernelDir = new(InstallKernel);

    public static TheoryData<string> Notebooks() => new(Directory.GetFiles(NotebookFolder(), "*.ipynb").Select(Path.GetFileName).OrderBy(n => n)!);

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HallSim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HallSim.sln not found above the test folder");
    }

    private static string NotebookFolder() => Path.Combine(Root(), "src", "HallSim.Notebooks", "notebooks");

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(p => Path.Combine(p, name)).FirstOrDefault(File.Exists);

    private static (int Code, string Output) Run(string file, string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} took longer than 10 minutes");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>Restores the local dotnet-interactive tool and installs its Jupyter kernel spec into a private folder.</summary>
    private static string InstallKernel()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "jupyter"); // beside the tests: goes with bin/, no litter in /tmp
        Directory.CreateDirectory(Path.Combine(data, "kernels"));
        var (restore, restoreOutput) = Run("dotnet", Root(), null, "tool", "restore");
        Assert.True(restore == 0, "dotnet tool restore failed: " + restoreOutput);
        var (install, installOutput) = Run("dotnet", Root(), null, "interactive", "jupyter", "install", "--path", Path.Combine(data, "kernels"));
        Assert.True(install == 0, "dotnet interactive jupyter install failed: " + installOutput);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_RunsHeadless_AndEveryDeclaredOutputIsThere(string name)
    {
        Skip.If(OnPath("jupyter-nbconvert") is null && OnPath("jupyter") is null, "Jupyter is not installed (apt-get install jupyter-nbconvert python3-nbclient jupyter-client)");
        var jupyter = OnPath("jupyter") ?? OnPath("jupyter-nbconvert")!;
        var env = new Dictionary<string, string> { ["JUPYTER_DATA_DIR"] = KernelDir.Value };
        var outDir = Path.Combine(Path.GetTempPath(), $"hallsim-nb-{Guid.NewGuid():N}");
        Directory.CreateDirectory(outDir);
        try
        {
            var executed = Path.Combine(outDir, name);
            string[] convert = ["--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=600", "--output", executed, name];
            var (code, output) = Run(jupyter, NotebookFolder(), env, jupyter.EndsWith("jupyter", StringComparison.Ordinal) ? ["nbconvert", .. convert] : convert);
            Assert.True(code == 0, $"{name} failed:\n{Tail(output)}");

            using var doc = JsonDocument.Parse(File.ReadAllText(executed));
            var cells = doc.RootElement.GetProperty("cells").EnumerateArray().ToList();
            var declared = 0;
            var charts = 0;
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = cells[i];
                if (cell.GetProperty("cell_type").GetString() != "code")
                {
                    continue;
                }

                var outputs = cell.GetProperty("outputs").EnumerateArray().ToList();
                Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
                if (!cell.GetProperty("metadata").TryGetProperty("hallsim", out var hallsim))
                {
                    continue;
                }

                foreach (var expect in hallsim.GetProperty("expect").EnumerateArray())
                {
                    declared++;
                    var mime = expect.GetProperty("mime").GetString()!;
                    var contains = expect.GetProperty("contains").GetString()!;
                    var found = outputs.Any(o => o.TryGetProperty("data", out var data) && data.TryGetProperty(mime, out var text) && Text(text).Contains(contains, StringComparison.Ordinal));
                    Assert.True(found, $"{name}, cell {i + 1}: no {mime} output containing \"{contains}\"");
                    charts += contains == "Plotly.newPlot" ? 1 : 0;
                }
            }

            Assert.True(declared > 0, $"{name} declares no expected outputs");

            // Rendered the way Jupyter shows it (nbconvert's HTML page loads require.js), charts must still draw.
            var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
            if (chromium is not null && charts > 0)
            {
                var (htmlCode, htmlOutput) = Run(jupyter, outDir, env, jupyter.EndsWith("jupyter", StringComparison.Ordinal) ? ["nbconvert", "--to", "html", name] : ["--to", "html", name]);
                Assert.True(htmlCode == 0, Tail(htmlOutput));
                var page = Path.Combine(outDir, Path.ChangeExtension(name, ".html"));
                var (_, dom) = Run(chromium, outDir, null, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--proxy-server=127.0.0.1:9", $"--user-data-dir={Path.Combine(outDir, "profile")}", "--virtual-time-budget=20000", "--dump-dom", new Uri(page).AbsoluteUri);
                var drawn = Regex.Matches(dom, "id=\"hallsim-[^\"]+\"[^>]*>\\s*<div class=\"plot-container").Count;
                Assert.True(drawn >= charts, $"{name}: plotly drew {drawn} of at least {charts} charts in the rendered notebook");
            }
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Concat(value.EnumerateArray().Select(x => x.GetString())) : value.GetString() ?? string.Empty;

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;
}
