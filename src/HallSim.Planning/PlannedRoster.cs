using HallSim.Experiments;
using HallSim.Model;
using HallSim.Reports;
using HallSim.Staffing;

namespace HallSim.Planning;

/// <summary>One roster of a plan's comparison, simulated once on the validation seeds.</summary>
/// <param name="Role">Recommended, usual method or the manager's current roster.</param>
/// <param name="Roster">The roster.</param>
/// <param name="Evaluation">KPIs with 95% confidence intervals over the validation replications, and the total waiting
/// per replication for paired comparisons.</param>
/// <param name="Hourly">Per opening hour: mean wait, share called within the target, open windows, tickets (labelled
/// with the role's invariant name; <see cref="PlanOutcome.ToReport"/> relabels it in the report's language).</param>
/// <param name="Days">Per date: arrivals, tickets, mean wait, service level and overtime, with intervals.</param>
public sealed record PlannedRoster(RosterRole Role, Roster Roster, RosterEvaluation Evaluation, HourlySeries Hourly, IReadOnlyList<DayEstimate> Days)
{
    /// <summary>Per date: tickets, mean and 90th-percentile wait, share called within the target, share gone when
    /// called and windows open, with 95% intervals over the validation replications (empty when not computed).</summary>
    public IReadOnlyList<DayKpis> DayKpis { get; init; } = [];

    /// <summary>
    /// Total waiting of this roster minus <paramref name="other"/>'s, citizen-minutes over the horizon, paired by
    /// validation replication (both were simulated on the same citizens), with its 95% confidence interval: negative
    /// means this roster waits less; an interval that covers 0 means no significant difference.
    /// </summary>
    /// <param name="other">Another roster of the same plan.</param>
    /// <returns>The paired difference.</returns>
    public MeanEstimate WaitingAgainst(PlannedRoster other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Evaluation.TotalWaitingDifference(other.Evaluation);
    }
}
