using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HallSim.Experiments;
using HallSim.Model;
using HallSim.Planning;
using HallSim.Queueing;
using HallSim.Reports;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Cli;

/// <summary>
/// <c>hallsim whatif</c>: the plan, then the plan again with named measures (extra staff, evening hours, Saturday
/// opening, appointments, self-service), both validated on the same fresh seeds, with the paired differences; prints
/// them and writes whatif.json.
/// </summary>
internal static class WhatIfCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static int Run(Options o, TextWriter output, TextWriter error)
    {
        o.RejectPositional();
        var measures = Parse(o);
        if (measures.Count == 0 && o.Errors.Count == 0)
        {
            o.Errors.Add("no measure: give at least one of --extra-staff, --evening, --saturday, --appointments, --self-service");
        }

        var days = o.Int("--days", 7, 1, 366);
        var replications = o.Int("--replications", 20, 2, 10_000);
        var seed = o.ULong("--seed", 1);
        var within = o.Int("--within", 15, 1, 1440);
        var share = PlanCommand.Share(o);

        var outDir = o.Text("--out") ?? "out";
        var langText = o.Text("--lang") ?? "zh";
        var language = langText switch { "zh" => ReportLanguage.Chinese, "en" => ReportLanguage.English, _ => (ReportLanguage?)null };
        if (language is null)
        {
            o.Errors.Add($"--lang: \"{langText}\" is not one of zh, en");
        }

        var scenario = o.Text("--scenario") is { } path ? Program.LoadScenario(path, error, o.Errors) : Halls.JihuaPeak;
        var request = scenario is null ? null : new PlanRequest(scenario)
        {
            From = o.Date("--from"),
            Days = o.Text("--days") is null ? null : days,
            Target = new ServiceLevelTarget(share, within),
            Replications = replications,
            Seed = seed,
        };
        if (request is not null)
        {
            o.Errors.AddRange(RosterPlanner.Validate(request).Select(PlanCommand.OptionProblem));
            if (o.Errors.Count == 0)
            {
                // The measures against the scenario, before minutes of planning.
                var (from, span) = (request.From ?? RosterPlanner.BusiestWeek(scenario!), request.Days ?? 7);
                try
                {
                    Measures.Apply(scenario!, measures, from, span);
                }
                catch (ScenarioValidationException ex)
                {
                    o.Errors.AddRange(ex.Problems.Select(p => $"{OptionOf(p.Path, measures)}: {p.Message}"));
                }
            }
        }

        if (o.Errors.Count > 0 || request is null || language is null)
        {
            Program.ReportBadInput("whatif", o.Errors, error);
            return Program.BadInput;
        }

        var zh = language == ReportLanguage.Chinese;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        WhatIfOutcome? outcome = null;
        string[]? badInput = null;
        IReadOnlyList<string> files = [];
        ProgressView.Run(o.Flag("--quiet"), error, $"hallsim whatif: {request.Scenario.Name}", step =>
        {
            step(zh ? "排班（不采取措施）" : "planning without the measures", 0.05);
            var plan = RosterPlanner.Plan(request, null, Program.Cancellation);
            step(zh ? "排班（采取措施）：" + string.Join("；", measures.Select(m => m.Describe(language.Value))) : "planning with " + string.Join("; ", measures.Select(m => m.Describe(language.Value))), 0.5);
            try
            {
                outcome = Playbook.WhatIf(plan, measures, null, Program.Cancellation);
            }
            catch (ScenarioValidationException ex)
            {
                badInput = [.. ex.Problems.Select(p => $"{OptionOf(p.Path, measures)}: {p.Message}")];
                return;
            }

            Program.Cancellation.ThrowIfCancellationRequested();
            var json = Summary(outcome).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            try
            {
                Directory.CreateDirectory(outDir);
                files = OutputFileSet.Write([(Path.Combine(outDir, "whatif.json"), s =>
                {
                    using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false));
                    w.Write(json);
                })]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                badInput = [$"--out: \"{outDir}\" cannot be written ({ex.Message})"];
            }
        });

        if (badInput is not null || outcome is null)
        {
            Program.ReportBadInput("whatif", badInput ?? [], error);
            return Program.BadInput;
        }

        Print(outcome, language.Value, within, output);
        var text = new ReportText(language.Value);
        foreach (var f in files)
        {
            output.WriteLine(text.Wrote(f));
        }

        output.WriteLine(text.Done(clock.Elapsed.TotalSeconds));
        return Program.Ok;
    }

    private static void Print(WhatIfOutcome w, ReportLanguage language, int within, TextWriter output)
    {
        var zh = language == ReportLanguage.Chinese;
        var (b, m) = (w.Base.Recommended.Evaluation, w.Plan.Recommended.Evaluation);
        output.WriteLine(zh
            ? string.Format(Inv, "{0}：{1:yyyy-MM-dd} 起 {2} 天；措施：{3}", w.Base.Request.Scenario.Name, w.Base.From, w.Base.Days, string.Join("；", w.Measures.Select(x => x.Describe(language))))
            : string.Format(Inv, "{0}: {1:yyyy-MM-dd} + {2} days; measures: {3}", w.Base.Request.Scenario.Name, w.Base.From, w.Base.Days, string.Join("; ", w.Measures.Select(x => x.Describe(language)))));
        string Row(string name, RosterEvaluation e) => zh
            ? string.Format(Inv, "  {0}：{1:0} 工时（含闭厅后加班）；平均等候 {2:0.0} ± {3:0.0} 分钟，90% 分位 {4:0.0}，{5} 分钟内叫号 {6:P1}，离开 {7:0} 人", name, e.StaffHoursWithOvertime, e.MeanWait.Mean, e.MeanWait.HalfWidth, e.P90Wait.Mean, within, e.WithinTarget.Mean, e.TurnedAway.Mean)
            : string.Format(Inv, "  {0}: {1:0} staff-hours (overtime after closing included); mean wait {2:0.0} ± {3:0.0} min, p90 {4:0.0}, called within {5} min {6:P1}, turned away {7:0}", name, e.StaffHoursWithOvertime, e.MeanWait.Mean, e.MeanWait.HalfWidth, e.P90Wait.Mean, within, e.WithinTarget.Mean, e.TurnedAway.Mean);
        output.WriteLine(Row(zh ? "不采取措施" : "without", b));
        output.WriteLine(Row(zh ? "采取措施" : "with the measures", m));
        var d = w.WaitingDifference;
        var away = w.TurnedAwayDifference;
        var significant = d.Lower > 0 || d.Upper < 0;
        output.WriteLine(zh
            ? string.Format(Inv, "  总等候变化 {0:+0;-0;0} ± {1:0} 市民·分钟（95% 配对区间{2}），离开人数变化 {3:+0;-0;0} ± {4:0}", d.Mean, d.HalfWidth, significant ? string.Empty : "，差异不显著", away.Mean, away.HalfWidth)
            : string.Format(Inv, "  total waiting {0:+0;-0;0} ± {1:0} citizen-minutes (paired 95% interval{2}), turned away {3:+0;-0;0} ± {4:0}", d.Mean, d.HalfWidth, significant ? string.Empty : ": no significant difference", away.Mean, away.HalfWidth));
        if (w.OffRosterStaffHours > 0)
        {
            output.WriteLine(zh
                ? string.Format(Inv, "  另需排班以外的人员 {0:0} 工时（导办、预审或后台人员，按开放时间计）", w.OffRosterStaffHours)
                : string.Format(Inv, "  plus {0:0} staff-hours off the roster (floor guides, pre-screening or back-office staff, over the opening hours)", w.OffRosterStaffHours));
        }

        output.WriteLine(w.MeetsTargetEveryDay
            ? (zh ? "  每个开放日都达到目标。" : "  The target is met on every open day.")
            : zh ? "  未达到目标的日期：" + string.Join("、", w.DaysShort.Select(x => x.ToString("M月d日", Inv)))
                 : "  Target not met on " + string.Join(", ", w.DaysShort.Select(x => x.ToString("ddd d MMM", Inv))));
    }

    internal static JsonObject Summary(WhatIfOutcome w)
    {
        static JsonObject Estimate(MeanEstimate e) => new() { ["mean"] = Math.Round(e.Mean, 4), ["halfWidth95"] = Math.Round(e.HalfWidth, 4) };
        static JsonObject Kpis(RosterEvaluation e) => new()
        {
            ["staffHours"] = Math.Round(e.StaffHours, 4),
            ["overtimeHours"] = Estimate(e.OvertimeHours),
            ["meanWaitMinutes"] = Estimate(e.MeanWait),
            ["p90WaitMinutes"] = Estimate(e.P90Wait),
            ["calledWithinTarget"] = Estimate(e.WithinTarget),
            ["turnedAway"] = Estimate(e.TurnedAway),
        };
        return new JsonObject
        {
            ["command"] = "whatif",
            ["from"] = w.Base.From.ToString("yyyy-MM-dd", Inv),
            ["days"] = w.Base.Days,
            ["target"] = new JsonObject { ["share"] = w.Base.Request.Target.Share, ["withinMinutes"] = w.Base.Request.Target.WithinMinutes },
            ["measures"] = new JsonArray([.. w.Measures.Select(m => (JsonNode)JsonValue.Create(m.Describe(ReportLanguage.English))!)]),
            ["staffHourBudget"] = new JsonObject { ["without"] = Math.Round(w.Base.StaffHourBudget, 4), ["with"] = Math.Round(w.Plan.StaffHourBudget, 4) },
            ["without"] = Kpis(w.Base.Recommended.Evaluation),
            ["with"] = Kpis(w.Plan.Recommended.Evaluation),
            ["totalWaitingDifference"] = Estimate(w.WaitingDifference),
            ["turnedAwayDifference"] = Estimate(w.TurnedAwayDifference),
            ["extraStaffHours"] = Math.Round(w.ExtraStaffHours, 4),
            ["moneyPerWeek"] = w.MoneyPerWeek,
            ["offRosterStaffHours"] = Math.Round(w.OffRosterStaffHours, 4),
            ["meetsTarget"] = w.MeetsTargetEveryDay,
            ["daysShort"] = new JsonArray([.. w.DaysShort.Select(d => (JsonNode)JsonValue.Create(d.ToString("yyyy-MM-dd", Inv))!)]),
            ["seconds"] = Math.Round(w.Base.Seconds + w.Plan.Seconds, 1),
        };
    }

    /// <summary>The option that gave measure <c>measures[i]</c> of a problem's path.</summary>
    private static string OptionOf(string path, IReadOnlyList<Measure> measures)
    {
        if (path.StartsWith("measures[", StringComparison.Ordinal) && int.TryParse(path.AsSpan(9, path.IndexOf(']', StringComparison.Ordinal) - 9), NumberStyles.Integer, Inv, out var i) && i < measures.Count)
        {
            return measures[i] switch
            {
                ExtraStaff => "--extra-staff",
                WeekdayClosing => "--evening",
                SaturdayOpening => "--saturday",
                Appointments => "--appointments",
                ReceptionStaff { PreScreening: true } => "--pre-screening",
                ReceptionStaff => "--floor-guides",
                BackOfficeStaff => "--back-office",
                QueueTriggeredOpening => "--triggered-windows",
                _ => "--self-service",
            };
        }

        return path;
    }

    /// <summary>The measures the options name, in the order of the options' table; each bad value one problem.</summary>
    internal static List<Measure> Parse(Options o)
    {
        var measures = new List<Measure>();
        if (o.Text("--extra-staff") is { } staff)
        {
            foreach (var part in staff.Split(',', StringSplitOptions.TrimEntries))
            {
                var pieces = part.Split(':');
                if (pieces.Length == 2 && pieces[0].Length > 0 && int.TryParse(pieces[1], NumberStyles.Integer, Inv, out var count))
                {
                    string[] categories = pieces[0] is "comprehensive" or "*" ? [Window.AnyCategory] : pieces[0].Split('+');
                    measures.Add(new ExtraStaff(categories, count));
                }
                else
                {
                    o.Errors.Add($"--extra-staff: \"{part}\" is not GROUP:COUNT (GROUP is comprehensive or categories joined by +, e.g. comprehensive:4 or tax+rental:2)");
                }
            }
        }

        if (o.Text("--evening") is { } evening)
        {
            if (TimeOnly.TryParseExact(evening, "HH:mm", Inv, DateTimeStyles.None, out var close))
            {
                measures.Add(new WeekdayClosing(close));
            }
            else
            {
                o.Errors.Add($"--evening: \"{evening}\" is not a closing time HH:mm (e.g. 20:00)");
            }
        }

        if (o.Text("--saturday") is { } saturday)
        {
            var sessions = new List<Session>();
            foreach (var part in saturday.Split(',', StringSplitOptions.TrimEntries))
            {
                var times = part.Split('-');
                if (times.Length == 2 && TimeOnly.TryParseExact(times[0], "HH:mm", Inv, DateTimeStyles.None, out var open) && TimeOnly.TryParseExact(times[1], "HH:mm", Inv, DateTimeStyles.None, out var shut))
                {
                    sessions.Add(new Session(open, shut));
                }
                else
                {
                    o.Errors.Add($"--saturday: \"{part}\" is not a session HH:mm-HH:mm (e.g. 09:00-17:00, or 09:00-12:00,14:00-17:00)");
                }
            }

            if (sessions.Count > 0)
            {
                measures.Add(new SaturdayOpening(sessions));
            }
        }

        if (o.Text("--appointments") is { } booked)
        {
            if (ShareOf(booked) is { } s)
            {
                measures.Add(new Appointments(s));
            }
            else
            {
                o.Errors.Add($"--appointments: \"{booked}\" is not a share of demand (e.g. 30% or 0.3)");
            }
        }

        if (o.Text("--self-service") is { } self)
        {
            var pieces = self.Split(':');
            var useShare = pieces.Length >= 2 && pieces[1].Length > 0 ? ShareOf(pieces[1]) : null;
            var extra = 0;
            var ok = pieces.Length is 2 or 3 && pieces[0].Length > 0 && (pieces[1].Length == 0 || useShare is not null)
                && (pieces.Length == 2 || (pieces[2].StartsWith('+') && int.TryParse(pieces[2].AsSpan(1), NumberStyles.Integer, Inv, out extra)));
            if (ok)
            {
                measures.Add(new SelfService(pieces[0]) { UseShare = useShare, ExtraKiosks = extra });
            }
            else
            {
                o.Errors.Add($"--self-service: \"{self}\" is not KIOSKS:SHARE[:+MACHINES] (e.g. etax:60% or etax:60%:+2 or etax::+2)");
            }
        }

        Count(o, "--floor-guides", n => new ReceptionStaff(n), measures);
        Count(o, "--pre-screening", ReceptionStaff.Desks, measures);
        Count(o, "--back-office", n => new BackOfficeStaff(n), measures);
        if (o.Text("--triggered-windows") is { } triggered)
        {
            var pieces = triggered.Split(':');
            if (pieces.Length == 3 && pieces[0].Length > 0 && int.TryParse(pieces[1], NumberStyles.Integer, Inv, out var above) && int.TryParse(pieces[2], NumberStyles.Integer, Inv, out var below))
            {
                measures.Add(new QueueTriggeredOpening(pieces[0].Split('+'), above, below));
            }
            else
            {
                o.Errors.Add($"--triggered-windows: \"{triggered}\" is not WINDOWS:OPEN_ABOVE:CLOSE_BELOW (windows joined by +, e.g. W15+W16:20:5)");
            }
        }

        return measures;
    }

    private static void Count(Options o, string name, Func<int, Measure> make, List<Measure> measures)
    {
        if (o.Text(name) is not { } text)
        {
            return;
        }

        if (int.TryParse(text, NumberStyles.Integer, Inv, out var n))
        {
            measures.Add(make(n));
        }
        else
        {
            o.Errors.Add($"{name}: \"{text}\" is not a number of people (e.g. 2)");
        }
    }

    internal static double? ShareOf(string text)
    {
        var percent = text.EndsWith('%');
        return double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, Inv, out var v) && double.IsFinite(v) ? (percent ? v / 100 : v) : null;
    }
}
