using HallSim.Queueing;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Planning;

/// <summary>
/// What to plan: a hall, a horizon, the usual method's service target, the staff-hours to spend, and optionally the
/// manager's own roster to evaluate against the recommended one. Immutable.
/// </summary>
/// <param name="Scenario">The hall, with its staff and shift templates.</param>
public sealed record PlanRequest(Scenario Scenario)
{
    /// <summary>First date of the horizon; null (default): the first date of <see cref="CurrentRoster"/> when one is
    /// given, else the busiest Monday-to-Sunday week of the scenario (<see cref="RosterPlanner.BusiestWeek"/>).</summary>
    public DateOnly? From { get; init; }

    /// <summary>Dates in the horizon, 1 … 366; null (default): the span of <see cref="CurrentRoster"/> when one is given
    /// and <see cref="From"/> is not, else 7.</summary>
    public int? Days { get; init; }

    /// <summary>The usual method's target per interval, and the wait target of the KPIs' "called within"
    /// (default 80% of tickets called within 15 minutes).</summary>
    public ServiceLevelTarget Target { get; init; } = new(0.8, 15);

    /// <summary>Staff-hours the recommended roster may use; null (default): as many as the current roster uses when one
    /// is given, else as many as the usual method's roster (a comparison at equal staff-hours).</summary>
    public double? StaffHourBudget { get; init; }

    /// <summary>Replications per simulated roster, in the loop and in the validation, at least 2 (default 20).</summary>
    public int Replications { get; init; } = 20;

    /// <summary>Seed of the optimisation loop's simulations; the validation uses <c>Seed + 1,000,003</c> (fresh
    /// citizens, the same for every roster compared: common random numbers). Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The optimisation loop's other settings (rounds, trust radius, neighbour search, oracle, CP-SAT); null
    /// (default): the defaults of <see cref="HallSim.Rostering.SimulationOptimisationOptions"/>. Its replications, seed
    /// and wait target are always this request's <see cref="Replications"/>, <see cref="Seed"/> and
    /// <see cref="Target"/>.</summary>
    public HallSim.Rostering.SimulationOptimisationOptions? Loop { get; init; }

    /// <summary>The manager's own roster, evaluated beside the recommended and the usual one; null (default): none.</summary>
    public Roster? CurrentRoster { get; init; }
}
