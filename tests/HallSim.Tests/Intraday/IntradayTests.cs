using HallSim.Calibration;
using HallSim.Intraday;
using HallSim.Model;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Tests.Intraday;

public class IntradayTests
{
    private static readonly DateOnly Day = new(2026, 3, 18); // a March peak Wednesday: ~80 waiting at 10:30
    private static readonly DateTime Cut = Day.ToDateTime(new TimeOnly(10, 30));

    // No self-service machines: a ticket log cannot show who is at a machine, so the state would miss them.
    private static readonly Scenario Hall = Halls.Jihua with { StartDate = Day, Days = 1, Kiosks = [] };
    private static readonly CompiledStaffing Compiled = Hall.Compile().Compile(new StaffingPlan { Roster = Halls.UsualRoster(Hall) });
    private static readonly double CutMinutes = Cut.TimeOfDay.TotalMinutes;

    private static (double AheadOfWaiting, double WaitAfter, double IssuedAfter) Measures(HallRunResult run, HashSet<long>? waitingIds)
    {
        var tickets = run.Tickets!;
        var waiting = tickets.Where(t => t.IssuedAt is { } i && i <= CutMinutes && (t.CalledAt is null || t.CalledAt >= CutMinutes) && !(t.ServiceStart is { } s && s < CutMinutes)).ToList();
        var called = waiting.Where(t => t.CalledAt is not null).ToList();
        var after = tickets.Where(t => t.IssuedAt > CutMinutes && t.CalledAt is not null).ToList();
        return (
            called.Count == 0 ? 0 : called.Average(t => t.CalledAt!.Value - CutMinutes),
            after.Count == 0 ? 0 : after.Average(t => t.Wait!.Value),
            tickets.Count(t => t.IssuedAt > CutMinutes));
    }

    [Fact]
    public void RestOfDay_FromTheStateAtTheCut_IsDistributedAsTheDaySimulatedFromOpening()
    {
        // Oracle: the same day simulated from opening. Cut each replication at 10:30, continue from its state on fresh
        // seeds; if the state is put in place right (queue, services in progress, patience of those who already waited),
        // the continuation's rest of the day has the same distribution as the original's. Paired by state: the mean of
        // the differences must be within 2.58 standard errors of 0 (a 99% interval, 200 pairs), and a continuation from
        // an empty hall must be far outside it (the test can fail).
        const int pairs = 200;
        var diffs = new List<(double A, double B, double C)>();
        var emptyDiffs = new List<double>();
        var waitingCounts = new List<int>();
        for (var r = 0; r < pairs; r++)
        {
            var full = HallModel.Run(Compiled, 11, r);
            var state = IntradayState.FromTickets(full.Tickets!, Day, Cut).State;
            waitingCounts.Add(state.Waiting.Count);
            var cont = HallModel.Run(Compiled, 12, r, new HallRunOptions { StartFrom = state });
            var empty = HallModel.Run(Compiled, 12, r, new HallRunOptions { StartFrom = new HallState { At = Cut } });
            var f = Measures(full, null);
            var c = Measures(cont, null);
            diffs.Add((f.AheadOfWaiting - c.AheadOfWaiting, f.WaitAfter - c.WaitAfter, f.IssuedAfter - c.IssuedAfter));
            emptyDiffs.Add(f.WaitAfter - Measures(empty, null).WaitAfter);
        }

        Assert.True(waitingCounts.Average() > 50, $"only {waitingCounts.Average():0} waiting at the cut on average: not the hard case");
        static (double Mean, double Se) Stat(IEnumerable<double> xs)
        {
            var list = xs.ToList();
            var mean = list.Average();
            var sd = Math.Sqrt(list.Sum(x => (x - mean) * (x - mean)) / (list.Count - 1));
            return (mean, sd / Math.Sqrt(list.Count));
        }

        foreach (var (name, values) in new[] { ("wait ahead of those waiting at the cut", diffs.Select(d => d.A)), ("wait of tickets issued after the cut", diffs.Select(d => d.B)), ("tickets issued after the cut", diffs.Select(d => d.C)) })
        {
            var (mean, se) = Stat(values);
            Assert.True(Math.Abs(mean) <= 2.58 * se, $"{name}: original − continued = {mean:0.00} ± {2.58 * se:0.00} (99%): the continuation differs");
        }

        var (emptyMean, emptySe) = Stat(emptyDiffs);
        Assert.True(emptyMean > 5 * emptySe && emptyMean > 5, $"from an empty hall the later waits should be much shorter: {emptyMean:0.0} ± {emptySe:0.0}");
    }

