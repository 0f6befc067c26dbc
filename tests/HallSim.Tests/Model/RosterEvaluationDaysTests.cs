using HallSim.Model;

namespace HallSim.Tests.Model;

/// <summary>Per-day KPIs (<see cref="RosterEvaluator.SummariseDays"/>) against a naive recomputation from the tickets
/// and against the whole-horizon evaluation of the same runs.</summary>
public class RosterEvaluationDaysTests
{
    [Fact]
    public void Days_AddUpToTheHorizon_MatchANaiveRecount_AndAWeekendIsClosed()
    {
        // Monday to Sunday of the small hall, 2 windows: busy enough that some tickets are still waiting at closing.
        var scenario = HallScenarios.SmallHall(arrivalsPerDay: 260, days: 7);
        var staffing = scenario.Compile().Compile(HallScenarios.Weekday(2));
        var runs = HallReplications.Run(staffing, 3, 4, new HallRunOptions { KeepTickets = true, IntervalMinutes = 60 }).Runs;
        var horizon = RosterEvaluator.Summarise(staffing, runs, 15, 60);
        var days = RosterEvaluator.SummariseDays(staffing, runs, 15);

        Assert.Equal(7, days.Count);
        for (var r = 0; r < runs.Count; r++)
        {
            // Σ over days of each replication's total waiting is the horizon's total of that replication.
            Assert.Equal(horizon.TotalWaitingByReplication[r], days.Sum(d => d.TotalWaitingByReplication[r]), 6);
        }

        // Monday's mean wait, recounted by hand: tickets issued on day 0, a never-called one waiting to the horizon's end.
        var end = 7 * 1440.0;
        var naive = runs.Average(run =>
        {
            var waits = run.Tickets!.Where(t => t.IssuedAt is < 1440).Select(t => t.Wait ?? (t.Outcome == TicketOutcome.InProgress ? end - t.IssuedAt!.Value : (double?)null)).OfType<double>().ToList();
            return waits.Average();
        });
        Assert.Equal(naive, days[0].MeanWait.Mean, 9);

        Assert.False(days[0].Closed);
        Assert.True(days[5].Closed && days[6].Closed, "the small hall is closed at the weekend");
        Assert.All(days.Take(5), d => Assert.InRange(d.MostOpenWindows, 1.99, 2.01));
        Assert.Equal(0, days[6].MostOpenWindows);
    }
}
