using HallSim.Calibration;
using HallSim.Model;
using HallSim.Scenarios;
using HallSim.Tests.Model;

namespace HallSim.Tests.Calibration;

public class BacktestTests
{
    private static string Log(params (Scenario Hall, int Windows)[] parts)
    {
        var csv = new StringWriter();
        var first = true;
        foreach (var (hall, windows) in parts)
        {
            var run = HallModel.Run(hall, HallScenarios.Weekday(windows), 3, 0);
            var part = new StringWriter();
            TicketLog.Write(part, run.Tickets!, hall.StartDate);
            var text = part.ToString();
            csv.Write(first ? text : text[(text.IndexOf('\n') + 1)..]); // one header
            first = false;
        }

        return csv.ToString();
    }

    private static BacktestResult Run(string csv) =>
        Backtest.Run(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "backtest", weeks: 4);

    [Fact]
    public void OnASimulatedYear_TheForecastIsAsGoodAsPoissonNoiseAllows()
    {
        // A year of a hall whose demand has a fixed weekday and hour pattern: the calibrated forecast of the last four
        // weeks must be within 1.5× the Poisson floor per day (the bar), and its 95% bands hold most days.
        var hall = HallScenarios.SmallHall(arrivalsPerDay: 300, days: 364);
        var result = Run(Log((hall, 4)));

        Assert.Equal(DayOfWeek.Friday, result.To.DayOfWeek); // the log's last date with tickets
        Assert.Equal(result.To.AddDays(-27), result.From);
        Assert.Equal(20, result.PerDay.Cells); // four weeks of weekdays
        Assert.True(result.PerDay.WapeOverFloor <= 1.5, $"per day: WAPE {result.PerDay.Wape:P1}, floor {result.PerDay.PoissonFloor:P1}");
        Assert.True(result.PerHour.WapeOverFloor <= 1.5, $"per hour: WAPE {result.PerHour.Wape:P1}, floor {result.PerHour.PoissonFloor:P1}");
        Assert.InRange(result.PerDay.Bias, -0.05, 0.05);
        Assert.True(result.PerDay.Coverage95 >= 0.8, $"coverage {result.PerDay.Coverage95:P0}");
    }

    [Fact]
    public void WhenTheWeekdayPatternShiftsInTheHeldOutWeeks_TheBacktestShowsIt()
    {
        // The last four weeks: Mondays 60% busier, Fridays 60% quieter. The fit never saw it: WAPE per day far above
        // the floor and coverage collapses, while the total is about right (the shift moves demand between days).
        var before = HallScenarios.SmallHall(arrivalsPerDay: 300, days: 336);
        var shifted = HallScenarios.SmallHall(arrivalsPerDay: 300, days: 28) with { StartDate = before.StartDate.AddDays(336) };
        shifted = shifted with { Demand = shifted.Demand with { WeekdayFactors = [1.6, 1, 1, 1, 0.4, 1, 1] } };
        var result = Run(Log((before, 4), (shifted, 4)));

        Assert.True(result.PerDay.WapeOverFloor > 3, $"per day: WAPE {result.PerDay.Wape:P1}, floor {result.PerDay.PoissonFloor:P1}");
        Assert.True(result.PerDay.Coverage95 <= 0.7, $"coverage {result.PerDay.Coverage95:P0}");
        var mondays = result.Days.Where(d => d.Date.DayOfWeek == DayOfWeek.Monday).ToList();
        Assert.All(mondays, d => Assert.True(d.Observed > d.Expected * 1.3, $"{d.Date}: {d.Observed} against {d.Expected:0}"));
    }

    [Fact]
    public void ALogTooShortToHoldOutTheWeeks_IsRefusedWithWhy()
    {
        var hall = HallScenarios.SmallHall(arrivalsPerDay: 100, days: 35);
        var ex = Assert.Throws<ScenarioValidationException>(() => Run(Log((hall, 3))));
        Assert.Contains("at least 28", ex.Message);
    }

    [Fact]
    public void AHeldOutDayWithoutTickets_IsTakenAsClosed_NotScoredAsAMiss()
    {
        var hall = HallScenarios.SmallHall(arrivalsPerDay: 300, days: 364);
        var log = Log((hall, 4));
        var full = Run(log);
        var holiday = full.Days[7].Date; // a held-out weekday
        var text = holiday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var without = string.Join("\n", log.Split('\n').Where(l => !l.Contains($",{text} ", StringComparison.Ordinal)));
        var result = Run(without);

        Assert.Equal([holiday], result.ClosedDays);
        Assert.Equal(full.PerDay.Cells - 1, result.PerDay.Cells);
        Assert.True(result.PerDay.WapeOverFloor <= 1.5, $"per day: WAPE {result.PerDay.Wape:P1}, floor {result.PerDay.PoissonFloor:P1}");
    }

    [Theory]
    [InlineData(0.5, 0.6065306597)]  // 2·e^−0.5·0.5: the exact E|N − λ| for small λ
    [InlineData(1.0, 0.7357588823)]  // 2/e
    [InlineData(2.5, 1.2825781035)]  // 2·e^−2.5·2.5³/2!
    public void PoissonMeanAbsoluteDeviation_IsExact(double lambda, double expected) =>
        Assert.Equal(expected, Backtest.PoissonMeanAbsoluteDeviation(lambda), 6);
}
