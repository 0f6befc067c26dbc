using HallSim.Model;
using HallSim.Scenarios;
using HallSim.Staffing;
using HallSim.Tests.Model;

namespace HallSim.Tests.Staffing;

/// <summary>Flexible breaks: a break window in the shift template, the break time in the roster.</summary>
public class FlexibleBreakTests
{
    private static TimeOnly T(int h, int m = 0) => new(h, m);

    private static readonly ShiftTemplate Late = new("late", T(12), T(19, 30)) { Breaks = [new StaffBreak(T(14, 30), T(15)) { LatestStart = T(16, 30) }] };

    [Fact]
    public void BreaksAt_MovesTheBreak_AndKeepsItsLength()
    {
        Assert.True(Late.HasFlexibleBreaks);
        Assert.Equal(420, Late.WorkingMinutes, 9);
        var moved = Assert.Single(Late.BreaksAt([T(16)]));
        Assert.Equal((T(16), T(16, 30)), (moved.Start, moved.End));
        var own = Assert.Single(Late.BreaksAt(null));
        Assert.Equal((T(14, 30), T(15)), (own.Start, own.End));
        Assert.Null(Late.BreakStartProblem([T(16, 30)]));
    }

    [Theory]
    [InlineData(14, 0, "outside its window 14:30–16:30")]
    [InlineData(16, 45, "outside its window 14:30–16:30")]
    public void BreakStartProblem_NamesTheWindow(int h, int m, string expected)
    {
        Assert.Contains(expected, Late.BreakStartProblem([T(h, m)]));
        Assert.Throws<ArgumentException>(() => Late.BreaksAt([T(h, m)]));
    }

    [Fact]
    public void BreakStartProblem_RefusesAFixedBreakMoved_AndAWrongCount()
    {
        var day = new ShiftTemplate("day", T(9), T(18)) { Breaks = [new StaffBreak(T(12), T(14))] };
        Assert.Contains("is fixed at 12:00", day.BreakStartProblem([T(13)]));
        Assert.Contains("1 break(s)", day.BreakStartProblem([T(12), T(15)]));
        Assert.Null(day.BreakStartProblem([T(12)]));
    }

    [Fact]
    public void TheSimulation_ClosesTheWindowWhenThePersonBreaks()
    {
        // Two people on the late shift in a hall open 12:00–19:30: one breaks at 14:30, the other at 16:00. Each half
        // hour loses exactly the window of the person on a break; with both at 14:30 that half hour has no window.
        var s = HallScenarios.SmallHall(arrivalsPerDay: 100, days: 1) with
        {
            Calendar = new HallCalendar { WeekdayHours = [new Session(T(12), T(19, 30))] },
            Staff = [new StaffMember("A", "A", [Window.AnyCategory]), new StaffMember("B", "B", [Window.AnyCategory])],
            Shifts = [Late],
        };
        var options = new HallRunOptions { IntervalMinutes = 30 };
        var staggered = HallModel.Run(s, new StaffingPlan { Roster = new Roster([
            new RosterAssignment(s.StartDate, "A", "late"),
            new RosterAssignment(s.StartDate, "B", "late") { BreakStarts = [T(16)] },
        ]) }, 1, 0, options);
        var together = HallModel.Run(s, new StaffingPlan { Roster = new Roster([
            new RosterAssignment(s.StartDate, "A", "late") { BreakStarts = [T(14, 30)] },
            new RosterAssignment(s.StartDate, "B", "late"),
        ]) }, 1, 0, options);

        double Open(HallRunResult r, int h, int m) => r.Intervals[(h * 2) + (m / 30)].MeanOpenWindows;
        Assert.Equal(1, Open(staggered, 14, 30), 9);
        Assert.Equal(1, Open(staggered, 16, 0), 9);
        Assert.Equal(2, Open(staggered, 15, 0), 9);
        Assert.Equal(0, Open(together, 14, 30), 9);
        Assert.Equal(2, Open(together, 16, 0), 9);
    }

