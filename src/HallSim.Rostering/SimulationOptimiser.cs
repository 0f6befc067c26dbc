using HallSim.Experiments;
using HallSim.Model;
using HallSim.Staffing;

namespace HallSim.Rostering;

/// <summary>What judges each roster in the cutting-plane loop.</summary>
public enum WaitingOracle
{
    /// <summary>The hall simulation with common random numbers (every category, window, kiosk and citizen behaviour).</summary>
    Simulation,

    /// <summary>The exact transient M/M/c(+M) queue of each day (<see cref="HallSim.Queueing.TransientQueue"/>): exact for
    /// halls with exponential service and patience whose windows serve every ticket, and much faster than simulating.</summary>
    Markov,
}

/// <summary>Settings of the simulation–optimisation loop. Immutable.</summary>
public sealed record SimulationOptimisationOptions
{
    /// <summary>Replications per simulated day (default 20), all with the same seeds: common random numbers.</summary>
    public int Replications { get; init; } = 20;

    /// <summary>Seed of the simulations (default 1).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Most rounds, the first (formula curves) included (default 15).</summary>
    public int MaxIterations { get; init; } = 15;

    /// <summary>The target of the within-target share, minutes (default 15).</summary>
    public double WaitTargetMinutes { get; init; } = 15;

    /// <summary>Stop when the best roster's waiting is within this share of the cuts' lower bound in the trust region (default 0.005).</summary>
    public double Tolerance { get; init; } = 0.005;

    /// <summary>Most windows by which a round may change any interval's open windows from the best roster so far (default 2).</summary>
    public int TrustRadius { get; init; } = 2;

    /// <summary>What judges each roster (default <see cref="WaitingOracle.Simulation"/>).</summary>
    public WaitingOracle Oracle { get; init; } = WaitingOracle.Simulation;

    /// <summary>CP-SAT settings for each solve.</summary>
    public RosterOptions Solver { get; init; } = new();
}

/// <summary>One round of the loop.</summary>
/// <param name="Iteration">0 for the first solve (formula curves).</param>
/// <param name="StaffHours">Staff-hours of the round's roster.</param>
/// <param name="PredictedWaiting">What the optimiser expected, citizen-minutes: the formula curves in round 0 (waiting alone: the curves carry no prices), the cuts' value of the cost after (as <paramref name="SimulatedWaiting"/>).</param>
/// <param name="SimulatedWaiting">Cost judged by the oracle (day by day): total waiting plus the objective's priced
/// turned-away citizens and tail (<see cref="SimulationOptimisationResult.BestWaiting"/>), citizen-minutes, with its 95% interval across replications.</param>
/// <param name="MeanWait">Simulated mean wait over the horizon, minutes.</param>
/// <param name="ImprovementOnBest">Best-so-far minus this round's total waiting (paired over replications): positive = better.</param>
/// <param name="Accepted">This round's roster became the best.</param>
public sealed record SimulationIteration(int Iteration, double StaffHours, double PredictedWaiting, MeanEstimate SimulatedWaiting, MeanEstimate MeanWait, MeanEstimate? ImprovementOnBest, bool Accepted);

/// <summary>The loop's outcome: the best roster by simulated waiting and how it was found. Immutable.</summary>
/// <param name="Best">The best roster.</param>
/// <param name="Evaluation">Its simulated KPIs over the horizon.</param>
/// <param name="History">Every round.</param>
/// <param name="Stop">Why the loop stopped.</param>
/// <param name="StopRound">The round (1-based) at which it stopped.</param>
public sealed record SimulationOptimisationResult(RosterResult Best, RosterEvaluation Evaluation, IReadOnlyList<SimulationIteration> History, LoopStop Stop, int StopRound)
{
    /// <summary>The relative tolerance the loop stopped at (<see cref="SimulationOptimisationOptions.Tolerance"/>), 0 … 1.</summary>
    public double Tolerance { get; init; }

