using System.Globalization;
using System.Text.Json;
using HallSim.Experiments;
using HallSim.Model;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Cli;

/// <summary><c>hallsim simulate</c>: simulate days of a hall with replications and print KPIs with confidence intervals.</summary>
internal static class SimulateCommand
{
    internal static readonly string[] ValueOptions = ["--scenario", "--date", "--days", "--windows", "--replications", "--seed", "--interval", "--target"];
    internal static readonly string[] FlagOptions = ["--json", "--quiet"];

    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var o = Options.Parse(args, ValueOptions, FlagOptions);
        var days = o.Int("--days", 1, 1, 366);
        var windows = o.Int("--windows", -1, 0, 1000);
        var replications = o.Int("--replications", 20, 2, 10_000);
        var seed = o.ULong("--seed", 1);
        var interval = o.Int("--interval", 60, 5, 1440);
        var target = o.Int("--target", 15, 0, 1440);
        var date = o.Date("--date");
        foreach (var p in o.Positional)
        {
            o.Errors.Add($"{p}: unexpected argument");
        }

        if (1440 % interval != 0)
        {
            o.Errors.Add($"--interval: \"{interval}\" does not divide a day of 1440 minutes (use 15, 30 or 60)");
        }

        Scenario? scenario = Halls.Jihua;
        if (o.Text("--scenario") is { } path)
        {
            scenario = Program.LoadScenario(path, error, o.Errors);
        }

        if (scenario is not null)
        {
            var start = date ?? (scenario == Halls.Jihua ? new DateOnly(2026, 3, 18) : scenario.StartDate);
            if (start < scenario.StartDate || start.AddDays(days - 1) > scenario.EndDate)
            {
                o.Errors.Add($"--date/--days: {start:yyyy-MM-dd} + {days} day(s) is outside the scenario ({scenario.StartDate:yyyy-MM-dd} to {scenario.EndDate:yyyy-MM-dd})");
            }
            else if (windows > scenario.Windows.Count)
            {
                o.Errors.Add($"--windows: \"{windows}\" is more than the scenario's {scenario.Windows.Count} windows");
            }

            scenario = scenario with { StartDate = start, Days = days };
        }

        if (o.Errors.Count > 0 || scenario is null)
        {
            Program.ReportBadInput("simulate", o.Errors, error);
            return Program.BadInput;
        }

        var staffing = windows >= 0
            ? Halls.WeekdaySessions(windows)
            : scenario.Staff.Count > 0 && scenario.Shifts.Count > 0
                ? new StaffingPlan { Roster = Halls.UsualRoster(scenario, scenario.Shifts[0].Id) }
                : Halls.WeekdaySessions(scenario.Windows.Count);
        var staffingText = windows >= 0 ? $"{windows} windows open in the usual hours" : staffing.Roster is not null ? $"usual roster ({scenario.Staff.Count} staff on shift \"{scenario.Shifts[0].Id}\")" : $"all {scenario.Windows.Count} windows open";
        var options = new HallRunOptions { KeepTickets = false, IntervalMinutes = interval, WaitTargetMinutes = target };

        IReadOnlyList<HallRunResult> runs;
        try
        {
            runs = ReplicationRunner.Run(replications, rep => HallModel.Run(scenario, staffing, seed, rep, options));
        }
        catch (ScenarioValidationException ex)
        {
            Program.ReportBadInput("simulate", ex.Problems.Select(p => p.ToString()).ToList(), error);
            return Program.BadInput;
        }

        if (o.Flag("--json"))
        {
            WriteJson(scenario, runs, output);
        }
        else
        {
            WriteTable(scenario, staffingText, runs, replications, seed, target, output, o.Flag("--quiet"));
        }

