using System.Text.Json;
using HallSim.Cli;

namespace HallSim.Cli.Tests;

public class NowCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Now_OnAPeakDayLogAt1030_PrintsTheRestOfTheDay_AndWritesNowJson()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-now-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            // A whole simulated peak day as a queue system's log; `now` reads it as of 10:30 (later rows are ignored).
            var log = Path.Combine(dir, "day.csv");
            Assert.Equal(0, Run("simulate", "--date", "2026-03-18", "--replications", "2", "--quiet", "--export-log", log).Code);
            var (code, output, error) = Run("now", "--log", log, "--at", "10:30", "--absent", "S03,S07", "--replications", "10", "--out", Path.Combine(dir, "now"));

            Assert.True(code == 0, error);
            Assert.Contains("Wed 2026-03-18 10:30", output);
            Assert.Contains("2 staff off (S03, S07)", output);
            Assert.Contains("Last ticket called at", output);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "now", "now.json")));
            var root = json.RootElement;
            Assert.True(root.GetProperty("state").GetProperty("waiting").GetInt32() > 30);
            Assert.True(root.GetProperty("state").GetProperty("logRowsIssuedLater").GetInt32() > 0);
            var reforecast = root.GetProperty("reforecast");
            Assert.InRange(reforecast.GetProperty("multiplierMean").GetDouble(), 0.7, 1.3);
            Assert.True(reforecast.GetProperty("multiplierLower95").GetDouble() < reforecast.GetProperty("multiplierUpper95").GetDouble());
            var intervals = root.GetProperty("intervals").EnumerateArray().ToList();
            Assert.Equal("2026-03-18T10:00:00", intervals[0].GetProperty("start").GetString());
            Assert.True(intervals[0].GetProperty("meanWaitMinutes").GetProperty("mean").GetDouble() > 15);
            Assert.StartsWith("2026-03-18T1", root.GetProperty("lastCall").GetProperty("median").GetString());
            var actions = root.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
            Assert.Equal("as planned", actions[0]);
            Assert.Contains("one extra person", actions); // S03 and S07 are off: their windows are free
            Assert.Contains("What can be done, ranked", output);
            Assert.Contains("今日余下时段预测", File.ReadAllText(Path.Combine(dir, "now", "now.html")));

            // A staff id that is not the scenario's, and a date the log has no ticket on: exit 2, named, not a crash.
            var (badCode, _, badError) = Run("now", "--log", log, "--at", "10:30", "--absent", "S99", "--out", Path.Combine(dir, "bad"));
            Assert.Equal(2, badCode);
            Assert.Contains("startFrom.absentStaff[0]", badError);
            Assert.DoesNotContain("internal error", badError);
            var (dateCode, _, dateError) = Run("now", "--log", log, "--at", "2026-03-19 10:30", "--out", Path.Combine(dir, "bad"));
            Assert.Equal(2, dateCode);
            Assert.Contains("has no ticket on 2026-03-19", dateError);
            Assert.False(Directory.Exists(Path.Combine(dir, "bad")));

            // With today's roster (staggered shifts of the peak hall), the shifts not yet started can be re-planned.
            var roster = Path.Combine(dir, "roster.csv");
            File.WriteAllLines(roster, [
                "date,staff_id,shift_id",
                .. Enumerable.Range(1, 10).Select(i => $"2026-03-18,S{i:00},day"),
                .. Enumerable.Range(1, 4).Select(i => $"2026-03-18,R{i:00},afternoon"),
                .. Enumerable.Range(5, 2).Select(i => $"2026-03-18,R{i:00},late"),
            ]);
            var (rosterCode, rosterOutput, rosterError) = Run("now", "--log", log, "--at", "10:30", "--absent", "S03,S07", "--roster", roster, "--replications", "6", "--out", Path.Combine(dir, "replan"));
            Assert.True(rosterCode == 0, rosterError);
            Assert.Contains("re-plan the shifts not yet started", rosterOutput);
            Assert.Contains("重新安排尚未开始的班次", File.ReadAllText(Path.Combine(dir, "replan", "now.html")));
            // A JSON snapshot instead of a log: its moment, no re-forecast; a bad field is named with exit 2.
            var snapshot = Path.Combine(dir, "state.json");
            File.WriteAllText(snapshot, """
                { "at": "2026-03-18T10:30:00",
                  "waiting": [ { "serviceCode": "rental", "issuedAt": "2026-03-18T10:01:00" }, { "serviceCode": "tax", "issuedAt": "2026-03-18T10:12:00", "present": true } ],
                  "inService": [ { "windowId": "W01", "serviceCode": "rental", "serviceStart": "2026-03-18T10:25:00" } ] }
                """);
            var (stateCode, stateOutput, stateError) = Run("now", "--state", snapshot, "--replications", "4", "--out", Path.Combine(dir, "state"));
            Assert.True(stateCode == 0, stateError);
            Assert.Contains("10:30: 2 waiting, 1 being served", stateOutput);
            Assert.Contains("the forecast is kept", stateOutput);
            using (var stateJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "state", "now.json"))))
            {
                Assert.Equal(JsonValueKind.Null, stateJson.RootElement.GetProperty("reforecast").ValueKind);
            }

            File.WriteAllText(snapshot, """{ "at": "2026-03-18T10:30:00", "waiting": [ { "serviceCode": "nope", "issuedAt": "2026-03-18T10:01:00" } ] }""");
            var (badStateCode, _, badStateError) = Run("now", "--state", snapshot, "--out", Path.Combine(dir, "bad2"));
            Assert.Equal(2, badStateCode);
            Assert.Contains("startFrom.waiting[0].serviceCode", badStateError);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Now_WithBadInput_ListsEveryProblem_ExitsTwo_AndWritesNothing()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-now-{Guid.NewGuid():N}");
        var (code, output, error) = Run("now", "--log", Path.Combine(dir, "missing.csv"), "--at", "25:99", "--prior-cv", "-1", "--out", dir);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--log", error);
        Assert.Contains("does not exist", error);
        Assert.Contains("--at: \"25:99\" is not a time", error);
        Assert.Contains("--prior-cv", error);
        Assert.DoesNotContain("Exception", error);
        Assert.False(Directory.Exists(dir));

        var notALog = Path.GetTempFileName();
        try
        {
            File.WriteAllText(notALog, "# notes\nnothing here\n");
            var (code2, _, error2) = Run("now", "--at", "10:30", "--log", notALog);
            Assert.Equal(2, code2);
            Assert.Contains("is not a ticket log", error2);
        }
        finally
        {
            File.Delete(notALog);
        }
    }
}

