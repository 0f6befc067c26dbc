using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HallSim.Experiments;
using HallSim.Reports;

namespace HallSim.Planning;

/// <summary>
/// A plan's outputs: the manager's report (offline HTML), the roster as xlsx and CSV, and summary.json — the data of
/// <see cref="PlanOutcome"/> in a documented, stable JSON schema.
/// </summary>
public static class PlanFiles
{
    /// <summary>
    /// Writes the plan's files into <paramref name="directory"/> (created when missing) as one set
    /// (<see cref="OutputFileSet"/>): each is written completely under a temporary name beside its target, then the old
    /// set is set aside and the new one moved into place (put back on any failure): the folder holds the complete old
    /// set or the complete new one, never a mix, and no temporary file.
    /// </summary>
    /// <param name="outcome">The plan.</param>
    /// <param name="directory">The output folder.</param>
    /// <param name="language">The language of the report, the workbook and the labels in summary.json.</param>
    /// <param name="files">Which files (default: all four).</param>
    /// <param name="command">The command recorded in summary.json (default "plan").</param>
    /// <param name="playbook">The playbook search for a target, recorded in summary.json as "playbook" (default none).</param>
    /// <returns>The paths written, in order.</returns>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static IReadOnlyList<string> Write(PlanOutcome outcome, string directory, ReportLanguage language, PlanFileSet files = PlanFileSet.Full, string command = "plan", PlaybookResult? playbook = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var report = outcome.ToReport(language) with { Playbook = playbook?.ToReport(language) };
        var set = new List<(string Path, Action<Stream> Write)>();
        if (files == PlanFileSet.Full)
        {
            set.Add((Path.Combine(directory, "report.html"), s => s.Write(new UTF8Encoding(false).GetBytes(ReportHtml.Write(report, language)))));
            set.Add((Path.Combine(directory, "roster.xlsx"), s => RosterXlsx.Write(s, report, language)));
        }

