using HallSim.Queueing;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Rostering;

/// <summary>
/// A rostering problem: who of the scenario's staff works which of its shift templates on which date of the horizon.
/// The hall (windows, skills, demand, opening hours) comes from <see cref="Scenario"/>; the staff and shift templates
/// from its <see cref="Scenario.Staff"/> and <see cref="Scenario.Shifts"/>. Instances are immutable and thread-safe.
/// </summary>
/// <param name="Scenario">The hall; its dates must include the horizon.</param>
/// <param name="From">First date of the horizon.</param>
/// <param name="Days">Dates in the horizon, 1 … 366 (default 7: a week).</param>
public sealed record RosterProblem(Scenario Scenario, DateOnly From, int Days = 7)
{
    /// <summary>What to optimise (default: least waiting within the staff's contract hours).</summary>
    public RosterObjective Objective { get; init; } = new MinimiseWaiting();

    /// <summary>Working-time rules (default: <see cref="RosterRules"/>' defaults).</summary>
    public RosterRules Rules { get; init; } = new();

    /// <summary>Interval length, minutes, dividing 1440 (default 30).</summary>
    public double IntervalMinutes { get; init; } = 30;

    /// <summary>Shift templates that may be used (ids); null: all of the scenario's (default).</summary>
    public IReadOnlyList<string>? ShiftIds { get; init; }

    /// <summary>Dates staff cannot work (default none).</summary>
    public IReadOnlyList<StaffAbsence> Absences { get; init; } = [];

    /// <summary>Staff wishes (default none).</summary>
    public IReadOnlyList<ShiftPreference> Preferences { get; init; } = [];

    /// <summary>State carried in from the roster before the horizon (default: everyone rested, nothing owed).</summary>
    public IReadOnlyList<StaffCarryIn> CarryIn { get; init; } = [];

    /// <summary>Demand variants to be robust against (default: the forecast alone). Each scales every arrival rate.</summary>
    public IReadOnlyList<DemandVariant> DemandVariants { get; init; } = [new DemandVariant("forecast", 1, 1)];

    /// <summary>With several demand variants: minimise the weighted expected waiting or the worst variant's (default expected).</summary>
    public Robustness Robustness { get; init; } = Robustness.Expected;

    /// <summary>Assignments that must stay (same-day re-planning: shifts already being worked); default none.</summary>
    public IReadOnlyList<RosterAssignment> Fixed { get; init; } = [];

    /// <summary>
    /// Re-planning from this moment (a date of the horizon and a time of day): new shifts must start at or after it,
    /// waiting before it is history and not optimised; null: plan the whole horizon (default).
    /// </summary>
    public DateTime? NotBefore { get; init; }

    /// <summary>Citizens already waiting at <see cref="NotBefore"/>; they are added to the first interval's demand (default 0).</summary>
    public int AlreadyWaiting { get; init; }

    /// <summary>Citizen-minutes of waiting per objective unit when the waiting curves are scaled to integers for CP-SAT (default 0.1).</summary>
    public double WaitingResolution { get; init; } = 0.1;

    /// <summary>The last date of the horizon.</summary>
    public DateOnly To => From.AddDays(Days - 1);
}

/// <summary>A demand variant for robust rostering.</summary>
/// <param name="Name">For reports, for example "forecast +20%".</param>
/// <param name="Factor">Multiplies every arrival rate (&gt; 0).</param>
/// <param name="Weight">Probability weight in the expected objective (&gt; 0; normalised over the variants).</param>
public sealed record DemandVariant(string Name, double Factor, double Weight);

/// <summary>How several demand variants are combined.</summary>
public enum Robustness
{
    /// <summary>Minimise the weighted mean of the variants' waiting.</summary>
    Expected,

    /// <summary>Minimise the largest of the variants' waiting.</summary>
    WorstCase,
}

/// <summary>What the roster optimises.</summary>
public abstract record RosterObjective;

/// <summary>
/// Least expected total waiting of citizens (citizen-minutes, from the waiting curves per interval) within a staff
/// budget. Staff-hours carry a small cost so that no one is rostered for nothing.
/// </summary>
public sealed record MinimiseWaiting : RosterObjective
{
    /// <summary>Most staff-hours (paid working hours) in the horizon; null: the staff's contract hours (default).</summary>
    public double? StaffHourBudget { get; init; }

    /// <summary>Most people at work on any one date; null: no limit (default).</summary>
    public int? MaxStaffPerDay { get; init; }

    /// <summary>Cost of one staff-hour in citizen-minutes of waiting, to break ties (default 1).</summary>
    public double StaffHourCost { get; init; } = 1;

    /// <summary>
    /// Cost of one citizen turned away — who left without a ticket, or whose ticket was called after they had left —
    /// in citizen-minutes of waiting (default 60 [A]: the citizen comes back another day, a second trip and a second
    /// queue). Without it a roster that sends people home would look better, as the mean wait counts only tickets
    /// issued. Charged by the cutting-plane loop's oracle (the simulation counts both; the exact queue counts those
    /// who leave, its queue-minutes ÷ the mean patience), not by the first round's curves.
    /// </summary>
    public double TurnedAwayCost { get; init; } = 60;

    /// <summary>
    /// Extra weight on each citizen-minute waited beyond <see cref="TailMinutes"/> (default 1: a minute beyond the
    /// threshold counts twice, so the loop does not buy a shorter mean with longer long waits; 0: every minute counts
    /// once). Charged by the simulation oracle of the cutting-plane loop only.
    /// </summary>
    public double TailWeight { get; init; } = 1;

    /// <summary>The wait beyond which <see cref="TailWeight"/> applies, minutes (default 30).</summary>
    public double TailMinutes { get; init; } = 30;
}

/// <summary>
/// Least staff-hours such that every interval meets <see cref="Target"/> (windows required per interval by
/// <see cref="Method"/>). Intervals that cannot be met by the staff available are reported, not silently dropped.
/// </summary>
/// <param name="Target">The service target per interval.</param>
public sealed record MinimiseStaffHours(StaffingTarget Target) : RosterObjective
{
    /// <summary>How windows required per interval are computed (default SIPP; ISA is not offered here: run
    /// <see cref="Requirements.ComputeIsa"/> and pass <see cref="Requirements"/>).</summary>
    public RequirementMethod Method { get; init; } = RequirementMethod.Sipp;

    /// <summary>Precomputed requirements over the scenario (their grid must match the problem's intervals); null: compute them (default).</summary>
    public StaffingRequirements? Requirements { get; init; }

    /// <summary>Penalty per window-interval of unmet requirement, staff-hours (default 100: any feasible cover is preferred).</summary>
    public double ShortfallPenalty { get; init; } = 100;
}
