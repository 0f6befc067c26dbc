namespace HallSim.Planning;

/// <summary>Progress of <see cref="RosterPlanner.Plan"/>.</summary>
/// <param name="Stage">What is running.</param>
/// <param name="Fraction">An estimate of the work done, 0 … 1.</param>
public sealed record PlanProgress(PlanStage Stage, double Fraction)
{
    /// <summary>The loop's own progress while <see cref="Stage"/> is <see cref="PlanStage.Optimising"/>; null before its first round.</summary>
    public HallSim.Rostering.RosterProgress? Loop { get; init; }

    /// <summary>The horizon's first date, once resolved (the busiest week when the request left it open); null at <see cref="PlanStage.Done"/>.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Dates in the horizon, once resolved.</summary>
    public int? Days { get; init; }

    /// <summary>Staff-hours the recommended roster may use, once known (from <see cref="PlanStage.Optimising"/> on).</summary>
    public double? StaffHourBudget { get; init; }
}
