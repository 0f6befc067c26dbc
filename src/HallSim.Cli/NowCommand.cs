using System.Globalization;
using System.Text.Json;
using HallSim.Intraday;
using HallSim.Model;
using HallSim.Reports;
using HallSim.Rostering;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Cli;

/// <summary><c>hallsim now</c>: the rest of today from the ticket log so far — re-forecast demand, expected waits per
/// hour with 95% intervals, when the last ticket is called, and how long those waiting now still wait.</summary>
internal static class NowCommand
{
    internal static int Run(Options o, TextWriter output, TextWriter error)
    {
        var replications = o.Int("--replications", 40, 2, 10_000);
        var seed = o.ULong("--seed", 1);
        var outDir = o.Text("--out") ?? Path.Combine("out", "now");
        var priorCvText = o.Text("--prior-cv") ?? "0.2";
        var langText = o.Text("--lang") ?? "zh";
        if (langText is not ("zh" or "en"))
        {
            o.Errors.Add($"--lang: \"{langText}\" is not a language of the page (expected zh or en)");
        }
        o.RejectPositional();
        if (!double.TryParse(priorCvText, NumberStyles.Float, CultureInfo.InvariantCulture, out var priorCv) || !(priorCv > 0) || priorCv > 5)
        {
            o.Errors.Add($"--prior-cv: \"{priorCvText}\" is not a coefficient of variation greater than 0 and at most 5");
        }

        var logPath = o.Text("--log");
        var statePath = o.Text("--state");
        HallState? given = null;
        if (logPath is null && statePath is null)
        {
            o.Errors.Add("--log: required (the ticket log of today so far, CSV), or --state FILE (a JSON snapshot of the hall)");
        }
        else if (logPath is not null && statePath is not null)
        {
            o.Errors.Add("--log/--state: give one of them (the state from the log, or the snapshot as it is)");
        }
        else if (logPath is not null && !File.Exists(logPath))
        {
            o.Errors.Add($"--log: \"{logPath}\" does not exist");
        }
        else if (statePath is not null && !File.Exists(statePath))
        {
            o.Errors.Add($"--state: \"{statePath}\" does not exist");
        }
        else if (statePath is not null)
        {
            try
            {
                using var stream = File.OpenRead(statePath);
                given = HallStateJson.Read(stream);
            }
            catch (ScenarioValidationException ex)
            {
                o.Errors.AddRange(ex.Problems.Select(p => $"--state: {statePath}: {p}"));
            }
        }

        var atText = o.Text("--at");
        TimeOnly? atTime = null;
        DateTime? atFull = null;
        if (atText is null && statePath is null)
        {
            o.Errors.Add("--at: required (the moment, HH:mm, or yyyy-MM-dd HH:mm)");
        }
        else if (atText is null)
        {
            atFull = given?.At; // a snapshot says when it was taken
        }
        else if (DateTime.TryParseExact(atText, ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var full))
        {
            atFull = full;
        }
        else if (TimeOnly.TryParseExact(atText, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            atTime = t;
        }
        else
        {
            o.Errors.Add($"--at: \"{atText}\" is not a time (expected HH:mm, e.g. 10:30, or yyyy-MM-dd HH:mm)");
        }

        var absent = (o.Text("--absent") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // A roster that plan wrote is of the peak-season hall (its seconded staff), unless --scenario says otherwise.
        var loaded = o.Text("--scenario") is { } path ? Program.LoadScenario(path, error, o.Errors) : o.Text("--roster") is not null ? Halls.JihuaPeak : Halls.Jihua;
        if (o.Errors.Count > 0 || loaded is null)
        {
            Program.ReportBadInput("now", o.Errors, error);
            return Program.BadInput;
        }

        // The moment's date: given, the snapshot's, or the date of the log's rows (the most common one).
        var at = atFull ?? (given is not null ? DateOnly.FromDateTime(given.At).ToDateTime(atTime!.Value) : LogDate(logPath!, loaded.TimeZone, o.Errors) is { } date ? date.ToDateTime(atTime!.Value) : default);
        if (given is not null && at != given.At)
        {
            o.Errors.Add($"--at: {at:yyyy-MM-dd HH:mm} is not the snapshot's moment {given.At:yyyy-MM-dd HH:mm} (leave --at out with --state)");
        }
        if (o.Errors.Count > 0)
        {
            Program.ReportBadInput("now", o.Errors, error);
            return Program.BadInput;
        }

        var day = DateOnly.FromDateTime(at);
        if (day < loaded.StartDate || day > loaded.EndDate)
        {
            Program.ReportBadInput("now", [$"--at: {day:yyyy-MM-dd} is outside the scenario's dates ({loaded.StartDate:yyyy-MM-dd} to {loaded.EndDate:yyyy-MM-dd})"], error);
            return Program.BadInput;
        }

        var scenario = loaded with { StartDate = day, Days = 1 };
        Roster? roster = null;
        if (o.Text("--roster") is { } rosterPath)
        {
            // A roster that plan wrote (or a manager edited): the day's assignments are the hall's staffing today.
            var read = PlanCommand.ReadRoster(rosterPath, o.Errors, loaded);
            if (read is not null)
            {
                roster = read with { Assignments = [.. read.Assignments.Where(a => a.Date == day)] };
                if (roster.Assignments.Count == 0)
                {
                    o.Errors.Add($"--roster: \"{rosterPath}\" has no shift on {day:yyyy-MM-dd}");
                }
            }

            if (o.Errors.Count > 0)
            {
                Program.ReportBadInput("now", o.Errors, error);
                return Program.BadInput;
            }
        }
        IntradaySnapshot snapshot;
        if (given is not null)
        {
            snapshot = new IntradaySnapshot(given, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], ["the state is a snapshot: it does not count the day's tickets, so the forecast is kept (no re-forecast)"]);
        }
        else
        {
            try
            {
                using var stream = File.OpenRead(logPath!);
                snapshot = IntradayState.FromLog(stream, at, timeZone: scenario.TimeZone);
            }
            catch (ScenarioValidationException ex)
            {
                Program.ReportBadInput("now", ex.Problems.Select(p => $"--log: {p}").ToList(), error);
                return Program.BadInput;
            }
        }

        if (given is null && snapshot.Accepted > 0 && snapshot.WalkInTicketsSoFar + snapshot.AppointmentTicketsSoFar + snapshot.IssuedLater == 0)
        {
            Program.ReportBadInput("now", [$"--at: the log \"{logPath}\" has no ticket on {day:yyyy-MM-dd} ({snapshot.OtherDates} rows are of other dates); give the log of that day, or its date with --at \"yyyy-MM-dd HH:mm\""], error);
            return Program.BadInput;
        }

        if (given is null && snapshot.Accepted == 0)
        {
            Program.ReportBadInput("now", [$"--log: \"{logPath}\" has no readable row ({snapshot.Rejected} refused{(snapshot.RejectedRows.Count > 0 ? $"; line {snapshot.RejectedRows[0].Line}: {snapshot.RejectedRows[0].Reason}" : string.Empty)})"], error);
            return Program.BadInput;
        }

        if (given is null)
        {
            snapshot = IntradayState.ForScenario(snapshot, scenario); // a log's priority values, appointments, codes the scenario lacks
        }
        var state = snapshot.State with { AbsentStaff = [.. snapshot.State.AbsentStaff.Union(absent)] };
        var staffing = roster is not null
            ? new StaffingPlan { Roster = roster }
            : scenario.Staff.Count > 0 && scenario.Shifts.Count > 0
            ? new StaffingPlan { Roster = Halls.UsualRoster(scenario, scenario.Shifts[0].Id) }
            : StaffingPlan.DuringOpeningHours(scenario, scenario.Windows.Count);
        var started = System.Diagnostics.Stopwatch.StartNew();
        DemandUpdate? update;
        RestOfDay rest;
        IReadOnlyList<ActionEffect> effects;
        try
        {
            var compiled = scenario.Compile().Compile(staffing);
            update = given is null ? IntradayForecast.Update(compiled, at, snapshot.WalkInTicketsSoFar, priorCv, seed: seed) : null;
            rest = IntradayForecast.RestOfDay(compiled, state, update?.Multiplier, replications, seed);
            var actions = IntradayForecast.DefaultActions(compiled, state).ToList();
            if (roster is not null && Replanned(scenario, roster, state) is { } replan)
            {
                actions.Add(replan);
            }

            effects = IntradayForecast.Compare(compiled, state, actions, update?.Multiplier, replications, seed);
        }
        catch (ScenarioValidationException ex)
        {
            Program.ReportBadInput("now", ex.Problems.Select(p => p.ToString()).ToList(), error);
            return Program.BadInput;
        }

        var jsonPath = Path.Combine(outDir, "now.json");
        var htmlPath = Path.Combine(outDir, "now.html");
        var page = new IntradayPage(scenario.Name, snapshot, state.AbsentStaff, update, rest, effects, new HallRunOptions().WaitTargetMinutes, scenario.Categories.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal));
        var html = IntradayReport.Write(page, langText == "en" ? ReportLanguage.English : ReportLanguage.Chinese);
        var failure = OutputFiles.Write(
        [
            (jsonPath, s => WriteJson(s, scenario, snapshot, update, rest, effects)),
            (htmlPath, s => s.Write(new System.Text.UTF8Encoding(false).GetBytes(html))),
        ]);
        if (failure is not null)
        {
            Program.ReportBadInput("now", [$"--out: \"{outDir}\" cannot be written ({failure})"], error);
            return Program.BadInput;
        }

        WriteSummary(output, scenario, snapshot, state, update, rest, effects, started.Elapsed);
        output.WriteLine($"wrote {htmlPath}, {jsonPath}");
        return Program.Ok;
    }

