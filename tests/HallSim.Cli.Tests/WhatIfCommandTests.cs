using System.Text.Json.Nodes;

namespace HallSim.Cli.Tests;

/// <summary><c>hallsim whatif</c>: every bad measure named at once with exit code 2 and nothing written; a run writes
/// whatif.json with the paired differences the console prints.</summary>
public class WhatIfCommandTests
{
    [Fact]
    public void BadMeasures_AreEveryOneNamed_Exit2_NothingWritten()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-whatif-bad-{Guid.NewGuid():N}");
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = Program.Run(["whatif", "--extra-staff", "wizards:2,comprehensive", "--evening", "8pm", "--saturday", "17:00-09:00", "--appointments", "lots", "--self-service", "fax:50%", "--out", dir, "--quiet"], output, error);
        var text = error.ToString();
        Assert.Equal(2, code);
        Assert.Contains("--extra-staff: \"comprehensive\" is not GROUP:COUNT", text, StringComparison.Ordinal);
        Assert.Contains("--evening: \"8pm\"", text, StringComparison.Ordinal);
        Assert.Contains("--appointments: \"lots\"", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));

        // Values that parse but do not fit the scenario are named by the option too, before any planning.
        (output, error) = (new StringWriter(), new StringWriter());
        code = Program.Run(["whatif", "--extra-staff", "wizards:2", "--saturday", "17:00-09:00", "--self-service", "fax:50%", "--out", dir, "--quiet"], output, error);
        text = error.ToString();
        Assert.Equal(2, code);
        Assert.Contains("--extra-staff: unknown category \"wizards\"", text, StringComparison.Ordinal);
        Assert.Contains("--saturday: 17:00-09:00", text, StringComparison.Ordinal);
        Assert.Contains("--self-service: unknown kiosk group \"fax\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));

        // The journey measures: bad text, then values that do not fit, each named by its option.
        (output, error) = (new StringWriter(), new StringWriter());
        code = Program.Run(["whatif", "--floor-guides", "two", "--triggered-windows", "W15", "--out", dir, "--quiet"], output, error);
        text = error.ToString();
        Assert.Equal(2, code);
        Assert.Contains("--floor-guides: \"two\" is not a number of people", text, StringComparison.Ordinal);
        Assert.Contains("--triggered-windows: \"W15\" is not WINDOWS:OPEN_ABOVE:CLOSE_BELOW", text, StringComparison.Ordinal);
        (output, error) = (new StringWriter(), new StringWriter());
        code = Program.Run(["whatif", "--back-office", "99", "--pre-screening", "0", "--triggered-windows", "W99:3:5", "--out", dir, "--quiet"], output, error);
        text = error.ToString();
        Assert.Equal(2, code);
        Assert.Contains("--back-office: 99: expected 1 to 50 people", text, StringComparison.Ordinal);
        Assert.Contains("--pre-screening: 0: expected 1 to 50 people", text, StringComparison.Ordinal);
        Assert.Contains("--triggered-windows: unknown window \"W99\"", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));

        (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, Program.Run(["whatif", "--quiet"], output, error));
        Assert.Contains("no measure", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AWhatIf_WritesThePairedDifferences_ItPrints()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-whatif-{Guid.NewGuid():N}");
        try
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            var code = Program.Run(["whatif", "--from", "2026-03-23", "--days", "1", "--replications", "4", "--extra-staff", "comprehensive:2", "--appointments", "20%", "--lang", "en", "--out", dir, "--quiet"], output, error);
            Assert.True(code == 0, error.ToString());
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "whatif.json")))!.AsObject();
            Assert.Equal(["2 extra staff (comprehensive)", "20% by appointment"], json["measures"]!.AsArray().Select(x => (string)x!).ToArray());
            var longest = HallSim.Scenarios.Halls.JihuaPeak.Shifts.Max(t => t.WorkingMinutes) / 60.0; // one day: one shift each at most
            Assert.Equal((double)json["staffHourBudget"]!["without"]! + (2 * longest), (double)json["staffHourBudget"]!["with"]!, 6);
            var difference = (double)json["totalWaitingDifference"]!["mean"]!;
            Assert.Contains(difference.ToString("+0;-0;0", System.Globalization.CultureInfo.InvariantCulture), output.ToString(), StringComparison.Ordinal);
            Assert.NotNull(json["turnedAwayDifference"]);
            Assert.NotNull(json["meetsTarget"]);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
