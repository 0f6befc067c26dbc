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
        var change = Assert.Single(RosterChange.Between(new Roster([a with { BreakStarts = null }]), new Roster([a])));
        Assert.Equal(("late", "late 15:30"), (change.Before, change.After));
    }
}
