using System.Diagnostics;

namespace HallSim.Cli.Tests;

/// <summary>
/// Commands killed (SIGTERM) at random moments while they compute and write: the output folder always holds the
/// complete old set or the complete new set, and no temporary file. Twenty random moments per command (calibrate,
/// scenario export, plan), from fixed seeds.
/// </summary>
public class KillTests
{
    private static async Task<int> RunAndKill(string[] args, TimeSpan after)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[CliEndToEndTests.CliDll(), .. args])
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await Task.Delay(after);
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "the command did not stop");
        await Task.WhenAll(output, error);
        Assert.DoesNotContain("internal error", error.Result, StringComparison.Ordinal);
        return process.ExitCode;
    }

    private static void AssertNoTemporary(string dir) =>
        Assert.DoesNotContain(Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories), f => f.Contains(".hallsim-", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal));

    [Fact]
    public async Task CalibrateAndExport_KilledAtRandomMoments_LeaveTheCompleteOldOrNewSet()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the signal is sent with kill(1)
        }

        var dir = CliEndToEndTests.TempDir();
        try
        {
            var log = Path.Combine(dir, "tickets.csv");
            var (code, _, error) = CliEndToEndTests.Hallsim("simulate", "--date", "2026-09-07", "--days", "14", "--windows", "7", "--replications", "2", "--quiet", "--export-log", log);
            Assert.True(code == 0, error);

            // The old sets: a calibrated scenario and its report; an exported scenario.
            var scenario = Path.Combine(dir, "calibrated.json");
            var calibrate = new[] { "calibrate", "--log", log, "--out", scenario, "--check-days", "2", "--replications", "2" };
            Assert.Equal(0, CliEndToEndTests.Hallsim(calibrate).Code);
            var report = Path.Combine(dir, "calibration.html");
            var (oldScenario, oldReport) = (File.ReadAllText(scenario), File.ReadAllText(report));
            var exported = Path.Combine(dir, "export.json");
            Assert.Equal(0, CliEndToEndTests.Hallsim("scenario", "export", "--out", exported).Code);
            var oldExport = File.ReadAllText(exported);

            var random = new Random(20261201);
            for (var i = 0; i < 20; i++)
            {
                // Each run names its scenario anew, so the new set is told from the old in both files.
                var name = $"hall-run-{i}";
                var code1 = await RunAndKill([.. calibrate, "--name", name], TimeSpan.FromMilliseconds(random.Next(200, 4000)));
                var (s, r) = (File.ReadAllText(scenario), File.ReadAllText(report));
                // 143: killed by the signal's default action, before the command installed its handler (still starting).
                Assert.True(code1 is 0 or 130 or 143, $"calibrate exit {code1}");
                var whole = (s == oldScenario && r == oldReport) || (s.Contains(name, StringComparison.Ordinal) && r.Contains(name, StringComparison.Ordinal));
                Assert.True(whole, $"run {i} (exit {code1}): the scenario and the report are not one set");
                Assert.True(code1 != 0 || s.Contains(name, StringComparison.Ordinal), "a finished run wrote its set");

                (oldScenario, oldReport) = (s, r);
                AssertNoTemporary(dir);

                var code2 = await RunAndKill(["scenario", "export", "--peak", "--out", exported], TimeSpan.FromMilliseconds(random.Next(100, 1500)));
                Assert.True(code2 is 0 or 130 or 143, $"export exit {code2}");
                var e = File.ReadAllText(exported);
                Assert.True(e == oldExport || HallSim.Scenarios.ScenarioJson.Parse(e).Staff.Count == 30, "the export is the old file or the whole new one");
                oldExport = e;
                AssertNoTemporary(dir);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Plan_KilledAtTwentyRandomMoments_LeavesTheCompleteOldOrNewSet()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the signal is sent with kill(1)
        }

        var dir = CliEndToEndTests.TempDir();
        try
        {
            // Each run plans its own copy of the peak scenario whose name and staff names carry the run's tag, so every
            // one of the four files tells the run that wrote it (the report and summary by the name, the workbook and
            // CSV by the staff names). One day and two replications: about 10 s a plan.
            var peak = HallSim.Scenarios.Halls.JihuaPeak;
            string Tagged(string tag)
            {
                var path = Path.Combine(dir, "scenario.json");
                File.WriteAllText(path, HallSim.Scenarios.ScenarioJson.Serialize(peak with
                {
                    Name = "hall " + tag,
                    Staff = [.. peak.Staff.Select(p => p with { Name = p.Name + " " + tag })],
                }));
                return path;
            }

            var outDir = Path.Combine(dir, "out");
            string[] Plan(string tag) => ["plan", "--scenario", Tagged(tag), "--from", "2026-03-23", "--days", "1", "--replications", "2", "--quiet", "--out", outDir];
            string[] files = ["report.html", "roster.xlsx", "roster.csv", "summary.json"];
            string[] Read() => [.. files.Select(f => f == "roster.xlsx" ? XlsxText(Path.Combine(outDir, f)) : File.ReadAllText(Path.Combine(outDir, f)))];
            Assert.Equal(0, CliEndToEndTests.Hallsim(Plan("run-old")).Code);
            var old = Read();

            var random = new Random(20261202);
            var finished = 0;
            for (var i = 0; i < 20; i++)
            {
                var tag = $"run-{i:00}";
                var code = await RunAndKill(Plan(tag), TimeSpan.FromMilliseconds(random.Next(300, 13_000)));
                Assert.True(code is 0 or 130 or 143, $"plan exit {code}");
                var now = Read();
                var isOld = now.SequenceEqual(old);
                var isNew = now.All(text => text.Contains(tag, StringComparison.Ordinal));
                Assert.True(isOld || isNew, $"run {i} (exit {code}): the four files are not one set: " + string.Join(", ", files.Where((f, k) => !now[k].Contains(tag, StringComparison.Ordinal))) + " not from this run");
                Assert.True(code != 0 || isNew, "a finished run wrote its set");
                finished += isNew ? 1 : 0;
                old = now;
                AssertNoTemporary(dir);
            }

            Assert.InRange(finished, 1, 19); // some runs were killed and some finished, so both cases were seen
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The text of every part of a workbook (a zip of XML parts), to look for a tag in its cells.</summary>
    private static string XlsxText(string path)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        return string.Concat(zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
    }
}
