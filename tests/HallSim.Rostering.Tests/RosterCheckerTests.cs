using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Rostering.Tests;

public class RosterCheckerTests
{
    [Fact]
    public void Check_OptimisedPeakWeekRoster_KeepsEveryRule()
    {
        var problem = new RosterProblem(Halls.JihuaPeak, Halls.JihuaPeakWeek, 6)
        {
            Absences = [new StaffAbsence("S01", Halls.JihuaPeakWeek), new StaffAbsence("R03", Halls.JihuaPeakWeek.AddDays(2))],
            CarryIn = [new StaffCarryIn("S02", 5, -(24 * 60) + (19.5 * 60), 1)],
        };
        var result = RosterOptimiser.Solve(problem);
        Assert.Empty(RosterChecker.Check(problem, result.Roster));
    }

    [Fact]
    public void Check_FlagsShiftsWhenTheHallIsClosed()
    {
        // Open 09:00–17:00 on weekdays: a Sunday shift and an evening shift after closing are paid time with no window.
        var hall = SmallHalls.Hall(windows: 2, staff: 3, days: 14) with
        {
            Shifts = [new ShiftTemplate("early", SmallHalls.T(9), SmallHalls.T(13)), new ShiftTemplate("evening", SmallHalls.T(17), SmallHalls.T(21))],
        };
        var monday = SmallHalls.Monday;
        var problem = new RosterProblem(hall, monday, 7);
        var roster = new Roster(
        [
            new RosterAssignment(monday, "P1", "early"),
            new RosterAssignment(monday.AddDays(6), "P2", "early"),
            new RosterAssignment(monday.AddDays(1), "P3", "evening"),
        ]);
        var issues = RosterChecker.Check(problem, roster);
        Assert.Equal(2, issues.Count(i => i.Rule == RosterRule.HallClosed));
        Assert.Contains(issues, i => i.Rule == RosterRule.HallClosed && i.Date == monday.AddDays(6) && i.Message.Contains("when the hall is closed"));
        Assert.Contains(issues, i => i.Rule == RosterRule.HallClosed && i.Date == monday.AddDays(1) && i.Message.Contains("wholly outside the hall's hours (09:00–17:00)"));
        Assert.DoesNotContain(issues, i => i.Date == monday);
    }

    [Fact]
    public void Check_ABadRoster_NamesEachBrokenRule()
    {
        var hall = SmallHalls.Hall(windows: 2, staff: 3, days: 14) with
        {
            Shifts =
            [
                new ShiftTemplate("early", SmallHalls.T(9), SmallHalls.T(13)),
                new ShiftTemplate("late", SmallHalls.T(13), SmallHalls.T(17)),
                new ShiftTemplate("long", SmallHalls.T(6), SmallHalls.T(23)),
            ],
        };
        var monday = SmallHalls.Monday;
        var problem = new RosterProblem(hall, monday, 7)
        {
            Absences = [new StaffAbsence("P3", monday.AddDays(4))],
            Rules = new RosterRules { MaxConsecutiveDays = 4, ForbiddenTransitions = [new ForbiddenTransition("late", "early")] },
        };
        var roster = new Roster(
        [
            // P1: long shifts Monday–Friday: rest (7 h), consecutive days (5 > 4), days off (5 ≤ 5 ok), hours (85 > 40).
            .. Enumerable.Range(0, 5).Select(d => new RosterAssignment(monday.AddDays(d), "P1", "long")),
            // P2: late then early: a forbidden transition; and two shifts on Wednesday.
            new RosterAssignment(monday, "P2", "late"),
            new RosterAssignment(monday.AddDays(1), "P2", "early"),
            new RosterAssignment(monday.AddDays(2), "P2", "early"),
            new RosterAssignment(monday.AddDays(2), "P2", "late"),
            // P3 works on a day of absence, and with P1 and P2 makes 3 at windows at once on Tuesday morning.
            new RosterAssignment(monday.AddDays(4), "P3", "early"),
            new RosterAssignment(monday.AddDays(1), "P3", "early"),
        ]);
        var rules = RosterChecker.Check(problem, roster).Select(i => i.Rule).ToHashSet();
        Assert.Superset(new HashSet<RosterRule> { RosterRule.Rest, RosterRule.ConsecutiveDays, RosterRule.ContractHours, RosterRule.ForbiddenTransition, RosterRule.OneShiftADay, RosterRule.Absence, RosterRule.WindowCap }, rules);
        Assert.DoesNotContain(RosterRule.DaysOff, rules); // five days in the week is allowed with two days off
    }

    [Fact]
    public void ABreakInsideAnInterval_CountsAsTheOptimiserCountsIt_WorkingAtLeastHalfOfIt()
    {
        // 2 windows; two people 09–13 and one 09–17 with a break 12:15–12:45. On 30-minute intervals the third person
        // works 15 of 30 minutes of 12:00–12:30 and of 12:30–13:00: at least half, so both intervals have 3 people for
        // 2 windows (a midpoint rule would see the break at 12:15 and miss the first).
        var split = new ShiftTemplate("split", SmallHalls.T(9), SmallHalls.T(17)) { Breaks = [new StaffBreak(SmallHalls.T(12, 15), SmallHalls.T(12, 45))] };
        var hall = SmallHalls.Hall(windows: 2, staff: 3) with { Shifts = [.. SmallHalls.Hall().Shifts, split] };
        var problem = new RosterProblem(hall, SmallHalls.Monday, 1);
        var roster = new Roster([
            new RosterAssignment(SmallHalls.Monday, "P1", "early"),
            new RosterAssignment(SmallHalls.Monday, "P2", "early"),
            new RosterAssignment(SmallHalls.Monday, "P3", "split"),
        ]);

        var capped = RosterChecker.Check(problem, roster).Where(i => i.Rule == RosterRule.WindowCap).Select(i => i.Time!.Value).ToArray();
        Assert.Equal([SmallHalls.T(9), SmallHalls.T(9, 30), SmallHalls.T(10), SmallHalls.T(10, 30), SmallHalls.T(11), SmallHalls.T(11, 30), SmallHalls.T(12), SmallHalls.T(12, 30)], capped);

        // The optimiser's own count of people at work per interval says the same.
        var c = CompiledProblem.Compile(problem);
        var split3 = c.Shifts.Single(x => x.Template.Id == "split");
        Assert.True(split3.Covers[24] && split3.Covers[25]); // 12:00 and 12:30
        Assert.False(split3.Covers[34]); // 17:00
    }
}

