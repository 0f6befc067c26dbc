using System.Globalization;
using System.Text.Json;
using HallSim.Model;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Cli;

/// <summary><c>hallsim simulate</c>: simulate days of a hall with replications and print KPIs with confidence intervals.</summary>
internal static class SimulateCommand
{

    internal static int Run(Options parsedOptions, TextWriter output, TextWriter error)
    {
        var o = parsedOptions;
        var days = o.Int("--days", 1, 1, 366);
        var windows = o.Int("--windows", -1, 0, 1000);
        var replications = o.Int("--replications", 20, 2, 10_000);
        var seed = o.ULong("--seed", 1);
        var interval = o.IntervalMinutes("--interval", 60);
        var target = o.Int("--target", 15, 0, 1440);
        o.RejectPositional();
        Roster? roster = null;
        Scenario? scenario;
        if (o.Text("--roster") is { } rosterPath)
        {
            // A roster file (as 'hallsim plan' writes it): its dates are the simulated days unless --date/--days say otherwise.
            roster = PlanCommand.ReadRoster(rosterPath, o.Errors);
            if (windows >= 0)
            {
                o.Errors.Add("--windows: cannot be combined with --roster (one staffing at a time)");
            }

            if (roster is { Assignments.Count: > 0 } && o.Date("--date") is null)
            {
                var first = roster.Assignments.Min(a => a.Date);
                days = o.Text("--days") is null ? roster.Assignments.Max(a => a.Date).DayNumber - first.DayNumber + 1 : days;
                var loaded = o.Text("--scenario") is { } path ? Program.LoadScenario(path, error, o.Errors) : Halls.JihuaPeak;
                scenario = loaded is null ? null : loaded with { StartDate = first, Days = days };
                if (scenario is not null && (first < loaded!.StartDate || first.AddDays(days - 1) > loaded.EndDate))
                {
                    o.Errors.Add($"--roster: its dates ({first:yyyy-MM-dd} + {days} days) are outside the scenario ({loaded.StartDate:yyyy-MM-dd} to {loaded.EndDate:yyyy-MM-dd})");
                }
            }
            else
            {
                scenario = Program.ScenarioForDates(o, days, error, o.Text("--scenario") is null ? Halls.JihuaPeak : null);
            }
        }
        else
        {
            scenario = Program.ScenarioForDates(o, days, error);
        }

        if (scenario is not null && windows > scenario.Windows.Count)
        {
            o.Errors.Add($"--windows: \"{windows}\" is more than the scenario's {scenario.Windows.Count} windows");
        }

        if (o.Errors.Count > 0 || scenario is null)
        {
            Program.ReportBadInput("simulate", o.Errors, error);
            return Program.BadInput;
        }

        var staffing = roster is not null
            ? new StaffingPlan { Roster = roster }
            : windows >= 0
            ? StaffingPlan.DuringOpeningHours(scenario, windows)
            : scenario.Staff.Count > 0 && scenario.Shifts.Count > 0
                ? new StaffingPlan { Roster = Halls.UsualRoster(scenario, scenario.Shifts[0].Id) }
                : StaffingPlan.DuringOpeningHours(scenario, scenario.Windows.Count);
        var staffingText = roster is not null ? $"roster from {o.Text("--roster")} ({roster.Assignments.Count} shifts)" : windows >= 0 ? $"{windows} windows open in the scenario's opening hours" : staffing.Roster is not null ? $"usual roster ({scenario.Staff.Count} staff on shift \"{scenario.Shifts[0].Id}\")" : $"all {scenario.Windows.Count} windows open";
        var options = new HallRunOptions { KeepTickets = false, IntervalMinutes = interval, WaitTargetMinutes = target };

        HallReplicationsResult result;
        try
        {
            result = HallReplications.Run(scenario, staffing, seed, replications, options);
        }
        catch (ScenarioValidationException ex)
        {
            Program.ReportBadInput("simulate", ex.Problems.Select(p => p.ToString()).ToList(), error);
            return Program.BadInput;
        }

        if (o.Text("--export-log") is { } logPath)
        {
            // Replication 0's tickets as a real queue system would log them (only the columns such a log has).
            var run = HallModel.Run(scenario, staffing, seed, 0, new HallRunOptions { KeepTickets = true, IntervalMinutes = interval, WaitTargetMinutes = target });
            var failure = OutputFiles.Write([(logPath, s =>
            {
                using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false));
                HallSim.Calibration.TicketLog.Write(writer, run.Tickets!, scenario.StartDate);
            })]);
            if (failure is not null)
            {
                Program.ReportBadInput("simulate", [$"--export-log: \"{logPath}\" cannot be written ({failure})"], error);
                return Program.BadInput;
            }

