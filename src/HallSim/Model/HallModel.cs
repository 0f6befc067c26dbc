using HallSim.Kernel;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Model;

/// <summary>
/// Simulates a service hall: citizens arrive (a non-homogeneous Poisson process, exact for the piecewise-constant
/// hourly rates of <see cref="Demand"/>), some use self-service machines, the rest take a number; windows open and
/// close as the staffing says and call the next ticket by the scenario's routing rule.
/// </summary>
/// <remarks>
/// <para>Every random attribute of a citizen (category, service time, priority class, patience, machine choice and
/// failure, balking draw) is drawn at arrival from its own named stream, so two runs with the same seed and
/// replication but different staffing see the same citizens (common random numbers).</para>
/// <para>A citizen whose patience runs out leaves, but the ticket stays in the queue: when called, the number is
/// recalled <see cref="AbsentWhenCalled.Calls"/> times, the window loses that time, and the ticket ends as NO_SHOW —
/// what a real queue log shows. Tickets issued before a session's cut-off are all served by the windows staffed at or
/// after it: such a window keeps calling past its closing while tickets it can serve are waiting (overtime is reported
/// per day). When the staffing leaves no such window, the tickets wait for the next opening; those still waiting when
/// the run ends are never called (<see cref="DayResult.NeverCalled"/>).</para>
/// </remarks>
public static class HallModel
{
    /// <summary>Runs one replication (validates and compiles the scenario and staffing first; to simulate many
    /// replications, compile once with <see cref="Scenario.Compile"/> and <see cref="CompiledHall.Compile(StaffingPlan)"/>).</summary>
    /// <param name="scenario">A valid scenario.</param>
    /// <param name="staffing">Open windows per time of day, or a roster of the scenario's staff.</param>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="replication">The replication index (default 0).</param>
    /// <param name="options">Result options (default: 60-minute intervals, 15-minute target, tickets kept).</param>
    /// <exception cref="ScenarioValidationException">The scenario or the staffing has problems; every one is listed.</exception>
    public static HallRunResult Run(Scenario scenario, StaffingPlan staffing, ulong seed, int replication = 0, HallRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(staffing);
        return Run(scenario.Compile().Compile(staffing, options), seed, replication, options);
    }

    /// <summary>Runs one replication of a compiled hall and staffing (nothing is validated or compiled again).</summary>
    /// <param name="staffing">The staffing, compiled against its hall.</param>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="replication">The replication index (default 0).</param>
    /// <param name="options">Result options (default: 60-minute intervals, 15-minute target, tickets kept).</param>
    /// <exception cref="ScenarioValidationException">The options have problems; every one is listed.</exception>
    public static HallRunResult Run(CompiledStaffing staffing, ulong seed, int replication = 0, HallRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        options ??= new HallRunOptions();
        HallRunOptions.EnsureValid(options);
        if (options.StartFrom is not null || options.RestOfDayDemand is not null || options.Today is not null)
        {
            var problems = Validate(staffing, options);
            if (problems.Count > 0)
            {
                throw new ScenarioValidationException("startFrom", problems);
            }
        }

        return new HallRun(staffing, seed, replication, options).Execute();
    }

    /// <summary>Every problem of these options with this staffing, each with its path: the result options, the start
    /// state against the scenario, and the same-day changes against the staffing (an extra person at a window someone
    /// staffs then). Empty when a run can start. Check before running replications in parallel, where an exception
    /// arrives wrapped.</summary>
    /// <param name="staffing">The staffing, compiled against its hall.</param>
    /// <param name="options">The options.</param>
    public static IReadOnlyList<ValidationProblem> Validate(CompiledStaffing staffing, HallRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(staffing);
        ArgumentNullException.ThrowIfNull(options);
        var problems = StaffingValidator.Options(options);
        if (problems.Count > 0)
        {
            return problems;
        }

        problems.AddRange(HallStateValidator.Validate(options, staffing.Hall.Scenario));
        if (problems.Count == 0 && options.Today is not null)
        {
            problems.AddRange(HallRun.SameDayProblems(staffing, options));
        }

        return problems;
    }
}
