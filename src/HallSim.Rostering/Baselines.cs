using HallSim.Queueing;
using HallSim.Staffing;

namespace HallSim.Rostering;

/// <summary>Rosters made the usual way, to compare the optimiser against.</summary>
public static class Baselines
{
    /// <summary>
    /// The usual two-step method: SIPP requirements for <paramref name="target"/> per interval, then the cheapest
    /// shifts (least staff-hours) that cover them under the same rules. Intervals the staff cannot cover are reported
    /// in the result's issues.
    /// </summary>
    /// <param name="problem">The problem (its objective is replaced).</param>
    /// <param name="target">The service target per interval (for example 80% called within 15 minutes).</param>
    /// <param name="options">CP-SAT settings.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    public static RosterResult SippCover(RosterProblem problem, StaffingTarget target, RosterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(target);
        return RosterOptimiser.Solve(problem with { Objective = new MinimiseStaffHours(target) { Method = RequirementMethod.Sipp } }, options, null, cancellationToken);
    }

    /// <summary>The usual two-step method on a problem compiled once (its objective is replaced; nothing is compiled
    /// again but the SIPP requirements).</summary>
    /// <param name="problem">The compiled problem.</param>
    /// <param name="target">The service target per interval (for example 80% called within 15 minutes).</param>
    /// <param name="options">CP-SAT settings.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The cheapest roster that covers the SIPP requirements, with the intervals it could not cover as issues.</returns>
    public static RosterResult SippCover(CompiledProblem problem, StaffingTarget target, RosterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(target);
        return RosterOptimiser.Solve(problem.WithObjective(new MinimiseStaffHours(target) { Method = RequirementMethod.Sipp }), options, null, cancellationToken);
    }
}
