using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HallSim.Experiments;
using HallSim.Model;
using HallSim.Queueing;
using HallSim.Reports;
using HallSim.Rostering;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Cli;

/// <summary>
/// <c>hallsim plan</c> (requirements → optimised roster → validation by simulation → report, xlsx, CSV, JSON),
/// <c>hallsim optimise</c> (the same without the report and workbook) and <c>hallsim evaluate</c> (a manager's own
/// roster, from the CSV or xlsx that plan writes, against the recommended one).
/// </summary>
internal static class PlanCommand
{
    internal static readonly string[] ValueOptions = ["--scenario", "--from", "--days", "--out", "--lang", "--budget", "--share", "--within", "--replications", "--seed", "--roster"];
    internal static readonly string[] FlagOptions = ["--quiet"];

    internal enum Mode
    {
        Plan,
        Optimise,
        Evaluate,
    }

    internal static int Run(Mode mode, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var command = mode switch { Mode.Plan => "plan", Mode.Optimise => "optimise", _ => "evaluate" };
        var o = Options.Parse(args, ValueOptions, FlagOptions);
        o.RejectPositional();
        var days = o.Int("--days", 7, 1, 366);
        var replications = o.Int("--replications", 20, 2, 10_000);
        var seed = o.ULong("--seed", 1);
        var within = o.Int("--within", 15, 1, 1440);
        var share = Share(o);
        var budget = Budget(o);
        var outDir = o.Text("--out") ?? "out";
        var langText = o.Text("--lang") ?? "zh";
        var language = langText switch { "zh" => ReportLanguage.Chinese, "en" => ReportLanguage.English, _ => (ReportLanguage?)null };
        if (language is null)
        {
            o.Errors.Add($"--lang: \"{langText}\" is not one of zh, en");
        }

        var scenario = o.Text("--scenario") is { } path ? Program.LoadScenario(path, error, o.Errors) : Halls.JihuaPeak;
        if (scenario is not null && (scenario.Staff.Count == 0 || scenario.Shifts.Count == 0))
        {
            o.Errors.Add($"--scenario: \"{scenario.Name}\" has no staff or no shift templates (a roster needs both)");
            scenario = null;
        }

        Roster? current = null;
        if (mode == Mode.Evaluate)
        {
            current = o.Text("--roster") is { } rosterPath ? ReadRoster(rosterPath, o.Errors) : null;
            if (o.Text("--roster") is null)
            {
                o.Errors.Add("--roster: missing (the roster to evaluate: a CSV or xlsx in the layout that 'hallsim plan' writes)");
            }
        }
        else if (o.Text("--roster") is not null)
        {
            o.Errors.Add("--roster: only 'hallsim evaluate' reads a roster");
        }

        DateOnly from = default;
        if (scenario is not null)
        {
            if (current is { Assignments.Count: > 0 } && o.Date("--from") is null)
            {
                from = current.Assignments.Min(a => a.Date);
                days = o.Text("--days") is null ? current.Assignments.Max(a => a.Date).DayNumber - from.DayNumber + 1 : days;
            }
            else
            {
                from = o.Date("--from") ?? BusiestWeek(scenario);
            }

            if (from < scenario.StartDate || from.AddDays(days - 1) > scenario.EndDate)
            {
                o.Errors.Add($"--from/--days: {from:yyyy-MM-dd} + {days} days is outside the scenario ({scenario.StartDate:yyyy-MM-dd} to {scenario.EndDate:yyyy-MM-dd})");
            }
        }

        if (o.Errors.Count > 0 || scenario is null || language is null)
        {
            Program.ReportBadInput(command, o.Errors, error);
            return Program.BadInput;
        }

        var problem = new RosterProblem(scenario, from, days);
        if (current is not null)
        {
            var broken = RosterCheckerProblems(problem, current);
            if (broken.Count > 0)
            {
                Program.ReportBadInput(command, broken, error);
                return Program.BadInput;
            }
        }

        var inv = CultureInfo.InvariantCulture;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var target = new ServiceLevelTarget(share, within);
        RosterResult usual = null!;
        SimulationOptimisationResult loop = null!;
        double staffHours = 0;
        List<(string Label, Roster Roster)> compared = [];
        List<RosterEvaluation> evaluations = [];
        List<string> files = [];
        string? badInput = null;
        ProgressView.Run(o.Flag("--quiet"), error, $"hallsim {command}: {scenario.Name}, {from:yyyy-MM-dd} + {days} days", step =>
        {
            step(string.Create(inv, $"usual method: SIPP for {share:P0} within {within} min, cheapest shifts"), 0.02);
            usual = Baselines.SippCover(problem, target);
            staffHours = budget ?? (current is not null ? RosterEvaluator.StaffHours(scenario, new StaffingPlan { Roster = current }) : usual.StaffHours);
            var rounds = new SimulationOptimisationOptions { Replications = replications, Seed = seed };
            step(string.Create(inv, $"optimising within {staffHours:0.#} staff-hours"), 0.1);
            loop = SimulationOptimiser.Run(
                problem with { Objective = new MinimiseWaiting { StaffHourBudget = staffHours } },
                rounds,
                new SynchronousProgress(p => step($"optimising: {p.Stage}", 0.1 + (0.6 * (p.Step + (p.Stage.EndsWith("simulate", StringComparison.Ordinal) ? 0.5 : 0)) / rounds.MaxIterations))));
            step($"validating on fresh seeds ({replications} replications)", 0.72);
            var horizon = scenario with { StartDate = from, Days = days };
            var validationSeed = seed + 1_000_003;
            compared.Add((language == ReportLanguage.Chinese ? "推荐排班" : "recommended", loop.Best.Roster));
            compared.Add((language == ReportLanguage.Chinese ? "常规方法（SIPP+最省班次）" : "usual method (SIPP + cheapest cover)", usual.Roster));
            if (current is not null)
            {
                compared.Add((language == ReportLanguage.Chinese ? "当前排班" : "current roster", current));
            }

            // One simulation per roster serves the KPIs (from its tickets) and the hourly charts (from its intervals).
            var hourly = new List<HourlySeries>();
            UtilisationGrid? utilisation = null;
            try
            {
                foreach (var (label, roster) in compared)
                {
                    var plan = new StaffingPlan { Roster = roster };
                    var runs = HallReplications.Run(horizon, plan, validationSeed, replications, new HallRunOptions { IntervalMinutes = 60, KeepTickets = true, WaitTargetMinutes = within });
                    evaluations.Add(RosterEvaluator.Summarise(horizon, plan, runs.Runs, within, 30));
                    hourly.Add(ReportCharts.Hourly(label, horizon, runs));
                    utilisation ??= ReportCharts.UtilisationOf(horizon, runs);
                }
            }
            catch (ScenarioValidationException ex)
            {
                // A manager's roster that cannot be seated (more people than windows, unknown ids) is bad input.
                badInput = string.Join("\n", ex.Problems.Select(p => $"--roster: {p}"));
                return;
            }

            var report = new RosterReport(scenario.Name, from, days, within, scenario.Staff, scenario.Shifts, loop.Best.Roster,
                compared.Select((c, i) => ReportKpis.From(c.Label, evaluations[i])).ToArray(), hourly)
            {
                Utilisation = utilisation,
                Explanation = [Headroom(loop, language.Value), .. language == ReportLanguage.Chinese ? ExplainInChinese(loop.Best, staffHours) : loop.Best.Explanation],
                Issues = [.. loop.Best.Issues.Select(i => i.Message),
                    .. current is null ? Array.Empty<string>() : RosterChecker.Check(problem, current).Select(i => $"{compared[^1].Label}: {i.Date:yyyy-MM-dd}{(i.Time is { } tt ? " " + tt.ToString("HH:mm", inv) : string.Empty)} {i.Message}"),
                    .. usual.Issues.Count > 0 ? [$"{compared[1].Label}: {usual.Issues.Count} interval(s) or shift(s) the usual method could not staff (first: {usual.Issues[0].Message})"] : Array.Empty<string>()],
                Changes = current is null ? [] : Changes(current, loop.Best.Roster, scenario, language.Value),
                StaffGroups = scenario.Staff.ToDictionary(m => m.Id, m => string.Join("/", m.Categories)),
            };

            step($"writing {outDir}", 0.95);
            try
            {
                files = WriteAll(outDir, mode, report, language.Value, Summary(command, scenario, from, days, staffHours, target, loop, usual, compared, evaluations, clock.Elapsed.TotalSeconds));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                badInput = $"--out: \"{outDir}\" cannot be written ({ex.Message})";
            }
        });

        if (badInput is not null)
        {
            Program.ReportBadInput(command, badInput.Split('\n'), error);
            return Program.BadInput;
        }

        var best = evaluations[0];
        var baseline = evaluations[1];
        output.WriteLine(string.Create(inv, $"{scenario.Name}: {from:yyyy-MM-dd} + {days} days, {staffHours:0.#} staff-hours"));
        for (var i = 0; i < compared.Count; i++)
        {
            var e = evaluations[i];
            output.WriteLine(string.Create(inv, $"  {compared[i].Label}: {e.StaffHours:0.#} h, mean wait {e.MeanWait.Mean:0.0} ± {e.MeanWait.HalfWidth:0.0} min, p90 {e.P90Wait.Mean:0.0} min, {e.WithinTarget.Mean:P0} called within {within} min"));
        }

        output.WriteLine(string.Create(inv, $"  mean wait {(best.MeanWait.Mean / baseline.MeanWait.Mean) - 1:+0%;-0%} against the usual method at {usual.StaffHours:0.#} staff-hours; {loop.History.Count} round(s): {loop.StopReason}"));
        output.WriteLine(string.Create(inv, $"  lower bound for any roster at these staff-hours: {loop.LowerBound:0} of {loop.BestWaiting:0} citizen-minutes (gap {loop.Gap:P1}); every window open: {loop.AllWindowsWaiting:0}"));
        foreach (var f in files)
        {
            output.WriteLine($"wrote {f}");
        }

        output.WriteLine(string.Create(inv, $"done in {clock.Elapsed.TotalSeconds:0} s"));
        return Program.Ok;
    }

