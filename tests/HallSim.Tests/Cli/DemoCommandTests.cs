using HallSim.Cli;

namespace HallSim.Tests.Cli;

public class DemoCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Demo_PrintsPerHourWaitsAndTheDaySummary()
    {
        var (code, output, error) = Run("demo", "--replications", "3", "--tickets", "400");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("09:00", output);
        Assert.Contains("17:00", output);
        Assert.Contains("Day: mean wait", output);
        Assert.DoesNotContain("NaN", output);
    }

    [Fact]
    public void Demo_BadOptions_ExitTwo_ListingEveryProblem()
    {
        var (code, output, error) = Run("demo", "--windows", "zero", "--tickets", "-5", "--seed", "x", "--colour", "red");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--windows: \"zero\"", error);
        Assert.Contains("--tickets: \"-5\"", error);
        Assert.Contains("--seed: \"x\"", error);
        Assert.Contains("--colour: unknown option", error);
    }

    [Fact]
    public void UnknownCommand_ExitsTwo_AndHelpExitsZero()
    {
        Assert.Equal(2, Run("plan-everything").Code);
        Assert.Equal(2, Run().Code);
        var help = Run("--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("hallsim demo", help.Out);
    }

    [Fact]
    public void Demo_MoreWindows_ShorterWaits()
    {
        // Not a timing threshold: the same seed with 10 vs 16 windows must show a longer day mean wait with fewer windows.
        var few = DemoDay.Run(DemoOptions.Default with { Windows = 10 }, 0);
        var many = DemoDay.Run(DemoOptions.Default with { Windows = 16 }, 0);

        Assert.Equal(few.Tickets, many.Tickets); // common random numbers: same arrivals
        Assert.True(few.MeanWait > many.MeanWait);
    }
}
