using HallSim.Model;
using HallSim.Queueing;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;
using HallSim.Tests.Model;

namespace HallSim.Tests.Staffing;

public class RequirementsTests
{
    private static readonly ServiceLevelTarget Target = new(0.8, 15);

    /// <summary>One category, exponential service of 10 minutes, open 09:00–17:00 without cut-off; 1 citizen a minute
    /// from 09:00 to 13:00, then 3 a minute (a step at 13:00).</summary>
    private static Scenario Step(double meanService = 10)
    {
        var weights = new double[24];
        for (var h = 9; h < 13; h++)
        {
            weights[h] = 1;
        }

        for (var h = 13; h < 17; h++)
        {
            weights[h] = 3;
        }

        return new Scenario(
            "step",
            new DateOnly(2026, 3, 4), // a Wednesday
            1,
            [new ServiceCategory("all", 1, new ExponentialDistribution(meanService))],
            new Demand(4 * 60 + (4 * 60 * 3)) { HourWeights = weights, WeekdayFactors = [1, 1, 1, 1, 1, 1, 1] },
            Enumerable.Range(1, 60).Select(i => new HallSim.Scenarios.Window($"W{i:00}", ["*"])).ToArray())
        {
            Calendar = new HallCalendar { WeekdayHours = [new Session(new TimeOnly(9, 0), new TimeOnly(17, 0))], TicketCutoffMinutes = 0 },
        };
    }

    private static IntervalRequirement At(StaffingRequirements r, int hour, int minute = 0) =>
        r.Intervals.Single(i => Math.Abs(i.Start - ((hour * 60) + minute)) < 1e-9);

    [Fact]
    public void Sipp_OnAConstantRate_IsErlangCStaffing()
    {
        var r = Requirements.Compute(Step(), RequirementMethod.Sipp, Target);

        Assert.Equal(1.0, At(r, 10).ArrivalRate, 9);
        Assert.Equal(3.0, At(r, 14).ArrivalRate, 9);
        Assert.Equal(MinimumStaffing.ErlangC(1, 10, Target, 60).Servers, At(r, 10).Servers);
        Assert.Equal(MinimumStaffing.ErlangC(3, 10, Target, 60).Servers, At(r, 14).Servers);
        Assert.Equal(0, At(r, 8).Servers);
        Assert.Equal(0, At(r, 17).Servers);
    }

    [Fact]
    public void LagSipp_UsesTheRateOneMeanServiceEarlier()
    {
        var r = Requirements.Compute(Step(), RequirementMethod.LagSipp, Target);

        // Interval 13:00–13:30 with a 10-minute lag reads 12:50–13:20: 10 minutes at 1, 20 minutes at 3.
        Assert.Equal(((10 * 1.0) + (20 * 3.0)) / 30, At(r, 13).ArrivalRate, 9);
        // Interval 17:00–17:30 reads 16:50–17:20: 10 minutes at 3, then closed.
        Assert.Equal(10 * 3.0 / 30, At(r, 17).ArrivalRate, 9);
        Assert.True(At(r, 17).Servers > 0, "lag-SIPP staffs the half hour after closing, when the last arrivals are still served");
    }

    [Fact]
    public void ModifiedOfferedLoad_FollowsTheInfiniteServerOfferedLoad()
    {
        // M/M/∞ after a step from λ1 = 1 to λ2 = 3 at t0 (exponential service S = 10): m(t) = λ2·S + (λ1 − λ2)·S·e^(−(t − t0)/S).
        // The method samples 4,000 service times: a Monte Carlo error of about 1.6%; tolerance 5%.
        var r = Requirements.Compute(Step(), RequirementMethod.ModifiedOfferedLoad, Target);
        double Exact(double t) => t < 13 * 60 ? 10 * (1 - Math.Exp(-(t - 540) / 10.0)) : 30 + ((10 - 30) * Math.Exp(-(t - 780) / 10.0));
        foreach (var (h, m) in new[] { (11, 0), (13, 0), (13, 30), (15, 0) })
        {
            var interval = At(r, h, m);
            var exact = Enumerable.Range(0, 600).Select(k => Exact(interval.Start + ((k + 0.5) * 30 / 600))).Average();
            Assert.True(Math.Abs(interval.OfferedLoad - exact) < 0.05 * exact, $"{h}:{m:00}: MOL {interval.OfferedLoad:0.00} vs exact {exact:0.00}");
        }
    }

