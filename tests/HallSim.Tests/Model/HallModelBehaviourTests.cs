using HallSim.Model;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Tests.Model;

/// <summary>One test per behaviour of the hall model.</summary>
public class HallModelBehaviourTests
{
    private static HallRunResult Run(Scenario s, StaffingPlan? staffing = null, ulong seed = 1) =>
        HallModel.Run(s, staffing ?? HallScenarios.Weekday(4), seed);

    [Fact]
    public void Arrivals_OnlyDuringTicketHours_AndWindowsServeOnlyTheirCategories()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 500);
        var r = Run(s);
        var cutoff = s.Calendar.TicketCutoffMinutes;

        Assert.All(r.Tickets!, t =>
        {
            var minute = t.ArrivedAt % 1440;
            Assert.True((minute >= 540 && minute < 720 - cutoff) || (minute >= 840 && minute < 1080 - cutoff), $"arrival at minute {minute}");
        });
        Assert.All(r.Tickets!.Where(t => t.WindowId is not null), t =>
        {
            var window = s.Windows.Single(w => w.Id == t.WindowId);
            Assert.True(window.Serves(t.ServiceCode), $"{t.WindowId} served {t.ServiceCode}");
        });
    }

    [Fact]
    public void EveryTicketIssuedBeforeTheCutoff_IsServed_WithOvertimeReported()
    {
        // Too few windows for the demand: queues remain at 12:00 and 18:00, and the staff finish them.
        var s = HallScenarios.SmallHall(arrivalsPerDay: 700, days: 2);
        var r = Run(s, HallScenarios.Weekday(4));

        Assert.Equal(0, r.Totals.InProgress);
        Assert.Equal(r.Totals.Arrived, r.Totals.Served);
        Assert.All(r.Days, d => Assert.True(d.OvertimeMinutes > 0, $"{d.Date}: no overtime"));
    }

    [Fact]
    public void ExpectedArrivals_FollowTheDemandModel()
    {
        // 30 weekdays: Monday factor 1.1, others 1. Mean per day = 300 × (1.1 + 4) / 5 = 306 ± ~4% (Poisson, 30 days).
        var s = HallScenarios.SmallHall(arrivalsPerDay: 300, days: 42);
        var r = Run(s, HallScenarios.Weekday(4));
        var weekdays = r.Days.Where(d => d.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();

        Assert.Equal(30, weekdays.Count);
        Assert.All(r.Days.Except(weekdays), d => Assert.Equal(0, d.Arrivals));
        Assert.InRange(weekdays.Average(d => d.Arrivals), 306 * 0.96, 306 * 1.04);
    }

    [Fact]
    public void Holidays_Close_MakeUpDays_Open_Typhoon_ShiftsDemand()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 300, days: 14) with
        {
            Calendar = new HallCalendar
            {
                Holidays = [new DateOnly(2026, 3, 3)],
                MakeUpWorkdays = [new DateOnly(2026, 3, 7)],
                SpecialDays =
                [
                    new SpecialDay(new DateOnly(2026, 3, 10), SpecialDayKind.Typhoon) { ShiftedShare = 1, ShiftedOverDays = 1 },
                    new SpecialDay(new DateOnly(2026, 3, 13), SpecialDayKind.HeavyRain) { DemandFactor = 0.5 },
                ],
            },
        };
        var plans = DemandCompiler.Compile(s);

        Assert.Equal(0, plans[1].ExpectedArrivals); // Tuesday 3 March: holiday
        Assert.Equal(300, plans[5].ExpectedArrivals, 9); // Saturday 7 March: make-up working day
        Assert.Equal(0, plans[8].ExpectedArrivals); // Tuesday 10 March: typhoon
        Assert.Equal(600, plans[9].ExpectedArrivals, 9); // Wednesday 11 March: its own demand plus the typhoon's
        Assert.Equal(0, plans[6].ExpectedArrivals); // Sunday 8 March
        Assert.Equal(150, plans[11].ExpectedArrivals, 9); // Friday 13 March: heavy rain halves demand

        var r = Run(s);
        Assert.Equal(0, r.Days[1].Arrivals);
        Assert.True(r.Days[5].Arrivals > 0);
        Assert.Equal(0, r.Days[8].Arrivals);
    }

    [Fact]
    public void Balking_CitizensLeaveWhenManyTicketsAreAhead()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 1500, days: 2) with { Behaviour = new CitizenBehaviour { Balking = new Balking(5, 15) } };
        var r = Run(s, HallScenarios.Weekday(4));

        Assert.True(r.Totals.Balked > 0);
        Assert.Contains(r.Intervals, i => i.MaxQueue >= 10);
        Assert.All(r.Intervals, i => Assert.True(i.MaxQueue <= 15, $"queue reached {i.MaxQueue}: nobody joins with 15 ahead"));
    }

    [Fact]
    public void Reneging_ShowsUpAsNoShow_AndRecallsCostWindowTime()
    {
        var patient = HallScenarios.SmallHall(arrivalsPerDay: 700, days: 2);
        var impatient = patient with
        {
            Behaviour = new CitizenBehaviour { Patience = new ExponentialDistribution(15), AbsentWhenCalled = new AbsentWhenCalled(3, 1) },
        };

        var r = Run(impatient, HallScenarios.Weekday(3));
        var noShows = r.Tickets!.Where(t => t.Outcome == TicketOutcome.NoShow).ToList();

        Assert.NotEmpty(noShows);
        Assert.All(noShows, t =>
        {
            Assert.Equal(3, t.CallCount);
            Assert.NotNull(t.LeftAt);
            Assert.True(t.LeftAt < t.CalledAt - 2, "left before the first call"); // last call = first call + 2 minutes
            Assert.Null(t.ServiceStart);
        });
    }

    [Fact]
    public void GreenChannel_WaitsLessThanEveryoneElse()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 700, days: 3) with
        {
            Behaviour = new CitizenBehaviour { PriorityClasses = [new PriorityClass("green", 0.1, 0)] },
        };
        var r = Run(s, HallScenarios.Weekday(3));
        var green = r.Tickets!.Where(t => t.PriorityClass == "green" && t.Wait is not null).Average(t => t.Wait!.Value);
        var others = r.Tickets!.Where(t => t.PriorityClass is null && t.Wait is not null).Average(t => t.Wait!.Value);

        Assert.True(green < others / 3, $"green {green:0.0} vs others {others:0.0} minutes");
    }

    [Fact]
    public void Kiosks_SelfServeOrFallBackToAWindowTicket()
    {
        var allSucceed = HallScenarios.SmallHall() with
        {
            Kiosks = [new KioskGroup("etax", 3, ["tax"], 1.0, new ExponentialDistribution(3)) { FailureShare = 0 }],
        };
        var r = Run(allSucceed);
        Assert.All(r.Tickets!.Where(t => t.ServiceCode == "tax"), t => Assert.Equal(TicketOutcome.SelfService, t.Outcome));

        var allFail = allSucceed with { Kiosks = [allSucceed.Kiosks[0] with { FailureShare = 1 }] };
        var r2 = Run(allFail);
        var tax = r2.Tickets!.Where(t => t.ServiceCode == "tax").ToList();
        Assert.All(tax, t =>
        {
            Assert.Equal(TicketChannel.SelfServiceFirst, t.Channel);
            Assert.True(t.IssuedAt is null || t.IssuedAt > t.ArrivedAt);
        });
        Assert.Contains(tax, t => t.Outcome == TicketOutcome.Served);
    }

    [Fact]
    public void Appointments_ArriveAroundSlots_MissSome_AndWaitLessThanWalkIns()
    {
        // 30% of 600 expected citizens would book, but only 66 slots a day are released (12 per hour over 5.5 ticket
        // hours), so the share is capped at 66/600 = 11%; 20% of bookings do not come. 10 days = 8 weekdays.
        var s = HallScenarios.SmallHall(arrivalsPerDay: 600, days: 10) with
        {
            Appointments = new AppointmentPolicy(0.3, 12) { NoShowShare = 0.2, PunctualitySdMinutes = 3 },
        };
        var r = Run(s, HallScenarios.Weekday(3));
        var booked = r.Tickets!.Where(t => t.Channel == TicketChannel.Appointment).ToList();
        var walkIns = r.Tickets!.Where(t => t.Channel == TicketChannel.WalkIn && t.Wait is not null).ToList();
        var weekdays = r.Days.Count(d => d.Arrivals > 0);

        // Expected per day: 66 slots × 0.8 come = 52.8; over 8 weekdays (~422) a Poisson-like spread of ±2.5 sd is ±51.
        Assert.InRange(booked.Count, (52.8 * weekdays) - 51, (52.8 * weekdays) + 51);
        Assert.All(booked, t => Assert.Equal("appointment", t.PriorityClass));
        Assert.True(booked.Where(t => t.Wait is not null).Average(t => t.Wait!.Value) < walkIns.Average(t => t.Wait!.Value) / 2);
        // Walk-ins make up the rest of the demand: about 600 × (1 − 0.11) per weekday (Monday 1.1).
        Assert.InRange(r.Days.Where(d => d.Arrivals > 0).Average(d => d.Arrivals - booked.Count(b => DateOnly.FromDateTime(new DateTime(2026, 3, 2).AddMinutes(b.ArrivedAt)) == d.Date)), 534 * 0.95, 588 * 1.05);
    }

    [Fact]
    public void UsualRoster_ReproducesSixteenOpenWindows_Exactly()
    {
        // Everyone on the day shift (09:00–18:00, break 12:00–14:00) at the window their skills cover is the same
        // staffing as "16 windows open 09:00–12:00 and 14:00–18:00": same seed, identical results.
        var s = Halls.Jihua with { StartDate = new DateOnly(2026, 3, 16), Days = 5 };
        var byRoster = HallModel.Run(s, new StaffingPlan { Roster = Halls.UsualRoster(s) }, 8);
        var byCount = HallModel.Run(s, Halls.JihuaUsualStaffing, 8);

        Assert.Equal(byCount.Intervals, byRoster.Intervals);
        Assert.Equal(byCount.Totals, byRoster.Totals);
        Assert.All(byRoster.Tickets!.Where(t => t.WindowId is not null), t => Assert.Equal($"S{t.WindowId![1..]}", t.StaffId));
    }

    [Fact]
    public void Roster_StaffServeOnlyTheirSkills_AndShiftEndsCloseTheWindow()
    {
        // Two people: a rental specialist all day at the comprehensive window W04, a tax clerk in the morning only.
        var s = HallScenarios.SmallHall(arrivalsPerDay: 200, days: 1) with
        {
            Staff = [new StaffMember("R", "Rental", ["rental"]), new StaffMember("T", "Tax", ["tax"])],
            Shifts =
            [
                new ShiftTemplate("day", new TimeOnly(9, 0), new TimeOnly(18, 0)) { Breaks = [new StaffBreak(new TimeOnly(12, 0), new TimeOnly(14, 0))] },
                new ShiftTemplate("morning", new TimeOnly(9, 0), new TimeOnly(12, 0)),
            ],
        };
        var roster = new Roster([
            new RosterAssignment(s.StartDate, "R", "day") { WindowId = "W04" },
            new RosterAssignment(s.StartDate, "T", "morning"),
        ]);
        var r = HallModel.Run(s, new StaffingPlan { Roster = roster }, 3);

        Assert.All(r.Tickets!.Where(t => t.StaffId == "R"), t => Assert.Equal("rental", t.ServiceCode));
        Assert.All(r.Tickets!.Where(t => t.StaffId == "T"), t =>
        {
            Assert.Equal("tax", t.ServiceCode);
            Assert.Equal("W03", t.WindowId); // the tax window, which the clerk covers entirely
            // Mornings only: the clerk finishes the tickets issued before the 11:30 cut-off (overtime), no others.
            Assert.True(t.IssuedAt < (11 * 60) + 30, "the tax clerk serves morning tickets only");
        });
        Assert.Contains(r.Tickets!, t => t.StaffId == "T" && t.CalledAt > 12 * 60); // overtime after the shift's end
        Assert.Contains(r.Tickets!, t => t.ServiceCode == "tax" && t.IssuedAt > 14 * 60 && t.Outcome == TicketOutcome.InProgress);
    }

    [Fact]
    public void BadRoster_ListsEveryProblem()
    {
        var s = Halls.Jihua with { StartDate = new DateOnly(2026, 3, 16), Days = 1 };
        var roster = new Roster([
            new RosterAssignment(s.StartDate, "S99", "day"),
            new RosterAssignment(s.StartDate, "S01", "night"),
            new RosterAssignment(s.StartDate, "S02", "day") { WindowId = "W01" },
            new RosterAssignment(s.StartDate, "S03", "day") { WindowId = "W01" },
            new RosterAssignment(s.StartDate.AddDays(3), "S04", "day"),
        ]);

        var ex = Assert.Throws<ScenarioValidationException>(() => HallModel.Run(s, new StaffingPlan { Roster = roster }, 1));
        Assert.Contains(ex.Problems, p => p.Path == "roster.assignments[0].staffId");
        Assert.Contains(ex.Problems, p => p.Path == "roster.assignments[1].shiftId");
        Assert.Contains(ex.Problems, p => p.Path == "roster.assignments[3].windowId" && p.Message.Contains("already has someone"));
        Assert.Contains(ex.Problems, p => p.Path == "roster.assignments[4].date");
    }

    [Fact]
    public void PooledFifo_CallsStrictlyInIssueOrder_IgnoringPriorityClasses()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 700, days: 1) with
        {
            Windows = [new HallSim.Scenarios.Window("W01", ["*"]), new HallSim.Scenarios.Window("W02", ["*"])],
            Routing = RoutingRule.PooledFifo,
            Behaviour = new CitizenBehaviour { PriorityClasses = [new PriorityClass("green", 0.2, 0)] },
        };
        var r = Run(s, HallScenarios.Weekday(2));
        var calls = r.Tickets!.Where(t => t.CalledAt is not null).OrderBy(t => t.CalledAt).ThenBy(t => t.TicketId).ToList();

        // Within a session, the issue order of called tickets never goes backwards.
        var morning = calls.Where(t => t.IssuedAt < 720).Select(t => t.IssuedAt!.Value).ToList();
        Assert.Equal(morning.Order(), morning);
    }

    [Fact]
    public void SkillPriority_AWindowCallsItsFirstCategoryFirst()
    {
        // One window listing rental first: a rental ticket is called while an older tax ticket waits.
        var s = HallScenarios.SmallHall(arrivalsPerDay: 300, days: 1) with
        {
            Windows = [new HallSim.Scenarios.Window("W01", ["rental", "tax"])],
            Routing = RoutingRule.SkillPriority,
        };
        var r = Run(s, HallScenarios.Weekday(1));
        var tickets = r.Tickets!.Where(t => t.CalledAt is not null).ToList();

        Assert.Contains(tickets, rental => rental.ServiceCode == "rental" &&
            tickets.Any(tax => tax.ServiceCode == "tax" && tax.IssuedAt < rental.IssuedAt && tax.CalledAt > rental.CalledAt));
        var fifo = Run(s with { Routing = RoutingRule.PriorityClassesFirst }, HallScenarios.Weekday(1));
        var calledInOrder = fifo.Tickets!.Where(t => t.CalledAt is not null && t.IssuedAt < 720).OrderBy(t => t.CalledAt).Select(t => t.IssuedAt!.Value).ToList();
        Assert.Equal(calledInOrder.Order(), calledInOrder);
    }

    [Fact]
    public void WindowUtilisationPerInterval_AddsUpToBusyWindows()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 500, days: 1);
        var r = Run(s, HallScenarios.Weekday(4));

        for (var i = 0; i < r.Grid.Count; i++)
        {
            var open = r.Intervals[i].MeanOpenWindows;
            if (open >= 4 - 1e-9)
            {
                // All four windows open the whole interval: the utilisations add up to the busy windows.
                Assert.Equal(r.Intervals[i].MeanBusyWindows, r.WindowUtilisationByInterval.Sum(w => w[i]), 9);
            }
        }

        Assert.All(r.WindowUtilisationByInterval, w => Assert.All(w, u => Assert.InRange(u, 0, 1)));
    }

    [Fact]
    public void CommonRandomNumbers_SameCitizens_WhateverTheStaffing()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 500, days: 2);
        var few = Run(s, HallScenarios.Weekday(2), seed: 9);
        var many = Run(s, HallScenarios.Weekday(4), seed: 9);

        Assert.Equal(few.Tickets!.Select(t => (t.ArrivedAt, t.ServiceCode)), many.Tickets!.Select(t => (t.ArrivedAt, t.ServiceCode)));
        Assert.True(few.Intervals.Sum(i => i.MeanWait * i.Served) > many.Intervals.Sum(i => i.MeanWait * i.Served));
    }

    [Fact]
    public void SameSeed_IdenticalResults_OnOneOrManyThreads()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 500, days: 2);
        var staffing = HallScenarios.Weekday(3);
        var options = new HallRunOptions { KeepTickets = false };
        var one = HallSim.Experiments.ReplicationRunner.Run(6, rep => HallModel.Run(s, staffing, 4, rep, options), maxDegreeOfParallelism: 1);
        var many = HallSim.Experiments.ReplicationRunner.Run(6, rep => HallModel.Run(s, staffing, 4, rep, options), maxDegreeOfParallelism: 4);

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(one[i].Intervals, many[i].Intervals);
            Assert.Equal(one[i].Totals, many[i].Totals);
        }
    }

    [Fact]
    public void SummaryOnly_KeepsNoTickets_ButTheSameAggregates()
    {
        var s = HallScenarios.SmallHall(arrivalsPerDay: 500, days: 2);
        var full = HallModel.Run(s, HallScenarios.Weekday(3), 2);
        var summary = HallModel.Run(s, HallScenarios.Weekday(3), 2, options: new HallRunOptions { KeepTickets = false });

        Assert.Null(summary.Tickets);
        Assert.Equal(full.Intervals, summary.Intervals);
        Assert.Equal(full.Totals, summary.Totals);
    }

    [Fact]
    public void BadStaffing_ListsEveryProblem()
    {
        var s = HallScenarios.SmallHall();
        var staffing = new StaffingPlan
        {
            Daily = [new OpenWindows(new TimeOnly(9, 0), new TimeOnly(8, 0), 9), new OpenWindows(new TimeOnly(7, 0), new TimeOnly(10, 0), 2)],
        };

        var ex = Assert.Throws<ScenarioValidationException>(() => HallModel.Run(s, staffing, 1));
        Assert.Contains(ex.Problems, p => p.Path == "daily[0].to");
        Assert.Contains(ex.Problems, p => p.Path == "daily[0].windows" && p.Message.Contains("0 to 4"));
    }

    [Fact]
    public void WindowsDuringOpeningHours_FollowTheScenariosCalendar_NotTheUsualSessions()
    {
        // Open 09:00–17:00 without a lunch closure: the usual sessions (09–12, 14–18) leave 12–14 unstaffed.
        var s = HallScenarios.SmallHall(arrivalsPerDay: 200, days: 1) with { Calendar = new HallCalendar { WeekdayHours = [new Session(new TimeOnly(9, 0), new TimeOnly(17, 0))] } };
        var options = new HallRunOptions { IntervalMinutes = 60 };
        var hours = HallModel.Run(s, StaffingPlan.DuringOpeningHours(s, 3), 5, 0, options);
        var usual = HallModel.Run(s, Halls.WeekdaySessions(3), 5, 0, options);
        Assert.Equal(3, hours.Intervals[12].MeanOpenWindows, 9);
        Assert.Equal(3, hours.Intervals[13].MeanOpenWindows, 9);
        Assert.Equal(0, usual.Intervals[12].MeanOpenWindows, 9);
        Assert.Equal(0, hours.Intervals[17].MeanOpenWindows, 9);
        Assert.True(hours.Days[0].MeanWait < usual.Days[0].MeanWait, $"{hours.Days[0].MeanWait} against {usual.Days[0].MeanWait}");
    }

    [Fact]
    public void TicketsNoWindowCanCall_AreCountedAsNeverCalled_AndWaitInTheKpis()
    {
        // Open until 19:30 but staffed only until 18:00: tickets issued 18:00–19:30 are never called.
        var s = HallScenarios.SmallHall(arrivalsPerDay: 300, days: 1) with { Calendar = new HallCalendar { WeekdayHours = [new Session(new TimeOnly(9, 0), new TimeOnly(19, 30))] } };
        var early = new StaffingPlan { Daily = [new OpenWindows(new TimeOnly(9, 0), new TimeOnly(18, 0), 4)] };
        var run = HallModel.Run(s, early, 3);
        var stranded = run.Tickets!.Where(t => t.Outcome == TicketOutcome.InProgress).ToList();
        Assert.NotEmpty(stranded);
        Assert.All(stranded, t => Assert.Null(t.CalledAt));
        Assert.Equal(stranded.Count, run.Days[0].NeverCalled);
        Assert.Equal(stranded.Count, run.Totals.InProgress);

        // The KPIs do not drop them: each waits at least until the end of the horizon.
        var evaluation = RosterEvaluator.Evaluate(s, early, 3, 2);
        var calledOnly = run.Tickets!.Where(t => t.Wait is not null).Average(t => t.Wait!.Value);
        Assert.True(evaluation.MeanWait.Mean > calledOnly + 10, $"{evaluation.MeanWait.Mean} against {calledOnly} for called tickets only");

        // Staffed during the opening hours, every ticket is called.
        var full = HallModel.Run(s, StaffingPlan.DuringOpeningHours(s, 4), 3);
        Assert.Equal(0, full.Days[0].NeverCalled);
        Assert.DoesNotContain(full.Tickets!, t => t.IssuedAt is not null && t.CalledAt is null && t.Outcome != TicketOutcome.Cancelled);
    }

    [Fact]
    public void TheSameRoster_InAnyRowOrder_SimulatesTheSame()
    {
        // Three single-category windows and three people who each cover two of them: seated in row order, the roster
        // P, Q, R fits (P→W1, Q→W2, R→W3) but R, Q, P does not (R→W1, Q→W2 leave P nothing). Seating must not depend
        // on the row order of the file the roster came from.
        var t = new TimeOnly(9, 0);
        var s = new Scenario(
            "three skills",
            new DateOnly(2026, 3, 2),
            2,
            [new ServiceCategory("a", 1, new ExponentialDistribution(8)), new ServiceCategory("b", 1, new ExponentialDistribution(8)), new ServiceCategory("c", 1, new ExponentialDistribution(8))],
            new Demand(120),
            [new Window("W1", ["a"]), new Window("W2", ["b"]), new Window("W3", ["c"])])
        {
            Calendar = new HallCalendar { WeekdayHours = [new Session(t, new TimeOnly(17, 0))] },
            Staff = [new StaffMember("P", "P", ["a", "b"]), new StaffMember("Q", "Q", ["b", "c"]), new StaffMember("R", "R", ["a", "c"])],
            Shifts = [new ShiftTemplate("day", t, new TimeOnly(17, 0))],
        };
        var rows = Enumerable.Range(0, 2).SelectMany(d => new[] { "P", "Q", "R" }.Select(id => new RosterAssignment(s.StartDate.AddDays(d), id, "day"))).ToArray();
        var reversed = rows.Reverse().ToArray();
        var a = HallModel.Run(s, new StaffingPlan { Roster = new Roster(rows) }, 9);
        var b = HallModel.Run(s, new StaffingPlan { Roster = new Roster(reversed) }, 9);
        Assert.Equal(a.Totals, b.Totals);
        Assert.Equal(a.Tickets!.Select(x => (x.TicketId, x.CalledAt, x.WindowId, x.Outcome)), b.Tickets!.Select(x => (x.TicketId, x.CalledAt, x.WindowId, x.Outcome)));
    }

    [Fact]
    public void IntervalPercentiles_AreWithinHalfAMinuteOfTheExactQuantile_AndZeroWhenEveryoneWasCalledAtOnce()
    {
        foreach (var (perDay, windows) in new[] { (60.0, 4), (300.0, 2), (420.0, 2) })
        {
            var s = HallScenarios.SmallHall(arrivalsPerDay: perDay, days: 1);
            var run = HallModel.Run(s, StaffingPlan.DuringOpeningHours(s, windows), 12, 0, new HallRunOptions { IntervalMinutes = 60 });
            for (var i = 0; i < run.Intervals.Count; i++)
            {
                var start = run.Grid.IntervalStart(i);
                var waits = run.Tickets!.Where(t => t.Wait is not null && t.IssuedAt >= start && t.IssuedAt < start + 60).Select(t => t.Wait!.Value).Order().ToArray();
                if (waits.Length == 0)
                {
                    continue;
                }

                foreach (var (p, value) in new[] { (0.5, run.Intervals[i].P50Wait), (0.9, run.Intervals[i].P90Wait), (0.95, run.Intervals[i].P95Wait) })
                {
                    // The exact p-quantile lies between the order statistics around rank p·n.
                    var below = waits[Math.Max(0, (int)Math.Ceiling(p * waits.Length) - 1)];
                    var above = waits[Math.Min(waits.Length - 1, (int)Math.Floor(p * waits.Length))];
                    Assert.InRange(value, Math.Min(below, above) - 0.5, Math.Max(below, above) + 0.5);
                    if (above == 0)
                    {
                        Assert.Equal(0, value);
                    }
                }
            }
        }
    }
}