            error.WriteLine($"wrote {logPath} (the ticket log of replication 0)");
        }

        if (o.Flag("--json"))
        {
            WriteJson(scenario, result, output);
        }
        else
        {
            WriteTable(scenario, staffingText, result, replications, seed, target, output, o.Flag("--quiet"));
        }

        return Program.Ok;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static void WriteTable(Scenario s, string staffing, HallReplicationsResult result, int replications, ulong seed, int target, TextWriter output, bool quiet)
    {
        var runs = result.Runs;
        output.WriteLine(F($"{s.Name}"));
        output.WriteLine(F($"{s.StartDate:ddd yyyy-MM-dd}{(s.Days > 1 ? F($" + {s.Days - 1} days") : string.Empty)}, {staffing}, {replications} replications, seed {seed}; means with 95% confidence intervals"));
        if (!quiet && s.Days == 1)
        {
            output.WriteLine();
            output.WriteLine(F($"{"time",-6} {"tickets",8} {"mean wait (min)",18} {"p90",6} {$"≤{target} min",8} {"no-show",8} {"balked",7} {"open",5} {"busy",5}"));
            for (var i = 0; i < result.Intervals.Count; i++)
            {
                var e = result.Intervals[i];
                var rows = runs.Select(r => r.Intervals[i]).ToList();
                if (rows.All(x => x.Arrivals == 0 && x.TicketsIssued == 0 && x.MeanOpenWindows == 0 && x.MeanBusyWindows == 0))
                {
                    continue;
                }

                var start = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(e.Start % 1440));
                var waitText = e.MeanWait is { } w ? F($"{w.Mean,7:0.0} ± {w.HalfWidth,-6:0.0}") : F($"{"—",7}         ");
                var p90 = e.MeanWait is not null ? F($"{rows.Where(x => x.Served + x.NoShows > 0).Average(x => x.P90Wait),6:0.0}") : F($"{"—",6}");
                var level = e.ServiceLevel is { } l ? F($"{l.Mean * 100,7:0}%") : F($"{"—",8}");
                output.WriteLine(F($"{start:HH\\:mm}  {e.TicketsIssued.Mean,8:0.0} {waitText,18} {p90} {level} {rows.Average(x => x.NoShows),8:0.0} {rows.Average(x => x.Balked),7:0.0} {rows.Average(x => x.MeanOpenWindows),5:0.0} {e.MeanBusyWindows.Mean,5:0.0}"));
            }

            output.WriteLine("(tickets and waits by the time the ticket was issued)");
        }

        output.WriteLine();
        foreach (var day in result.Days)
        {
            if (day.Arrivals.Mean == 0)
            {
                output.WriteLine(F($"{day.Date:ddd yyyy-MM-dd}: closed"));
                continue;
            }

            if (day.TicketsIssued.Mean == 0)
            {
                output.WriteLine(F($"{day.Date:ddd yyyy-MM-dd}: {day.Arrivals.Mean:0} citizens, no window ticket issued (no citizen served at a window)"));
                continue;
            }

            var neverCalled = runs.Average(r => r.Days.Single(x => x.Date == day.Date).NeverCalled);
            var stranded = neverCalled > 0 ? F($"; {neverCalled:0.#} tickets never called (no window staffed at the cut-off: the mean wait is of called tickets only)") : string.Empty;
            output.WriteLine(F($"{day.Date:ddd yyyy-MM-dd}: {day.Arrivals.Mean:0} citizens, {day.TicketsIssued.Mean:0} tickets, mean wait {day.MeanWait.Mean:0.0} ± {day.MeanWait.HalfWidth:0.0} min, {day.ServiceLevel.Mean * 100:0}% ± {day.ServiceLevel.HalfWidth * 100:0} called within {target} min, overtime {day.OvertimeMinutes.Mean:0} min{stranded}"));
        }

        var totals = runs.Select(r => r.Totals).ToList();
        var journeyTerms = s.Journeys is null ? string.Empty : F($" + {totals.Average(t => t.Incomplete):0.0} incomplete at a window + {totals.Average(t => t.TurnedBack):0.0} turned back at reception");
        output.WriteLine(F($"Per replication: {totals.Average(t => t.Arrived):0} arrived = {totals.Average(t => t.Served):0} served + {totals.Average(t => t.NoShow):0.0} no-show + {totals.Average(t => t.Balked):0.0} balked + {totals.Average(t => t.SelfServed):0.0} self-service{journeyTerms} + {totals.Average(t => t.InProgress):0.0} never called"));
        if (runs.All(r => r.Journeys is not null))
        {
            WriteJourneys(runs.Select(r => r.Journeys!).ToList(), output);
        }
    }

    /// <summary>The journeys' figures, means per replication.</summary>
    private static void WriteJourneys(List<JourneyResult> j, TextWriter output)
    {
        double M(Func<JourneyResult, double> f) => j.Average(f);
        output.WriteLine(F($"Journeys per replication: {M(x => x.FirstVisits):0} first visits, {M(x => x.ReturnVisits):0} return visits, {M(x => x.PickupVisits):0} pickups; first-visit resolution {M(x => x.FirstVisitResolution) * 100:0.0}% ({M(x => x.TurnedBackAtReception):0.0} turned back at reception, {M(x => x.IncompleteAtWindow):0.0} found incomplete at a window)"));
        output.WriteLine(F($"  sent home: {M(x => x.ReturnsLostAfterDeadline):0.0} would come back after their deadline (lost), {M(x => x.ReturnsBeyondRun):0.0} after the last simulated day, {M(x => x.NotReturning):0.0} do not come back"));
        if (j.Any(x => x.ReceptionServed > 0))
        {
            output.WriteLine(F($"  reception: {M(x => x.ReceptionServed):0} seen, mean wait {M(x => x.ReceptionMeanWait):0.0} min"));
        }

        if (j.Any(x => x.Transfers > 0))
        {
            output.WriteLine(F($"  transfers: {M(x => x.Transfers):0.0} tickets sent on to another window group"));
        }

        if (j.Any(x => x.BackOfficeAccepted > 0))
        {
            output.WriteLine(F($"  back office: {M(x => x.BackOfficeAccepted):0.0} accepted, {M(x => x.BackOfficeCompleted):0.0} finished ({M(x => x.BackOfficeLate):0.0} after their due time), {M(x => x.BackOfficeBacklogByDay.Count > 0 ? x.BackOfficeBacklogByDay[^1] : 0):0.0} unfinished at the last closing ({M(x => x.BackOfficeOverdueAtEnd):0.0} overdue); {M(x => x.BackOfficeStaffMinutes) / 60:0.0} h by back-office staff, {M(x => x.BackOfficeWindowMinutes) / 60:0.0} h by window staff between tickets"));
        }

        if (j.Any(x => x.TriggeredOpenings > 0))
        {
            output.WriteLine(F($"  queue-triggered windows: opened {M(x => x.TriggeredOpenings):0.0} times, {M(x => x.TriggeredOpenMinutes) / 60:0.0} window-hours open"));
        }

        if (j.Any(x => x.BalkedOnDisplayedWait > 0))
        {
            output.WriteLine(F($"  displayed wait: {M(x => x.BalkedOnDisplayedWait):0.0} walk-ins left on seeing it"));
        }
    }

    private static void WriteJson(Scenario s, HallReplicationsResult result, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("scenario", s.Name);
            w.WriteNumber("replications", result.Runs.Count);
            w.WriteStartArray("days");
            foreach (var day in result.Days)
            {
                w.WriteStartObject();
                w.WriteString("date", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteNumber("arrivals", day.Arrivals.Mean);
                w.WriteNumber("tickets", day.TicketsIssued.Mean);
                w.WriteNumber("meanWaitMinutes", day.MeanWait.Mean);
                w.WriteNumber("meanWaitHalfWidth95", day.MeanWait.HalfWidth);
                w.WriteNumber("serviceLevel", day.ServiceLevel.Mean);
                w.WriteNumber("serviceLevelHalfWidth95", day.ServiceLevel.HalfWidth);
                w.WriteNumber("overtimeMinutes", day.OvertimeMinutes.Mean);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (result.Runs.All(r => r.Journeys is not null) && result.Runs.Count > 0)
            {
                var j = result.Runs.Select(r => r.Journeys!).ToList();
                w.WriteStartObject("journeys");
                w.WriteNumber("firstVisits", j.Average(x => x.FirstVisits));
                w.WriteNumber("returnVisits", j.Average(x => x.ReturnVisits));
                w.WriteNumber("pickupVisits", j.Average(x => x.PickupVisits));
                w.WriteNumber("firstVisitResolution", j.Average(x => x.FirstVisitResolution));
                w.WriteNumber("turnedBackAtReception", j.Average(x => x.TurnedBackAtReception));
                w.WriteNumber("incompleteAtWindow", j.Average(x => x.IncompleteAtWindow));
                w.WriteNumber("returnsLostAfterDeadline", j.Average(x => x.ReturnsLostAfterDeadline));
                w.WriteNumber("receptionMeanWaitMinutes", j.Average(x => x.ReceptionMeanWait));
                w.WriteNumber("transfers", j.Average(x => x.Transfers));
                w.WriteNumber("backOfficeAccepted", j.Average(x => x.BackOfficeAccepted));
                w.WriteNumber("backOfficeCompleted", j.Average(x => x.BackOfficeCompleted));
                w.WriteNumber("backOfficeLate", j.Average(x => x.BackOfficeLate));
                w.WriteNumber("triggeredOpenings", j.Average(x => x.TriggeredOpenings));
                w.WriteNumber("triggeredOpenMinutes", j.Average(x => x.TriggeredOpenMinutes));
                w.WriteNumber("balkedOnDisplayedWait", j.Average(x => x.BalkedOnDisplayedWait));
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
