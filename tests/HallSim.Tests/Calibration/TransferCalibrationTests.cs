using System.Text;
using HallSim.Calibration;
using HallSim.Model;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Tests.Calibration;

/// <summary>A log with transferred tickets: their second rows are not new citizens, and the transfer share is fitted.</summary>
public class TransferCalibrationTests
{
    [Fact]
    public void TransferredTickets_AreCountedOnce_AndTheirShareIsFitted()
    {
        var truth = Halls.Jihua with
        {
            StartDate = new DateOnly(2026, 9, 7),
            Days = 21,
            Kiosks = [],
            Behaviour = new CitizenBehaviour(),
            Staff = [],
            Shifts = [],
            Journeys = new Journeys
            {
                Categories = [new CategoryJourney(Halls.Jihua.Categories[0].Id) { TransferShare = 0.25, TransferWindows = ["W16"] }],
            },
        };
        var run = HallModel.Run(truth, StaffingPlan.Constant(16), seed: 4);
        var writer = new StringWriter();
        TicketLog.Write(writer, run.Tickets!, truth.StartDate);
        var fit = Calibrator.Calibrate(new MemoryStream(Encoding.UTF8.GetBytes(writer.ToString())), "calibrated", new CalibrationOptions { Calendar = truth.Calendar, CheckReplications = 1, CheckDays = 1 });

        // Demand: one ticket per citizen, as without transfers (the second rows are not counted again).
        var citizens = run.Tickets!.Count(t => t.IssuedAt is not null && t.Step != JourneyStep.Transfer && t.Outcome != TicketOutcome.InProgress);
        Assert.Equal(citizens, fit.Daily.Sum(d => d.Observed));
        Assert.Equal(run.Totals.Transferred, (int)fit.Read.Accepted - citizens);

        // The share and the window group: 25% of the category's tickets, binomial over ~2,000 tickets (±3% at 99.9%).
        var transfer = Assert.Single(fit.Scenario.Journeys!.Categories);
        Assert.Equal(Halls.Jihua.Categories[0].Id, transfer.Category);
        Assert.InRange(transfer.TransferShare, 0.22, 0.28);
        Assert.Equal(["W16"], transfer.TransferWindows);
        Assert.Contains(fit.Notes, n => n.Contains("TRANSFERRED", StringComparison.Ordinal));
        Assert.Contains(fit.Notes, n => n.Contains("Return visits cannot be told", StringComparison.Ordinal));
        Assert.Empty(fit.Scenario.Validate());
    }
}
