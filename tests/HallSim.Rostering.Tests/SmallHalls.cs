using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Rostering.Tests;

/// <summary>Small halls whose rostering problems brute force can solve.</summary>
internal static class SmallHalls
{
    internal static readonly DateOnly Monday = new(2026, 3, 2);

    internal static TimeOnly T(int h, int m = 0) => new(h, m);

    /// <summary>A hall open 09:00–17:00 on weekdays with <paramref name="windows"/> comprehensive windows, one category
    /// and <paramref name="staff"/> comprehensive staff; shifts early, late and full day (lunch break 12–13).</summary>
    internal static Scenario Hall(int windows = 2, int staff = 3, double arrivalsPerDay = 80, int days = 14) =>
        new Scenario(
            "small hall",
            Monday,
            days,
            [new ServiceCategory("any", 1, new ExponentialDistribution(8))],
            new Demand(arrivalsPerDay),
            Enumerable.Range(1, windows).Select(i => new Window($"W{i}", [Window.AnyCategory])).ToArray())
        {
            Calendar = new HallCalendar { WeekdayHours = [new Session(T(9), T(17))] },
            Behaviour = new CitizenBehaviour { Patience = new ExponentialDistribution(60) },
            Staff = Enumerable.Range(1, staff).Select(i => new StaffMember($"P{i}", $"Person {i}", [Window.AnyCategory])).ToArray(),
            Shifts =
            [
                new ShiftTemplate("early", T(9), T(13)),
                new ShiftTemplate("late", T(13), T(17)),
                new ShiftTemplate("full", T(9), T(17)) { Breaks = [new StaffBreak(T(12), T(13))] },
            ],
        };
}
