using HallSim.Experiments;
using HallSim.Model;
using HallSim.Scenarios;

namespace HallSim.Tests.Model;

/// <summary>
/// The default scenario must make the peak genuinely hard (issue 3). Each check uses 20 replications of one day and
/// requires the whole 95% confidence interval of the mean to lie inside the target band, so a pass is not luck.
/// </summary>
public class JihuaScenarioTests
{
    private static (MeanEstimate Wait, MeanEstimate Over15) Day(DateOnly date, int windows)
    {
        var s = Halls.Jihua with { StartDate = date, Days = 1 };
        var staffing = windows == 16 ? Halls.JihuaUsualStaffing : Halls.WeekdaySessions(windows);
        var days = ReplicationRunner.Run(20, rep => HallModel.Run(s, staffing, 2026, rep, new HallRunOptions { KeepTickets = false }).Days[0]);
        return (MeanEstimate.Of(days.Select(d => d.MeanWait).ToList()), MeanEstimate.Of(days.Select(d => 1 - d.ServiceLevel).ToList()));
    }

    [Fact]
    public void Jihua_IsValid_WithSixteenWindowsAndStaff()
    {
        var j = Halls.Jihua;
        Assert.Empty(j.Validate());
        Assert.Equal(16, j.Windows.Count);
        Assert.Equal(16, j.Staff.Count);
        Assert.Equal(365, j.Days);
        Assert.True(j.Categories.Sum(c => c.Items.Count) >= 15);
    }

    [Fact]
    public void MarchPeakWeekday_UsualStaffing_IsHard()
    {
        var (wait, over15) = Day(new DateOnly(2026, 3, 18), 16);

        Assert.True(wait.Lower >= 20 && wait.Upper <= 45, $"mean wait {wait.Mean:0.0} ± {wait.HalfWidth:0.0} minutes, expected within 20–45");
        Assert.True(over15.Lower >= 0.30, $"share over 15 minutes {over15.Mean:P0} ± {over15.HalfWidth:P0}, expected at least 30%");
    }

    [Fact]
    public void OctoberWeekday_EightWindows_IsEasy()
    {
        foreach (var date in new[] { new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 14) }) // a Monday and a Wednesday
        {
            var (wait, _) = Day(date, 8);
            Assert.True(wait.Upper <= 10, $"{date}: mean wait {wait.Mean:0.0} ± {wait.HalfWidth:0.0} minutes, expected at most 10");
        }
    }

    [Fact]
    public void Jihua_RoundTripsThroughJson()
    {
        var json = ScenarioJson.Serialize(Halls.Jihua);
        Assert.Equal(json, ScenarioJson.Serialize(ScenarioJson.Parse(json)));
    }
}
