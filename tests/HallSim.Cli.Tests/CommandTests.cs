using HallSim.Cli;
using HallSim.Scenarios;

namespace HallSim.Cli.Tests;

public class CommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="test"/> with the path of a fresh temporary file, deleted afterwards.</summary>
    private static void WithTempFile(Action<string> test)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hallsim-{Guid.NewGuid():N}.json");
        try
        {
            test(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Simulate_Default_JihuaPeakDay_PrintsIntervalsAndTheDay()
    {
        var (code, output, error) = Run("simulate", "--replications", "4");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("吉华街道行政服务大厅", output);
        Assert.Contains("Wed 2026-03-18", output);
        Assert.Contains("usual roster (16 staff", output);
        Assert.Contains("09:00", output);
        Assert.Contains("17:00", output);
        Assert.Contains("arrived =", output);
        Assert.DoesNotContain("NaN", output);
    }

    [Fact]
    public void Simulate_NobodyServed_OrAClosedDay_SaysSo_NeverNaN()
    {
        // No window open: every ticket is issued and none is called. A Sunday: the hall is closed.
        var (code, output, error) = Run("simulate", "--date", "2026-10-14", "--windows", "0", "--replications", "2", "--quiet");
        Assert.True(code == 0, error);
        Assert.Contains("never called", output);
        Assert.DoesNotContain("NaN", output);
        Assert.DoesNotContain("-100", output);

        var (code2, output2, error2) = Run("simulate", "--date", "2026-10-18", "--replications", "2", "--quiet");
        Assert.True(code2 == 0, error2);
        Assert.Contains("Sun 2026-10-18: closed", output2);
        Assert.DoesNotContain("NaN", output2);
    }

    [Fact]
    public void Simulate_BadOptions_ExitTwo_ListingEveryProblem()
    {
        var (code, output, error) = Run("simulate", "--windows", "many", "--date", "18/03/2026", "--seed", "-1", "--colour", "red", "--interval", "7");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--windows: \"many\"", error);
        Assert.Contains("--date: \"18/03/2026\"", error);
        Assert.Contains("--seed: \"-1\"", error);
        Assert.Contains("--colour: unknown option", error);
        Assert.Contains("--interval: \"7\"", error);
        Assert.Contains("red: unexpected argument", error);
        Assert.Contains("6 problems", error);
    }

    [Fact]
    public void Simulate_DateOutsideScenario_IsBadInput()
    {
        var (code, _, error) = Run("simulate", "--date", "2027-01-04");
        Assert.Equal(2, code);
        Assert.Contains("outside the scenario", error);
    }

    [Fact]
    public void ScenarioExport_ThenValidate_ThenSimulateFromFile()
    {
        WithTempFile(path =>
        {
        Assert.Equal(0, Run("scenario", "export", "--out", path).Code);
        var (code, output, _) = Run("scenario", "validate", path);
        Assert.Equal(0, code);
        Assert.Contains("valid", output);

        var json = Run("simulate", "--scenario", path, "--date", "2026-10-14", "--windows", "8", "--replications", "3", "--json");
        Assert.Equal(0, json.Code);
        Assert.Contains("\"meanWaitMinutes\"", json.Out);
        });
    }

    [Fact]
    public void ScenarioValidate_BadFile_ListsEveryProblem_NoStackTrace()
    {
        WithTempFile(path =>
        {
        var json = ScenarioJson.Serialize(Halls.Jihua)
            .Replace("\"days\": 365", "\"days\": 0", StringComparison.Ordinal)
            .Replace("\"W13\"", "\"W01\"", StringComparison.Ordinal);
        File.WriteAllText(path, json);

        var (code, output, error) = Run("scenario", "validate", path);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("days: 0 is not a number of days", error);
        Assert.Contains("windows[12].id: \"W01\" is used twice", error);
        Assert.DoesNotContain("   at ", error);
        });
    }

    [Fact]
    public void Requirements_OctoberDay_PrintsWindowsPerInterval()
    {
        var (code, output, error) = Run("requirements", "--date", "2026-10-14", "--method", "mol");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Wed 2026-10-14", output);
        Assert.Contains("09:00", output);
        Assert.Contains("Window-hours:", output);
        Assert.DoesNotContain("NaN", output);
    }

    [Fact]
    public void Requirements_PeakDay_FlagsIntervalsBeyondTheHall()
    {
        var (code, output, _) = Run("requirements");
        Assert.Equal(0, code);
        Assert.Contains("needs more than 16", output);
    }

    [Fact]
    public void Requirements_BadOptions_ListEveryProblem()
    {
        var (code, _, error) = Run("requirements", "--method", "guess", "--share", "80%", "--interval", "7");
        Assert.Equal(2, code);
        Assert.Contains("--method: \"guess\"", error);
        Assert.Contains("--share: \"80%\"", error);
        Assert.Contains("--interval: \"7\"", error);
    }

    [Fact]
    public void MissingFile_IsBadInput()
    {
        var (code, _, error) = Run("scenario", "validate", "/nonexistent/hall.json");
        Assert.Equal(2, code);
        Assert.Contains("cannot be read", error);
    }

    [Fact]
    public void UnknownCommand_ExitsTwo_AndHelpExitsZero()
    {
        Assert.Equal(2, Run("plan-everything").Code);
        Assert.Equal(2, Run().Code);
        var help = Run("--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("hallsim simulate", help.Out);
    }

    [Fact]
    public void EveryCommandsHelp_IsItsOwn_WithEachOptionsDefault_AndExamples()
    {
        var seen = new HashSet<string>();
        foreach (var command in new[] { "plan", "optimise", "evaluate", "simulate", "requirements", "calibrate", "scenario export", "scenario validate" })
        {
            var (code, output, error) = Run([.. command.Split(' '), "--help"]);
            Assert.Equal(0, code);
            Assert.Equal(string.Empty, error);
            Assert.True(seen.Add(output), $"{command} --help prints the same text as another command");
            Assert.Contains($"hallsim {command}", output); // its usage line and examples
            Assert.Contains("Examples:", output);
        }

        var plan = Run("plan", "--help").Out;
        Assert.Contains("[default: 7]", plan);     // --days
        Assert.Contains("[default: zh]", plan);    // --lang
        Assert.Contains("[default: 0.8]", plan);   // --share
        Assert.DoesNotContain("--interval", plan); // simulate's, not plan's
        var simulate = Run("simulate", "--help").Out;
        Assert.Contains("[default: 2026-03-18]", simulate);
        Assert.Contains("[default: 60]", simulate); // --interval
        Assert.Contains("--roster <FILE>", Run("evaluate", "-h").Out);
        Assert.Equal(Run("simulate", "--help").Out, Run("help", "simulate").Out);
        var overview = Run("help");
        Assert.Equal(0, overview.Code);
        Assert.DoesNotContain("Unrecognized", overview.Out);
        Assert.Contains("[default: 100]", Run("requirements", "--help").Out); // --replications of ISA, as the command uses
        Assert.Contains("[default: 5]", Run("calibrate", "--help").Out);      // --replications of the fit check
    }

    [Fact]
    public void Evaluate_ARosterInsideOut_IsRefused_ItWouldBeReplaced()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-out-{Guid.NewGuid():N}");
        var (code, output, error) = Run("evaluate", "--roster", Path.Combine(dir, "roster.xlsx"), "--out", dir);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("is inside --out", error);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Calibrate_WithAColumnMapping_ReadsAnExportWithOtherHeaders()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-map-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var days = Halls.Jihua with { StartDate = new DateOnly(2026, 10, 12), Days = 14 };
            var run = HallSim.Model.HallModel.Run(days, HallSim.Staffing.StaffingPlan.Constant(8), 2);
            var writer = new StringWriter();
            HallSim.Calibration.TicketLog.Write(writer, run.Tickets!, days.StartDate);
            var lines = writer.ToString().Split('\n');
            lines[0] = "id,no,Service,Ticket time,Call time,calls,Counter,Start,End,Status,Channel,Priority";
            var log = Path.Combine(dir, "export.csv");
            File.WriteAllText(log, string.Join('\n', lines));

            var mapping = "issuedAt=Ticket time,calledAt=Call time,serviceStart=Start,serviceEnd=End,window=Counter,serviceCode=Service,outcome=Status,channel=Channel";
            var (code, output, error) = Run("calibrate", "--log", log, "--out", Path.Combine(dir, "s.json"), "--columns", mapping, "--replications", "0");
            Assert.True(code == 0, error);
            Assert.Contains("0 rejected", output);
            Assert.True(File.Exists(Path.Combine(dir, "s.json")));

            var (code2, _, error2) = Run("calibrate", "--log", log, "--columns", "when=Ticket time");
            Assert.Equal(2, code2);
            Assert.Contains("unknown field \"when\"", error2);
            var (code3, _, error3) = Run("calibrate", "--log", log);
            Assert.Equal(2, code3);
            Assert.Contains("is not a ticket log", error3);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ScenarioExport_Peak_WritesTheRosteringVariant_ThatReadsBackEqual()
    {
        WithTempFile(path =>
        {
            var (code, _, error) = Run("scenario", "export", "--peak", "--out", path);
            Assert.True(code == 0, error);
            var back = ScenarioJson.Load(path);
            Assert.Equal(30, back.Staff.Count);
            Assert.Contains(back.Shifts, s => s.Id == "late" && s.Breaks[0].LatestStart == new TimeOnly(16, 30));
            Assert.Equal(ScenarioJson.Serialize(Halls.JihuaPeak), ScenarioJson.Serialize(back));
        });
    }

    [Fact]
    public void Outputs_ToAPathThatCannotBeWritten_ExitTwo_AndLeaveTheOldSetAndNoTemporaryFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-outputs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var blocker = Path.Combine(dir, "a-file");
            File.WriteAllText(blocker, "not a folder");

            // scenario export and simulate --export-log into a "folder" that is a file: exit 2, named, nothing left.
            var (code, _, err) = Run("scenario", "export", "--out", Path.Combine(blocker, "jihua.json"));
            Assert.Equal(2, code);
            Assert.Contains("--out", err, StringComparison.Ordinal);
            var (code2, _, err2) = Run("simulate", "--days", "1", "--replications", "2", "--quiet", "--export-log", Path.Combine(blocker, "log.csv"));
            Assert.Equal(2, code2);
            Assert.Contains("--export-log", err2, StringComparison.Ordinal);
            Assert.Equal(["a-file"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));

            // calibrate: the scenario could be written but the report cannot: the old scenario stays, no new one lands.
            var log = Path.Combine(dir, "tickets.csv");
            Assert.Equal(0, Run("simulate", "--date", "2026-09-07", "--days", "14", "--windows", "7", "--replications", "2", "--quiet", "--export-log", log).Code);
            var scenario = Path.Combine(dir, "hall.json");
            File.WriteAllText(scenario, "old");
            var (code3, _, err3) = Run("calibrate", "--log", log, "--out", scenario, "--report", Path.Combine(blocker, "calibration.html"), "--check-days", "1", "--replications", "2");
            Assert.Equal(2, code3);
            Assert.Contains("nothing was written", err3, StringComparison.Ordinal);
            Assert.Equal("old", File.ReadAllText(scenario));
            Assert.DoesNotContain(Directory.GetFileSystemEntries(dir), f => f.Contains(".hallsim-", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