    /// <summary>The shifts not yet started re-planned with CP-SAT for the staff who are free (RosterOptimiser.Replan:
    /// started shifts kept, the absent dropped, new shifts from the moment on, those waiting added to the demand); null
    /// when it changes nothing but the absent.</summary>
    private static IntradayAction? Replanned(Scenario scenario, Roster roster, HallState state)
    {
        var day = DateOnly.FromDateTime(state.At);
        var problem = new RosterProblem(scenario, day, 1);
        RosterResult result;
        try
        {
            result = RosterOptimiser.Replan(problem, roster, state.At, [.. state.AbsentStaff], state.Waiting.Count, new RosterOptions { AssignmentTimeLimit = 10 });
        }
        catch (RosterInfeasibleException)
        {
            return null; // nothing feasible to re-plan (every shift started, or rules that bind): the plan stands
        }

        var shifts = scenario.Shifts.ToDictionary(x => x.Id, StringComparer.Ordinal);
        double Hours(IEnumerable<RosterAssignment> assignments) => assignments.Where(a => shifts.ContainsKey(a.ShiftId)).Sum(a => shifts[a.ShiftId].WorkingMinutes) / 60;
        var present = roster.Assignments.Where(a => !state.AbsentStaff.Contains(a.StaffId)).ToList();
        var same = present.Select(a => (a.StaffId, a.ShiftId)).ToHashSet();
        if (result.Roster.Assignments.Count == present.Count && result.Roster.Assignments.All(a => same.Contains((a.StaffId, a.ShiftId))))
        {
            return null;
        }

        var extra = Hours(result.Roster.Assignments) - Hours(present);
        var staffing = scenario.Compile().Compile(new StaffingPlan { Roster = result.Roster });
        return new IntradayAction("re-plan the shifts not yet started", "The shifts not yet started re-planned for the staff who are free today (started shifts kept, the absent dropped).", Math.Max(0, extra), null, staffing);
    }

