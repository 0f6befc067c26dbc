using HallSim.Model;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Tests.Model;

/// <summary>Citizen journeys: conservation, the order of a journey's stages, and each element's own behaviour.</summary>
public class JourneyTests
{
    /// <summary>The small hall with every journey element on: reception, incomplete papers and returns, tax transfers to
    /// W03, rental back-office work with pickups, W04 opening with the queue staffed from the back office, and a
    /// displayed wait; patience and a green channel as well.</summary>
    internal static Scenario Everything(int days = 10, double arrivalsPerDay = 700) => HallScenarios.SmallHall(arrivalsPerDay, days) with
    {
        Behaviour = new CitizenBehaviour
        {
            Patience = new LogNormalDistribution(40, 25),
            PriorityClasses = [new PriorityClass("green", 0.05, 0)],
        },
        Kiosks = [new KioskGroup("etax", 2, ["tax"], 0.3, new ExponentialDistribution(3)) { FailureShare = 0.3 }],
        Journeys = new Journeys
        {
            Reception = new Reception(2, new ExponentialDistribution(1)) { CatchShare = 0.7, KioskShare = 0.5 },
            Categories =
            [
                new CategoryJourney("rental") { IncompleteShare = 0.25, IncompleteShareOnReturn = 0.05, BackOfficeTime = new ExponentialDistribution(6), DueDays = 1 },
                new CategoryJourney("tax") { IncompleteShare = 0.1, TransferShare = 0.2, TransferWindows = ["W03"], TransferServiceTime = new ExponentialDistribution(4) },
            ],
            Returns = new ReturnVisits(new UniformDistribution(0.5, 4)) { ReturnShare = 0.9 },
            BackOffice = new BackOffice { Staff = 1, PickupServiceTime = new ExponentialDistribution(2), PickupShare = 0.8 },
            QueueTriggeredWindows = [new QueueTriggeredWindows(["W04"], 6, 2)],
            DisplayedWait = new DisplayedWait(30, 120),
        },
    };

    private static readonly HashSet<TicketOutcome> Final =
        [TicketOutcome.Served, TicketOutcome.NoShow, TicketOutcome.Cancelled, TicketOutcome.Balked, TicketOutcome.SelfService, TicketOutcome.InProgress, TicketOutcome.Incomplete, TicketOutcome.TurnedBack];

    [Fact]
    public void EveryVisitEndsInOneFinalOutcome_AndTheCountsAddUp()
    {
        var r = HallModel.Run(Everything(), HallScenarios.Weekday(3), seed: 3);
        var t = r.Totals;
        var j = r.Journeys!;
        var tickets = r.Tickets!;

        // Every element did something (else the checks below prove little).
        Assert.True(j.ReturnVisits > 0 && j.PickupVisits > 0 && j.Transfers > 0 && j.TurnedBackAtReception > 0 && j.IncompleteAtWindow > 0);
        Assert.True(j.TriggeredOpenings > 0 && j.BackOfficeCompleted > 0 && j.BackOfficeWindowMinutes > 0 && j.BackOfficeStaffMinutes > 0);
        Assert.True(t.NoShow > 0 && t.SelfServed > 0 && j.BalkedOnDisplayedWait > 0);

        // Visits: each arrival ends in exactly one final outcome; transfers are legs within a visit.
        Assert.Equal(t.Arrived, t.Served + t.Balked + t.NoShow + t.Cancelled + t.SelfServed + t.InProgress + t.Incomplete + t.TurnedBack);
        Assert.Equal(t.Arrived, j.FirstVisits + j.ReturnVisits + j.PickupVisits);
        Assert.Equal(t.Arrived, tickets.Count(x => x.Step != JourneyStep.Transfer));
        Assert.Equal(t.Arrived + t.Transferred, tickets.Count);
        Assert.Equal(t.Arrived, r.Intervals.Sum(i => i.Arrivals));
        Assert.Equal(j.Transfers, t.Transferred);
        Assert.Equal(t.Transferred, tickets.Count(x => x.Step == JourneyStep.Transfer));
        Assert.Equal(j.ReturnVisits, j.ReturnVisitsByDay.Sum());
        Assert.Equal(j.TriggeredOpenings, j.TriggeredOpeningsByDay.Sum());

        // Decisions: served to the end, found incomplete, turned back.
        Assert.Equal(j.Decided, j.Resolved + j.IncompleteAtWindow + j.TurnedBackAtReception);
        Assert.Equal(t.Incomplete, j.IncompleteAtWindow);
        Assert.Equal(t.TurnedBack, j.TurnedBackAtReception);
        Assert.Equal(j.Resolved, tickets.Count(x => x.Outcome == TicketOutcome.Served && x.Step != JourneyStep.Pickup));

        // Everyone sent home comes back, is lost, or is beyond the run — exactly.
        Assert.Equal(j.IncompleteAtWindow + j.TurnedBackAtReception, j.ReturnVisits + j.NotReturning + j.ReturnsLostAfterDeadline + j.ReturnsBeyondRun);

        // Back office: every served rental application entered the backlog; finished or still there at the end.
        Assert.Equal(j.BackOfficeAccepted, tickets.Count(x => x.Outcome == TicketOutcome.Served && x.ServiceCode == "rental" && x.Step != JourneyStep.Pickup));
        var lastClose = (r.Days.Count - 1) * 1440.0 + (18 * 60);
        var acceptedAfterLastClose = tickets.Count(x => x.Outcome == TicketOutcome.Served && x.ServiceCode == "rental" && x.Step != JourneyStep.Pickup && x.ServiceEnd > lastClose);
        Assert.Equal(j.BackOfficeAccepted - j.BackOfficeCompleted - acceptedAfterLastClose, j.BackOfficeBacklogByDay[^1]);
        Assert.True(j.PickupVisits + j.PickupsBeyondRun <= j.BackOfficeCompleted);

        // Per day: arrivals by day add up to the visits, and issued tickets to the issued legs.
        Assert.Equal(t.Arrived, r.Days.Sum(d => d.Arrivals));
    }

