using System.Globalization;
using System.Text;
using HallSim.Calibration;
using HallSim.Model;
using HallSim.Queueing;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Tests.Calibration;

public class CalibrationTests
{
    /// <summary>Jihua without what a ticket log cannot show (machines, balking, priority, recalls), 7 windows so that
    /// queues form and some citizens give up: eight weeks of autumn 2026, National Day holidays included.</summary>
    private static readonly Scenario Truth = Halls.Jihua with
    {
        StartDate = new DateOnly(2026, 9, 7),
        Days = 56,
        Kiosks = [],
        Windows = Halls.Jihua.Windows.Take(7).ToArray(),
        Behaviour = new CitizenBehaviour { Patience = new LogNormalDistribution(90, 60) },
        Staff = [],
        Shifts = [],
    };

    private static readonly Lazy<byte[]> Log = new(() =>
    {
        var run = HallModel.Run(Truth, StaffingPlan.Constant(7), seed: 11);
        var writer = new StringWriter();
        TicketLog.Write(writer, run.Tickets!, Truth.StartDate);
        return Encoding.UTF8.GetBytes(writer.ToString());
    });

    private static readonly Lazy<CalibrationResult> Calibrated = new(() =>
        Calibrator.Calibrate(new MemoryStream(Log.Value), "calibrated", new CalibrationOptions { Calendar = Truth.Calendar, CheckReplications = 3, CheckDays = 7 }));

    private static List<(double Wait, bool Left)> WaitsOfLog()
    {
        var run = HallModel.Run(Truth, StaffingPlan.Constant(7), seed: 11);
        return [.. run.Tickets!.Where(t => t.CalledAt is not null && t.IssuedAt is not null).Select(t => (t.CalledAt!.Value - t.IssuedAt!.Value, t.Outcome == TicketOutcome.NoShow))];
    }

    private static double[] ExpectedPerDay(Scenario s)
    {
        var rates = Requirements.Compute(s, RequirementMethod.Sipp, new WaitProbabilityTarget(1), 60, 1);
        return Enumerable.Range(0, s.Days).Select(d => rates.Intervals.Skip(d * 24).Take(24).Sum(i => i.ArrivalRate * 60)).ToArray();
    }

