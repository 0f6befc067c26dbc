using HallSim.Queueing;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Tests.Staffing;

public class WindowGroupsTests
{
    [Fact]
    public void Of_Jihua_FindsItsThreeGroups()
    {
        var groups = WindowGroups.Of(Halls.Jihua);
        Assert.Equal(["*", "tax/rental", "consult/social/medical"], groups.Select(g => g.Name));
        Assert.Equal([12, 2, 2], groups.Select(g => g.WindowIds.Count));
    }

    [Theory]
    [InlineData(10, new[] { 0.5, 0.3, 0.2 }, new[] { 12, 2, 2 }, new[] { 6, 2, 2 })]   // capped groups give their surplus away
    [InlineData(7, new[] { 0.5, 0.25, 0.25 }, new[] { 12, 2, 2 }, new[] { 3, 2, 2 })]  // 3.5/1.75/1.75: remainders .75 and .75 beat .5
    [InlineData(20, new[] { 0.6, 0.2, 0.2 }, new[] { 12, 2, 2 }, new[] { 12, 2, 2 })]  // never more than the windows
    [InlineData(3, new[] { 0.0, 0.0, 0.0 }, new[] { 12, 2, 2 }, new[] { 1, 1, 1 })]    // no work seen: evenly
    public void Allocate_SumsExactly_RespectsCaps(int total, double[] shares, int[] caps, int[] expected)
    {
        var parts = WindowGroups.Allocate(total, shares, caps);
        Assert.Equal(expected, parts);
        Assert.Equal(Math.Min(total, caps.Sum()), parts.Sum());
        Assert.All(parts.Zip(caps), p => Assert.InRange(p.First, 0, p.Second));
    }

    [Fact]
    public void Split_JihuaDays_AddUpToThePooledRequirement_AndFollowTheRentalPeak()
    {
        // Tax and rental windows carry more of the work in March (rental × 7) than in October: the split must show it.
        var target = new ServiceLevelTarget(0.8, 15);
        double RentalShare(DateOnly date)
        {
            var day = Halls.Jihua with { StartDate = date, Days = 1 };
            var pooled = Requirements.Compute(day, RequirementMethod.Sipp, target);
            var split = WindowGroups.Split(day, pooled, replications: 6);
            for (var i = 0; i < pooled.Intervals.Count; i++)
            {
                Assert.Equal(Math.Min(pooled.Intervals[i].Servers, 16), split.Sum(g => g.Servers[i]));
                Assert.All(split, g => Assert.InRange(g.Servers[i], 0, g.Group.WindowIds.Count));
            }

            var open = Enumerable.Range(0, pooled.Intervals.Count).Where(i => split.Sum(g => g.WorkShare[i]) > 0).ToList();
            return open.Average(i => split[1].WorkShare[i]);
        }

        Assert.True(RentalShare(new DateOnly(2026, 3, 18)) > RentalShare(new DateOnly(2026, 10, 14)));
    }
}