    [Fact]
    public void StateFromTheLogCsv_IsTheStateFromTheTickets()
    {
        var run = HallModel.Run(Compiled, 3, 0);
        var fromTickets = IntradayState.FromTickets(run.Tickets!, Day, Cut);
        var csv = new StringWriter();
        TicketLog.Write(csv, run.Tickets!, Day);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv.ToString()));
        var fromLog = IntradayState.FromLog(stream, Cut);

        Assert.Equal(0, fromLog.Rejected);
        Assert.True(fromTickets.State.Waiting.Count > 30);
        // The log rounds times to the second: the same citizens, the same categories, in the same order.
        Assert.Equal(fromTickets.State.Waiting.Select(w => w.ServiceCode), fromLog.State.Waiting.Select(w => w.ServiceCode));
        Assert.Equal(fromTickets.State.InService.Select(c => (c.WindowId, c.ServiceCode)), fromLog.State.InService.Select(c => (c.WindowId, c.ServiceCode)));
        Assert.Equal(fromTickets.WalkInTicketsSoFar, fromLog.WalkInTicketsSoFar);
        Assert.True(fromLog.IssuedLater > 0);
    }

    [Fact]
    public void LogOfTheDaySoFar_ReadsUnfinishedRows_AndCountsEveryRowItDoesNotUse()
    {
        var csv = """
            issued_at,called_at,service_start,service_end,window,service_code,outcome
            2026-03-18 09:01:00,2026-03-18 09:05:00,2026-03-18 09:05:30,2026-03-18 09:20:00,W01,rental,SERVED
            2026-03-18 10:00:00,2026-03-18 10:20:00,2026-03-18 10:20:30,,W02,rental,SERVING
            2026-03-18 10:10:00,,,,,social,
            2026-03-18 10:12:00,,,,,rental,WAITING
            2026-03-18 10:14:00,,,,,rental,CANCELLED
            2026-03-18 10:15:00,not a time,,,,rental,
            2026-03-18 10:16:00,,,,,rental,MAYBE
            2026-03-17 10:16:00,,,,,rental,
            2026-03-18 10:40:00,,,,,rental,
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        var snap = IntradayState.FromLog(stream, Cut);

        Assert.Equal(9, snap.Rows);
        Assert.Equal(2, snap.Rejected);
        Assert.Contains(snap.RejectedRows, r => r.Line == 7 && r.Reason.Contains("not a time"));
        Assert.Contains(snap.RejectedRows, r => r.Line == 8 && r.Reason.Contains("MAYBE"));
        Assert.Equal(["social", "rental"], snap.State.Waiting.Select(w => w.ServiceCode));
        Assert.Equal("W02", Assert.Single(snap.State.InService).WindowId);
        Assert.Equal(1, snap.OtherDates);
        Assert.Equal(1, snap.IssuedLater);
        Assert.Equal(2, snap.Finished); // served, cancelled
        Assert.Equal(5, snap.WalkInTicketsSoFar);
    }

    [Fact]
    public void ABadState_IsRefusedWithEveryBadFieldNamed()
    {
        var state = new HallState
        {
            At = Cut,
            Waiting = [new WaitingCitizen("nope", Cut.AddMinutes(-5)), new WaitingCitizen("rental", Cut.AddMinutes(5), PriorityClass: "vip?")],
            InService = [new CitizenInService("W99", "rental", Cut.AddMinutes(-3)), new CitizenInService(Hall.Windows[0].Id, "rental", Cut.AddDays(-1))],
            AbsentStaff = ["nobody"],
        };
        var ex = Assert.Throws<ScenarioValidationException>(() => HallModel.Run(Compiled, 1, 0, new HallRunOptions { StartFrom = state }));
        var paths = ex.Problems.Select(p => p.Path).ToList();
        Assert.Contains("startFrom.waiting[0].serviceCode", paths);
        Assert.Contains("startFrom.waiting[1].issuedAt", paths);
        Assert.Contains("startFrom.waiting[1].priorityClass", paths);
        Assert.Contains("startFrom.inService[0].windowId", paths);
        Assert.Contains("startFrom.inService[1].serviceStart", paths);
        Assert.Contains("startFrom.absentStaff[0]", paths);
        var wrongDay = Assert.Throws<ScenarioValidationException>(() => HallModel.Run(Compiled, 1, 0, new HallRunOptions { StartFrom = new HallState { At = Cut.AddDays(1) } }));
        Assert.Contains(wrongDay.Problems, p => p.Path == "startFrom.at" && p.Message.Contains("first date"));
        var noState = Assert.Throws<ScenarioValidationException>(() => HallModel.Run(Compiled, 1, 0, new HallRunOptions { RestOfDayDemand = new DemandMultiplier(0, 1) }));
        Assert.Equal(2, noState.Problems.Count);
    }

    [Fact]
    public void Reforecast_OnDaysThirtyPercentAboveTheForecast_RecoversTheVolumeWithinItsInterval()
    {
        // Days whose walk-in demand is 1.3 × the forecast (a near-certain multiplier from opening), on a January day
        // with short queues (balking would make tickets grow less than demand). By 11:00 the updated 95% interval must
        // hold 1.3 in at least 90% of 100 simulated days; on days at the forecast it must hold 1.
        var day = new DateOnly(2026, 1, 14);
        var hall = Halls.Jihua with { StartDate = day, Days = 1 };
        var compiled = hall.Compile().Compile(new StaffingPlan { Roster = Halls.UsualRoster(hall) });
        var opening = day.ToDateTime(TimeOnly.MinValue);
        var at = day.ToDateTime(new TimeOnly(11, 0));
        var surge = new HallRunOptions { StartFrom = new HallState { At = opening }, RestOfDayDemand = new DemandMultiplier(1e9, 1e9 / 1.3) };
        var expected = IntradayForecast.Update(compiled, at, 0, replications: 60).ExpectedSoFar;
        int covered = 0, coveredAtForecast = 0;
        const int days = 100;
        for (var r = 0; r < days; r++)
        {
            var run = HallModel.Run(compiled, 77, r, surge);
            var seen = IntradayState.FromTickets(run.Tickets!, day, at).WalkInTicketsSoFar;
            var update = new DemandMultiplier(25 + seen, 25 + expected);
            covered += update.Quantile(0.025) <= 1.3 && 1.3 <= update.Quantile(0.975) ? 1 : 0;

            var plain = HallModel.Run(compiled, 78, r);
            var seenPlain = IntradayState.FromTickets(plain.Tickets!, day, at).WalkInTicketsSoFar;
            var updatePlain = new DemandMultiplier(25 + seenPlain, 25 + expected);
            coveredAtForecast += updatePlain.Quantile(0.025) <= 1 && 1 <= updatePlain.Quantile(0.975) ? 1 : 0;
        }

        Assert.True(expected > 100, $"E = {expected:0}: too few tickets by 11:00 to learn anything");
        Assert.True(covered >= 90, $"1.3 inside the 95% interval on {covered} of {days} days");
        Assert.True(coveredAtForecast >= 90, $"1 inside the 95% interval on {coveredAtForecast} of {days} days at the forecast");
        var one = IntradayForecast.Update(compiled, at, (int)Math.Round(expected * 1.3), replications: 60);
        Assert.InRange(one.Multiplier.Mean, 1.2, 1.3);
    }

    [Fact]
    public void GammaQuantiles_MatchPublishedValues()
    {
        // Gamma(shape 30, rate 1): its 2.5% and 97.5% quantiles are those of a chi-square with 60 degrees of freedom,
        // 40.48 and 83.30, halved: 20.24 and 41.65. Wilson–Hilferty is within 0.5%.
        var g = new DemandMultiplier(30, 1);
        Assert.Equal(20.24, g.Quantile(0.025), 20.24 * 0.005);
        Assert.Equal(41.65, g.Quantile(0.975), 41.65 * 0.005);
        Assert.Equal(30, g.Mean);
    }
}
