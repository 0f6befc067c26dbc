using System.Diagnostics;

namespace HallSim.Cli.Tests;

/// <summary>
/// Commands killed (SIGTERM) at random moments while they compute and write: the output folder always holds the
/// complete old set or the complete new set, and no temporary file. Ten moments per command, from a fixed seed.
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
            for (var i = 0; i < 10; i++)
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
}
