using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Model;

/// <summary>
/// A scenario validated once and compiled for simulation: its calendar and demand turned into per-day arrival pieces.
/// Immutable and safe to share between threads; every replication of every staffing of the same hall reuses it
/// (<see cref="Scenario.Compile"/> makes one).
/// </summary>
public sealed class CompiledHall
{
    private CompiledHall(Scenario scenario)
    {
        Scenario = scenario;
        Days = DemandCompiler.Compile(scenario);
    }

    /// <summary>The scenario, valid.</summary>
    public Scenario Scenario { get; }

    /// <summary>Per simulated date: sessions, arrival pieces, category probabilities.</summary>
    internal DayPlan[] Days { get; }

    /// <summary>Validates <paramref name="scenario"/> (every problem at once) and compiles it.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>The compiled hall.</returns>
    /// <exception cref="ScenarioValidationException">The scenario has problems; every one is listed.</exception>
    public static CompiledHall Compile(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.EnsureValid();
        return new CompiledHall(scenario);
    }

    /// <summary>
    /// Validates <paramref name="staffing"/> against this hall once and seats it: a roster's people are placed on
    /// windows date by date here, not in every replication.
    /// </summary>
    /// <param name="staffing">Open windows per time of day or per date, or a roster of the scenario's staff.</param>
    /// <returns>The staffing, ready to simulate with <see cref="HallModel.Run(CompiledStaffing, ulong, int, HallRunOptions?)"/>.</returns>
    /// <exception cref="ScenarioValidationException">The staffing has problems (unknown staff or shifts, more people than
    /// windows, bad counts); every one is listed.</exception>
    public CompiledStaffing Compile(StaffingPlan staffing) => Compile(staffing, null);

    /// <summary>The staffing compiled, with the problems of the run options reported in the same list as its own.</summary>
    internal CompiledStaffing Compile(StaffingPlan staffing, HallRunOptions? options)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        var problems = StaffingValidator.Validate(staffing, Scenario, options ?? new HallRunOptions(), out var segments);
        return problems.Count > 0 ? throw new ScenarioValidationException("staffing", problems) : new CompiledStaffing(this, staffing, segments);
    }
}
