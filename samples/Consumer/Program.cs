using HallSim.Model;
using HallSim.Planning;
using HallSim.Reports;
using HallSim.Rostering;
using HallSim.Scenarios;
using HallSim.Staffing;

// Simulate the Jihua hall's March peak day with its usual roster, 10 replications.
var day = Halls.Jihua with { StartDate = new DateOnly(2026, 3, 18), Days = 1 };
var result = HallReplications.Run(day, new StaffingPlan { Roster = Halls.UsualRoster(day) }, seed: 1, replications: 10);
var d = result.Days[0];
Console.WriteLine($"Jihua peak day {d.Date:yyyy-MM-dd}: {d.Arrivals.Mean:0} citizens, mean wait {d.MeanWait.Mean:0.0} ± {d.MeanWait.HalfWidth:0.0} min, {d.ServiceLevel.Mean:P0} called within 15 min");

// And a roster for the first day of the peak week with OR-Tools (its native library comes with the package).
var roster = RosterOptimiser.Solve(new RosterProblem(Halls.JihuaPeak, Halls.JihuaPeakWeek, 1));
Console.WriteLine($"Roster for {Halls.JihuaPeakWeek:yyyy-MM-dd}: {roster.Status}, {roster.Roster.Assignments.Count} shifts, {roster.StaffHours:0} staff-hours");

// And the whole plan of one January day in one call (2 replications, to be quick), with its four files.
var plan = RosterPlanner.Plan(new PlanRequest(Halls.JihuaPeak) { From = new DateOnly(2026, 1, 12), Days = 1, Replications = 2 });
var files = PlanFiles.Write(plan, Path.Combine(Path.GetTempPath(), $"hallsim-consumer-{Environment.ProcessId}"), ReportLanguage.Chinese);
Console.WriteLine($"Plan for {plan.From:yyyy-MM-dd}: recommended {plan.Recommended.Evaluation.MeanWait.Mean:0.0} min against usual {plan.Usual.Evaluation.MeanWait.Mean:0.0} min; wrote {files.Count} files");
