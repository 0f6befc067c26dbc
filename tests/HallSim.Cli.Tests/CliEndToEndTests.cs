using System.Diagnostics;
using System.Text.Json;
using HallSim.Reports;

namespace HallSim.Cli.Tests;

/// <summary>The real hallsim command, run as a process from its own build output.</summary>
public class CliEndToEndTests
{
    internal static string CliDll()
    {
        // tests/HallSim.Cli.Tests/bin/<Configuration>/net10.0/… → src/HallSim.Cli/bin/<Configuration>/net10.0/<rid>/HallSim.Cli.dll
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(here);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "HallSim.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var bin = Path.Combine(root!.FullName, "src", "HallSim.Cli", "bin", configuration, "net10.0");
        return Directory.GetFiles(bin, "HallSim.Cli.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).First(); // the newest build
    }

    internal static (int Code, string Out, string Err) Hallsim(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CliDll());
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "hallsim did not finish within 5 minutes");
        return (process.ExitCode, output.Result, error.Result);
    }

    internal static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-e2e-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [SkippableFact]
    public void Plan_WritesTheFourFiles_InChineseWithoutEnglish_AndEvaluateReadsTheRosterBack()
    {
        var dir = TempDir();
        try
        {
            var (code, output, error) = Hallsim("plan", "--out", dir, "--replications", "6", "--quiet"); // Chinese, the default
            Assert.True(code == 0, $"exit {code}: {error}");
            Assert.Equal(string.Empty, error);
            foreach (var f in new[] { "report.html", "roster.xlsx", "roster.csv", "summary.json" })
            {
                Assert.True(File.Exists(Path.Combine(dir, f)), f);
                Assert.Contains(Path.Combine(dir, f), output);
            }

            Assert.Empty(Directory.GetDirectories(dir)); // no temporary folder left behind
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
            var rosters = summary.RootElement.GetProperty("rosters");
            Assert.Equal(2, rosters.GetArrayLength());
            Assert.Equal("2026-03-23", summary.RootElement.GetProperty("from").GetString()); // the busiest week
            var recommended = rosters[0].GetProperty("meanWaitMinutes").GetProperty("mean").GetDouble();
            Assert.InRange(recommended, 1, 120);
            // The optimised roster works within the usual roster's staff-hours (it may leave an hour unused where the
            // hour would save less than its tie-break cost), never more.
            var (recommendedHours, usualHours) = (rosters[0].GetProperty("staffHours").GetDouble(), rosters[1].GetProperty("staffHours").GetDouble());
            Assert.InRange(recommendedHours, usualHours - 8, usualHours + 1e-6);
            Assert.True(rosters[0].GetProperty("staffHoursWithOvertime").GetDouble() >= recommendedHours);

            // The xlsx and the CSV hold the same roster.
            using var xlsx = File.OpenRead(Path.Combine(dir, "roster.xlsx"));
            using var csv = new StreamReader(Path.Combine(dir, "roster.csv"));
            string Key(HallSim.Staffing.Roster r) => string.Join(";", r.Assignments.OrderBy(a => a.Date).ThenBy(a => a.StaffId).Select(a => $"{a.Date}|{a.StaffId}|{a.ShiftText}"));
            var fromCsv = RosterCsv.Read(csv);
            Assert.Equal(Key(fromCsv), Key(RosterXlsx.Read(xlsx)));
            Assert.Contains(fromCsv.Assignments, a => a.BreakStarts is not null); // breaks placed by the optimiser, read back

            // The CSV simulates as a roster too.
            var (code3, output3, error3) = Hallsim("simulate", "--roster", Path.Combine(dir, "roster.csv"), "--replications", "3");
            Assert.True(code3 == 0, $"exit {code3}: {error3}");
            Assert.Contains("Mon 2026-03-23", output3);
            Assert.Contains("roster from", output3);

            // Round trip: the manager edits the workbook plan wrote and evaluates it. A typo is refused at once (exit 2,
            // before any optimising) with its cell; 休 is a day off; a shift on the closed Sunday and more people on
            // Monday than there are windows are breaches listed in the report (exit 0), not a stop.
            var workbook = Path.Combine(dir, "roster.xlsx");
            var edited = Path.Combine(dir, "edited.xlsx");
            File.Copy(workbook, edited);
            Edit(edited, row => row == 2 ? "dya" : null, column: 4);
            var clock = Stopwatch.StartNew();
            var (typoCode, _, typoError) = Hallsim("evaluate", "--roster", edited, "--out", Path.Combine(dir, "typo"), "--replications", "6", "--quiet");
            Assert.Equal(2, typoCode);
            Assert.Contains("!D2", typoError);
            Assert.Contains("unknown shift \"dya\"", typoError);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the typo took {clock.Elapsed} to report: it must be found before optimising");
            Assert.False(Directory.Exists(Path.Combine(dir, "typo")));

            Edit(edited, row => row == 2 ? "休" : "day", column: 4); // Monday: S01 off, everyone else on "day"
            Edit(edited, row => row == 3 ? "day" : null, column: 10); // Sunday, when the hall is closed
            var evaluated = Path.Combine(dir, "evaluated");
            var (code2, output2, error2) = Hallsim("evaluate", "--roster", edited, "--out", evaluated, "--replications", "6", "--quiet", "--lang", "en");
            Assert.True(code2 == 0, $"exit {code2}: {error2}");
            Assert.Contains("current roster", output2);
            var evaluatedReport = File.ReadAllText(Path.Combine(evaluated, "report.html"));
            Assert.Contains("is left out of the simulation", evaluatedReport); // Monday: 29 people, 16 windows
            Assert.Contains("when the hall is closed", evaluatedReport); // Sunday
            using var summary2 = JsonDocument.Parse(File.ReadAllText(Path.Combine(evaluated, "summary.json")));
            Assert.Equal(3, summary2.RootElement.GetProperty("rosters").GetArrayLength());

            // summary.json: the same keys and roles whatever the language (only the labels are translated).
            static IEnumerable<string> Keys(JsonElement e, string path) => e.ValueKind switch
            {
                JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Keys(p.Value, $"{path}.{p.Name}").Prepend($"{path}.{p.Name}")),
                JsonValueKind.Array => e.EnumerateArray().Take(1).SelectMany(x => Keys(x, path + "[]")),
                _ => [],
            };
            Assert.Equal(summary.RootElement.EnumerateObject().Select(p => p.Name), summary2.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(Keys(rosters[0], string.Empty), Keys(summary2.RootElement.GetProperty("rosters")[0], string.Empty));
            Assert.Equal(["recommended", "usualMethod"], rosters.EnumerateArray().Select(r => r.GetProperty("role").GetString()!));
            Assert.Equal("推荐排班", rosters[0].GetProperty("label").GetString());
            Assert.Equal("recommended", summary2.RootElement.GetProperty("rosters")[0].GetProperty("label").GetString());
            Assert.Equal(7, rosters[0].GetProperty("daily").GetArrayLength());
            Assert.Contains("吉华", File.ReadAllText(Path.Combine(dir, "summary.json"))); // readable, not \u escapes

            // The console summary is Chinese too: the headline, each roster, the bound.
            Assert.Contains("目标：80% 的市民在 15 分钟内被叫号", output);
            Assert.DoesNotContain("mean wait", output);

            // The Chinese page as a manager sees it (rendered by Chromium, charts drawn): a headline, a per-day table,
            // and no English word but ids, units and product names.
            var chromium = HallSim.Tests.Shared.Chromium.Find();
            Skip.If(chromium is null, "Chromium is not installed (apt-get install chromium fonts-noto-cjk)");
            var page = Path.Combine(dir, "report.html");
            var dom = HallSim.Tests.Shared.Chromium.Run(chromium!, Path.Combine(dir, "profile"), "--dump-dom", new Uri(page).AbsoluteUri);
            var text = HallSim.Tests.Shared.Chromium.VisibleText(dom);
            Assert.Contains("结论", text);
            Assert.Contains("每日结果", text);
            Assert.Contains("main-svg", dom); // plotly drew
            var hall = HallSim.Scenarios.Halls.JihuaPeak;
            var allowed = new HashSet<string>(StringComparer.Ordinal) { "HallSim", "OR-Tools", "CP-SAT", "plotly" };
            allowed.UnionWith(hall.Staff.Select(m => m.Id));
            allowed.UnionWith(hall.Shifts.Select(x => x.Id));
            allowed.UnionWith(hall.Windows.Select(w => w.Id));
            allowed.UnionWith(hall.Categories.Select(c => c.Id));
            var english = HallSim.Tests.Shared.Chromium.EnglishWords(text, allowed);
            Assert.True(english.Count == 0, "English on the Chinese page: " + string.Join(", ", english.Select(w => $"{w.Key} ×{w.Value}")));
            HallSim.Tests.Shared.Chromium.Run(chromium!, Path.Combine(dir, "profile2"), $"--screenshot={HallSim.Tests.Shared.Chromium.Artefact("plan-report-zh.png")}", "--window-size=1280,4000", new Uri(page).AbsoluteUri);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Types into one date column of the first week sheet: <paramref name="text"/> of a row number gives the
    /// new text, or null to leave the cell.</summary>
    private static void Edit(string path, Func<uint, string?> text, int column)
    {
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, true);
        var week = doc.WorkbookPart!.WorksheetParts.First(p => p.Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>().Any());
        foreach (var row in week.Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Skip(1))
        {
            if (text(row.RowIndex!.Value) is { } t)
            {
                var cell = row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ElementAt(column - 1);
                cell.DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString;
                cell.CellValue = null;
                cell.InlineString = new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(t));
            }
        }

        week.Worksheet.Save();
    }

    [Fact]
    public void Calibrate_FromASimulatedLog_WritesAScenarioThatValidates_AndAReport()
    {
        var dir = TempDir();
        try
        {
            var log = Path.Combine(dir, "tickets.csv");
            var (code, _, error) = Hallsim("simulate", "--date", "2026-09-07", "--days", "28", "--windows", "7", "--replications", "2", "--quiet", "--export-log", log);
            Assert.True(code == 0, error);
            // 80 bad rows: reported, not fatal; the report lists the first 50 and says so.
            File.AppendAllText(log, string.Concat(Enumerable.Range(0, 80).Select(i => $"{99 + i},X,tax,not a time,,1,W01,,,SERVED,WALK_IN,\n")));

            var scenario = Path.Combine(dir, "calibrated.json");
            var (code2, output2, error2) = Hallsim("calibrate", "--log", log, "--out", scenario, "--check-days", "3", "--replications", "2");
            Assert.True(code2 == 0, error2);
            Assert.Contains("80 rejected", output2);
            Assert.Contains("not a time", output2);
            var report = File.ReadAllText(Path.Combine(dir, "calibration.html"));
            Assert.Contains("Rejected rows: 80 in all, the first 50 shown", report);
            var table = report[report.IndexOf("Rejected rows", StringComparison.Ordinal)..];
            table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
            Assert.Equal(50, table.Split("<tr><td>").Length - 1);
            Assert.Matches("(Exponential|Lognormal|Weibull|Gamma) \\(best AIC", report); // the chosen patience family, not always "lognormal"
            var (code3, output3, error3) = Hallsim("scenario", "validate", scenario);
            Assert.True(code3 == 0, error3);
            Assert.Contains("valid", output3);

            var (code4, _, error4) = Hallsim("calibrate", "--log", Path.Combine(dir, "report.html"));
            Assert.Equal(2, code4);
            Assert.DoesNotContain("   at ", error4);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Plan_BadInput_ExitsTwo_ListsEveryProblem_WritesNothing()
    {
        var dir = TempDir();
        try
        {
            var (code, output, error) = Hallsim("plan", "--out", dir, "--from", "2027-01-04", "--lang", "fr", "--budget", "lots", "--share", "2", "extra");
            Assert.Equal(2, code);
            Assert.Equal(string.Empty, output);
            Assert.Contains("--lang: \"fr\"", error);
            Assert.Contains("--budget: \"lots\"", error);
            Assert.Contains("--share: \"2\"", error);
            Assert.Contains("extra: unexpected argument", error);
            Assert.Contains("--from/--days: 2027-01-04", error);
            Assert.DoesNotContain("   at ", error); // no stack trace
            Assert.Empty(Directory.GetFileSystemEntries(dir));

            var (code2, _, error2) = Hallsim("evaluate", "--roster", Path.Combine(dir, "missing.csv"));
            Assert.Equal(2, code2);
            Assert.Contains("missing.csv", error2);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Plan_AHallBeyondTheOptimisersSize_IsRefusedUpFront_NamingTheLimits()
    {
        // 1,000 windows and 1,000 staff (the Jihua peak's windows and staff repeated): refused before any curve is built.
        var dir = TempDir();
        try
        {
            var peak = HallSim.Scenarios.Halls.JihuaPeak;
            var big = peak with
            {
                Windows = [.. Enumerable.Range(0, 1_000).Select(i => peak.Windows[i % peak.Windows.Count] with { Id = $"W{i + 1:0000}" })],
                Staff = [.. Enumerable.Range(0, 1_000).Select(i => peak.Staff[i % peak.Staff.Count] with { Id = $"S{i + 1:0000}" })],
            };
            var path = Path.Combine(dir, "big.json");
            File.WriteAllText(path, HallSim.Scenarios.ScenarioJson.Serialize(big));
            var outDir = Path.Combine(dir, "out");
            var (code, _, error) = Hallsim("plan", "--scenario", path, "--from", "2026-03-23", "--days", "1", "--out", outDir);
            Assert.Equal(2, code);
            Assert.Contains("has 1000 windows; the roster optimiser takes at most 200", error);
            Assert.Contains("has 1000 people; the roster optimiser takes at most 400", error);
            Assert.False(Directory.Exists(outDir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(3)] // compiling or solving the usual method's roster (CP-SAT)
    [InlineData(8)] // in the optimisation loop
    public async Task Plan_InterruptedWhileSolving_StopsTheSolver_Exits130_AndWritesNothing(int seconds)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the signal is sent with kill(1)
        }

        var dir = TempDir();
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { CliDll(), "plan", "--out", dir, "--quiet" })
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await Task.Delay(TimeSpan.FromSeconds(seconds)); // the whole plan takes over a minute
            Assert.False(process.HasExited, "plan finished before it could be interrupted");
            // SIGTERM, handled like Ctrl+C: a test runner started from a non-interactive shell in the background inherits
            // SIGINT as ignored, so a SIGINT here would prove nothing there.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "plan did not stop within a minute of the interrupt");
            Assert.Equal(130, process.ExitCode);
            var stderr = await error;
            Assert.Contains("interrupted", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(dir));
            Assert.Empty(await output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

