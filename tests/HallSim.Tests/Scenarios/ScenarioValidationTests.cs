using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Tests.Model;

namespace HallSim.Tests.Scenarios;

public class ScenarioValidationTests
{
    [Fact]
    public void ValidScenario_HasNoProblems() => Assert.Empty(HallScenarios.SmallHall().Validate());

    [Fact]
    public void EveryProblem_IsListed_WithItsPath()
    {
        var good = HallScenarios.SmallHall();
        var bad = good with
        {
            Days = 0,
            TimeZone = "Mars/Olympus",
            Windows = [good.Windows[0], new HallSim.Scenarios.Window("W02", ["rental", "tax2"]), new HallSim.Scenarios.Window("W01", [])],
            Categories = [good.Categories[0], good.Categories[1] with { Share = -1 }],
            Demand = good.Demand with { WeekdayFactors = [1, 1, 1] },
        };

        var problems = bad.Validate().Select(p => p.ToString()).ToList();

        Assert.Contains(problems, p => p.StartsWith("days: 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("timeZone:", StringComparison.Ordinal));
        Assert.Contains("windows[1].categories[1]: unknown category \"tax2\"", problems);
        Assert.Contains(problems, p => p.StartsWith("windows[2].categories: is empty", StringComparison.Ordinal));
        Assert.Contains("windows[2].id: \"W01\" is used twice", problems);
        Assert.Contains(problems, p => p.StartsWith("categories[1].share: -1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("demand.weekdayFactors: has 3 values; expected 7", StringComparison.Ordinal));
        Assert.True(problems.Count >= 7);
    }

    [Fact]
    public void CategoryNoWindowServes_IsAProblem()
    {
        var s = HallScenarios.SmallHall() with { Windows = [new HallSim.Scenarios.Window("W01", ["rental"])] };
        Assert.Contains(s.Validate(), p => p.Path == "categories[1]" && p.Message.Contains("no window serves"));
    }

    [Fact]
    public void NegativeDurations_AreRejected()
    {
        var s = HallScenarios.SmallHall() with
        {
            Categories = [new ServiceCategory("rental", 1, new NormalDistribution(8, 3)), new ServiceCategory("tax", 1, new UniformDistribution(-1, 5))],
        };
        var problems = s.Validate();
        Assert.Contains(problems, p => p.Path == "categories[0].serviceTime" && p.Message.Contains("negative"));
        Assert.Contains(problems, p => p.Path == "categories[1].serviceTime");
    }

    [Fact]
    public void EnsureValid_ThrowsWithEveryProblemInTheMessage()
    {
        var s = HallScenarios.SmallHall() with { Days = -1, Name = "" };
        var ex = Assert.Throws<ScenarioValidationException>(() => s.EnsureValid());
        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains("days: -1", ex.Message);
        Assert.Contains("name: is missing", ex.Message);
    }
}