    [Fact]
    public void UnachievableIntervals_AreFlagged_NotSilentlyCapped()
    {
        var r = Requirements.Compute(Step(), RequirementMethod.Sipp, Target, maxServers: 25); // 3 a minute × 10 min = 30 erlangs

        Assert.False(At(r, 14).Achievable);
        Assert.Equal(25, At(r, 14).Servers);
        Assert.False(At(r, 14).Predicted.IsStable);
        Assert.True(At(r, 10).Achievable);
    }

    [Fact]
    public void Requirements_RoundTripIntoTheSimulation()
    {
        var s = Step();
        var r = Requirements.Compute(s, RequirementMethod.Sipp, Target, intervalMinutes: 60);
        var run = HallModel.Run(s, r.ToStaffingPlan(s), seed: 1, options: new HallRunOptions { IntervalMinutes = 60, KeepTickets = false });

        for (var h = 9; h < 17; h++)
        {
            Assert.Equal(At(r, h).Servers, run.Intervals[h].MeanOpenWindows, 9);
        }

        Assert.Equal(r.Intervals.Sum(i => i.Servers), r.StaffHours, 9);
    }

    [Fact]
    public void JihuaPeakDay_AllThreeMethods_GiveRequirements()
    {
        var day = Halls.Jihua with { StartDate = new DateOnly(2026, 3, 18), Days = 1 };
        var sipp = Requirements.Compute(day, RequirementMethod.Sipp, Target);
        var mol = Requirements.Compute(day, RequirementMethod.ModifiedOfferedLoad, Target);

        Assert.Contains(sipp.Intervals, i => i.Servers > 0);
        Assert.True(mol.MeanService > 8 && mol.MeanService < 11, $"mean service of the ticket mix {mol.MeanService:0.0}");
        // The morning peak needs more than the hall's 16 windows at 80% within 15 minutes: flagged.
        Assert.Contains(sipp.Intervals, i => !i.Achievable && i.Servers == 16);
    }

    [Fact]
    public void IsaOnTheHall_ReducedToMmc_FindsErlangCsStaffing()
    {
        // a = 4 erlangs around the clock; P(wait) ≤ 0.2 needs 7 windows by Erlang C (C(6, 4) = 0.285, C(7, 4) = 0.135).
        // ISA's fixed point satisfies P(N ≥ s) ≤ α for the system staffed with s: the same 7 in steady intervals.
        var s = HallScenarios.Mmc(12, 0.4, 10, days: 2);
        var isa = Requirements.ComputeIsa(s, new WaitProbabilityTarget(0.2), intervalMinutes: 60, replications: 200);

        Assert.Equal(RequirementMethod.Isa, isa.Method);
        Assert.Equal(7, MinimumStaffing.ErlangC(0.4, 10, new WaitProbabilityTarget(0.2), 12).Servers);
        var steady = isa.Intervals.Skip(30).Take(12).Select(i => i.Servers).ToList(); // day 2, 06:00–18:00
        Assert.All(steady, x => Assert.InRange(x, 6, 8));
        Assert.InRange(steady.Average(), 6.5, 7.5);
    }

    [Fact]
    public void IsaOnJihuaPeakDay_FlagsTheMorning_AndStaffsTheBacklogAfterTicketHours()
    {
        var day = Halls.Jihua with { StartDate = new DateOnly(2026, 3, 18), Days = 1 };
        var isa = Requirements.ComputeIsa(day, Target, replications: 50);

        Assert.Contains(isa.Intervals, i => !i.Achievable && i.Servers == 16);
        // Citizens still waiting after the 11:30 cut-off need windows at 12:00–12:30 although nobody arrives then.
        Assert.True(At(isa, 12).Servers > 0, "ISA staffs the backlog after the morning cut-off");
        Assert.Equal(0, Requirements.Compute(day, RequirementMethod.Sipp, Target).Intervals.Single(i => i.Start == 12 * 60).Servers);
    }

    [Fact]
    public void Predict_IsTheReverseOfCompute_AndJudgesAGivenPlan()
    {
        var s = Step();
        var required = Requirements.Compute(s, RequirementMethod.Sipp, Target);
        var windows = required.Intervals.Select(i => i.Servers).ToArray();

        var same = Requirements.Predict(s, windows, Target);
        Assert.Equal(required.Intervals.Select(i => i.Predicted), same.Intervals.Select(i => i.Predicted));
        Assert.All(same.Intervals, i => Assert.True(i.Achievable));

        var oneLess = Requirements.Predict(s, windows.Select(w => Math.Max(0, w - 1)).ToArray(), Target);
        Assert.All(oneLess.Intervals.Where(i => i.ArrivalRate > 0), i => Assert.False(i.Achievable, $"{i.Start}: one window fewer still meets the target"));
        Assert.Throws<ArgumentException>(() => Requirements.Predict(s, [1, 2, 3], Target));
    }
}
