using HallSim.Calibration;
using HallSim.Intraday;
using HallSim.Model;
using HallSim.Scenarios;
using HallSim.Staffing;
using HallSim.Tests.Model;

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

    [Fact]
    public void AnExtraWindow_IsTheSameAsOneMoreWindowOpenForThatTime()
    {
        // Oracle: a count of open windows that is one higher from 10:00 to 12:00 (the third window, the one an extra
        // person takes when two are staffed). Same seed, so the same citizens: every ticket must end the same way.
        var hall = HallScenarios.SmallHall(arrivalsPerDay: 420, days: 1) with { Windows = [new Window("W01", ["*"]), new Window("W02", ["*"]), new Window("W03", ["*"])] };
        var day = hall.StartDate;
        var two = hall.Compile().Compile(HallScenarios.Weekday(2));
        var threeFromTen = hall.Compile().Compile(new StaffingPlan
        {
            Daily =
            [
                new OpenWindows(new TimeOnly(9, 0), new TimeOnly(10, 0), 2),
                new OpenWindows(new TimeOnly(10, 0), new TimeOnly(12, 0), 3),
                new OpenWindows(new TimeOnly(14, 0), new TimeOnly(18, 0), 2),
            ],
        });
        var extra = new SameDayChanges { ExtraWindows = [new ExtraWindow(day.ToDateTime(new TimeOnly(10, 0)), day.ToDateTime(new TimeOnly(12, 0)))] };
        for (var r = 0; r < 5; r++)
        {
            var a = HallModel.Run(two, 5, r, new HallRunOptions { Today = extra });
            var b = HallModel.Run(threeFromTen, 5, r);
            Assert.Equal(b.Tickets!.Select(t => (t.TicketId, t.CalledAt, t.Outcome, t.WindowId)), a.Tickets!.Select(t => (t.TicketId, t.CalledAt, t.Outcome, t.WindowId)));
            Assert.NotEqual(HallModel.Run(two, 5, r).Tickets!.Select(t => t.CalledAt), a.Tickets!.Select(t => t.CalledAt)); // and it did change the day
        }
    }

    [Fact]
    public void StoppingACategory_TurnsAwayExactlyTheTicketsItWouldHaveIssued()
    {
        // No balking in this hall: the only change is the stop, so (same citizens) the extra turned away are the
        // tickets of that category the day would have issued from the stop on.
        var hall = HallScenarios.SmallHall(arrivalsPerDay: 300, days: 1);
        var compiled = hall.Compile().Compile(HallScenarios.Weekday(3));
        var stopAt = hall.StartDate.ToDateTime(new TimeOnly(15, 0));
        var stop = new SameDayChanges { StopIssuing = [new TicketStop("tax", stopAt)] };
        for (var r = 0; r < 5; r++)
        {
            var before = HallModel.Run(compiled, 9, r);
            var after = HallModel.Run(compiled, 9, r, new HallRunOptions { Today = stop });
            var wouldHave = before.Tickets!.Count(t => t.ServiceCode == "tax" && t.IssuedAt >= 15 * 60);
            Assert.True(wouldHave > 5);
            Assert.Equal(0, after.Tickets!.Count(t => t.ServiceCode == "tax" && t.IssuedAt >= 15 * 60));
            Assert.Equal(before.Totals.Balked + wouldHave, after.Totals.Balked);
            Assert.Equal(before.Totals.Arrived, after.Totals.Arrived);
        }
    }

    [Fact]
    public void Compare_RanksExtraStaffAheadOfDoingNothing_OnAPeakMorning_WithPairedIntervals()
    {
        var run = HallModel.Run(Compiled, 21, 0);
        var full = IntradayState.FromTickets(run.Tickets!, Day, Cut).State;
        Assert.Equal(0, IntradayForecast.FreeWindows(Compiled, full, Cut.AddMinutes(30), Cut.AddHours(7)));
        Assert.DoesNotContain(IntradayForecast.DefaultActions(Compiled, full), a => a.Name.Contains("extra", StringComparison.Ordinal)); // all 16 staffed
        var state = full with { AbsentStaff = [Hall.Staff[2].Id, Hall.Staff[6].Id] }; // two off sick free two windows
        Assert.Equal(2, IntradayForecast.FreeWindows(Compiled, state, Cut.AddMinutes(30), Cut.AddHours(7)));
        var actions = IntradayForecast.DefaultActions(Compiled, state);
        Assert.Equal(["one extra person", "two extra people", "stop issuing rental tickets"], actions.Select(a => a.Name));
        var effects = IntradayForecast.Compare(Compiled, state, actions, replications: 20);

        Assert.Equal("as planned", effects[0].Name);
        Assert.Equal(0, effects[0].MeanWaitChange.Mean);
        var one = effects.Single(e => e.Name == "one extra person");
        var two = effects.Single(e => e.Name == "two extra people");
        Assert.True(one.MeanWaitChange.Upper < 0, $"one extra person: {one.MeanWaitChange.Mean:0.0} ± {one.MeanWaitChange.HalfWidth:0.0} min");
        Assert.True(two.MeanWaitChange.Mean < one.MeanWaitChange.Mean);
        Assert.Equal(2 * one.ExtraStaffHours, two.ExtraStaffHours, 9);
        var stop = effects.Single(e => e.Name.StartsWith("stop", StringComparison.Ordinal));
        Assert.True(stop.TurnedAwayChange.Lower > 0, "stopping a category must turn citizens away");
        Assert.True(effects.Skip(1).Zip(effects.Skip(2)).All(p => p.First.MeanWait.Mean <= p.Second.MeanWait.Mean), "actions ranked by mean wait");
    }

    [Fact]
    public void LogRows_CalledButNotStarted_AreAtTheirWindows_AndWhatCannotBePlacedIsCounted()
    {
        var csv = """
            issued_at,called_at,service_start,service_end,window,service_code,outcome,priority,channel
            2026-03-18 10:00:00,2026-03-18 10:29:00,,,W02,rental,CALLED,,
            2026-03-18 10:01:00,2026-03-18 10:29:00,2026-03-18 10:31:00,2026-03-18 10:45:00,W03,rental,SERVED,,
            2026-03-18 10:04:00,2026-03-18 10:10:00,2026-03-18 10:10:00,,,rental,SERVING,,
            2026-03-18 10:02:00,,,,,rental,NO_SHOW,,
            2026-03-18 10:03:00,,,2026-03-18 10:20:00,,rental,SERVED,,
            2026-03-18 10:05:00,,,,,rental,,普通,
            2026-03-18 10:06:00,,,,,rental,,,APPOINTMENT
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        var snap = IntradayState.FromLog(stream, Cut);

        Assert.Equal(["W02", "W03"], snap.State.InService.Select(c => c.WindowId));
        Assert.All(snap.State.InService, c => Assert.Equal(Cut.AddMinutes(-1), c.ServiceStart)); // at the window from the call
        Assert.Equal(1, snap.LeftOut); // in service, no window named
        Assert.Contains(snap.Notes, n => n.Contains("names no window"));
        Assert.Equal(2, snap.Finished); // the no-show never called, the service with only an end
        Assert.Equal(2, snap.State.Waiting.Count);

        // The scenario has no appointments and no class of that name: ordinary walk-ins, said in the notes, and the
        // state runs (it would be refused as it is).
        Assert.Throws<ScenarioValidationException>(() => HallModel.Run(Compiled, 1, 0, new HallRunOptions { StartFrom = snap.State }));
        var fitted = IntradayState.ForScenario(snap, Hall);
        Assert.Contains(fitted.Notes, n => n.Contains("普通"));
        Assert.Contains(fitted.Notes, n => n.Contains("appointment"));
        Assert.All(fitted.State.Waiting, w => Assert.False(w.Appointment));
        var run = HallModel.Run(Compiled, 1, 0, new HallRunOptions { StartFrom = fitted.State });
        Assert.Equal(run.Totals.Arrived, run.Totals.Served + run.Totals.Balked + run.Totals.NoShow + run.Totals.Cancelled + run.Totals.SelfServed + run.Totals.InProgress);
    }

    [Theory]
    [InlineData(12, 10)] // inside the lunch closure, after the morning's cut-off
    [InlineData(18, 5)]  // after closing
    public void AQueueRestoredAfterACutOff_IsServedByTheWindowsThatWorkOn_AsFromOpening(int hour, int minute)
    {
        // From opening, windows staffed at the cut-off serve the queue left after it; a queue restored then must be
        // served the same way, not wait for the next session (or for ever).
        var at = Day.ToDateTime(new TimeOnly(hour, minute));
        var waiting = Enumerable.Range(0, 10).Select(i => new WaitingCitizen("rental", at.AddMinutes(-40 + i))).ToList();
        var run = HallModel.Run(Compiled, 2, 0, new HallRunOptions { StartFrom = new HallState { At = at, Waiting = waiting } });
        var restored = run.Tickets!.Where(t => t.IssuedAt < at.TimeOfDay.TotalMinutes).ToList();
        Assert.Equal(10, restored.Count);
        Assert.All(restored, t => Assert.True(t.CalledAt is { } c && c < at.TimeOfDay.TotalMinutes + 30, $"called at {t.CalledAt}"));
    }

    [Fact]
    public void ExtraWindows_AreLeftAloneByTheStaffing_AndAStaffedWindowIsRefusedByName()
    {
        // Count staffing closes windows at its changes: an extra window across the lunch change must keep working.
        var hall = HallScenarios.SmallHall(arrivalsPerDay: 420, days: 1) with { Windows = [new Window("W01", ["*"]), new Window("W02", ["*"]), new Window("W03", ["*"])] };
        var day = hall.StartDate;
        var compiled = hall.Compile().Compile(HallScenarios.Weekday(2));
        var today = new SameDayChanges { ExtraWindows = [new ExtraWindow(day.ToDateTime(new TimeOnly(10, 0)), day.ToDateTime(new TimeOnly(17, 0)))] };
        var run = HallModel.Run(compiled, 5, 0, new HallRunOptions { Today = today });
        Assert.Contains(run.Tickets!, t => t.WindowId == "W03" && t.CalledAt > 14 * 60);

        // A roster shift that ends where an extra person starts: the roster's closing must not shut the extra window.
        var runAt = HallModel.Run(Compiled, 21, 0);
        var state = IntradayState.FromTickets(runAt.Tickets!, Day, Cut).State with { AbsentStaff = [Hall.Staff[2].Id] };
        var extra = new SameDayChanges { ExtraWindows = [new ExtraWindow(Cut, Day.ToDateTime(new TimeOnly(18, 0)))] };
        var withExtra = HallModel.Run(Compiled, 22, 0, new HallRunOptions { StartFrom = state, Today = extra });
        Assert.Contains(withExtra.Tickets!, t => t.StaffId == "extra");

        var staffed = new SameDayChanges { ExtraWindows = [new ExtraWindow(day.ToDateTime(new TimeOnly(9, 0)), day.ToDateTime(new TimeOnly(10, 0)), "W01")] };
        var problems = HallModel.Validate(compiled, new HallRunOptions { Today = staffed });
        Assert.Contains(problems, p => p.Path == "options.today.extraWindows[0].windowId" && p.Message.Contains("staffed"));
    }

    [Fact]
    public void ABadState_IsRefusedBeforeTheReplications_NotWrapped()
    {
        var state = new HallState { At = Cut, AbsentStaff = ["S99"] };
        var ex = Assert.Throws<ScenarioValidationException>(() => IntradayForecast.RestOfDay(Compiled, state, replications: 4));
        Assert.Contains(ex.Problems, p => p.Path == "startFrom.absentStaff[0]");
        Assert.Throws<ScenarioValidationException>(() => IntradayForecast.Compare(Compiled, state, [], replications: 4));
    }

    [Fact]
    public void AJsonSnapshot_RoundTrips_AndEveryBadFieldIsNamed()
    {
        var run = HallModel.Run(Compiled, 21, 0);
        var state = IntradayState.FromTickets(run.Tickets!, Day, Cut).State with { AbsentStaff = ["S03"], AtKiosks = [new CitizenAtKiosk("etax", "tax", Cut.AddMinutes(-2))] };
        var json = HallStateJson.Write(state);
        var back = HallStateJson.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Equal(state.At, back.At);
        Assert.Equal(state.Waiting, back.Waiting);
        Assert.Equal(state.InService, back.InService);
        Assert.Equal(state.AtKiosks, back.AtKiosks);
        Assert.Equal(state.AbsentStaff, back.AbsentStaff);

        var bad = """
            { "at": "2026-03-18 10:3x", "waiting": [ { "issuedAt": "2026-03-18T10:00:00", "present": "yes" }, 7 ],
              "inService": "W01", "absentStaff": [ "" ], "extra": 1 }
            """;
        var ex = Assert.Throws<ScenarioValidationException>(() => HallStateJson.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bad))));
        var paths = ex.Problems.Select(p => p.Path).ToList();
        Assert.Equal(["$.extra", "$.at", "$.waiting[0].serviceCode", "$.waiting[0].present", "$.waiting[1]", "$.inService", "$.absentStaff[0]"], paths);
        Assert.DoesNotContain("System.", ex.Message);
        var broken = Assert.Throws<ScenarioValidationException>(() => HallStateJson.Read(new MemoryStream("{ \"at\": "u8.ToArray())));
        Assert.Contains("is not valid JSON", broken.Message);
    }
}
