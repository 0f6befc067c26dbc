using HallSim.Planning;
using HallSim.Reports;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Cli.Tests;

/// <summary>Measures beyond the roster: each one's change of the scenario over the horizon only, their checks, and
/// what-ifs paired with the plan.</summary>
public class PlaybookTests
{
    private static readonly DateOnly Monday = Halls.JihuaPeakWeek; // 23 March 2026
    private static TimeOnly T(int h, int m = 0) => new(h, m);

    [Fact]
    public void ExtraStaff_AddsPeopleWithFreshIds_AndTheirContractHours()
    {
        var measure = new ExtraStaff([Window.AnyCategory], 3) { ContractHoursPerWeek = 35 };
        var s = measure.Apply(Halls.JihuaPeak, Monday, 6);
        var added = s.Staff.Skip(Halls.JihuaPeak.Staff.Count).ToList();
        Assert.Equal(3, added.Count);
        Assert.All(added, m => Assert.Equal([Window.AnyCategory], m.Categories));
        Assert.Equal(s.Staff.Count, s.Staff.Select(m => m.Id).Distinct().Count());
        Assert.Equal(3 * 35, measure.ExtraStaffHours(Halls.JihuaPeak, Monday, 6), 9); // Monday–Saturday: one calendar week
        Assert.Equal(3 * 35 * 2, measure.ExtraStaffHours(Halls.JihuaPeak, Monday.AddDays(-7), 14), 9); // two calendar weeks
        var longest = Halls.JihuaPeak.Shifts.Max(t => t.WorkingMinutes) / 60.0;
        Assert.Equal(3 * longest, measure.ExtraStaffHours(Halls.JihuaPeak, Monday, 1), 9); // one day: one shift each at most
        Assert.Empty(s.Validate());
    }

    [Fact]
    public void WeekdayClosing_ChangesTheHorizonOnly_AndOffersShiftsToTheNewClose()
    {
        var s = new WeekdayClosing(T(20, 30)).Apply(Halls.JihuaPeak, Monday, 6);
        Assert.Equal(T(20, 30), s.Calendar.SessionsOn(Monday).Last().Close);
        Assert.Equal(T(20, 30), s.Calendar.SessionsOn(Monday.AddDays(4)).Last().Close);
        Assert.Equal(Halls.JihuaPeak.Calendar.SessionsOn(Monday.AddDays(7)), s.Calendar.SessionsOn(Monday.AddDays(7))); // the week after: as it was
        Assert.Equal(Halls.JihuaPeak.Calendar.SessionsOn(Monday.AddDays(5)), s.Calendar.SessionsOn(Monday.AddDays(5))); // Saturday: as it was
        var old = Halls.JihuaPeak.Calendar.SessionsOn(Monday).Last().Close;
        var extended = s.Shifts.Where(t => t.End == T(20, 30)).ToList();
        Assert.Equal(Halls.JihuaPeak.Shifts.Count(t => t.End == old), extended.Count);
        Assert.NotEmpty(extended);
        Assert.All(Halls.JihuaPeak.Shifts, t => Assert.Contains(t, s.Shifts)); // the old templates stay
        Assert.True(s.Demand.HourWeights[20] > 0, "the new evening hour has demand");
        Assert.Empty(s.Validate());

        // A closing time no later than today's changes nothing, and is refused as such.
        Assert.Same(Halls.JihuaPeak, new WeekdayClosing(T(17)).Apply(Halls.JihuaPeak, Monday, 6));
        var e = Assert.Throws<ScenarioValidationException>(() => Measures.Apply(Halls.JihuaPeak, [new WeekdayClosing(T(19))], Monday, 6));
        Assert.Contains(e.Problems, p => p.Path == "measures[0]" && p.Message.Contains("changes nothing", StringComparison.Ordinal));

        // A horizon across a change of hours keeps each date's own sessions: 30 March–3 April, March's hours end on the 31st.
        var across = new WeekdayClosing(T(20, 30)).Apply(Halls.JihuaPeak, new DateOnly(2026, 3, 30), 5);
        var april = Halls.JihuaPeak.Calendar.SessionsOn(new DateOnly(2026, 4, 1));
        Assert.Equal([.. april.Take(april.Count - 1), april[^1] with { Close = T(20, 30) }], across.Calendar.SessionsOn(new DateOnly(2026, 4, 1)));
        Assert.Equal(T(20, 30), across.Calendar.SessionsOn(new DateOnly(2026, 3, 30)).Last().Close);
    }

    [Fact]
    public void SaturdayOpening_AppointmentsAndSelfService_ChangeWhatTheySay()
    {
        var january = new DateOnly(2026, 1, 12);
        Assert.Empty(Halls.JihuaPeak.Calendar.SessionsOn(january.AddDays(5)));
        var saturday = new SaturdayOpening([new Session(T(9), T(17))]).Apply(Halls.JihuaPeak, january, 7);
        Assert.Equal([new Session(T(9), T(17))], saturday.Calendar.SessionsOn(january.AddDays(5)));
        Assert.Empty(saturday.Calendar.SessionsOn(january.AddDays(12)));

        var booked = new Appointments(0.3).Apply(Halls.JihuaPeak, Monday, 6);
        Assert.Equal(0.3, booked.Appointments!.Share);
        Assert.True(booked.Appointments.SlotsPerHour > 0);

        var kiosks = new SelfService("etax") { UseShare = 0.6, ExtraKiosks = 2 }.Apply(Halls.JihuaPeak, Monday, 6);
        var etax = kiosks.Kiosks.Single(k => k.Id == "etax");
        Assert.Equal((0.6, 5), (etax.UseShare, etax.Count));
        Assert.Equal(Halls.JihuaPeak.Kiosks.Where(k => k.Id != "etax"), kiosks.Kiosks.Where(k => k.Id != "etax"));
    }