    /// <summary>Why the loop stopped, in English words (for logs and summary.json).</summary>
    public string StopReason => Stop switch
    {
        LoopStop.MostRounds => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"reached the most rounds ({StopRound})"),
        LoopStop.NoBetterNeighbour => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"round {StopRound}: no better roster within one window of the best in any interval"),
        LoopStop.WithinTolerance => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"round {StopRound}: the best roster is within {Tolerance:P1} of the cuts' bound around it"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"round {StopRound + 1} proposed open windows already judged: the cuts cannot separate further"),
    };

    /// <summary>The best roster's cost as the oracle judged it, citizen-minutes (the sum of its days): total waiting, plus
    /// each citizen turned away at <see cref="MinimiseWaiting.TurnedAwayCost"/> and, with a
    /// <see cref="MinimiseWaiting.TailWeight"/>, the minutes beyond <see cref="MinimiseWaiting.TailMinutes"/> at that weight.</summary>
    public double BestWaiting { get; init; }

    /// <summary>
    /// A lower bound on the cost (as <see cref="BestWaiting"/>) of any roster within the same rules and staff-hours, citizen-minutes: the
    /// count model minimising the largest of all cuts gathered, without trust region. Valid when waiting is convex
    /// and non-increasing in the open windows per interval (the cuts' assumption; with a simulation oracle, for the
    /// sample of the loop's seeds).
    /// </summary>
    public double LowerBound { get; init; }

    /// <summary>
    /// The cost (as <see cref="BestWaiting"/>) with every window open in every opening interval, as the oracle judges it (the same seeds),
    /// citizen-minutes: what no roster of any size can go below with these windows, hours and demand. Close to
    /// <see cref="BestWaiting"/> means the windows and hours, not the roster, are the constraint.
    /// </summary>
    public double AllWindowsWaiting { get; init; }

    /// <summary>(best − bound) ÷ best: how much a better roster could at most gain.</summary>
    public double Gap => BestWaiting > 0 ? Math.Max(0, (BestWaiting - LowerBound) / BestWaiting) : 0;
}

/// <summary>
/// Solve, judge, cut, re-solve — Atlason, Epelman and Henderson's simulation-based cutting planes. The first round uses
/// the formula curves; each roster is then judged day by day by the oracle (the hall simulation under common random
/// numbers, or the exact transient queue), together with how one more window in each interval would change the day's
/// waiting. Those give a cut per day, θ_d ≥ W + Σ g_t (n_t − a_t), and the count model then minimises the largest
/// of the cuts gathered instead of the curves — so queues carried across intervals, skills and kiosks enter as the
/// oracle sees them. Each round may move every interval by at most <see cref="SimulationOptimisationOptions.TrustRadius"/>
/// windows from the best roster; the loop stops when the best is within the tolerance of the cuts' bound there, when a
/// round proposes a roster already judged, or after the most rounds. A final solve without the trust region gives
/// the lower bound and gap.
/// </summary>
public static class SimulationOptimiser
{
    /// <summary>Runs the loop.</summary>
    /// <param name="problem">The rostering problem (its objective must be <see cref="MinimiseWaiting"/>).</param>
    /// <param name="options">Loop settings (default: <see cref="SimulationOptimisationOptions"/>' defaults).</param>
    /// <param name="progress">Receives each round.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>The best roster, its evaluation, the history, the bound and the gap.</returns>
    public static SimulationOptimisationResult Run(RosterProblem problem, SimulationOptimisationOptions? options = null, IProgress<RosterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Objective is not MinimiseWaiting)
        {
            throw new ArgumentException("the simulation-optimisation loop minimises waiting: give a MinimiseWaiting objective", nameof(problem));
        }