    [Fact]
    public void RoundTrip_RecoversDailyArrivals_HourProfile_ServiceTimes_AndPatience()
    {
        var fit = Calibrated.Value;
        Assert.Equal(0, fit.Read.Rejected);

        // Daily tickets: the fitted structure's expectation against the true one on every open day. Tolerance 6%:
        // each weekday factor rests on ~8 days of ~300 Poisson tickets (±2%), each month's level on ~20 days.
        var truth = ExpectedPerDay(Truth);
        var fitted = ExpectedPerDay(fit.Scenario with { StartDate = Truth.StartDate, Days = Truth.Days });
        var open = Enumerable.Range(0, Truth.Days).Where(d => truth[d] > 0).ToList();
        Assert.True(open.Count > 25, $"{open.Count} open days"); // 56 days less weekends and the Mid-Autumn and National Day holidays
        var error = open.Average(d => Math.Abs(fitted[d] - truth[d]) / truth[d]);
        Assert.True(error < 0.06, $"mean relative error of expected daily tickets {error:P1}");
        Assert.All(Enumerable.Range(0, Truth.Days).Where(d => truth[d] == 0), d => Assert.Equal(0, fitted[d], 6)); // holidays stay closed

        // Hour profile: shares within 0.015 (each hour holds ≥ 6% of ~15,000 tickets: sd of a share ≈ 0.002).
        var weights = Truth.Demand.HourWeights;
        var openHours = Enumerable.Range(0, 24).Where(h => weights[h] > 0).ToList();
        var tickets = new double[24];
        foreach (var session in Truth.Calendar.WeekdayHours)
        {
            // Tickets are issued until 30 minutes before each session closes: weight × issuing minutes of the hour.
            var from = session.Open.ToTimeSpan().TotalMinutes;
            var to = session.Close.ToTimeSpan().TotalMinutes - Truth.Calendar.TicketCutoffMinutes;
            foreach (var h in openHours)
            {
                tickets[h] += weights[h] * Math.Max(0, Math.Min(to, (h + 1) * 60) - Math.Max(from, h * 60));
            }
        }

        foreach (var h in openHours)
        {
            Assert.InRange(fit.HourShares[h].Mean - (tickets[h] / tickets.Sum()), -0.015, 0.015);
        }

        // The calibrated scenario issues those shares again: its expected tickets per hour on a weekday (the demand
        // model's own reading of the weights) against the true scenario's, within 0.015 of the day's tickets — the hour
        // before each cut-off (11:00, 17:00: 30 issuing minutes) included, which a share written as a weight halves.
        var monday = new DateOnly(2026, 9, 14);
        double[] PerHour(Scenario x)
        {
            var r = Requirements.Compute(x with { StartDate = monday, Days = 1 }, RequirementMethod.Sipp, new WaitProbabilityTarget(1), 60, 1);
            var perHour = r.Intervals.Select(i => i.ArrivalRate * 60).ToArray();
            return [.. perHour.Select(v => v / perHour.Sum())];
        }

        var trueHours = PerHour(Truth);
        var fittedHours = PerHour(fit.Scenario);
        foreach (var h in openHours)
        {
            Assert.InRange(fittedHours[h] - trueHours[h], -0.015, 0.015);
        }

        Assert.Contains(fit.Notes, n => n.Contains("rate per issuing minute", StringComparison.Ordinal));

        // Service times: lognormal chosen where the sample is large, and the mean within 3.5 standard errors
        // (CV 1.2 / √n: 13% at n = 1,000, 8% at n = 2,800), so a false alarm is rarer than 1 in 2,000 per category.
        foreach (var c in fit.Services.Where(s => s.Samples >= 1000))
        {
            var trueMean = Truth.Categories.Single(x => x.Id == c.Category).ServiceTime.Mean;
            var tolerance = 3.5 * 1.2 / Math.Sqrt(c.Samples);
            Assert.Equal("lognormal", c.Chosen.Family);
            Assert.InRange(c.Chosen.Distribution.Mean / trueMean, 1 - tolerance, 1 + tolerance);
        }

        // Patience from censored waits: only the waits that occur inform it, so the test is what they can tell — the
        // chance of having left by the 25th, 50th and 75th percentile of the observed waits within 0.05 of the truth's
        // (Monte Carlo, 40,000 draws each: ±0.005). The mean beyond the longest waits is not identifiable: the note
        // gives the families' spread of means.
        Assert.NotNull(fit.Patience);
        var waits = WaitsOfLog().Select(w => w.Wait).Order().ToArray();
        var truthPatience = Truth.Behaviour.Patience!;
        foreach (var q in new[] { 0.25, 0.5, 0.75 })
        {
            var w = waits[(int)(q * (waits.Length - 1))];
            double Left(Distribution d)
            {
                var rng = new RandomStream(5);
                return Enumerable.Range(0, 40_000).Count(_ => d.Sample(rng) < w) / 40_000.0;
            }

            Assert.InRange(Left(fit.Patience!.Distribution) - Left(truthPatience), -0.05, 0.05);
        }

        Assert.Contains(fit.Notes, n => n.Contains("Patience", StringComparison.Ordinal) && n.Contains("AIC", StringComparison.Ordinal));
        Assert.Contains(fit.Notes, n => n.Contains("balked", StringComparison.Ordinal));
        Assert.NotEmpty(fit.Hourly);
        Assert.All(fit.Hourly, h => Assert.True(double.IsFinite(h.ObservedWait)));

        // The calibrated hall waits as the log's hall did: over the check's days (7 days, 3 replications), the
        // ticket-weighted mean wait simulated within 25% of the log's (measured: 13.8 against 14.5 min; the simulated
        // mean's own 95% half-width is about ±15%, and the observed week is one sample too).
        var checkedHours = fit.Hourly.Where(h => h.SimulatedWait is not null && h.ObservedTickets > 0).ToList();
        var observedWait = checkedHours.Sum(h => h.ObservedWait * h.ObservedTickets) / checkedHours.Sum(h => h.ObservedTickets);
        var simulatedWait = checkedHours.Sum(h => h.SimulatedWait!.Mean * h.ObservedTickets) / checkedHours.Sum(h => h.ObservedTickets);
        Assert.InRange(simulatedWait / observedWait, 0.75, 1.25);
    }

