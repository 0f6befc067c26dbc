using HallSim.Experiments;
using HallSim.Model;
using HallSim.Staffing;

namespace HallSim.Rostering;

/// <summary>Settings of the simulation–optimisation loop. Immutable.</summary>
public sealed record SimulationOptimisationOptions
{
    /// <summary>Replications per simulated roster (default 20), all with the same seeds: common random numbers.</summary>
    public int Replications { get; init; } = 20;

    /// <summary>Seed of the simulations (default 1).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Most solve–simulate rounds (default 6).</summary>
    public int MaxIterations { get; init; } = 6;

    /// <summary>The target of the within-target share, minutes (default 15).</summary>
    public double WaitTargetMinutes { get; init; } = 15;

    /// <summary>Limits on the correction factor of an interval's curve per round (default 0.2 … 5).</summary>
    public double MaxCorrection { get; init; } = 5;

    /// <summary>CP-SAT settings for each solve.</summary>
    public RosterOptions Solver { get; init; } = new();
}

/// <summary>One round of the loop.</summary>
/// <param name="Iteration">0 for the first solve (formula curves).</param>
/// <param name="StaffHours">Staff-hours of the round's roster.</param>
/// <param name="PredictedWaiting">Total waiting the optimiser expected from its curves, citizen-minutes.</param>
/// <param name="SimulatedWaiting">Total waiting simulated, citizen-minutes, with its 95% interval.</param>
/// <param name="MeanWait">Simulated mean wait, minutes.</param>
/// <param name="ImprovementOnBest">Best-so-far minus this round's total waiting (paired over replications): positive = better.</param>
/// <param name="Accepted">This round's roster became the best.</param>
public sealed record SimulationIteration(int Iteration, double StaffHours, double PredictedWaiting, MeanEstimate SimulatedWaiting, MeanEstimate MeanWait, MeanEstimate? ImprovementOnBest, bool Accepted);

/// <summary>The loop's outcome: the best roster by simulated waiting and how it was found. Immutable.</summary>
/// <param name="Best">The best roster (its intervals carry the corrected curves' predictions).</param>
/// <param name="Evaluation">Its simulated KPIs.</param>
/// <param name="History">Every round.</param>
/// <param name="StopReason">Why the loop stopped, in words.</param>
public sealed record SimulationOptimisationResult(RosterResult Best, RosterEvaluation Evaluation, IReadOnlyList<SimulationIteration> History, string StopReason);

/// <summary>
/// Solve, simulate, correct, re-solve: the roster optimiser's waiting curves come from stationary formulas, which
/// miss queues carried across intervals, skills and kiosks. Each round simulates the roster under common random numbers,
/// rescales each interval's curve by simulated ÷ predicted waiting at the open-window count it had, and solves again;
/// it stops when a round does not improve on the best by more than the 95% confidence interval of the paired difference,
/// or after the most rounds. Returns the best roster by simulated waiting.
/// </summary>
public static class SimulationOptimiser
{
    /// <summary>Runs the loop.</summary>
    /// <param name="problem">The rostering problem.</param>
    /// <param name="options">Loop settings (default: <see cref="SimulationOptimisationOptions"/>' defaults).</param>
    /// <param name="progress">Receives each round.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>The best roster, its evaluation and the history.</returns>
    public static SimulationOptimisationResult Run(RosterProblem problem, SimulationOptimisationOptions? options = null, IProgress<RosterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulationOptimisationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Replications, 2, "options.replications");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxIterations, 1, "options.maxIterations");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCorrection, 1, "options.maxCorrection");
        var c = CompiledProblem.Compile(problem);
        var forecast = Array.IndexOf(c.VariantWeights, c.VariantWeights.Max());
        var history = new List<SimulationIteration>();
        var cumulative = Enumerable.Repeat(1.0, c.Grid.Count).ToArray();
        RosterResult? best = null;
        RosterEvaluation? bestEvaluation = null;
        var reason = $"reached the most rounds ({options.MaxIterations})";
        for (var it = 0; it < options.MaxIterations; it++)
        {
            progress?.Report(new RosterProgress($"round {it + 1}: solve", it, options.MaxIterations));
            var result = RosterOptimiser.Solve(c, options.Solver, null, cancellationToken);
            progress?.Report(new RosterProgress($"round {it + 1}: simulate", it, options.MaxIterations));
            var evaluation = RosterEvaluator.Evaluate(c.Horizon, new StaffingPlan { Roster = result.Roster }, options.Seed, options.Replications, options.WaitTargetMinutes, problem.IntervalMinutes, cancellationToken);
            MeanEstimate? improvement = bestEvaluation is null ? null : bestEvaluation.TotalWaitingDifference(evaluation);
            var significant = improvement is null || improvement.Lower > 0;
            var accepted = bestEvaluation is null || evaluation.TotalWaiting.Mean < bestEvaluation.TotalWaiting.Mean;
            history.Add(new SimulationIteration(it, result.StaffHours, result.PredictedWaiting, evaluation.TotalWaiting, evaluation.MeanWait, improvement, accepted));
            if (accepted)
            {
                best = result;
                bestEvaluation = evaluation;
            }

            if (!significant)
            {
                reason = $"round {it + 1} did not improve on the best by more than the 95% confidence interval of the paired difference";
                break;
            }

            if (it + 1 < options.MaxIterations)
            {
                Correct(c, result, evaluation, forecast, options.MaxCorrection, cumulative);
            }
        }

        return new SimulationOptimisationResult(best!, bestEvaluation!, history, reason);
    }

    /// <summary>
    /// Rescales each interval's curves by simulated ÷ predicted waiting of the tickets issued in it, at the open-window
    /// count it had (clipped per round); a positive factor keeps a curve convex and non-increasing. (Rebuilding the
    /// curves from the simulated backlog at each interval's start was tried as well: it made the rounds oscillate,
    /// 157 → 153 → 195 thousand citizen-minutes on the Jihua peak week, so the plain rescaling stays; docs/rostering.md.)
    /// </summary>
    private static void Correct(CompiledProblem c, RosterResult result, RosterEvaluation evaluation, int forecast, double maxCorrection, double[] cumulative)
    {
        for (var t = 0; t < c.Grid.Count; t++)
        {
            if (!c.Counted[t])
            {
                continue;
            }

            var n = Math.Min(result.Intervals[t].OpenWindows, c.Windows);
            var predicted = c.Curves[forecast][t][n];
            var simulated = evaluation.IntervalWaiting[t];
            cumulative[t] *= Math.Clamp((simulated + 1) / (predicted + 1), 1 / maxCorrection, maxCorrection);
        }

        c.Curves = c.BuildCurves(c.InitialBacklog, cumulative);
    }
}