    [Fact]
    public void ABreakStartOutsideItsWindow_IsAValidationProblemNamingTheAssignment()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 100, days: 1) with
        {
            Staff = [new StaffMember("A", "A", [Window.AnyCategory])],
            Shifts = [Late],
        };
        var roster = new Roster([new RosterAssignment(s.StartDate, "A", "late") { BreakStarts = [T(18)] }]);
        var ex = Assert.Throws<ScenarioValidationException>(() => HallModel.Run(s, new StaffingPlan { Roster = roster }, 1));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal("roster.assignments[0].breakStarts", problem.Path);
        Assert.Contains("18:00, outside its window 14:30–16:30", problem.Message);
    }

    [Fact]
    public void TheValidator_RefusesABreakWindowThatLeavesTheShift_OrOverlapsTheNextBreak()
    {
        var s = HallScenarios.SmallHall(days: 1) with
        {
            Staff = [new StaffMember("A", "A", [Window.AnyCategory])],
            Shifts =
            [
                new ShiftTemplate("x", T(12), T(19, 30)) { Breaks = [new StaffBreak(T(14, 30), T(15)) { LatestStart = T(19, 15) }] },
                new ShiftTemplate("y", T(9), T(18)) { Breaks = [new StaffBreak(T(11), T(12)) { LatestStart = T(13) }, new StaffBreak(T(13, 30), T(14))] },
            ],
        };
        var problems = s.Validate();
        Assert.Contains(problems, p => p.Path == "shifts[0].breaks[0].latestStart" && p.Message.Contains("ending by 19:30"));
        Assert.Contains(problems, p => p.Path == "shifts[1].breaks[1]" && p.Message.Contains("may overlap break 0"));
    }

    [Fact]
    public void ShiftText_AndRosterChanges_ShowTheBreakTime()
    {
        var d = new DateOnly(2026, 3, 23);
        var a = new RosterAssignment(d, "A", "late") { BreakStarts = [T(15, 30)] };
        Assert.Equal("late 15:30", a.ShiftText);
        var same = a with { BreakStarts = [T(15, 30)] }; // another list, the same times
        Assert.Equal(a, same);
        Assert.Equal(a.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(a, a with { BreakStarts = [T(16)] });
        Assert.NotEqual(a, a with { BreakStarts = null });
        var change = Assert.Single(RosterChange.Between(new Roster([a with { BreakStarts = null }]), new Roster([a])));
        Assert.Equal(("late", "late 15:30"), (change.Before, change.After));

        // Against the templates, a break at the template's own time (14:30) is no change; 15:30 still is.
        Assert.Empty(RosterChange.Between(new Roster([a with { BreakStarts = null }]), new Roster([a with { BreakStarts = [T(14, 30)] }]), [Late]));
        Assert.Single(RosterChange.Between(new Roster([a with { BreakStarts = null }]), new Roster([a]), [Late]));
    }
}

/// <summary>Overtime: window-minutes worked after a window's time ended, which a roster's staff-hours do not pay.</summary>
public class StaffOvertimeTests
{
    private static TimeOnly T(int h, int m = 0) => new(h, m);

    [Fact]
    public void Overtime_IsTheServiceRunOnPastEachWindowsEnd_AsTheTicketsShow()
    {
        // Open 09:00–17:00 (cut-off 16:30), far more demand than two windows serve. A works 09:00–17:00 and serves the
        // queue left at closing; B works 09:00–13:00 and finishes the service in progress at 13:00 only.
        var s = HallScenarios.SmallHall(arrivalsPerDay: 400, days: 1) with
        {
            Calendar = new HallCalendar { WeekdayHours = [new Session(T(9), T(17))] },
            Windows = [new Window("W1", [Window.AnyCategory]), new Window("W2", [Window.AnyCategory])],
            Staff = [new StaffMember("A", "A", [Window.AnyCategory]), new StaffMember("B", "B", [Window.AnyCategory])],
            Shifts = [new ShiftTemplate("day", T(9), T(17)), new ShiftTemplate("morning", T(9), T(13))],
        };
        var roster = new Roster([
            new RosterAssignment(s.StartDate, "A", "day") { WindowId = "W1" },
            new RosterAssignment(s.StartDate, "B", "morning") { WindowId = "W2" },
        ]);
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var r = HallModel.Run(s, new StaffingPlan { Roster = roster }, seed, 0, new HallRunOptions { KeepTickets = true });
            var served = r.Tickets!.Where(t => t.ServiceEnd is not null).ToList();
            var afterClose = served.Where(t => t.WindowId == "W1").Max(t => t.ServiceEnd!.Value) - (17 * 60);
            var pastMorning = served.Where(t => t.WindowId == "W2" && t.ServiceStart < 13 * 60 && t.ServiceEnd > 13 * 60).Sum(t => t.ServiceEnd!.Value - (13 * 60));
            Assert.True(afterClose > 30, $"seed {seed}: the queue at closing should take a while ({afterClose:0.0} min)");
            Assert.Equal(afterClose + pastMorning, r.Days[0].StaffOvertimeMinutes, 6);

            var e = RosterEvaluator.Evaluate(s, new StaffingPlan { Roster = roster }, seed, 3);
            Assert.True(e.OvertimeHours.Mean > 0.5);
            Assert.Equal(e.StaffHours + e.OvertimeHours.Mean, e.StaffHoursWithOvertime, 9);
        }
    }

    [Fact]
    public void TurnedAway_CountsBalkersAndThoseGoneWhenCalled()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 600, days: 1) with
        {
            Behaviour = new CitizenBehaviour { Patience = new HallSim.Randomness.ExponentialDistribution(20), Balking = new Balking(5, 20) },
        };
        var e = RosterEvaluator.Evaluate(s, HallScenarios.Weekday(2), 5, 4);
        var runs = Enumerable.Range(0, 4).Select(rep => HallModel.Run(s, HallScenarios.Weekday(2), 5, rep, new HallRunOptions { KeepTickets = true })).ToList();
        var expected = runs.Select(r => (double)r.Tickets!.Count(t => t.Outcome is TicketOutcome.Balked or TicketOutcome.NoShow)).ToList();
        Assert.All(expected, x => Assert.True(x > 0));
        Assert.Equal(expected, e.TurnedAwayByReplication);
        Assert.Equal(expected.Average(), e.TurnedAway.Mean, 9);
    }
}