    [Fact]
    public void WeekdaysWithoutATicket_AreTakenAsClosed_WhenTheCalendarDoesNotKnowThem()
    {
        // The same log calibrated with a calendar that lacks the Mid-Autumn and National Day holidays: the weekdays the
        // log shows closed become holidays of the calibrated scenario (and a note says so), not days of invented citizens.
        var calendar = Truth.Calendar with { Holidays = [] };
        var fit = Calibrator.Calibrate(new MemoryStream(Log.Value), "calibrated", new CalibrationOptions { Calendar = calendar, CheckReplications = 2, CheckDays = 2 });
        var closedWeekdays = Truth.Calendar.Holidays
            .Where(d => d >= Truth.StartDate && d <= Truth.EndDate && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .ToList();
        Assert.NotEmpty(closedWeekdays);
        Assert.All(closedWeekdays, d => Assert.Empty(fit.Scenario.Calendar.SessionsOn(d)));
        Assert.Equal(closedWeekdays.Order(), fit.Scenario.Calendar.Holidays.Order());
        Assert.Contains(fit.Notes, n => n.Contains("taken as closed", StringComparison.Ordinal) && n.Contains(closedWeekdays[0].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains(fit.Notes, n => n.Contains("3 calls of 0.5 window-minutes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("exponential", 40.0)]
    [InlineData("lognormal", 90.0)]
    public void FitPatience_RecoversTheMean_InTheTrueFamily_UnderTheLogsCensoring(string family, double mean)
    {
        // What a log shows: each called ticket's wait and whether its holder had left by then (patience < wait).
        // 6,000 tickets; waits exponential with mean 35 min. Tolerance 12% on the mean: the data are current-status
        // (only whether patience ended before the call), which carries far less information than exact times.
        Distribution truth = family == "exponential" ? new ExponentialDistribution(mean) : new LogNormalDistribution(mean, 60);
        var rng = new RandomStream(99);
        var waitTime = new ExponentialDistribution(35);
        var data = Enumerable.Range(0, 6000).Select(_ =>
        {
            var w = waitTime.Sample(rng);
            return (w, truth.Sample(rng) < w);
        }).ToList();
        var fits = Calibrator.FitPatienceFamilies(data);
        Assert.Equal(["exponential", "gamma", "lognormal", "weibull"], fits.Select(f => f.Family).Order());
        var chosen = fits[0];
        Assert.InRange(chosen.Distribution.Mean, mean * 0.88, mean * 1.12);
        // The true family is chosen or within 2 AIC points of the chosen one (a family that nests it can tie).
        Assert.True(fits.Single(f => f.Family == family).Aic - chosen.Aic < 2, $"{family}: {string.Join(", ", fits.Select(f => $"{f.Family} {f.Aic:0.0} (mean {f.Distribution.Mean:0.0})"))}");
    }

    [Fact]
    public void FitPatience_MeanInterval_CoversTheTruth_AndIsAsWideAsTheSpreadOfTheEstimates()
    {
        // 60 logs of 1,500 called tickets each, exponential patience of mean 40 min, exponential waits of mean 35:
        // the true family's 95% interval must cover 40 in about 95% of logs — at least 85% (3.5 binomial standard
        // deviations of 2.8 points below 95%) — and its half-width ÷ 1.96 must be the spread (sd) of the 60 estimated
        // means within ±35% (the sd of 60 values is itself uncertain by about ±18% at 2 sd).
        var rng = new RandomStream(2026_12_01);
        var waitTime = new ExponentialDistribution(35);
        var patience = new ExponentialDistribution(40);
        var means = new List<double>();
        var covered = 0;
        var halfWidths = new List<double>();
        for (var log = 0; log < 60; log++)
        {
            var data = Enumerable.Range(0, 1500).Select(_ =>
            {
                var w = waitTime.Sample(rng);
                return (w, patience.Sample(rng) < w);
            }).ToList();
            var fit = Calibrator.FitPatienceFamilies(data).Single(f => f.Family == "exponential");
            var ci = Assert.IsType<MeanInterval>(fit.Mean95);
            means.Add(fit.Distribution.Mean);
            covered += ci.Lower <= 40 && 40 <= ci.Upper ? 1 : 0;
            halfWidths.Add((Math.Log(ci.Upper) - Math.Log(ci.Lower)) / 2 * fit.Distribution.Mean);
        }

        Assert.True(covered >= 51, $"{covered} of 60 intervals cover the true mean");
        var sd = Math.Sqrt(means.Sum(m => (m - means.Average()) * (m - means.Average())) / (means.Count - 1));
        Assert.InRange(halfWidths.Average() / 1.959964, sd * 0.65, sd * 1.35);
    }

    [Fact]
    public void FitServiceTime_PicksTheTrueFamily_ByAic()
    {
        var stream = new RandomStream(5);
        double[] Draw(Distribution d) => Enumerable.Range(0, 4000).Select(_ => d.Sample(stream)).ToArray();
        Assert.Equal("gamma", Calibrator.FitServiceTime(Draw(new GammaDistribution(3, 2))).First().Family);
        Assert.Equal("weibull", Calibrator.FitServiceTime(Draw(new WeibullDistribution(0.7, 5))).First().Family);
        Assert.Equal("lognormal", Calibrator.FitServiceTime(Draw(new LogNormalDistribution(8, 12))).First().Family);
        var gamma = Calibrator.FitServiceTime(Draw(new GammaDistribution(3, 2))).Single(f => f.Family == "gamma");
        Assert.InRange(gamma.Distribution.Mean, 5.7, 6.3); // 6 ± 5%
        Assert.InRange(gamma.Ks, 0, 0.03);
    }

    [Fact]
    public void Read_FuzzedRows_NeverCrash_AndNeverLoseAGoodRow()
    {
        var random = new Random(20261126);
        var good = "1,A001,tax,2026-03-02 09:05:00,2026-03-02 09:20:00,1,W01,2026-03-02 09:21:00,2026-03-02 09:30:00,SERVED,WALK_IN,";
        string[] corruptions =
        [
            "1,A001,tax,2026-13-02 09:05:00,,1,W01,,,NO_SHOW,WALK_IN,", "1,A001,tax,yesterday,,1,W01,,,SERVED,,",
            "1,A001,tax,2026-03-02 09:05:00,2026-03-02 09:00:00,1,W01,,,NO_SHOW,,", "1,A001,tax,2026-03-02 09:05:00,2026-03-02 09:20:00,1,W01,2026-03-02 09:40:00,2026-03-02 09:30:00,SERVED,,",
            "1,A001,tax,2026-03-02 09:05:00,,1,W01,,,LOST,,", "1,A001,,2026-03-02 09:05:00,,1,W01,,,CANCELLED,,", "\"unterminated,quote", ",,,,,", "garbage",
            "1,A001,tax,2026-03-02 09:05:00,,1,W01,,,SERVED,,",
        ];
        var text = new StringBuilder("ticket_id,ticket_number,service_code,issued_at,called_at,call_count,window,service_start,service_end,outcome,channel,priority\n");
        var goodRows = 0;
        for (var i = 0; i < 3000; i++)
        {
            if (random.NextDouble() < 0.6)
            {
                text.Append(good).Append('\n');
                goodRows++;
            }
            else
            {
                var bad = corruptions[random.Next(corruptions.Length)];
                var chars = bad.ToCharArray();
                if (random.NextDouble() < 0.3 && chars.Length > 0)
                {
                    chars[random.Next(chars.Length)] = (char)random.Next(32, 0x4E00 + 200); // random character, CJK included
                }

                var line = new string(chars).Replace("\n", " ", StringComparison.Ordinal);
                if (line == good)
                {
                    goodRows++;
                }

                text.Append(line).Append('\n');
            }
        }

        var accepted = 0;
        var result = TicketLog.Read(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), _ => accepted++);
        Assert.Equal(goodRows, accepted);
        Assert.Equal(result.Rows, result.Accepted + result.Rejected);
        Assert.All(result.RejectedRows, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.All(result.RejectedRows, r => Assert.InRange(r.Line, 2, 3001));
    }

    [Fact]
    public void ShortRow_IsRejectedAsMissingCells_NotAsAnUnknownOutcome_AndTheCountsAddUp()
    {
        var text = "ticket_id,ticket_number,service_code,issued_at,called_at,call_count,window,service_start,service_end,outcome,channel,priority\n"
            + "1,A001,tax,2026-03-02 09:00:00,2026-03-02 09:05:00,1,W01,2026-03-02 09:05:00,2026-03-02 09:12:00,SERVED,WALK_IN,\n"
            + "2,A002,tax,2026-03-02 09:01:00\n"
            + "3,A003,'=tax,2026-03-02 09:02:00,2026-03-02 09:30:00,3,W01,,,NO_SHOW,WALK_IN,\n";
        var accepted = new List<LoggedTicket>();
        var result = TicketLog.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), accepted.Add);
        Assert.Equal(3, result.Rows);
        Assert.Equal(result.Rows, result.Accepted + result.Rejected);
        var rejected = Assert.Single(result.RejectedRows);
        Assert.Equal(3, rejected.Line);
        Assert.StartsWith("missing cells", rejected.Reason, StringComparison.Ordinal);

        // A cell this project neutralised on export ('=tax) reads back as it was written.
        Assert.Contains(accepted, t => t.ServiceCode == "=tax");
    }

    [Fact]
    public void Read_NotATicketLog_IsOneClearError()
    {
        var e = Assert.Throws<ScenarioValidationException>(() => TicketLog.Read(new MemoryStream("name,age\nAnn,3\n"u8.ToArray()), _ => { }));
        Assert.Single(e.Problems);
        Assert.Contains("is not a ticket log", e.Message);
    }

    [Fact]
    public void Read_Gb18030WithChineseHeaders_ReadsEveryRow()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = "取号时间,叫号时间,开始办理时间,结束办理时间,窗口,业务类型,状态,渠道,优先级\n" +
                  "2026/03/02 09:05:00,2026/03/02 09:20:00,2026/03/02 09:21:00,2026/03/02 09:30:00,一号窗,房屋租赁,办结,现场,\n" +
                  "2026/03/02 09:06:00,2026/03/02 09:40:00,,,一号窗,居住证,过号,预约,\n";
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(csv);
        var rows = new List<LoggedTicket>();
        var result = TicketLog.Read(new MemoryStream(bytes), rows.Add);
        Assert.Equal(2, result.Accepted);
        Assert.Equal("房屋租赁", rows[0].ServiceCode);
        Assert.Equal(LoggedOutcome.NoShow, rows[1].Outcome);
        Assert.True(rows[1].Appointment);
        Assert.Equal(9 * 60 + 5, rows[0].Issued, 6);
    }

    [Fact]
    public void Read_Gb18030WhoseFirst64KbAreAscii_IsStillReadAsGb18030_AndAMixedFileIsRefusedWithLines()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("GB18030");
        var header = "ticket_id,ticket_number,service_code,issued_at,called_at,call_count,window,service_start,service_end,outcome,channel,priority\n";
        var ascii = new StringBuilder(header);
        for (var i = 0; i < 2000; i++)
        {
            ascii.Append(CultureInfo.InvariantCulture, $"{i},A{i:000},tax,2026-03-02 09:00:00,2026-03-02 09:05:00,1,W01,2026-03-02 09:05:00,2026-03-02 09:12:00,SERVED,WALK_IN,\n");
        }

        Assert.True(ascii.Length > 64 * 1024);
        const string chinese = "9999,B001,房屋租赁,2026-03-02 10:00:00,2026-03-02 10:05:00,1,W01,2026-03-02 10:05:00,2026-03-02 10:12:00,SERVED,WALK_IN,\n";
        var rows = new List<LoggedTicket>();
        TicketLog.Read(new MemoryStream([.. gb.GetBytes(ascii.ToString()), .. gb.GetBytes(chinese)]), rows.Add);
        Assert.Equal("房屋租赁", rows[^1].ServiceCode); // not mojibake

        // The same Chinese row once in UTF-8 and once in GB18030: refused, naming both lines.
        var mixed = new MemoryStream([.. Encoding.UTF8.GetBytes(header + chinese), .. gb.GetBytes(chinese)]);
        var e = Assert.Throws<ScenarioValidationException>(() => TicketLog.Read(mixed, _ => { }));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("line 3", problem.Path);
        Assert.Contains("line 2", problem.Message, StringComparison.Ordinal);
    }
}