    [Fact]
    public void AJourneysStagesNeverOverlap_AndEachVisitEndsFinal()
    {
        var r = HallModel.Run(Everything(), HallScenarios.Weekday(3), seed: 5);
        foreach (var journey in r.Tickets!.GroupBy(x => x.JourneyId))
        {
            var records = journey.OrderBy(x => x.TicketId).ToList();
            Assert.Equal(journey.Key, records[0].TicketId);
            Assert.NotEqual(JourneyStep.Transfer, records[0].Step);
            var busyUntil = double.NegativeInfinity;
            for (var i = 0; i < records.Count; i++)
            {
                var x = records[i];
                var next = i + 1 < records.Count ? records[i + 1] : null;

                // A transferred leg is followed by its second service, same ticket number, and is the only non-final outcome.
                if (x.Outcome == TicketOutcome.Transferred)
                {
                    Assert.NotNull(next);
                    Assert.Equal(JourneyStep.Transfer, next!.Step);
                    Assert.Equal(x.TicketNumber, next.TicketNumber);
                    Assert.Equal(x.ServiceEnd, next.ArrivedAt);
                }
                else
                {
                    Assert.Contains(x.Outcome, Final);
                    Assert.True(next is null || next.Step != JourneyStep.Transfer);
                }

                // Stages in time order without overlap: arrival, reception, ticket, service; the next visit after it.
                var stages = new List<(double From, double To)>();
                if (x.ReceptionStart is { } rs)
                {
                    stages.Add((rs, x.ReceptionEnd!.Value));
                    Assert.True(rs >= x.ArrivedAt - 1e-9);
                }

                if (x.ServiceStart is { } ss)
                {
                    stages.Add((ss, x.ServiceEnd!.Value));
                    Assert.True(x.IssuedAt <= ss + 1e-9);
                }

                Assert.True(x.ArrivedAt >= busyUntil - 1e-9, $"journey {journey.Key}: record {x.TicketId} starts at {x.ArrivedAt} before the last stage ended at {busyUntil}");
                foreach (var (from, to) in stages.OrderBy(s => s.From))
                {
                    Assert.True(from >= busyUntil - 1e-9 && to >= from, $"journey {journey.Key}: stage {from}–{to} overlaps the previous one ending {busyUntil}");
                    busyUntil = to;
                }

                if (x.IssuedAt is { } issued)
                {
                    Assert.True(issued >= (x.ReceptionEnd ?? x.ArrivedAt) - 1e-9);
                }

                // Return visits and pickups come on a later day than the visit before them.
                if (x.Step is JourneyStep.ReturnVisit or JourneyStep.Pickup)
                {
                    Assert.True(i > 0);
                    Assert.True(Math.Floor(x.ArrivedAt / 1440) > Math.Floor(records[i - 1].ArrivedAt / 1440));
                    Assert.Equal(x.Step == JourneyStep.Pickup ? "pickup" : records[0].ServiceCode, x.ServiceCode);
                }

                if (x.Step == JourneyStep.ReturnVisit)
                {
                    Assert.Contains(records[i - 1].Outcome, new[] { TicketOutcome.Incomplete, TicketOutcome.TurnedBack });
                }

                if (x.Step == JourneyStep.Pickup)
                {
                    Assert.Equal(TicketOutcome.Served, records[i - 1].Outcome);
                }
            }
        }
    }

