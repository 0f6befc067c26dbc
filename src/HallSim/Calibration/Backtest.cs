using System.Text;
using HallSim.Scenarios;

namespace HallSim.Calibration;

/// <summary>
/// How good a calibrated forecast is on days it was not fitted to: calibrate on a ticket log without its last weeks,
/// then score the calibrated scenario's expected tickets against the tickets of those weeks.
/// </summary>
/// <remarks>
/// <para><b>WAPE</b> (weighted absolute percentage error) = Σ|observed − expected| ÷ Σ observed, over the held-out days
/// (or their hours). Even a perfect forecast of a Poisson process has one: E|N − λ| ≈ √(2λ/π) for N ~ Poisson(λ), so
/// the <b>Poisson floor</b> is Σ√(2λ/π) ÷ Σλ over the same days or hours — a WAPE near it says the forecast is as good
/// as the counts' own noise allows (computed exactly, 2e^(−λ)λ^(⌊λ⌋+1)/⌊λ⌋!, as √(2λ/π) is 5–8% off for λ below 2).
/// A held-out date with no ticket at all is taken as closed and not scored (<see cref="BacktestResult.ClosedDays"/>).</para>
/// <para><b>Bias</b> = (Σ expected − Σ observed) ÷ Σ observed (positive: the forecast expects too many).
/// <b>Coverage</b>: the share of held-out days (hours) whose count falls in the forecast's 95% Poisson band
/// λ ± 1.96√λ; well below 95% means more day-to-day variation than Poisson, or a forecast that is off.</para>
/// </remarks>
public static class Backtest
{
    /// <summary>Calibrates on all but the last <paramref name="weeks"/> weeks of the log and scores the forecast on them.</summary>
    /// <param name="log">The ticket log (CSV, as <see cref="Calibrator.Calibrate"/> reads it); must be seekable or is copied.</param>
    /// <param name="name">The calibrated scenario's name.</param>
    /// <param name="weeks">Weeks held out, at least 1.</param>
    /// <param name="options">Calibration options (the fit check's simulation is skipped: the backtest scores demand).</param>
    /// <exception cref="ScenarioValidationException">The log is not a ticket log, or too short to hold out that many weeks.</exception>
    public static BacktestResult Run(Stream log, string name, int weeks, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        options ??= new CalibrationOptions();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);

        // The log's lines, by the date of their issue time (the raw lines go to the calibrator unchanged).
        var buffer = new MemoryStream();
        log.CopyTo(buffer);
        buffer.Position = 0;
        string header;
        var lines = new List<(DateOnly? Date, double Minutes, string Text)>();
        using (var reader = new StreamReader(buffer, TicketLog.DetectEncoding(buffer), detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            header = reader.ReadLine() ?? throw new ScenarioValidationException("ticket log", [new ValidationProblem("line 1", "the file is empty")]);
            var (names, map) = TicketLog.Header(header, options.Columns);
            var issued = names.IndexOf(map.IssuedAt.Trim().ToLowerInvariant());
            if (issued < 0)
            {
                throw new ScenarioValidationException("ticket log", [new ValidationProblem("line 1", $"is not a ticket log: no column \"{map.IssuedAt}\" (found {string.Join(", ", names.Take(12))})")]);
            }

            while (reader.ReadLine() is { } text)
            {
                var cells = TicketLog.Split(text);
                if (issued < cells.Count && TicketLog.TryTime(CsvText.Text(cells[issued].Trim()), zone, out var t))
                {
                    lines.Add((DateOnly.FromDateTime(t), t.TimeOfDay.TotalMinutes, text));
                }
                else
                {
                    lines.Add((null, 0, text)); // unreadable: left to the calibrator, which counts and reports it
                }
            }
        }

        var dated = lines.Where(l => l.Date is not null).ToList();
        if (dated.Count == 0)
        {
            throw new ScenarioValidationException("ticket log", [new ValidationProblem("log", "has no row with a readable issue time")]);
        }

        var last = dated.Max(l => l.Date!.Value);
        var firstHeldOut = last.AddDays(1 - (7 * weeks));
        var first = dated.Min(l => l.Date!.Value);
        if (firstHeldOut.DayNumber - first.DayNumber < 28)
        {
            throw new ScenarioValidationException("backtest", [new ValidationProblem("weeks", $"holding out {weeks} week(s) from {firstHeldOut:yyyy-MM-dd} leaves {Math.Max(0, firstHeldOut.DayNumber - first.DayNumber)} days to fit ({first:yyyy-MM-dd} on); at least 28 are needed")]);
        }

        var training = new MemoryStream();
        using (var writer = new StreamWriter(training, new UTF8Encoding(false), leaveOpen: true))
        {
            writer.Write(header + "\n");
            foreach (var l in lines.Where(l => l.Date is null || l.Date < firstHeldOut))
            {
                writer.Write(l.Text + "\n");
            }
        }

        training.Position = 0;
        var calibration = Calibrator.Calibrate(training, name, options with { CheckReplications = 0 });

        // The calibrated scenario over the held-out dates: its expected tickets per day and per hour.
        var heldOutDays = last.DayNumber - firstHeldOut.DayNumber + 1;
        var forecast = calibration.Scenario with { StartDate = firstHeldOut, Days = heldOutDays };
        var plans = forecast.Compile().Days;
        // Observed: the held-out rows the log reader accepts (as the calibration counts them), by date and hour.
        var heldOut = new MemoryStream();
        using (var writer = new StreamWriter(heldOut, new UTF8Encoding(false), leaveOpen: true))
        {
            writer.Write(header + "\n");
            foreach (var l in lines.Where(l => l.Date >= firstHeldOut))
            {
                writer.Write(l.Text + "\n");
            }
        }

        heldOut.Position = 0;
        var accepted = new List<LoggedTicket>();
        TicketLog.Read(heldOut, accepted.Add, options.Columns, options.TimeZone);
        var observedByDay = accepted.GroupBy(t => t.Date).ToDictionary(g => g.Key, g => g.Select(t => t.Issued).ToList());
        var days = new List<BacktestDay>();
        var hours = new List<(double Observed, double Expected)>();
        var closedAsSeen = new List<DateOnly>();
        foreach (var plan in plans)
        {
            var rows = observedByDay.GetValueOrDefault(plan.Date) ?? [];
            if (rows.Count == 0)
            {
                // No ticket that day: the hall was closed (a holiday the calibrated calendar cannot know about), not a
                // forecast of zero demand to be scored.
                if (plan.Sessions.Length > 0)
                {
                    closedAsSeen.Add(plan.Date);
                }

                continue;
            }

            days.Add(new BacktestDay(plan.Date, rows.Count, plan.ExpectedArrivals));
            var dayStart = plan.Index * 1440.0;
            for (var h = 0; h < 24; h++)
            {
                var from = dayStart + (h * 60);
                var expected = plan.Pieces.Sum(p => p.Rate * Math.Max(0, Math.Min(p.End, from + 60) - Math.Max(p.Start, from)));
                var observed = rows.Count(m => m >= h * 60 && m < (h + 1) * 60);
                if (expected > 0 || observed > 0)
                {
                    hours.Add((observed, expected));
                }
            }
        }

        return new BacktestResult(calibration, firstHeldOut, last, days, Score(days.Select(d => ((double)d.Observed, d.Expected)).ToList()), Score(hours)) { ClosedDays = closedAsSeen };
    }