    [Fact]
    public void JourneyMeasures_AddReceptionBackOfficeAndTriggeredWindows_WithTheirOffRosterHours()
    {
        // Onto a hall without journeys: a reception of its own; onto one with: more desks, the same desks' values.
        var guides = new ReceptionStaff(2).Apply(Halls.JihuaPeak, Monday, 6);
        Assert.Equal((2, 0.6), (guides.Journeys!.Reception!.Desks, guides.Journeys.Reception.CatchShare));
        var more = ReceptionStaff.Desks(1).Apply(Halls.WithJourneys(Halls.JihuaPeak), Monday, 6);
        Assert.Equal(4, more.Journeys!.Reception!.Desks);
        Assert.Equal(0.7, more.Journeys.Reception.CatchShare);

        var office = new BackOfficeStaff(2).Apply(Halls.WithJourneys(Halls.JihuaPeak), Monday, 6);
        Assert.Equal(3, office.Journeys!.BackOffice!.Staff);
        var tidal = new QueueTriggeredOpening(["W15", "W16"], 20, 5).Apply(Halls.JihuaPeak, Monday, 6);
        var policy = Assert.Single(tidal.Journeys!.QueueTriggeredWindows);
        Assert.Equal((20, 5), (policy.OpenAbove, policy.CloseBelow));
        Assert.All(new[] { guides, more, office, tidal }, x => Assert.Empty(x.Validate()));

        // Off-roster hours: the people × the opening hours of the horizon (peak week Monday–Saturday: 5 × 10.5 h + 7 h).
        var open = (5 * 10.5) + 7;
        Assert.Equal(2 * open, new ReceptionStaff(2).OffRosterStaffHours(Halls.JihuaPeak, Monday, 6), 9);
        Assert.Equal(3 * open, new BackOfficeStaff(3).OffRosterStaffHours(Halls.JihuaPeak, Monday, 6), 9);
        Assert.Equal(0, new QueueTriggeredOpening(["W15"], 20, 5).OffRosterStaffHours(Halls.JihuaPeak, Monday, 6));
        Assert.Equal("增设 2 名导办人员", new ReceptionStaff(2).Describe(ReportLanguage.Chinese));
        Assert.Equal("设 1 个预审台", ReceptionStaff.Desks(1).Describe(ReportLanguage.Chinese));

        // Bad values, every one named.
        var e = Assert.Throws<ScenarioValidationException>(() => Measures.Apply(Halls.JihuaPeak, [new ReceptionStaff(0) { CatchShare = 2 }, new BackOfficeStaff(99), new QueueTriggeredOpening(["W99"], 3, 5)], Monday, 6));
        var paths = e.Problems.Select(p => p.Path).ToList();
        Assert.Equal(["measures[0].count", "measures[0].catchShare", "measures[1].count", "measures[2].windows[0]", "measures[2].closeBelow"], paths);
    }

    [Fact]
    public void BadMeasures_AreEveryOneNamed_AtOnce()
    {
        Measure[] bad =
        [
            new ExtraStaff(["nonsense"], 0),
            new WeekdayClosing(T(23, 30)),
            new SaturdayOpening([new Session(T(12), T(9))]),
            new Appointments(1.5),
            new SelfService("fax") { UseShare = -1 },
            new SelfService("etax"),
            new Appointments(0),
        ];
        var e = Assert.Throws<ScenarioValidationException>(() => Measures.Apply(Halls.JihuaPeak, bad, Monday, 6));
        var paths = e.Problems.Select(p => p.Path).ToList();
        Assert.Contains("measures[0].count", paths);
        Assert.Contains("measures[0].categories", paths);
        Assert.Contains("measures[1].close", paths);
        Assert.Contains("measures[2].sessions[0]", paths);
        Assert.Contains("measures[3].share", paths);
        Assert.Contains("measures[4].kioskGroupId", paths);
        Assert.Contains("measures[4].useShare", paths);
        Assert.Contains("measures[5]", paths); // changes nothing
        Assert.Contains("measures[6].share", paths);
        Assert.DoesNotContain(e.Problems, p => p.Message.Contains("NaN", StringComparison.Ordinal) || p.Message.Contains("HallSim.", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatIf_ExtraStaffOnAnOverloadedMorning_WaitsLess_PairedWithThePlan()
    {
        // The deadline Monday with its staff cut to 12: staff are the constraint, so four more comprehensive staff must help.
        var scenario = Halls.JihuaPeak with { Staff = [.. Halls.JihuaPeak.Staff.Take(12)] };
        var plan = RosterPlanner.Plan(new PlanRequest(scenario) { From = Monday, Days = 1, Replications = 6 });
        var whatIf = Playbook.WhatIf(plan, [new ExtraStaff([Window.AnyCategory], 4)]);

        Assert.Equal(plan.StaffHourBudget + new ExtraStaff([Window.AnyCategory], 4).ExtraStaffHours(scenario, Monday, 1), whatIf.Plan.StaffHourBudget, 9);
        Assert.True(whatIf.WaitingDifference.Upper < 0, $"total waiting difference {whatIf.WaitingDifference.Mean:0} ± {whatIf.WaitingDifference.HalfWidth:0} citizen-minutes");
        Assert.True(whatIf.ExtraStaffHours > 0);
        Assert.Contains(whatIf.Plan.Recommended.Roster.Assignments, a => a.StaffId.StartsWith('X'));
        Assert.Equal(whatIf.DaysShort.Count == 0, whatIf.MeetsTargetEveryDay);
        Assert.Equal("增派 4 名综合窗口人员", whatIf.Measures[0].Describe(ReportLanguage.Chinese));
    }
}
