using System.Globalization;
using HallSim.Model;
using HallSim.Queueing;
using HallSim.Rostering;
using HallSim.Scenarios;
using HallSim.Staffing;

/// <summary>docs/rostering.md's comparison: the simulation-optimised roster against SIPP + cheapest cover at equal staff-hours.</summary>
internal static class RosteringTables
{
    internal static void Print()
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("| week (6 open days) | usual-method target | staff-hours (both) | mean wait: SIPP+cover → optimised | change | p90 wait | called within 15 min | total waiting difference (95% CI) | loop rounds, time |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        (DateOnly Week, StaffingTarget Target, string Name)[] cases =
        [
            (new DateOnly(2026, 1, 12), new ServiceLevelTarget(0.8, 15), "80% within 15 min"),
            (new DateOnly(2026, 3, 2), new ServiceLevelTarget(0.8, 15), "80% within 15 min"),
            (Halls.JihuaPeakWeek, new ServiceLevelTarget(0.8, 15), "80% within 15 min"),
            (Halls.JihuaPeakWeek, new MeanWaitTarget(20), "mean wait ≤ 20 min"),
            (new DateOnly(2026, 5, 11), new ServiceLevelTarget(0.8, 15), "80% within 15 min"),
        ];
        foreach (var (week, target, name) in cases)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var problem = new RosterProblem(Halls.JihuaPeak, week, 6);
            var baseline = Baselines.SippCover(problem, target);
            var loop = SimulationOptimiser.Run(problem with { Objective = new MinimiseWaiting { StaffHourBudget = baseline.StaffHours } });
            var seconds = clock.Elapsed.TotalSeconds;
            var horizon = Halls.JihuaPeak with { StartDate = week, Days = 6 };
            // Fresh seeds: neither the loop (seed 1) nor anything else saw seed 777's citizens.
            var b = RosterEvaluator.Evaluate(horizon, new StaffingPlan { Roster = baseline.Roster }, 777, 30);
            var o = RosterEvaluator.Evaluate(horizon, new StaffingPlan { Roster = loop.Best.Roster }, 777, 30);
            var d = o.TotalWaitingDifference(b);
            Console.WriteLine(string.Create(inv,
                $"| {week:d MMM} | {name} | {baseline.StaffHours:0} / {loop.Best.StaffHours:0} | {b.MeanWait.Mean:0.0} → {o.MeanWait.Mean:0.0} min | {(o.MeanWait.Mean / b.MeanWait.Mean) - 1:+0%;−0%} | {b.P90Wait.Mean:0.0} → {o.P90Wait.Mean:0.0} | {b.WithinTarget.Mean:P1} → {o.WithinTarget.Mean:P1} | {d.Mean:0} ± {d.HalfWidth:0} | {loop.History.Count}, {seconds:0} s |"));
        }
    }
}