public class CalibrateBacktestCommandTests
{
    [Fact]
    public void CalibrateBacktest_PrintsTheScores_AndPutsThemInTheReport()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-backtest-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var log = Path.Combine(dir, "log.csv");
            var o = new StringWriter();
            Assert.Equal(0, Program.Run(["simulate", "--date", "2026-05-04", "--days", "70", "--replications", "2", "--quiet", "--export-log", log], o, new StringWriter()));
            var output = new StringWriter();
            var error = new StringWriter();
            var code = Program.Run(["calibrate", "--log", log, "--out", Path.Combine(dir, "scenario.json"), "--backtest", "2", "--replications", "0"], output, error);

            Assert.True(code == 0, error.ToString());
            Assert.Contains("backtest: fitted on the log before", output.ToString());
            Assert.Contains("against a Poisson floor of", output.ToString());
            Assert.Contains("Forecast backtest", File.ReadAllText(Path.Combine(dir, "calibration.html")));

            var tooLong = Program.Run(["calibrate", "--log", log, "--out", Path.Combine(dir, "other.json"), "--backtest", "9", "--replications", "0"], new StringWriter(), error = new StringWriter());
            Assert.Equal(2, tooLong);
            Assert.Contains("at least 28", error.ToString());
            Assert.False(File.Exists(Path.Combine(dir, "other.json")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