    [Fact]
    public void EmptyJourneys_SimulateExactlyAsWithout()
    {
        // Journeys with nothing in them draw nothing: the tickets are those of the scenario without journeys.
        var plain = HallScenarios.SmallHall(600, 3);
        var a = HallModel.Run(plain, HallScenarios.Weekday(3), seed: 9).Tickets!;
        var b = HallModel.Run(plain with { Journeys = new Journeys() }, HallScenarios.Weekday(3), seed: 9).Tickets!;
        Assert.Equal(a, b);
    }

    [Fact]
    public void SameSeed_SameJourneys()
    {
        var s = Everything(days: 5);
        var a = HallModel.Run(s, HallScenarios.Weekday(3), seed: 4);
        var b = HallModel.Run(s, HallScenarios.Weekday(3), seed: 4);
        Assert.Equal(a.Tickets, b.Tickets);
        Assert.Equal(a.Journeys!.BackOfficeBacklogByDay, b.Journeys!.BackOfficeBacklogByDay);
    }

    [Fact]
    public void ReturnsAfterTheDeadline_AreLost()
    {
        var s = Everything(days: 10) with { };
        var deadline = s.StartDate.AddDays(3);
        s = s with
        {
            Journeys = s.Journeys! with
            {
                Categories = [new CategoryJourney("rental") { IncompleteShare = 0.4, Deadline = deadline }],
                Returns = new ReturnVisits(new ConstantDistribution(2)),
            },
        };
        var r = HallModel.Run(s, HallScenarios.Weekday(3), seed: 2);
        var j = r.Journeys!;

        Assert.True(j.ReturnsLostAfterDeadline > 0);
        Assert.DoesNotContain(r.Tickets!, x => x.Step == JourneyStep.ReturnVisit && DateOnly.FromDateTime(s.StartDate.ToDateTime(TimeOnly.MinValue).AddMinutes(x.ArrivedAt)) > deadline);
        Assert.Contains(r.Tickets!, x => x.Step == JourneyStep.ReturnVisit);
    }

    [Fact]
    public void ReceptionCatchesIncompletePapers_BeforeTheyTakeAWindow()
    {
        // Same citizens (common random numbers), incomplete share 0.4: with reception catching all of them no window
        // service ends incomplete; without reception every one is found at a window.
        Scenario With(double catchShare, bool reception) => HallScenarios.SmallHall(500, 3) with
        {
            Journeys = new Journeys
            {
                Reception = reception ? new Reception(3, new ConstantDistribution(0.5)) { CatchShare = catchShare } : null,
                Categories = [new CategoryJourney("rental") { IncompleteShare = 0.4 }, new CategoryJourney("tax") { IncompleteShare = 0.4 }],
            },
        };

        var all = HallModel.Run(With(1, true), HallScenarios.Weekday(3), seed: 6).Journeys!;
        var none = HallModel.Run(With(0, false), HallScenarios.Weekday(3), seed: 6).Journeys!;
        Assert.Equal(0, all.IncompleteAtWindow);
        Assert.True(all.TurnedBackAtReception > 0);
        Assert.Equal(0, none.TurnedBackAtReception);
        Assert.Equal(all.TurnedBackAtReception, none.IncompleteAtWindow); // the same citizens' papers
        Assert.InRange(none.IncompleteAtWindow / (double)none.FirstVisits, 0.3, 0.5);
    }

    [Fact]
    public void BackOffice_LateWhenShortOfHands_OnTimeWithEnough()
    {
        Scenario With(int staff) => HallScenarios.SmallHall(400, 8) with
        {
            Journeys = new Journeys
            {
                Categories = [new CategoryJourney("rental") { BackOfficeTime = new ConstantDistribution(20), DueDays = 1 }],
                BackOffice = new BackOffice { Staff = staff, WindowStaffHelp = false },
            },
        };

        // About 240 rental applications a day × 20 minutes = 80 staff-hours a day: 2 people (14 h) fall behind, 14 keep up.
        var few = HallModel.Run(With(2), HallScenarios.Weekday(3), seed: 8).Journeys!;
        var many = HallModel.Run(With(14), HallScenarios.Weekday(3), seed: 8).Journeys!;
        Assert.True(few.BackOfficeLate + few.BackOfficeOverdueAtEnd > few.BackOfficeAccepted / 2, $"late {few.BackOfficeLate}, overdue {few.BackOfficeOverdueAtEnd} of {few.BackOfficeAccepted}");
        Assert.True(few.BackOfficeBacklogByDay[^1] > few.BackOfficeBacklogByDay[0]);
        Assert.Equal(0, many.BackOfficeLate);
        Assert.Equal(0, many.BackOfficeOverdueAtEnd);

        // Staff minutes: 2 people work at most their session time, and here all of it.
        var sessionMinutes = 7 * 60.0 * 6; // 8 days from a Monday: 6 weekdays of 7 hours
        Assert.InRange(few.BackOfficeStaffMinutes, 0.95 * 2 * sessionMinutes, 2 * sessionMinutes + 1e-6);
    }

