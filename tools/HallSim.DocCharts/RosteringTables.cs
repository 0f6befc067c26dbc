using System.Globalization;
using HallSim.Experiments;
using HallSim.Model;
using HallSim.Queueing;
using HallSim.Rostering;
using HallSim.Scenarios;
using HallSim.Staffing;

/// <summary>docs/rostering.md's comparison: the simulation-optimised roster against SIPP + cheapest cover at equal staff-hours.</summary>
internal static class RosteringTables
{
    internal static void Print(string? only = null, double? tailWeight = null, int? replications = null, int? radius = null, int? rounds = null, int? candidates = null)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("| week (6 open days) | usual-method target | staff-hours (both) | mean wait: SIPP+cover → optimised | change | p90 wait | called within 15 min | left before called | turned away (citizens) | overtime after closing (h) | total waiting difference (95% CI) | loop: rounds, moves (judged), time | bound, gap (loop's seeds) | every window open |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        (DateOnly Week, StaffingTarget Target, string Name)[] cases =
        [
            (new DateOnly(2026, 1, 12), new ServiceLevelTarget(0.8, 15), "80% within 15 min"),
            (new DateOnly(2026, 3, 2), new ServiceLevelTarget(0.8, 15), "80% within 15 min"),
            (Halls.JihuaPeakWeek, new ServiceLevelTarget(0.8, 15), "80% within 15 min"),
            (Halls.JihuaPeakWeek, new MeanWaitTarget(20), "mean wait ≤ 20 min"),
            (new DateOnly(2026, 5, 11), new ServiceLevelTarget(0.8, 15), "80% within 15 min"),
        ];
        foreach (var (week, target, name) in cases.Where((_, i) => only is null || only.Split(',').Contains(i.ToString(CultureInfo.InvariantCulture))))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var problem = new RosterProblem(Halls.JihuaPeak, week, 6);
            var baseline = Baselines.SippCover(problem, target);
            var stages = System.Diagnostics.Stopwatch.StartNew();
            var loop = SimulationOptimiser.Run(problem with { Objective = new MinimiseWaiting { StaffHourBudget = baseline.StaffHours, TailWeight = tailWeight ?? new MinimiseWaiting().TailWeight } }, new SimulationOptimisationOptions
            {
                Replications = replications ?? new SimulationOptimisationOptions().Replications,
                TrustRadius = radius ?? new SimulationOptimisationOptions().TrustRadius,
                MaxIterations = rounds ?? new SimulationOptimisationOptions().MaxIterations,
                NeighbourCandidates = candidates ?? new SimulationOptimisationOptions().NeighbourCandidates,
            }, progress: new Stages(p =>
            {
                Console.Error.WriteLine(string.Create(inv, $"    {stages.Elapsed.TotalSeconds,6:0.0} s  {p}"));
            }));
            var seconds = clock.Elapsed.TotalSeconds;
            var horizon = Halls.JihuaPeak with { StartDate = week, Days = 6 };
            // Fresh seeds: neither the loop (seed 1) nor anything else saw seed 777's citizens.
            var b = RosterEvaluator.Evaluate(horizon, new StaffingPlan { Roster = baseline.Roster }, 777, 30);
            var o = RosterEvaluator.Evaluate(horizon, new StaffingPlan { Roster = loop.Best.Roster }, 777, 30);
            var d = o.TotalWaitingDifference(b);
            var away = MeanEstimate.Of(o.TurnedAwayByReplication.Zip(b.TurnedAwayByReplication, (x, y) => x - y).ToList());
            Console.WriteLine(string.Create(inv,
                $"| {week:d MMM} | {name} | {baseline.StaffHours:0} / {loop.Best.StaffHours:0} | {b.MeanWait.Mean:0.0} → {o.MeanWait.Mean:0.0} min | {Math.Round((o.MeanWait.Mean / b.MeanWait.Mean) - 1, 2):+0%;−0%;0%} | {b.P90Wait.Mean:0.0} → {o.P90Wait.Mean:0.0} | {b.WithinTarget.Mean:P1} → {o.WithinTarget.Mean:P1} | {b.Abandonment.Mean:P1} → {o.Abandonment.Mean:P1} | {b.TurnedAway.Mean:0} → {o.TurnedAway.Mean:0} ({away.Mean:+0;−0;0} ± {away.HalfWidth:0}) | {b.OvertimeHours.Mean:0.0} → {o.OvertimeHours.Mean:0.0} | {d.Mean:0} ± {d.HalfWidth:0} | {loop.History.Count - (loop.NeighbourMoves > 0 ? 1 : 0)}, {loop.NeighbourMoves} ({loop.NeighbourCandidatesJudged}), {seconds:0} s | {(loop.BoundHolds ? string.Create(inv, $"{loop.LowerBound:0} of {loop.BestWaiting:0}, {loop.Gap:P1}") : "none (cuts contradict)")} | {loop.AllWindowsWaiting:0} ({Math.Round((loop.AllWindowsWaiting / loop.BestWaiting) - 1, 2):+0%;−0%;0%}) |"));
            foreach (var h in loop.History)
            {
                Console.Error.WriteLine(string.Create(inv, $"  round {h.Iteration + 1}: {h.StaffHours:0} h, predicted {h.PredictedWaiting:0}, simulated {h.SimulatedWaiting.Mean:0} ± {h.SimulatedWaiting.HalfWidth:0}, mean wait {h.MeanWait.Mean:0.0}{(h.Accepted ? " *" : string.Empty)}"));
            }

            Console.Error.WriteLine($"  {loop.StopReason}");
        }
    }
}

/// <summary>Reports progress on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class Stages(Action<RosterProgress> report) : IProgress<RosterProgress>
{
    public void Report(RosterProgress value) => report(value);
}