        return Run(CompiledProblem.Compile(problem, cancellationToken), options, progress, cancellationToken);
    }

    /// <summary>Runs the loop on a problem compiled once (the compiled problem is not changed: the loop's cuts live in
    /// its own copy).</summary>
    /// <param name="problem">The compiled problem (its objective must be <see cref="MinimiseWaiting"/>; see
    /// <see cref="CompiledProblem.WithObjective"/>).</param>
    /// <param name="options">Loop settings (default: <see cref="SimulationOptimisationOptions"/>' defaults).</param>
    /// <param name="progress">Receives each round.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>The best roster, its evaluation, the history, the bound and the gap.</returns>
    public static SimulationOptimisationResult Run(CompiledProblem problem, SimulationOptimisationOptions? options = null, IProgress<RosterProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new SimulationOptimisationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Replications, 2, "options.replications");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxIterations, 1, "options.maxIterations");
        ArgumentOutOfRangeException.ThrowIfNegative(options.Tolerance, "options.tolerance");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TrustRadius, 1, "options.trustRadius");
        if (problem.Problem.Objective is not MinimiseWaiting)
        {
            throw new ArgumentException("the simulation-optimisation loop minimises waiting: give a MinimiseWaiting objective", nameof(problem));
        }

        var c = problem.Fork();

        IWaitingEvaluator oracle = options.Oracle == WaitingOracle.Markov ? new MarkovEvaluator() : new SimulationEvaluator(options.Seed, options.Replications);
        var history = new List<SimulationIteration>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        RosterResult? best = null;
        RosterEvaluation? bestEvaluation = null;
        double[]? bestByRep = null;
        int[]? bestOpen = null;
        var bestWaiting = double.PositiveInfinity;
        var (stop, stopRound) = (LoopStop.MostRounds, options.MaxIterations);
        var result = RosterOptimiser.Solve(c, options.Solver, null, cancellationToken);
        var predicted = result.PredictedWaiting;
        var curves = c.Curves[c.ForecastVariant];
        var radius = options.TrustRadius;
        for (var it = 0; it < options.MaxIterations; it++)
        {
            progress?.Report(new RosterProgress(RosterStage.Simulate, it, options.MaxIterations));
            var open = Open(result);
            seen.Add(string.Join(",", open));
            var cuts = Enumerable.Range(0, c.Days).Select(d => oracle.Evaluate(c, result.Roster, open, d, cancellationToken)).Where(x => x.Intervals.Length > 0 || x.Waiting > 0).ToList();
            var waiting = cuts.Sum(x => x.Waiting);
            var byRep = Sum(cuts, options.Oracle == WaitingOracle.Markov ? 1 : options.Replications);
            MeanEstimate? improvement = bestByRep is null ? null : Paired(bestByRep, byRep);
            var accepted = waiting < bestWaiting - 1e-9;
            var evaluation = RosterEvaluator.Evaluate(c.Hall.Compile(new StaffingPlan { Roster = result.Roster }), options.Seed, options.Replications, options.WaitTargetMinutes, c.Problem.IntervalMinutes, cancellationToken);
            history.Add(new SimulationIteration(it, result.StaffHours, predicted, Estimate(byRep), evaluation.MeanWait, improvement, accepted));
            c.Cuts.AddRange(cuts);
            if (accepted)
            {
                (best, bestEvaluation, bestByRep, bestOpen, bestWaiting) = (result, evaluation, byRep, open, waiting);
                if (options.Oracle == WaitingOracle.Simulation)
                {
                    c.Surrogate = Surrogate(c, curves, open, cuts);
                }
            }
            else if (it > 0 && options.Oracle == WaitingOracle.Simulation)
            {
                // Each simulated round costs seconds and its cuts are noisy: shrink the region, and stop once a round
                // one window from the best fails. (An exact oracle's cuts are cheap and reliable: it keeps cutting.)
                if (radius == 1)
                {
                    (stop, stopRound) = (LoopStop.NoBetterNeighbour, it + 1);
                    break;
                }

                radius = Math.Max(1, radius / 2);
            }

            if (it + 1 >= options.MaxIterations)
            {
                break;
            }

            progress?.Report(new RosterProgress(RosterStage.Solve, it + 1, options.MaxIterations));
            c.Trust = (bestOpen!, radius);
            var next = RosterOptimiser.Solve(c, options.Solver, null, cancellationToken);
            var master = MasterWaiting(c, curves, next);
            if (bestWaiting - master <= options.Tolerance * bestWaiting)
            {
                (stop, stopRound) = (LoopStop.WithinTolerance, it + 1);
                break;
            }

            if (seen.Contains(string.Join(",", Open(next))))
            {
                (stop, stopRound) = (LoopStop.Repeated, it + 1);
                break;
            }

            (result, predicted) = (next, master);
        }

        c.Surrogate = null;
        progress?.Report(new RosterProgress(RosterStage.Bound, options.MaxIterations, options.MaxIterations));
        c.Trust = null;
        var bound = LowerBound(c, options.Solver, cancellationToken);
        var allOpen = Enumerable.Range(0, c.Days).Sum(d => oracle.AllOpen(c, d, cancellationToken));
        return new SimulationOptimisationResult(best!, bestEvaluation!, history, stop, stopRound) { Tolerance = options.Tolerance, BestWaiting = bestWaiting, LowerBound = Math.Min(bound, bestWaiting), AllWindowsWaiting = allOpen };
    }

    /// <summary>The master's value at a roster: Σ over days of the largest cut (and the surrogate when set), citizen-minutes.</summary>
    private static double MasterWaiting(CompiledProblem c, double[][] curves, RosterResult result)
    {
        var open = Open(result);
        return c.Cuts.GroupBy(x => x.Day).Sum(day =>
        {
            var value = day.Max(cut => cut.Waiting + cut.Slopes.Select((g, i) => g * (open[cut.Intervals[i]] - cut.At[i])).Sum());
            if (c.Surrogate is { } s)
            {
                value = Math.Max(value, s.Offset[day.Key] + CorrectedCurves(c, curves, s.Slope, open, day.Key));
            }

            return value;
        });
    }

    /// <summary>
    /// The forecast's curves made first-order consistent with the oracle at <paramref name="open"/>: per interval the
    /// slope of one more window becomes the oracle's, and per day the value becomes the oracle's.
    /// </summary>
    private static (double[] Slope, double[] Offset) Surrogate(CompiledProblem c, double[][] curves, int[] open, List<DayCut> cuts)
    {
        var slope = new double[c.Grid.Count];
        var offset = new double[c.Days];
        foreach (var cut in cuts)
        {
            for (var i = 0; i < cut.Intervals.Length; i++)
            {
                var t = cut.Intervals[i];
                var n = Math.Min(open[t], c.Windows);
                var modelSlope = n < c.Windows ? curves[t][n + 1] - curves[t][n] : 0;
                slope[t] = cut.Slopes[i] - modelSlope;
            }

            offset[cut.Day] = cut.Waiting - CorrectedCurves(c, curves, slope, open, cut.Day);
        }

        return (slope, offset);
    }

    /// <summary>Σ over the day's counted intervals of the curve at the open windows plus the slope correction times them.</summary>
    private static double CorrectedCurves(CompiledProblem c, double[][] curves, double[] slope, int[] open, int day)
    {
        var total = 0.0;
        for (var t = day * c.PerDay; t < (day + 1) * c.PerDay; t++)
        {
            total += c.Counted[t] ? curves[t][Math.Min(open[t], c.Windows)] + (slope[t] * open[t]) : 0;
        }

        return total;
    }

    /// <summary>The count model's optimum of the cuts without trust region and without the staff-hour tie-break: a lower bound.</summary>
    private static double LowerBound(CompiledProblem c, RosterOptions options, CancellationToken cancellationToken)
    {
        if (c.Cuts.Count == 0)
        {
            return 0;
        }

        // CP-SAT's proven bound is a valid lower bound at any stop, so a short search suffices.
        var counts = CountModel.Solve(c, options with { CountTimeLimit = Math.Min(options.CountTimeLimit, 3) }, cancellationToken, tieBreak: false);
        return Math.Max(0, counts.Statistics.Bound * c.Problem.WaitingResolution);
    }

    private static int[] Open(RosterResult result) => result.Intervals.Select(x => x.OpenWindows).ToArray();

    private static double[] Sum(List<DayCut> days, int replications)
    {
        var total = new double[replications];
        foreach (var day in days)
        {
            for (var r = 0; r < replications; r++)
            {
                total[r] += day.ByReplication.Length == replications ? day.ByReplication[r] : day.Waiting;
            }
        }

        return total;
    }

    private static MeanEstimate Estimate(double[] values) =>
        values.Length >= 2 ? MeanEstimate.Of(values) : new MeanEstimate(values[0], 0, 1, 0.95);

    private static MeanEstimate Paired(double[] best, double[] candidate)
    {
        var differences = best.Zip(candidate, (a, b) => a - b).ToArray();
        return Estimate(differences);
    }
}