    [Fact]
    public void TriggeredWindowsTakeBackOfficeStaff_WhoseWorkWaits()
    {
        var s = Everything(days: 6);
        var r = HallModel.Run(s, HallScenarios.Weekday(3), seed: 12).Journeys!;
        var sessionMinutes = 7 * 60.0 * 5; // 6 days from a Monday: 5 weekdays of 7 hours
        // The one back-office person either works the backlog or staffs the triggered window.
        Assert.True(r.TriggeredOpenMinutes > 0);
        Assert.True(r.BackOfficeStaffMinutes + r.TriggeredOpenMinutes <= sessionMinutes + 240, $"{r.BackOfficeStaffMinutes} + {r.TriggeredOpenMinutes} > {sessionMinutes}");
    }

    [Fact]
    public void TransfersGoToTheirWindowGroup_WithTheSameNumber()
    {
        var r = HallModel.Run(Everything(days: 4), HallScenarios.Weekday(3), seed: 7);
        var second = r.Tickets!.Where(x => x.Step == JourneyStep.Transfer && x.Outcome == TicketOutcome.Served).ToList();
        Assert.NotEmpty(second);
        Assert.All(second, x => Assert.Equal("W03", x.WindowId));
    }

    [Fact]
    public void LogExport_WritesTransfersAndIncompleteAsARealLogWould()
    {
        var r = HallModel.Run(Everything(days: 3), HallScenarios.Weekday(3), seed: 7);
        using var writer = new StringWriter();
        HallSim.Calibration.TicketLog.Write(writer, r.Tickets!, Everything().StartDate);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var issued = r.Tickets!.Count(x => x.IssuedAt is not null && x.Outcome is not (TicketOutcome.Balked or TicketOutcome.InProgress));
        Assert.Equal(issued, lines.Count);
        Assert.Equal(r.Totals.Transferred, lines.Count(l => l.Contains(",TRANSFERRED,", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("INCOMPLETE", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",pickup,", StringComparison.Ordinal));
    }

    [Fact]
    public void BadJourneys_NameEveryField()
    {
        var s = HallScenarios.SmallHall() with
        {
            Journeys = new Journeys
            {
                Reception = new Reception(0, new ExponentialDistribution(2)) { CatchShare = 1.5 },
                Categories =
                [
                    new CategoryJourney("visa") { IncompleteShare = -0.1 },
                    new CategoryJourney("tax") { TransferShare = 0.2, TransferWindows = ["W09"], BackOfficeTime = new ExponentialDistribution(5) },
                ],
                Returns = new ReturnVisits(new ConstantDistribution(-1)),
                BackOffice = new BackOffice { PickupCode = "tax", PickupServiceTime = new ConstantDistribution(2) },
                QueueTriggeredWindows = [new QueueTriggeredWindows(["W04", "W04"], 3, 5)],
                DisplayedWait = new DisplayedWait(20, 10),
            },
        };
        var paths = s.Validate().Select(p => p.Path).ToList();
        foreach (var expected in new[]
        {
            "journeys.reception.desks", "journeys.reception.catchShare", "journeys.categories[0].category", "journeys.categories[0].incompleteShare",
            "journeys.categories[1].transferWindows[0]", "journeys.returns.delayDays", "journeys.backOffice.pickupCode",
            "journeys.queueTriggeredWindows[0].windows[1]", "journeys.queueTriggeredWindows[0].closeBelow", "journeys.displayedWait.allMinutes",
        })
        {
            Assert.Contains(expected, paths);
        }
    }

    [Fact]
    public void Journeys_RoundTripThroughJson()
    {
        var s = Everything(days: 2);
        var back = ScenarioJson.Parse(ScenarioJson.Serialize(s));
        Assert.Equal(ScenarioJson.Serialize(s), ScenarioJson.Serialize(back));
        Assert.Equal(
            HallModel.Run(s, HallScenarios.Weekday(3), seed: 1).Tickets,
            HallModel.Run(back, HallScenarios.Weekday(3), seed: 1).Tickets);
    }
}
