using System.Globalization;
using System.Text;
using HallSim.Calibration;
using HallSim.Reports;
using HallSim.Scenarios;

namespace HallSim.Cli;

/// <summary><c>hallsim calibrate</c>: a scenario and a calibration report from a ticket log.</summary>
internal static class CalibrateCommand
{

    /// <summary>--columns "issuedAt=取号,serviceCode=业务,…": the log's own header for each field (the rest keep their defaults).</summary>
    private static TicketLogColumns? Columns(Options o)
    {
        if (o.Text("--columns") is not { } text)
        {
            return null;
        }

        var map = new TicketLogColumns();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                o.Errors.Add($"--columns: \"{pair}\" is not field=header");
                continue;
            }

            map = parts[0] switch
            {
                "issuedAt" => map with { IssuedAt = parts[1] },
                "calledAt" => map with { CalledAt = parts[1] },
                "serviceStart" => map with { ServiceStart = parts[1] },
                "serviceEnd" => map with { ServiceEnd = parts[1] },
                "window" => map with { Window = parts[1] },
                "serviceCode" => map with { ServiceCode = parts[1] },
                "outcome" => map with { Outcome = parts[1] },
                "channel" => map with { Channel = parts[1] },
                "priority" => map with { Priority = parts[1] },
                _ => Unknown(parts[0]),
            };
        }

        return map;

        TicketLogColumns Unknown(string field)
        {
            o.Errors.Add($"--columns: unknown field \"{field}\" (expected issuedAt, calledAt, serviceStart, serviceEnd, window, serviceCode, outcome, channel, priority)");
            return map;
        }
    }

    internal static int Run(Options options, TextWriter output, TextWriter error)
    {
        var o = options;
        o.RejectPositional();
        var log = o.Text("--log");
        if (log is null)
        {
            o.Errors.Add("--log: missing (the ticket log, a CSV with one row per ticket; docs/calibration.md)");
        }
        else if (!File.Exists(log))
        {
            o.Errors.Add($"--log: \"{log}\" does not exist");
        }

        var outPath = o.Text("--out") ?? "scenario.json";
        var reportPath = o.Text("--report") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath)) ?? ".", "calibration.html");
        var timeZone = o.Text("--timezone") ?? "Asia/Shanghai";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            o.Errors.Add($"--timezone: \"{timeZone}\" is not a time zone (expected an IANA id such as Asia/Shanghai)");
        }

        var columns = Columns(o);
        var checkDays = o.Int("--check-days", 20, 1, 366);
        var replications = o.Int("--replications", 5, 0, 1000);
        var seed = o.ULong("--seed", 1);
        var backtestWeeks = o.Text("--backtest") is null ? 0 : o.Int("--backtest", 4, 1, 52);
        if (o.Errors.Count > 0)
        {
            Program.ReportBadInput("calibrate", o.Errors, error);
            return Program.BadInput;
        }

        CalibrationResult result;
        try
        {
            using var stream = File.OpenRead(log!);
            result = Calibrator.Calibrate(stream, o.Text("--name") ?? Path.GetFileNameWithoutExtension(log!),
                new CalibrationOptions { TimeZone = timeZone, CheckDays = checkDays, CheckReplications = replications, Seed = seed, Columns = columns });
        }
        catch (ScenarioValidationException ex)
        {
            Program.ReportBadInput("calibrate", ex.Problems.Select(p => $"{log}: {p}").ToList(), error);
            return Program.BadInput;
        }
        catch (IOException ex)
        {
            Program.ReportBadInput("calibrate", [$"--log: \"{log}\" cannot be read ({ex.Message})"], error);
            return Program.BadInput;
        }

        BacktestResult? backtest = null;
        if (backtestWeeks > 0)
        {
            try
            {
                using var stream = File.OpenRead(log!);
                backtest = Backtest.Run(stream, o.Text("--name") ?? Path.GetFileNameWithoutExtension(log!), backtestWeeks,
                    new CalibrationOptions { TimeZone = timeZone, Seed = seed, Columns = columns });
            }
            catch (ScenarioValidationException ex)
            {
                Program.ReportBadInput("calibrate", ex.Problems.Select(p => $"--backtest: {p}").ToList(), error);
                return Program.BadInput;
            }
        }

        // Both files or neither, and a report that fails leaves the old scenario in place.
        string report;
        try
        {
            report = CalibrationReport.Write(result, Path.GetFileName(log!), backtest);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            Program.ReportBadInput("calibrate", [$"the calibration report cannot be made ({ex.Message}); nothing was written"], error);
            return Program.BadInput;
        }

        var failure = OutputFiles.Write([
            (outPath, s => s.Write(new UTF8Encoding(false).GetBytes(ScenarioJson.Serialize(result.Scenario)))),
            (reportPath, s => s.Write(new UTF8Encoding(false).GetBytes(report))),
        ]);
        if (failure is not null)
        {
            Program.ReportBadInput("calibrate", [$"--out/--report: cannot be written ({failure}); nothing was written"], error);
            return Program.BadInput;
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"{log}: {result.Read.Rows} rows, {result.Read.Accepted} accepted, {result.Read.Rejected} rejected"));
        foreach (var r in result.Read.RejectedRows.Take(o.Flag("--quiet") ? 0 : 5))
        {
            output.WriteLine(string.Create(inv, $"  line {r.Line}: {r.Reason}"));
        }

        output.WriteLine(string.Create(inv, $"tickets on an ordinary weekday {result.ArrivalsPerDay.Mean:0.0} ± {result.ArrivalsPerDay.HalfWidth:0.0}; {result.Services.Count} categories; {result.Scenario.Windows.Count} windows; {result.SpecialDays.Count} special day(s)"));
        foreach (var c in result.Services)
        {
            output.WriteLine(string.Create(inv, $"  {c.Category}: {c.Chosen.Family}, mean {c.Chosen.Distribution.Mean:0.0} min ({c.Samples} samples, KS {c.Chosen.Ks:0.000})"));
        }

        output.WriteLine(result.Patience is { } p ? string.Create(inv, $"patience: lognormal, mean {p.Distribution.Mean:0.0} min") : "patience: no no-shows in the log, none fitted");
        if (backtest is not null)
        {
            output.WriteLine(string.Create(inv, $"backtest: fitted on the log before {backtest.From:yyyy-MM-dd}, scored on {backtest.From:yyyy-MM-dd} to {backtest.To:yyyy-MM-dd}"));
            foreach (var (label, score) in new[] { ("per day ", backtest.PerDay), ("per hour", backtest.PerHour) })
            {
                output.WriteLine(score.Cells == 0 || !double.IsFinite(score.Wape)
                    ? $"  {label}: nothing to score (no ticket in the held-out weeks)"
                    : string.Create(inv, $"  {label}: WAPE {score.Wape * 100:0.0}% against a Poisson floor of {score.PoissonFloor * 100:0.0}% ({score.WapeOverFloor:0.00}×), bias {score.Bias * 100:+0.0;-0.0;0.0}%, {score.Coverage95 * 100:0}% of {score.Cells} inside the 95% band"));
            }
        }

        output.WriteLine($"wrote {outPath}");
        output.WriteLine($"wrote {reportPath}");
        return Program.Ok;
    }
}
