using HallSim.Staffing;

namespace HallSim.Model;

/// <summary>A staffing validated against a <see cref="CompiledHall"/> and seated on its windows. Immutable.</summary>
public sealed class CompiledStaffing
{
    internal CompiledStaffing(CompiledHall hall, StaffingPlan staffing, List<WorkSegment> segments)
    {
        Hall = hall;
        Staffing = staffing;
        Segments = segments;
        StaffHours = RosterEvaluator.StaffHours(hall.Scenario, staffing);
    }

    /// <summary>The hall.</summary>
    public CompiledHall Hall { get; }

    /// <summary>The staffing as given.</summary>
    public StaffingPlan Staffing { get; }

    /// <summary>Paid working hours of the roster (shift working minutes ÷ 60), or window-hours of open-window counts.</summary>
    public double StaffHours { get; }

    /// <summary>Where each person works when (empty for open-window counts).</summary>
    internal List<WorkSegment> Segments { get; }
}
