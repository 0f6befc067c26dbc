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

    /// <summary>
    /// After the cuts, the neighbour search: per day, every move of one person to another shift, break placement or day
    /// off that the rules and the staff-hour budget allow, and this many of the most promising moves of two people
    /// (ranked by the best roster's slopes), are judged by the oracle on the same random numbers; the best that lowers
    /// the day's cost is kept (default 8; 0 turns the search off).
    /// </summary>
    public int NeighbourCandidates { get; init; } = 8;

    /// <summary>Most passes of the neighbour search over the days (default 12); it stops earlier when a pass moves no one.</summary>
    public int NeighbourPasses { get; init; } = 12;

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

    /// <summary>Moves of one person's shift on one day that the neighbour search kept (0 when it found none or was off).</summary>
    public int NeighbourMoves { get; init; }

    /// <summary>Candidate moves the neighbour search had the oracle judge.</summary>
    public int NeighbourCandidatesJudged { get; init; }

    /// <summary>
    /// False when the cuts' optimum came out above <see cref="BestWaiting"/> — the cuts then contradict the roster they
    /// were measured at (the simulated waiting is not convex on the loop's sample, or its slopes are noisy), so they
    /// bound nothing, <see cref="LowerBound"/> is set to the best and <see cref="Gap"/> to 0 without meaning it.
    /// </summary>
    public bool BoundHolds { get; init; } = true;

    /// <summary>(best − bound) ÷ best: how much a better roster could at most gain (0 when <see cref="BoundHolds"/> is false).</summary>
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
        ArgumentOutOfRangeException.ThrowIfNegative(options.NeighbourCandidates, "options.neighbourCandidates");
        ArgumentOutOfRangeException.ThrowIfNegative(options.NeighbourPasses, "options.neighbourPasses");
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
        List<DayCut>? bestCuts = null;
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
                (best, bestEvaluation, bestByRep, bestOpen, bestWaiting, bestCuts) = (result, evaluation, byRep, open, waiting, cuts);
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
        var (moves, judged) = (0, 0);
        if (options.NeighbourCandidates > 0 && options.NeighbourPasses > 0)
        {
            progress?.Report(new RosterProgress(RosterStage.Neighbours, history.Count, options.MaxIterations));
            var search = NeighbourSearch(c, oracle, best!, bestCuts!, options, cancellationToken);
            (moves, judged) = (search.Moves, search.Judged);
            if (search.Moves > 0)
            {
                var byRep = search.ByReplication;
                var waiting = byRep.Average();
                var evaluation = RosterEvaluator.Evaluate(c.Hall.Compile(new StaffingPlan { Roster = search.Result.Roster }), options.Seed, options.Replications, options.WaitTargetMinutes, c.Problem.IntervalMinutes, cancellationToken);
                history.Add(new SimulationIteration(history.Count, search.Result.StaffHours, search.Predicted, Estimate(byRep), evaluation.MeanWait, Paired(bestByRep!, byRep), true));
                (best, bestEvaluation, bestWaiting) = (search.Result, evaluation, waiting);
            }
        }

        progress?.Report(new RosterProgress(RosterStage.Bound, options.MaxIterations, options.MaxIterations));
        c.Trust = null;
        var bound = LowerBound(c, options.Solver, cancellationToken);
        var allOpen = Enumerable.Range(0, c.Days).Sum(d => oracle.AllOpen(c, d, cancellationToken));
        return new SimulationOptimisationResult(best!, bestEvaluation!, history, stop, stopRound) { Tolerance = options.Tolerance, NeighbourMoves = moves, NeighbourCandidatesJudged = judged, BestWaiting = bestWaiting, LowerBound = Math.Min(bound, bestWaiting), BoundHolds = bound <= bestWaiting * (1 + 1e-3), AllWindowsWaiting = allOpen };
    }

    /// <summary>
    /// Local search on the oracle itself, day by day (days are independent in waiting; the weekly rules and budget are
    /// checked on the whole roster). A move changes one or two people's shifts on the day — to another shift or break
    /// placement, from a day off to a shift, or from a shift to a day off — within the staff-hour budget; moves that
    /// differ only in which of several interchangeable people (same type, same shift) they name are one move, and two
    /// people trading shifts is none. Every single move that keeps every rule is judged on the same random numbers; the
    /// moves of two people are ranked by their predicted change — the day's slopes for a window more, the curves' steeper
    /// backward differences (scaled to the oracle) for a window less — and the most promising are judged. The move that lowers the day's cost most is kept, if it lowers it by more than one standard
    /// error of the paired difference, and that day is judged again with its slopes (also a cut for the bound).
    /// </summary>
    private static (RosterResult Result, int Moves, int Judged, double[] ByReplication, double Predicted) NeighbourSearch(CompiledProblem c, IWaitingEvaluator oracle, RosterResult best, List<DayCut> bestCuts, SimulationOptimisationOptions options, CancellationToken cancellationToken)
    {
        var shiftOf = RosterOptimiser.ShiftsOf(c, best.Roster);
        var curves = c.Curves[c.ForecastVariant];
        var dayCut = new DayCut?[c.Days];
        foreach (var cut in bestCuts)
        {
            dayCut[cut.Day] = cut;
        }

        var dayCost = Enumerable.Range(0, c.Days).Select(d => dayCut[d]?.ByReplication ?? []).ToArray();
        var budget = (c.Problem.Objective as MinimiseWaiting)?.StaffHourBudget is { } hours ? (long)Math.Floor(hours * 60) : long.MaxValue;
        var minutes = (long)Math.Round(RosterOptimiser.StaffHours(c, shiftOf) * 60);
        var (moves, judged, predicted) = (0, 0, dayCost.Sum(x => x.Length > 0 ? x.Average() : 0));
        for (var pass = 0; pass < options.NeighbourPasses; pass++)
        {
            var movedThisPass = false;
            for (var d = 0; d < c.Days; d++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (dayCut[d] is not { } cut || (cut.Intervals.Length == 0 && cut.Waiting <= 0))
                {
                    continue;
                }

                var open = RosterOptimiser.OpenWindows(c, shiftOf);
                var model = DayModel.Of(c, curves, cut, open);
                var ranked = Moves(c, shiftOf, d, budget - minutes)
                    .Select(m => (Move: m, Gain: PredictedChange(c, curves, model, open, m)))
                    .OrderBy(m => m.Gain).ThenBy(m => m.Move.Key, StringComparer.Ordinal);
                (Change[] Changes, double Mean)? chosen = null;
                var (tried, pairs, pairAttempts) = (0, 0, 0);
                foreach (var (move, _) in ranked)
                {
                    // Every single move is judged (the predictions of a window lost are rough); pairs as far as the
                    // candidates allow, most promising first, looking at no more than four times as many.
                    if (move.Second is not null && (pairs >= options.NeighbourCandidates || pairAttempts >= 4 * options.NeighbourCandidates))
                    {
                        continue;
                    }

                    pairAttempts += move.Second is null ? 0 : 1;

                    if (Feasible(c, shiftOf, d, move) is not { } changes)
                    {
                        continue;
                    }

                    tried++;
                    pairs += move.Second is null ? 0 : 1;
                    var was = Apply(shiftOf, d, changes);
                    var cost = oracle.Cost(c, RosterOptimiser.ToRoster(c, shiftOf), RosterOptimiser.OpenWindows(c, shiftOf), d, cancellationToken);
                    Undo(shiftOf, d, changes, was);
                    var difference = Estimate(cost.Zip(dayCost[d], (a, b) => a - b).ToArray());
                    var noise = cost.Length >= 2 ? difference.HalfWidth / 1.96 : 0;
                    if (difference.Mean < -Math.Max(1e-9, noise) && (chosen is null || difference.Mean < chosen.Value.Mean))
                    {
                        chosen = (changes, difference.Mean);
                    }
                }

                judged += tried;
                if (chosen is { } kept)
                {
                    var was = Apply(shiftOf, d, kept.Changes);
                    minutes += kept.Changes.Select((x, i) => ShiftMinutes(c, x.Shift) - ShiftMinutes(c, was[i])).Sum();
                    moves++;
                    movedThisPass = true;
                    predicted += kept.Mean;
                    var fresh = oracle.Evaluate(c, RosterOptimiser.ToRoster(c, shiftOf), RosterOptimiser.OpenWindows(c, shiftOf), d, cancellationToken);
                    c.Cuts.Add(fresh);
                    dayCut[d] = fresh;
                    dayCost[d] = fresh.ByReplication;
                }
            }

            // A person's working day moved to another day (a day off taken elsewhere), both days judged.
            var across = AcrossDays(c, oracle, shiftOf, dayCut, dayCost, budget - minutes, curves, options.NeighbourCandidates, cancellationToken);
            judged += across.Judged;
            if (across.Kept is { } shifted)
            {
                var (p0, from, to, shift) = shifted.Move;
                minutes += ShiftMinutes(c, shift) - ShiftMinutes(c, shiftOf[p0][from]);
                shiftOf[p0][to] = shift;
                shiftOf[p0][from] = -1;
                moves++;
                movedThisPass = true;
                predicted += shifted.Mean;
                foreach (var d in new[] { from, to })
                {
                    var fresh = oracle.Evaluate(c, RosterOptimiser.ToRoster(c, shiftOf), RosterOptimiser.OpenWindows(c, shiftOf), d, cancellationToken);
                    c.Cuts.Add(fresh);
                    dayCut[d] = fresh;
                    dayCost[d] = fresh.ByReplication;
                }
            }

            if (!movedThisPass)
            {
                break;
            }
        }

        var total = new double[Math.Max(1, dayCost.Max(x => x.Length))];
        foreach (var day in dayCost.Where(x => x.Length > 0))
        {
            for (var r = 0; r < total.Length; r++)
            {
                total[r] += day.Length == total.Length ? day[r] : day.Average();
            }
        }

        return (RosterOptimiser.FromShifts(c, shiftOf, best), moves, judged, total, predicted);
    }

    /// <summary>
    /// The moves of one person's working day to a day they have off (same type, from-shift and to-shift: one move),
    /// ranked by the two days' predicted changes; the most promising that keep every rule are judged on both days.
    /// </summary>
    private static (((int Person, int From, int To, int Shift) Move, double Mean)? Kept, int Judged) AcrossDays(CompiledProblem c, IWaitingEvaluator oracle, int[][] shiftOf, DayCut?[] dayCut, double[][] dayCost, long slack, double[][] curves, int candidates, CancellationToken cancellationToken)
    {
        var open = RosterOptimiser.OpenWindows(c, shiftOf);
        var classes = new Dictionary<(int Type, int From, int FromShift, int To, int ToShift), List<int>>();
        for (var p = 0; p < c.Staff.Length; p++)
        {
            for (var from = 0; from < c.Days; from++)
            {
                if (shiftOf[p][from] is var s and >= 0 && dayCut[from] is not null && !Fixed(c, p, from))
                {
                    for (var to = 0; to < c.Days; to++)
                    {
                        if (to != from && shiftOf[p][to] < 0 && dayCut[to] is not null && !Fixed(c, p, to))
                        {
                            for (var s2 = 0; s2 < c.Shifts.Length; s2++)
                            {
                                if (c.Allowed[p][to][s2] && c.Shifts[s2].WorkMinutes - c.Shifts[s].WorkMinutes <= slack)
                                {
                                    var key = (c.TypeOf[p], from, s, to, s2);
                                    if (!classes.TryGetValue(key, out var people))
                                    {
                                        classes[key] = people = [];
                                    }

                                    people.Add(p);
                                }
                            }
                        }
                    }
                }
            }
        }

        var models = dayCut.Select(x => x is null ? null : DayModel.Of(c, curves, x, open)).ToArray();
        var ranked = classes.Select(x => (x.Key, People: x.Value, Gain:
                PredictedChange(c, curves, models[x.Key.From]!, open, new Move(new ChangeClass(x.Key.Type, x.Key.FromShift, -1, []), null)) +
                PredictedChange(c, curves, models[x.Key.To]!, open, new Move(new ChangeClass(x.Key.Type, -1, x.Key.ToShift, []), null))))
            .OrderBy(x => x.Gain).ThenBy(x => x.Key);
        ((int, int, int, int) Move, double Mean)? kept = null;
        var tried = 0;
        foreach (var (key, people, _) in ranked)
        {
            if (tried >= candidates)
            {
                break;
            }

            foreach (var p in people.Take(3))
            {
                shiftOf[p][key.From] = -1;
                shiftOf[p][key.To] = key.ToShift;
                var roster = RosterOptimiser.ToRoster(c, shiftOf);
                if (WithinWeek(c, shiftOf, p, key.To) && WithinDay(c, shiftOf, key.To) && RosterChecker.Check(c, roster).Count == 0)
                {
                    tried++;
                    var now = RosterOptimiser.OpenWindows(c, shiftOf);
                    var a = oracle.Cost(c, roster, now, key.From, cancellationToken);
                    var b = oracle.Cost(c, roster, now, key.To, cancellationToken);
                    var differences = a.Select((x, r) => x - dayCost[key.From][r] + (b.Length == a.Length ? b[r] - dayCost[key.To][r] : 0)).ToArray();
                    var difference = Estimate(differences);
                    var noise = differences.Length >= 2 ? difference.HalfWidth / 1.96 : 0;
                    if (difference.Mean < -Math.Max(1e-9, noise) && (kept is null || difference.Mean < kept.Value.Mean))
                    {
                        kept = ((p, key.From, key.To, key.ToShift), difference.Mean);
                    }

                    shiftOf[p][key.From] = key.FromShift;
                    shiftOf[p][key.To] = -1;
                    break;
                }

                shiftOf[p][key.From] = key.FromShift;
                shiftOf[p][key.To] = -1;
            }
        }

        return (kept, tried);
    }

    /// <summary>One person's new shift on a day (−1: off).</summary>
    private readonly record struct Change(int Person, int Shift);

    /// <summary>A class of single changes: people of one type moving from one shift (−1: off) to another; any of
    /// <see cref="People"/> may make it.</summary>
    private sealed record ChangeClass(int Type, int From, int To, int[] People)
    {
        public string Key => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Type}:{From}>{To}");
    }

    /// <summary>One or two classes of change made together on a day.</summary>
    private sealed record Move(ChangeClass First, ChangeClass? Second)
    {
        public string Key => Second is null ? First.Key : First.Key + "+" + Second.Key;
    }

    private static long ShiftMinutes(CompiledProblem c, int shift) => shift < 0 ? 0 : c.Shifts[shift].WorkMinutes;

    /// <summary>Every move of one or two people on day <paramref name="d"/> within <paramref name="slack"/> staff-minutes
    /// more, each class of interchangeable people once.</summary>
    private static IEnumerable<Move> Moves(CompiledProblem c, int[][] shiftOf, int d, long slack)
    {
        var classes = new Dictionary<(int, int, int), List<int>>();
        for (var p = 0; p < c.Staff.Length; p++)
        {
            var now = shiftOf[p][d];
            if (Fixed(c, p, d))
            {
                continue;
            }

            for (var s = -1; s < c.Shifts.Length; s++)
            {
                if (s != now && (s < 0 || c.Allowed[p][d][s]))
                {
                    var key = (c.TypeOf[p], now, s);
                    if (!classes.TryGetValue(key, out var people))
                    {
                        classes[key] = people = [];
                    }

                    people.Add(p);
                }
            }
        }

        var list = classes.Select(x => new ChangeClass(x.Key.Item1, x.Key.Item2, x.Key.Item3, [.. x.Value])).ToArray();
        long Extra(ChangeClass x) => ShiftMinutes(c, x.To) - ShiftMinutes(c, x.From);
        for (var i = 0; i < list.Length; i++)
        {
            if (Extra(list[i]) <= slack)
            {
                yield return new Move(list[i], null);
            }

            for (var j = i; j < list.Length; j++)
            {
                // Two people of one type trading shifts (a→b, b→a) change no count, and a chain (a→b, b→c) the counts of a
                // single move (a→c): only which names meet which random numbers, which is noise, not a better roster.
                var sameType = list[i].Type == list[j].Type;
                var chain = sameType && (list[i].To == list[j].From || list[i].From == list[j].To);
                if ((sameType && list[i].From == list[j].From && list[i].People.Length < 2) || chain || Extra(list[i]) + Extra(list[j]) > slack)
                {
                    continue;
                }

                yield return new Move(list[i], list[j]);
            }
        }
    }

    /// <summary>The first people (up to three tried per class) who can make <paramref name="move"/> keeping every rule; null if none.</summary>
    private static Change[]? Feasible(CompiledProblem c, int[][] shiftOf, int d, Move move)
    {
        foreach (var p in move.First.People.Take(3))
        {
            var seconds = move.Second is { } second ? second.People.Where(q => q != p).Take(3).Select(q => (int?)q) : [null];
            foreach (var q in seconds)
            {
                Change[] changes = q is { } other ? [new(p, move.First.To), new(other, move.Second!.To)] : [new(p, move.First.To)];
                var was = Apply(shiftOf, d, changes);
                var ok = changes.All(x => WithinWeek(c, shiftOf, x.Person, d)) && WithinDay(c, shiftOf, d) && RosterChecker.Check(c, RosterOptimiser.ToRoster(c, shiftOf)).Count == 0;
                Undo(shiftOf, d, changes, was);
                if (ok)
                {
                    return changes;
                }
            }
        }

        return null;
    }

    /// <summary>A quick necessary condition before the full check: in the calendar week of day <paramref name="d"/>, the
    /// person works no more minutes than their contract and no more days than the days off allow (the checker, which
    /// decides, is at least as strict).</summary>
    private static bool WithinWeek(CompiledProblem c, int[][] shiftOf, int person, int d)
    {
        var monday = d - (((int)c.Date(d).DayOfWeek + 6) % 7);
        var (minutes, days) = (0L, 0);
        for (var x = Math.Max(0, monday); x < Math.Min(c.Days, monday + 7); x++)
        {
            if (shiftOf[person][x] >= 0)
            {
                minutes += c.Shifts[shiftOf[person][x]].WorkMinutes;
                days++;
            }
        }

        return minutes <= c.Staff[person].ContractHoursPerWeek * 60 + 1e-6 && days <= 7 - c.Problem.Rules.MinDaysOffPerWeek;
    }

    /// <summary>The objective's most people at work on day <paramref name="d"/> (<see cref="MinimiseWaiting.MaxStaffPerDay"/>),
    /// which the count model keeps and the rules checker does not know.</summary>
    private static bool WithinDay(CompiledProblem c, int[][] shiftOf, int d) =>
        (c.Problem.Objective as MinimiseWaiting)?.MaxStaffPerDay is not { } most || shiftOf.Count(x => x[d] >= 0) <= most;

    /// <summary>Whether the person's shift on day <paramref name="d"/> was fixed by the problem (a fixed assignment, a
    /// shift already started when re-planning): the search leaves it.</summary>
    private static bool Fixed(CompiledProblem c, int person, int d) => c.Forced[person][d].Any(x => x);

    private static int[] Apply(int[][] shiftOf, int d, Change[] changes)
    {
        var was = new int[changes.Length];
        for (var i = 0; i < changes.Length; i++)
        {
            was[i] = shiftOf[changes[i].Person][d];
            shiftOf[changes[i].Person][d] = changes[i].Shift;
        }

        return was;
    }

    private static void Undo(int[][] shiftOf, int d, Change[] changes, int[] was)
    {
        for (var i = changes.Length - 1; i >= 0; i--)
        {
            shiftOf[changes[i].Person][d] = was[i];
        }
    }

    /// <summary>What <see cref="PredictedChange"/> needs of a day, computed once per day and roster: the cut's slope per
    /// interval of the horizon (0 where it has none) and the day's oracle ÷ curves ratio (at least 1).</summary>
    private sealed record DayModel(int Day, double[] Slope, double Scale)
    {
        public static DayModel Of(CompiledProblem c, double[][] curves, DayCut cut, int[] open)
        {
            var slope = new double[c.Grid.Count];
            for (var i = 0; i < cut.Intervals.Length; i++)
            {
                slope[cut.Intervals[i]] = cut.Slopes[i];
            }

            var model = 0.0;
            for (var t = cut.Day * c.PerDay; t < (cut.Day + 1) * c.PerDay; t++)
            {
                model += c.Counted[t] ? curves[t][Math.Min(open[t], c.Windows)] : 0;
            }

            return new DayModel(cut.Day, slope, model > 0 ? Math.Max(1, cut.Waiting / model) : 1);
        }
    }

    /// <summary>The change in the day's cost predicted for <paramref name="move"/>: per interval and window gained, the
    /// cut's slope there; per window lost, the larger of that slope and the curve's backward difference scaled by the
    /// day's oracle ÷ curves ratio (convexity: losing a window costs at least what gaining one saves).</summary>
    private static double PredictedChange(CompiledProblem c, double[][] curves, DayModel day, int[] open, Move move)
    {
        var change = 0.0;
        for (var k = 0; k < c.PerDay; k++)
        {
            var t = (day.Day * c.PerDay) + k;
            if (!c.Counted[t])
            {
                continue;
            }

            int Covers(int s) => s >= 0 && c.Shifts[s].Covers[k] ? 1 : 0;
            var delta = Covers(move.First.To) - Covers(move.First.From) + (move.Second is { } m ? Covers(m.To) - Covers(m.From) : 0);
            if (delta == 0)
            {
                continue;
            }

            var n = open[t];
            for (var step = 0; step < delta && n + step < c.Windows; step++)
            {
                change += day.Slope[t];
            }

            for (var step = 0; step < -delta; step++)
            {
                var at = n - step;
                if (at <= c.Windows && at > 0)
                {
                    change += Math.Max(step == 0 ? -day.Slope[t] : 0, (curves[t][at - 1] - curves[t][at]) * day.Scale);
                }
            }
        }

        return change;
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