    /// <summary>The Monday-to-Sunday week with the most expected window workload (arrivals × mean service) in the scenario.</summary>
    internal static DateOnly BusiestWeek(Scenario scenario)
    {
        var sipp = Requirements.Compute(scenario, RequirementMethod.Sipp, new WaitProbabilityTarget(1), 60, 1);
        var perDay = sipp.Intervals.Select((x, i) => (Day: i / 24, Load: x.ArrivalRate)).GroupBy(x => x.Day).Select(g => g.Sum(x => x.Load)).ToArray();
        var best = scenario.StartDate;
        var bestLoad = -1.0;
        for (var d = 0; d < perDay.Length; d++)
        {
            var date = scenario.StartDate.AddDays(d);
            if (date.DayOfWeek != DayOfWeek.Monday || d + 7 > perDay.Length)
            {
                continue;
            }

            var load = perDay.Skip(d).Take(7).Sum();
            if (load > bestLoad + 1e-9)
            {
                (best, bestLoad) = (date, load);
            }
        }

        return bestLoad < 0 ? scenario.StartDate : best;
    }

    private static double Share(Options o)
    {
        var text = o.Text("--share") ?? "0.8";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share > 0 && share < 1)
        {
            return share;
        }

        o.Errors.Add($"--share: \"{text}\" is not a share strictly between 0 and 1 (for example 0.8)");
        return 0.8;
    }

    private static double? Budget(Options o)
    {
        if (o.Text("--budget") is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && hours > 0 && double.IsFinite(hours))
        {
            return hours;
        }

        o.Errors.Add($"--budget: \"{text}\" is not a positive number of staff-hours");
        return null;
    }

    internal static Roster? ReadRoster(string path, List<string> errors)
    {
        try
        {
            if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                using var stream = File.OpenRead(path);
                return RosterXlsx.Read(stream, path);
            }

            using var reader = new StreamReader(path, Encoding.UTF8);
            return RosterCsv.Read(reader, path);
        }
        catch (ScenarioValidationException ex)
        {
            errors.AddRange(ex.Problems.Select(p => $"{path}: {p}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"--roster: \"{path}\" cannot be read ({ex.Message})");
        }

        return null;
    }

    private static List<string> RosterCheckerProblems(RosterProblem problem, Roster roster)
    {
        var staff = problem.Scenario.Staff.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var shifts = problem.Scenario.Shifts.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var a in roster.Assignments)
        {
            if (!staff.Contains(a.StaffId))
            {
                problems.Add($"--roster: {a.Date:yyyy-MM-dd}: unknown staff member \"{a.StaffId}\" (not in the scenario's staff)");
            }

            if (!shifts.Contains(a.ShiftId))
            {
                problems.Add($"--roster: {a.Date:yyyy-MM-dd}: unknown shift \"{a.ShiftId}\" for {a.StaffId} (expected one of {string.Join(", ", shifts)})");
            }
        }

        // Rule breaches are reported but do not stop the evaluation: a manager may knowingly break a rule.
        return problems;
    }

    private static IReadOnlyList<string> Changes(Roster current, Roster recommended, Scenario scenario, ReportLanguage language)
    {
        var names = scenario.Staff.ToDictionary(s => s.Id, s => s.Name.Length > 0 ? s.Name : s.Id, StringComparer.Ordinal);
        var a = current.Assignments.GroupBy(x => (x.StaffId, x.Date)).ToDictionary(g => g.Key, g => g.First().ShiftId);
        var b = recommended.Assignments.GroupBy(x => (x.StaffId, x.Date)).ToDictionary(g => g.Key, g => g.First().ShiftId);
        var zh = language == ReportLanguage.Chinese;
        var changes = new List<string>();
        foreach (var key in a.Keys.Union(b.Keys).OrderBy(k => k.Date).ThenBy(k => k.StaffId, StringComparer.Ordinal))
        {
            a.TryGetValue(key, out var before);
            b.TryGetValue(key, out var after);
            if (before == after)
            {
                continue;
            }

            var who = names.GetValueOrDefault(key.StaffId, key.StaffId);
            changes.Add((before, after) switch
            {
                (null, _) => zh ? $"{key.Date:MM-dd} {who}：新增 {after}" : $"{key.Date:yyyy-MM-dd} {who}: add \"{after}\"",
                (_, null) => zh ? $"{key.Date:MM-dd} {who}：{before} 改为休息" : $"{key.Date:yyyy-MM-dd} {who}: \"{before}\" becomes a day off",
                _ => zh ? $"{key.Date:MM-dd} {who}：{before} 改为 {after}" : $"{key.Date:yyyy-MM-dd} {who}: \"{before}\" → \"{after}\"",
            });
        }

        return changes;
    }

    private static JsonObject Summary(string command, Scenario scenario, DateOnly from, int days, double staffHours, ServiceLevelTarget target,
        SimulationOptimisationResult loop, RosterResult usual, List<(string Label, Roster Roster)> compared, List<RosterEvaluation> evaluations, double seconds)
    {
        JsonObject Estimate(MeanEstimate m) => new() { ["mean"] = Round(m.Mean), ["halfWidth95"] = Round(m.HalfWidth) };
        var rosters = new JsonArray();
        for (var i = 0; i < compared.Count; i++)
        {
            var e = evaluations[i];
            rosters.Add(new JsonObject
            {
                ["label"] = compared[i].Label,
                ["staffHours"] = Round(e.StaffHours),
                ["meanWaitMinutes"] = Estimate(e.MeanWait),
                ["p90WaitMinutes"] = Estimate(e.P90Wait),
                ["calledWithinTarget"] = Estimate(e.WithinTarget),
                ["leftBeforeCalled"] = Estimate(e.Abandonment),
                ["assignments"] = compared[i].Roster.Assignments.Count,
            });
        }

        return new JsonObject
        {
            ["command"] = command,
            ["scenario"] = scenario.Name,
            ["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["days"] = days,
            ["staffHourBudget"] = Round(staffHours),
            ["usualMethodTarget"] = new JsonObject { ["share"] = target.Share, ["withinMinutes"] = target.WithinMinutes },
            ["status"] = loop.Best.Status.ToString(),
            ["rosters"] = rosters,
            ["rounds"] = new JsonArray(loop.History.Select(h => (JsonNode)new JsonObject
            {
                ["round"] = h.Iteration + 1,
                ["staffHours"] = Round(h.StaffHours),
                ["predictedWaitingCitizenMinutes"] = Round(h.PredictedWaiting),
                ["simulatedWaitingCitizenMinutes"] = Estimate(h.SimulatedWaiting),
                ["accepted"] = h.Accepted,
            }).ToArray()),
            ["stopReason"] = loop.StopReason,
            ["bound"] = new JsonObject
            {
                ["bestCitizenMinutes"] = Round(loop.BestWaiting),
                ["lowerBoundCitizenMinutes"] = Round(loop.LowerBound),
                ["gap"] = Round(loop.Gap),
                ["allWindowsOpenCitizenMinutes"] = Round(loop.AllWindowsWaiting),
            },
            ["issues"] = new JsonArray(loop.Best.Issues.Select(i => (JsonNode)JsonValue.Create(i.Message)!).ToArray()),
            ["usualMethodIssues"] = usual.Issues.Count,
            ["seconds"] = Round(seconds),
        };
    }

    /// <summary>How much better any roster could do (the cuts' bound) and what every window open would reach, in words.</summary>
    internal static string Headroom(SimulationOptimisationResult loop, ReportLanguage language)
    {
        var inv = CultureInfo.InvariantCulture;
        var windowsGain = loop.BestWaiting > 0 ? 1 - (loop.AllWindowsWaiting / loop.BestWaiting) : 0;
        var zh = language == ReportLanguage.Chinese;
        var line = zh
            ? string.Format(inv, "同样工时下，任何排班最多还能把总等候减少约 {0:P0}（下界估计）；即使所有窗口在全部开放时段都开，总等候也只能减少 {1:P0}。", loop.Gap, windowsGain)
            : string.Format(inv, "At these staff-hours no roster can cut total waiting by more than about {0:P0} (lower bound); even every window open in every opening hour cuts it by only {1:P0}.", loop.Gap, windowsGain);
        if (windowsGain < 0.2)
        {
            line += zh ? "瓶颈在窗口数和开放时间，不在排班：需要延长服务时间、预约分流或自助办理。" : " The windows and hours are the constraint, not the roster: longer hours, appointments or self-service are needed.";
        }

        return line;
    }

    /// <summary>The optimiser's explanation in Chinese, from its day summaries.</summary>
    internal static IReadOnlyList<string> ExplainInChinese(RosterResult result, double budget)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string> { string.Format(inv, "本排班共用 {0:0.#} 工时（上限 {1:0.#} 工时）。", result.StaffHours, budget) };
        foreach (var day in result.DaySummaries)
        {
            var weekday = ReportHtml.Day(day.Date, ReportLanguage.Chinese);
            var runs = string.Join("，", day.Runs.Select(r => string.Format(inv, "{0:HH:mm}–{1:HH:mm} 开 {2} 个窗口", r.From, r.To, r.Windows)));
            var line = string.Format(inv, "{0:MM-dd}（{1}）：{2}。", day.Date, weekday, runs);
            if (day.MostUsefulAt is { } most && day.LeastUsefulAt is { } least)
            {
                line += string.Format(inv, "最后一个窗口在 {0:HH:mm} 最有用（该时段约减少 {1:0} 人·分钟等候），在 {2:HH:mm} 最少（约 {3:0}）；人员安排使各时段的边际效益尽量均衡。", most, day.MostUsefulSaving, least, day.LeastUsefulSaving);
            }

            if (day.FullIntervals > 0)
            {
                line += string.Format(inv, "有 {0} 个时段 {1} 个窗口全开仍有人等候：再增加人员无济于事，需延长服务时间、预约分流或自助办理。", day.FullIntervals, day.MaxWindows);
            }

            lines.Add(line);
        }

        return lines;
    }

    private static double Round(double x) => double.IsFinite(x) ? Math.Round(x, 4) : 0;

    /// <summary>Writes every file into a temporary folder beside the output, then moves them into place: a failure
    /// leaves the output folder as it was (nothing half-written).</summary>
    private static List<string> WriteAll(string outDir, Mode mode, RosterReport report, ReportLanguage language, JsonObject summary)
    {
        Directory.CreateDirectory(outDir);
        var temp = Path.Combine(outDir, $".hallsim-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var names = new List<string>();
            if (mode != Mode.Optimise)
            {
                File.WriteAllText(Path.Combine(temp, "report.html"), ReportHtml.Write(report, language), new UTF8Encoding(false));
                using (var xlsx = File.Create(Path.Combine(temp, "roster.xlsx")))
                {
                    RosterXlsx.Write(xlsx, report);
                }

                names.AddRange(["report.html", "roster.xlsx"]);
            }

            using (var csv = new StreamWriter(Path.Combine(temp, "roster.csv"), false, new UTF8Encoding(true)))
            {
                RosterCsv.Write(csv, report.Roster, report.Staff, report.Shifts);
            }

            File.WriteAllText(Path.Combine(temp, "summary.json"), summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
            names.AddRange(["roster.csv", "summary.json"]);
            var written = new List<string>();
            foreach (var name in names)
            {
                var target = Path.Combine(outDir, name);
                File.Move(Path.Combine(temp, name), target, overwrite: true);
                written.Add(target);
            }

            return written;
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
