using System.Globalization;
using HallSim.Model;
using HallSim.Queueing;
using HallSim.Rostering;
using HallSim.Scenarios;
using HallSim.Staffing;

/// <summary>
/// docs/rostering.md's check of the waiting model against the simulation: for the first round's roster of a week, per
/// day, the waiting the curves predict (each interval alone), the exact pooled queue run over the whole day at the
/// roster's open windows (queues carried between intervals), and the simulation (every category, window and behaviour).
/// </summary>
internal static class CurveCheck
{
    internal static void Print()
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("| week | day | curves (each interval alone) | exact pooled queue over the day (carried queues) | simulation (30 replications) | curves ÷ simulation | pooled ÷ simulation |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var week in new[] { new DateOnly(2026, 1, 12), Halls.JihuaPeakWeek })
        {
            var problem = new RosterProblem(Halls.JihuaPeak, week, 6);
            var baseline = Baselines.SippCover(problem, new ServiceLevelTarget(0.8, 15));
            var roster = RosterOptimiser.Solve(problem with { Objective = new MinimiseWaiting { StaffHourBudget = baseline.StaffHours } });
            var horizon = Halls.JihuaPeak with { StartDate = week, Days = 6 };
            var sipp = Requirements.Compute(horizon, RequirementMethod.Sipp, new WaitProbabilityTarget(1), 30, horizon.Windows.Count);
            var sim = RosterEvaluator.Evaluate(horizon, new StaffingPlan { Roster = roster.Roster }, 777, 30);
            var patience = horizon.Behaviour.Patience?.Mean;
            for (var d = 0; d < 6; d++)
            {
                var day = Enumerable.Range(d * 48, 48).ToArray();
                var open = day.Where(t => roster.Intervals[t].OpenWindows > 0 || sipp.Intervals[t].ArrivalRate > 0).ToArray();
                if (open.Length == 0)
                {
                    continue;
                }

                var curves = day.Sum(t => roster.Intervals[t].PredictedWaiting);
                var pieces = Enumerable.Range(open[0], open[^1] - open[0] + 1).Select(t => new QueuePiece(30, sipp.Intervals[t].ArrivalRate, roster.Intervals[t].OpenWindows)).ToArray();
                var pooled = TransientQueue.Evaluate(pieces, sipp.MeanService, patience).TotalQueueMinutes;
                var simulated = day.Sum(t => sim.IntervalWaiting[t]);
                Console.WriteLine(string.Create(inv, $"| {week:d MMM} | {week.AddDays(d):ddd d MMM} | {curves:0} | {pooled:0} | {simulated:0} | {curves / simulated:0.00} | {pooled / simulated:0.00} |"));
            }
        }
    }
}