    /// <summary>E|N − λ| for N ~ Poisson(λ), exactly: 2 e^(−λ) λ^(⌊λ⌋+1) / ⌊λ⌋! (≈ √(2λ/π) for large λ, which is 5–8%
    /// off below λ = 2, as hourly counts often are).</summary>
    internal static double PoissonMeanAbsoluteDeviation(double lambda)
    {
        if (!(lambda > 0))
        {
            return 0;
        }

        var k = Math.Floor(lambda);
        var logFactorial = 0.0;
        for (var i = 2; i <= k; i++)
        {
            logFactorial += Math.Log(i);
        }

        return 2 * Math.Exp(-lambda + ((k + 1) * Math.Log(lambda)) - logFactorial);
    }

    private static BacktestScore Score(IReadOnlyList<(double Observed, double Expected)> cells)
    {
        var observed = cells.Sum(c => c.Observed);
        var expected = cells.Sum(c => c.Expected);
        var absolute = cells.Sum(c => Math.Abs(c.Observed - c.Expected));
        var floor = cells.Sum(c => PoissonMeanAbsoluteDeviation(c.Expected));
        var covered = cells.Count(c => Math.Abs(c.Observed - c.Expected) <= 1.96 * Math.Sqrt(c.Expected));
        return new BacktestScore(
            cells.Count,
            observed > 0 ? absolute / observed : double.NaN,
            expected > 0 ? floor / expected : double.NaN,
            observed > 0 ? (expected - observed) / observed : double.NaN,
            cells.Count > 0 ? (double)covered / cells.Count : double.NaN);
    }
}

/// <summary>One held-out day.</summary>
/// <param name="Date">The date.</param>
/// <param name="Observed">Tickets in the log.</param>
/// <param name="Expected">Tickets the calibrated forecast expects.</param>
public sealed record BacktestDay(DateOnly Date, int Observed, double Expected);

/// <summary>Forecast accuracy over the held-out days or hours (see <see cref="Backtest"/>).</summary>
/// <param name="Cells">Days (or hours) scored.</param>
/// <param name="Wape">Σ|observed − expected| ÷ Σ observed.</param>
/// <param name="PoissonFloor">The WAPE a perfect forecast would have from Poisson noise alone: Σ E|N − λ| ÷ Σλ
/// (E|N − λ| ≈ √(2λ/π); computed exactly).</param>
/// <param name="Bias">(Σ expected − Σ observed) ÷ Σ observed.</param>
/// <param name="Coverage95">Share of cells inside λ ± 1.96√λ.</param>
public sealed record BacktestScore(int Cells, double Wape, double PoissonFloor, double Bias, double Coverage95)
{
    /// <summary>WAPE ÷ Poisson floor: 1 is as good as the noise allows.</summary>
    public double WapeOverFloor => Wape / PoissonFloor;
}

/// <summary>What <see cref="Backtest.Run"/> found.</summary>
/// <param name="Calibration">The calibration on the days before the held-out weeks.</param>
/// <param name="From">First held-out date.</param>
/// <param name="To">Last held-out date.</param>
/// <param name="Days">Each held-out day with tickets or sessions.</param>
/// <param name="PerDay">Scores per day.</param>
/// <param name="PerHour">Scores per hour of the held-out days.</param>
public sealed record BacktestResult(CalibrationResult Calibration, DateOnly From, DateOnly To, IReadOnlyList<BacktestDay> Days, BacktestScore PerDay, BacktestScore PerHour)
{
    /// <summary>Held-out dates the calibrated calendar opens but that have no ticket in the log: taken as closed (a
    /// holiday it could not know about) and not scored.</summary>
    public IReadOnlyList<DateOnly> ClosedDays { get; init; } = [];
}