    private static DateOnly? LogDate(string path, string timeZone, List<string> errors)
    {
        try
        {
            using var stream = File.OpenRead(path);
            if (IntradayState.MostCommonDate(stream, timeZone: timeZone) is { } date)
            {
                return date;
            }

            errors.Add($"--at: the log \"{path}\" has no row with a readable issue time; give the date too, e.g. --at \"2026-03-18 10:30\"");
        }
        catch (ScenarioValidationException ex)
        {
            errors.AddRange(ex.Problems.Select(p => $"--log: {p}"));
        }

        return null;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static void WriteSummary(TextWriter output, Scenario s, IntradaySnapshot snap, HallState state, DemandUpdate? update, RestOfDay rest, IReadOnlyList<ActionEffect> effects, TimeSpan elapsed)
    {
        output.WriteLine(F($"{s.Name}, {rest.At:ddd yyyy-MM-dd HH:mm}: {state.Waiting.Count} waiting, {state.InService.Count} being served{(state.AbsentStaff.Count > 0 ? F($", {state.AbsentStaff.Count} staff off ({string.Join(", ", state.AbsentStaff)})") : string.Empty)}"));
        if (update is not null)
        {
            var (lo, hi) = update.Interval95;
            output.WriteLine(F($"Demand so far: {update.ObservedSoFar} walk-in tickets against {update.ExpectedSoFar:0} forecast: the rest of the day at {update.Multiplier.Mean * 100:0}% of the forecast (95%: {lo * 100:0}–{hi * 100:0}%)"));
        }
        else
        {
            output.WriteLine("Demand: the forecast is kept (a snapshot does not count the day's tickets; give --log to re-forecast)");
        }
        output.WriteLine(F($"Those waiting now: called in {rest.WaitAheadOfWaitingNow.Mean:0} ± {rest.WaitAheadOfWaitingNow.HalfWidth:0} minutes on average; {rest.AbsentWhenCalled.Mean:0.0} will have left when called"));
        output.WriteLine(F($"Last ticket called at {rest.LastCall:HH:mm} (95%: {rest.LastCallEarly:HH:mm}–{rest.LastCallLate:HH:mm}); {rest.TurnedAway.Mean:0} citizens turned away for the rest of the day"));
        output.WriteLine();
        output.WriteLine(F($"{"hour",-6} {"tickets",8} {"mean wait (min)",18} {"≤ target",9} {"queue",6}"));
        foreach (var i in rest.Intervals)
        {
            var none = i.TicketsIssued.Mean == 0; // no ticket issued (a break, after the cut-off): no wait to show
            var wait = none ? F($"{"—",8}          ") : F($"{i.MeanWait.Mean,8:0.0} ± {i.MeanWait.HalfWidth,-7:0.0}");
            var level = none ? F($"{"—",9}") : F($"{i.ServiceLevel.Mean * 100,8:0}%");
            output.WriteLine(F($"{i.Start:HH:mm}  {i.TicketsIssued.Mean,8:0.0} {wait} {level} {i.MeanQueue.Mean,6:0.0}"));
        }

        output.WriteLine("(tickets and waits by the hour the ticket was issued; the first hour includes those waiting now issued in it)");
        output.WriteLine();
        output.WriteLine("What can be done, ranked by the mean wait from now on (paired against doing nothing, same citizens, 95%):");
        foreach (var a in effects)
        {
            var change = a.Changes is null && a.ExtraStaffHours == 0 ? "—" : F($"{a.MeanWaitChange.Mean:+0.0;-0.0;0.0} ± {a.MeanWaitChange.HalfWidth:0.0} min{(a.MeanWaitChange.Lower <= 0 && a.MeanWaitChange.Upper >= 0 ? " (no significant difference)" : string.Empty)}");
            output.WriteLine(F($"  {a.Name,-34} mean wait {a.MeanWait.Mean,5:0.0} min  change {change,-34} turned away {a.TurnedAway.Mean,4:0} ({a.TurnedAwayChange.Mean:+0;-0;0})  +{a.ExtraStaffHours:0.0} staff-hours  last call {a.LastCall:HH:mm}"));
        }

        if (effects.All(e => !e.Name.Contains("extra", StringComparison.Ordinal)))
        {
            output.WriteLine("  (no extra staff offered: every window is staffed for the rest of the day)");
        }
        if (snap.Rejected > 0)
        {
            output.WriteLine(F($"{snap.Rejected} log rows refused, e.g. line {snap.RejectedRows[0].Line}: {snap.RejectedRows[0].Reason}"));
        }

        foreach (var note in snap.Notes)
        {
            output.WriteLine(note);
        }

        output.WriteLine(F($"{rest.Replications} replications, {elapsed.TotalSeconds:0.0} s"));
    }

    private static void WriteJson(Stream stream, Scenario s, IntradaySnapshot snap, DemandUpdate? update, RestOfDay rest, IReadOnlyList<ActionEffect> effects)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        string T(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        void Estimate(string name, HallSim.Experiments.MeanEstimate e)
        {
            w.WriteStartObject(name);
            w.WriteNumber("mean", e.Mean);
            w.WriteNumber("halfWidth95", e.HalfWidth);
            w.WriteEndObject();
        }

        w.WriteStartObject();
        w.WriteString("scenario", s.Name);
        w.WriteString("at", T(rest.At));
        w.WriteNumber("replications", rest.Replications);
        w.WriteStartObject("state");
        w.WriteNumber("waiting", snap.State.Waiting.Count);
        w.WriteNumber("inService", snap.State.InService.Count);
        w.WriteNumber("walkInTicketsSoFar", snap.WalkInTicketsSoFar);
        w.WriteNumber("appointmentTicketsSoFar", snap.AppointmentTicketsSoFar);
        w.WriteNumber("logRows", snap.Rows);
        w.WriteNumber("logRowsRefused", snap.Rejected);
        w.WriteNumber("logRowsIssuedLater", snap.IssuedLater);
        w.WriteNumber("logRowsOtherDates", snap.OtherDates);
        w.WriteNumber("leftOut", snap.LeftOut);
        w.WriteStartArray("refusedRows");
        foreach (var r in snap.RejectedRows.Take(100))
        {
            w.WriteStartObject();
            w.WriteNumber("line", r.Line);
            w.WriteString("reason", r.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var n in snap.Notes)
        {
            w.WriteStringValue(n);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        if (update is null)
        {
            w.WriteNull("reforecast");
        }
        else
        {
            w.WriteStartObject("reforecast");
            w.WriteNumber("expectedSoFar", update.ExpectedSoFar);
            w.WriteNumber("observedSoFar", update.ObservedSoFar);
            w.WriteNumber("priorCv", update.PriorCv);
            w.WriteNumber("multiplierMean", update.Multiplier.Mean);
            w.WriteNumber("multiplierLower95", update.Interval95.Lower);
            w.WriteNumber("multiplierUpper95", update.Interval95.Upper);
            w.WriteNumber("gammaShape", update.Multiplier.Shape);
            w.WriteNumber("gammaRate", update.Multiplier.Rate);
            w.WriteEndObject();
        }

        w.WriteStartObject("lastCall");
        w.WriteString("median", T(rest.LastCall));
        w.WriteString("early95", T(rest.LastCallEarly));
        w.WriteString("late95", T(rest.LastCallLate));
        w.WriteEndObject();
        Estimate("minutesUntilWaitingNowAreCalled", rest.WaitAheadOfWaitingNow);
        Estimate("waitingNowAbsentWhenCalled", rest.AbsentWhenCalled);
        Estimate("turnedAwayRestOfDay", rest.TurnedAway);
        w.WriteStartArray("intervals");
        foreach (var i in rest.Intervals)
        {
            w.WriteStartObject();
            w.WriteString("start", T(i.Start));
            Estimate("meanWaitMinutes", i.MeanWait);
            Estimate("serviceLevel", i.ServiceLevel);
            Estimate("ticketsIssued", i.TicketsIssued);
            Estimate("meanQueue", i.MeanQueue);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("actions");
        foreach (var a in effects)
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            w.WriteString("description", a.Description);
            w.WriteNumber("extraStaffHours", a.ExtraStaffHours);
            Estimate("meanWaitMinutes", a.MeanWait);
            Estimate("meanWaitChangeMinutes", a.MeanWaitChange);
            Estimate("turnedAway", a.TurnedAway);
            Estimate("turnedAwayChange", a.TurnedAwayChange);
            w.WriteString("lastCall", T(a.LastCall));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