        return Program.Ok;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static void WriteTable(Scenario s, string staffing, IReadOnlyList<HallRunResult> runs, int replications, ulong seed, int target, TextWriter output, bool quiet)
    {
        output.WriteLine(F($"{s.Name}"));
        output.WriteLine(F($"{s.StartDate:ddd yyyy-MM-dd}{(s.Days > 1 ? F($" + {s.Days - 1} days") : string.Empty)}, {staffing}, {replications} replications, seed {seed}; means with 95% confidence intervals"));
        if (!quiet && s.Days == 1)
        {
            output.WriteLine();
            output.WriteLine(F($"{"time",-6} {"tickets",8} {"mean wait (min)",18} {"p90",6} {$"≤{target} min",8} {"no-show",8} {"balked",7} {"open",5} {"busy",5}"));
            var grid = runs[0].Grid;
            for (var i = 0; i < grid.Count; i++)
            {
                var rows = runs.Select(r => r.Intervals[i]).ToList();
                if (rows.All(x => x.Arrivals == 0 && x.TicketsIssued == 0 && x.MeanOpenWindows == 0 && x.MeanBusyWindows == 0))
                {
                    continue;
                }

                var issued = MeanEstimate.Of(rows.Select(x => (double)x.TicketsIssued).ToList());
                var wait = MeanEstimate.Of(rows.Select(x => x.MeanWait).ToList());
                var start = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(grid.IntervalStart(i) % 1440));
                var any = issued.Mean > 0;
                var waitText = any ? F($"{wait.Mean,7:0.0} ± {wait.HalfWidth,-6:0.0}") : F($"{"—",7}         ");
                var p90 = any ? F($"{rows.Average(x => x.P90Wait),6:0.0}") : F($"{"—",6}");
                var level = any ? F($"{rows.Average(x => x.ServiceLevel) * 100,7:0}%") : F($"{"—",8}");
                output.WriteLine(F($"{start:HH\\:mm}  {issued.Mean,8:0.0} {waitText,18} {p90} {level} {rows.Average(x => x.NoShows),8:0.0} {rows.Average(x => x.Balked),7:0.0} {rows.Average(x => x.MeanOpenWindows),5:0.0} {rows.Average(x => x.MeanBusyWindows),5:0.0}"));
            }

            output.WriteLine("(tickets and waits by the time the ticket was issued)");
        }

        output.WriteLine();
        for (var d = 0; d < s.Days; d++)
        {
            var day = runs.Select(r => r.Days[d]).ToList();
            if (day.All(x => x.Arrivals == 0))
            {
                output.WriteLine(F($"{day[0].Date:ddd yyyy-MM-dd}: closed"));
                continue;
            }

            var wait = MeanEstimate.Of(day.Select(x => x.MeanWait).ToList());
            var level = MeanEstimate.Of(day.Select(x => x.ServiceLevel).ToList());
            output.WriteLine(F($"{day[0].Date:ddd yyyy-MM-dd}: {day.Average(x => x.Arrivals):0} citizens, {day.Average(x => x.TicketsIssued):0} tickets, mean wait {wait.Mean:0.0} ± {wait.HalfWidth:0.0} min, {level.Mean * 100:0}% ± {level.HalfWidth * 100:0} called within {target} min, overtime {day.Average(x => x.OvertimeMinutes):0} min"));
        }

        var totals = runs.Select(r => r.Totals).ToList();
        output.WriteLine(F($"Per replication: {totals.Average(t => t.Arrived):0} arrived = {totals.Average(t => t.Served):0} served + {totals.Average(t => t.NoShow):0.0} no-show + {totals.Average(t => t.Balked):0.0} balked + {totals.Average(t => t.SelfServed):0.0} self-service + {totals.Average(t => t.InProgress):0.0} still inside"));
    }

    private static void WriteJson(Scenario s, IReadOnlyList<HallRunResult> runs, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("scenario", s.Name);
            w.WriteNumber("replications", runs.Count);
            w.WriteStartArray("days");
            for (var d = 0; d < s.Days; d++)
            {
                var day = runs.Select(r => r.Days[d]).ToList();
                var wait = MeanEstimate.Of(day.Select(x => x.MeanWait).ToList());
                var level = MeanEstimate.Of(day.Select(x => x.ServiceLevel).ToList());
                w.WriteStartObject();
                w.WriteString("date", day[0].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteNumber("arrivals", day.Average(x => x.Arrivals));
                w.WriteNumber("tickets", day.Average(x => x.TicketsIssued));
                w.WriteNumber("meanWaitMinutes", wait.Mean);
                w.WriteNumber("meanWaitHalfWidth95", wait.HalfWidth);
                w.WriteNumber("serviceLevel", level.Mean);
                w.WriteNumber("serviceLevelHalfWidth95", level.HalfWidth);
                w.WriteNumber("overtimeMinutes", day.Average(x => x.OvertimeMinutes));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