        set.Add((Path.Combine(directory, "roster.csv"), s =>
        {
            using var csv = new StreamWriter(s, new UTF8Encoding(true), leaveOpen: true);
            RosterCsv.Write(csv, report.Roster, report.Staff, report.Shifts);
        }));
        set.Add((Path.Combine(directory, "summary.json"), s =>
            s.Write(new UTF8Encoding(false).GetBytes(Summary(outcome, language, command, playbook).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) })))));
        return OutputFileSet.Write(set);
    }

    /// <summary>
    /// summary.json: the horizon, budget and target; per compared roster its role, label, staff-hours and KPIs (mean and
    /// 95% half-width); the loop's rounds and stop reason; the bound (best, lower bound, gap, every window open, in
    /// citizen-minutes); the recommended roster's unmet requirements and the current roster's rule breaches (rule,
    /// date, time, ids, figures and an English sentence); per roster its KPIs per date; the paired difference in total
    /// waiting against the usual method; and the seconds taken. Every key, role and rule name is the same whatever the
    /// language; only each roster's "label" is in the report's language. Numbers are rounded to 4 decimals.
    /// </summary>
    /// <param name="outcome">The plan.</param>
    /// <param name="language">The language of the roster labels.</param>
    /// <param name="command">The command recorded (default "plan").</param>
    /// <param name="playbook">The playbook search for a target (default none): recorded as "playbook" — the target,
    /// whether the roster alone meets it, whether it is reachable and on which dates not, every option judged
    /// ("options": measures, budget, staff-hours with overtime, mean wait, share called within, turned away,
    /// whether it meets the target, how it was judged, per date), the cheapest, the front and the counts.</param>
    /// <returns>The JSON object.</returns>
    public static JsonObject Summary(PlanOutcome outcome, ReportLanguage language, string command = "plan", PlaybookResult? playbook = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var text = new ReportText(language);
        var loop = outcome.Loop;
        JsonObject Estimate(MeanEstimate m) => new() { ["mean"] = Round(m.Mean), ["halfWidth95"] = Round(m.HalfWidth) };
        var rosters = new JsonArray();
        foreach (var r in outcome.Rosters)
        {
            var e = r.Evaluation;
            rosters.Add(new JsonObject
            {
                ["role"] = JsonNamingPolicy.CamelCase.ConvertName(r.Role.ToString()),
                ["label"] = text.Label(r.Role),
                ["staffHours"] = Round(e.StaffHours),
                ["meanWaitMinutes"] = Estimate(e.MeanWait),
                ["p90WaitMinutes"] = Estimate(e.P90Wait),
                ["calledWithinTarget"] = Estimate(e.WithinTarget),
                ["leftBeforeCalled"] = Estimate(e.Abandonment),
                ["turnedAwayCitizens"] = Estimate(e.TurnedAway),
                ["overtimeHours"] = Estimate(e.OvertimeHours),
                ["staffHoursWithOvertime"] = Round(e.StaffHoursWithOvertime),
                ["assignments"] = r.Roster.Assignments.Count,
                ["daily"] = new JsonArray(r.DayKpis.Select(d => (JsonNode)new JsonObject
                {
                    ["date"] = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["closed"] = d.Closed,
                    ["tickets"] = Round(d.Tickets.Mean),
                    ["meanWaitMinutes"] = Estimate(d.MeanWait),
                    ["p90WaitMinutes"] = Estimate(d.P90Wait),
                    ["calledWithinTarget"] = Estimate(d.WithinTarget),
                    ["leftBeforeCalled"] = Estimate(d.LeftBeforeCalled),
                    ["meanOpenWindows"] = Round(d.MeanOpenWindows),
                }).ToArray()),
            });
        }

        return new JsonObject
        {
            ["command"] = command,
            ["scenario"] = outcome.Request.Scenario.Name,
            ["from"] = outcome.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["days"] = outcome.Days,
            ["staffHourBudget"] = Round(outcome.StaffHourBudget),
            ["usualMethodTarget"] = new JsonObject { ["share"] = outcome.Request.Target.Share, ["withinMinutes"] = outcome.Request.Target.WithinMinutes },
            ["status"] = loop.Best.Status.ToString(),
            ["rosters"] = rosters,
            ["waitingAgainstUsualCitizenMinutes"] = Estimate(outcome.WaitingAgainstUsual),
            ["waitingAgainstCurrentCitizenMinutes"] = outcome.Current is { } current ? Estimate(outcome.Recommended.WaitingAgainst(current)) : null,
            ["rounds"] = new JsonArray(loop.History.Select(h => (JsonNode)new JsonObject
            {
                ["round"] = h.Iteration + 1,
                ["staffHours"] = Round(h.StaffHours),
                ["predictedCostCitizenMinutes"] = Round(h.PredictedWaiting),
                ["simulatedCostCitizenMinutes"] = Estimate(h.SimulatedWaiting),
                ["accepted"] = h.Accepted,
            }).ToArray()),
            ["stopReason"] = loop.StopReason,
            ["bound"] = new JsonObject
            {
                ["bestCostCitizenMinutes"] = Round(loop.BestWaiting),
                ["holds"] = loop.BoundHolds,
                ["lowerBoundCostCitizenMinutes"] = loop.BoundHolds ? Round(loop.LowerBound) : null,
                ["gap"] = loop.BoundHolds ? Round(loop.Gap) : null,
                ["allWindowsOpenCostCitizenMinutes"] = Round(loop.AllWindowsWaiting),
            },
            ["issues"] = new JsonArray(loop.Best.Issues.Select(Issue).ToArray()),
            ["currentRosterBreaches"] = new JsonArray(outcome.CurrentRosterBreaches.Select(Issue).ToArray()),
            ["usualMethodIssues"] = outcome.UsualMethod.Issues.Count,
            ["seconds"] = Round(outcome.Seconds),
            ["playbook"] = playbook is null ? null : Playbook(playbook, language),
        };
    }

    private static JsonObject Playbook(PlaybookResult p, ReportLanguage language)
    {
        static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        JsonObject Estimate(MeanEstimate m) => new() { ["mean"] = Round(m.Mean), ["halfWidth95"] = Round(m.HalfWidth) };
        var all = p.Options.ToList();
        JsonObject Option(PlaybookOption o) => new()
        {
            ["measures"] = new JsonArray(o.Measures.Select(m => (JsonNode)new JsonObject
            {
                ["kind"] = JsonNamingPolicy.CamelCase.ConvertName(m.GetType().Name),
                ["description"] = m.Describe(language),
            }).ToArray()),
            ["judgement"] = JsonNamingPolicy.CamelCase.ConvertName(o.Judgement.ToString()),
            ["staffHourBudget"] = Round(o.StaffHourBudget),
            ["staffHours"] = Round(o.StaffHours),
            ["moneyPerWeek"] = Round(o.MoneyPerWeek),
            ["meanWaitMinutes"] = Round(o.MeanWaitMinutes),
            ["calledWithinTarget"] = Round(o.CalledWithinTarget),
            ["worst"] = Round(o.Worst),
            ["turnedAwayCitizens"] = Round(o.TurnedAway),
            ["meetsTarget"] = o.MeetsTarget,
            ["datesShort"] = new JsonArray(o.DaysShort.Select(d => (JsonNode)Date(d)).ToArray()),
            ["daily"] = new JsonArray(o.ByDate.Select(d => (JsonNode)new JsonObject { ["date"] = Date(d.Date), ["value"] = Round(d.Value), ["meets"] = d.Meets }).ToArray()),
        };
        return new JsonObject
        {
            ["target"] = new JsonObject
            {
                ["share"] = p.Target.Share,
                ["minutes"] = p.Target.Minutes,
                ["kind"] = p.Target.Share is null ? "meanWait" : "calledWithin",
                ["scope"] = JsonNamingPolicy.CamelCase.ConvertName(p.Target.Scope.ToString()),
                ["description"] = p.Target.Describe(language),
            },
            ["rosterAloneMeets"] = p.RosterAloneMeets,
            ["reachable"] = p.Reachable,
            ["unreachableDates"] = new JsonArray(p.UnreachableDays.Select(d => (JsonNode)Date(d)).ToArray()),
            ["reachableAtLimit"] = p.ReachableAtLimit is { } r ? Round(r) : null,
            ["limit"] = p.Limit is { } l ? all.IndexOf(l) : null,
            ["cheapest"] = p.Cheapest is { } c ? all.IndexOf(c) : null,
            ["validation"] = p.Validation is { Measures.Count: > 0 } v ? new JsonObject
            {
                ["waitingDifferenceCitizenMinutes"] = Estimate(v.WaitingDifference),
                ["turnedAwayDifference"] = Estimate(v.TurnedAwayDifference),
                ["extraStaffHours"] = Round(v.ExtraStaffHours),
            } : null,
            ["fluidAtLimit"] = new JsonArray(p.FluidAtLimit.Where(d => d.Tickets > 0).Select(d => (JsonNode)new JsonObject
            {
                ["date"] = Date(d.Date),
                ["load"] = Round(d.Load),
                ["calledWithinTarget"] = Round(d.WithinTarget),
                ["meanWaitMinutes"] = Round(d.MeanWait),
            }).ToArray()),
            ["options"] = new JsonArray(all.Select(o => (JsonNode)Option(o)).ToArray()),
            ["pareto"] = new JsonArray(p.Pareto.Select(o => (JsonNode)all.IndexOf(o)).ToArray()),
            ["combinations"] = p.Combinations,
            ["screenedOut"] = p.ScreenedOut,
            ["simulated"] = p.Simulated,
            ["method"] = p.Method(language),
            ["seconds"] = Round(p.Seconds),
        };
    }

    /// <summary>An issue with stable keys (the rule's name, ids and figures) and its English sentence, whatever the
    /// report's language.</summary>
    private static JsonNode Issue(HallSim.Rostering.RosterIssue i) => new JsonObject
    {
        ["rule"] = i.Rule.ToString(),
        ["date"] = i.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["time"] = i.Time?.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["staffId"] = i.StaffId,
        ["shiftId"] = i.ShiftId,
        ["found"] = i.Found,
        ["limit"] = i.Limit,
        ["message"] = i.Message,
    };

    private static double Round(double x) => double.IsFinite(x) ? Math.Round(x, 4) : 0;
}
