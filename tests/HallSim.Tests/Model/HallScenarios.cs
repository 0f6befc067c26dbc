using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Tests.Model;

/// <summary>Small scenarios for tests.</summary>
public static class HallScenarios
{
    public static readonly Session AllDay = new(TimeOnly.MinValue, new TimeOnly(23, 59));

    /// <summary>One category, exponential service, a constant arrival rate around the clock, c comprehensive windows: M/M/c.</summary>
    public static Scenario Mmc(int c, double lambdaPerMinute, double meanService, int days) => new(
        "M/M/c",
        new DateOnly(2026, 3, 2),
        days,
        [new ServiceCategory("all", 1, new ExponentialDistribution(meanService))],
        new Demand(lambdaPerMinute * 1439)
        {
            HourWeights = Enumerable.Repeat(1.0, 24).ToArray(),
            WeekdayFactors = [1, 1, 1, 1, 1, 1, 1],
        },
        Enumerable.Range(1, c).Select(i => new Window($"W{i:00}", ["*"])).ToArray())
    {
        Calendar = new HallCalendar
        {
            WeekdayHours = [AllDay],
            SaturdayHours = [AllDay],
            SundayHours = [AllDay],
            TicketCutoffMinutes = 0,
        },
        Behaviour = new CitizenBehaviour { AbsentWhenCalled = new AbsentWhenCalled(1, 0) },
    };

    public static StaffingPlan AllDayWindows(int c) => StaffingPlan.Constant(c, TimeOnly.MinValue, new TimeOnly(23, 59));

    /// <summary>A weekday hall (09:00–12:00, 14:00–18:00) with two categories and dedicated plus comprehensive windows.</summary>
    public static Scenario SmallHall(double arrivalsPerDay = 300, int days = 5) => new(
        "small hall",
        new DateOnly(2026, 3, 2), // a Monday
        days,
        [
            new ServiceCategory("rental", 0.6, new LogNormalDistribution(8, 9.6)),
            new ServiceCategory("tax", 0.4, GammaDistribution.FromMeanSd(6, 4)),
        ],
        new Demand(arrivalsPerDay),
        [
            new Window("W01", ["rental"]),
            new Window("W02", ["rental"]),
            new Window("W03", ["tax"]),
            new Window("W04", ["*"]),
        ]);

    public static StaffingPlan Weekday(int windows) => new()
    {
        Daily =
        [
            new OpenWindows(new TimeOnly(9, 0), new TimeOnly(12, 0), windows),
            new OpenWindows(new TimeOnly(14, 0), new TimeOnly(18, 0), windows),
        ],
    };
}
