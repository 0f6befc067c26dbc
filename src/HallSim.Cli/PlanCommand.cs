using System.Globalization;
using System.Text;
using HallSim.Planning;
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

    internal enum Mode
    {
        Plan,
        Optimise,
        Evaluate,
    }

    internal static int Run(Mode mode, Options options, TextWriter output, TextWriter error)
    {
        var command = mode switch { Mode.Plan => "plan", Mode.Optimise => "optimise", _ => "evaluate" };
        var o = options;
        o.RejectPositional();
        var days = o.Int("--days", 7, 1, 366);
        var replications = o.Int("--replications", 20, 2, 10_000);
        var seed = o.ULong("--seed", 1);
        var playbook = mode == Mode.Plan ? PlaybookTargetOf(o) : null;
        var within = playbook?.Share is not null ? (int)Math.Round(playbook.Minutes) : o.Int("--within", 15, 1, 1440);
        var share = playbook?.Share ?? Share(o);
        var budget = Budget(o);
        var outDir = o.Text("--out") ?? "out";
        var langText = o.Text("--lang") ?? "zh";
        var language = langText switch { "zh" => ReportLanguage.Chinese, "en" => ReportLanguage.English, _ => (ReportLanguage?)null };
        if (language is null)
        {
            o.Errors.Add($"--lang: \"{langText}\" is not one of zh, en");
        }

        var scenario = o.Text("--scenario") is { } path ? Program.LoadScenario(path, error, o.Errors) : Halls.JihuaPeak;

        Roster? current = null;
        if (mode == Mode.Evaluate)
        {
            current = o.Text("--roster") is { } rosterPath ? ReadRoster(rosterPath, o.Errors, scenario) : null;
            if (o.Text("--roster") is { } given && Path.GetFullPath(given).StartsWith(Path.GetFullPath(o.Text("--out") ?? "out") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                o.Errors.Add($"--roster: \"{given}\" is inside --out \"{o.Text("--out") ?? "out"}\", whose files evaluate replaces: give another --out (for example out/evaluated)");
            }
            if (o.Text("--roster") is null)
            {
                o.Errors.Add("--roster: missing (the roster to evaluate: a CSV or xlsx in the layout that 'hallsim plan' writes)");
            }
        }
        else if (o.Text("--roster") is not null)
        {
            o.Errors.Add("--roster: only 'hallsim evaluate' reads a roster");
        }

        var request = scenario is null ? null : new PlanRequest(scenario)
        {
            From = o.Date("--from"),
            Days = o.Text("--days") is null ? null : days,
            Target = new ServiceLevelTarget(share, within),
            StaffHourBudget = budget,
            Replications = replications,
            Seed = seed,
            CurrentRoster = current,
        };
        if (request is not null && (mode != Mode.Evaluate || current is not null))
        {
            o.Errors.AddRange(RosterPlanner.Validate(request).Select(OptionProblem));
        }

        if (o.Errors.Count > 0 || request is null || language is null)
        {
            Program.ReportBadInput(command, o.Errors, error);
            return Program.BadInput;
        }
        var inv = CultureInfo.InvariantCulture;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var text = new ReportText(language.Value);
        PlanOutcome? outcome = null;
        PlaybookResult? search = null;
        IReadOnlyList<string> files = [];
        string[]? badInput = null;
        ProgressView.Run(o.Flag("--quiet"), error, $"hallsim {command}: {request.Scenario.Name}", step =>
        {
            var progress = new SynchronousProgress<PlanProgress>(p =>
            {
                if (p.Stage == PlanStage.Done)
                {
                    return; // the files are written next
                }

                var zh = language.Value == ReportLanguage.Chinese;
                step((p.Stage, zh) switch
                {
                    (PlanStage.UsualMethod, true) => string.Format(inv, "{0:yyyy-MM-dd} 起 {1} 天；常规方法：按 {2:0%} 在 {3} 分钟内叫号计算所需窗口，用最省的班次覆盖", p.From, p.Days, share, within),
                    (PlanStage.UsualMethod, false) => string.Create(inv, $"{p.From:yyyy-MM-dd} + {p.Days} days; usual method: SIPP for {share:P0} within {within} min, cheapest shifts"),
                    (PlanStage.Optimising, true) => p.Loop switch
                    {
                        { Stage: RosterStage.Simulate or RosterStage.Solve } l => string.Format(inv, "优化中：第 {0} 轮，{1}", l.Step + 1, l.Stage == RosterStage.Simulate ? "模拟检验" : "求解排班"),
                        { Stage: RosterStage.Neighbours } => "优化中：逐人调整班次，模拟检验",
                        _ => string.Format(inv, "在 {0:0.#} 工时内优化", p.StaffHourBudget),
                    },
                    (PlanStage.Optimising, false) => p.Loop is { } loop ? $"optimising: {loop}" : string.Create(inv, $"optimising within {p.StaffHourBudget:0.#} staff-hours"),
                    (_, true) => string.Format(inv, "用新的随机数检验（{0} 次重复模拟）", replications),
                    _ => $"validating on fresh seeds ({replications} replications)",
                }, p.Fraction * 0.95);
            });
            try
            {
                outcome = RosterPlanner.Plan(request, progress, Program.Cancellation);
                if (playbook is not null)
                {
                    var searched = 0;
                    var zh = language.Value == ReportLanguage.Chinese;
                    var searchProgress = new SynchronousProgress<PlanProgress>(p => step(zh
                        ? string.Format(inv, "措施搜索：第 {0} 个候选（排班并模拟）", ++searched)
                        : string.Format(inv, "playbook: candidate {0} (planned and simulated)", ++searched), 0.9));
                    search = Playbook.Search(outcome, new PlaybookSearchOptions { Target = playbook, Pareto = o.Flag("--pareto") }, searchProgress, Program.Cancellation);
                }
            }
            catch (ScenarioValidationException ex)
            {
                badInput = [.. ex.Problems.Select(OptionProblem)];
                return;
            }

            Program.Cancellation.ThrowIfCancellationRequested(); // interrupted before writing: nothing is written
            step(language.Value == ReportLanguage.Chinese ? $"写入 {outDir}" : $"writing {outDir}", 0.95);
            try
            {
                files = PlanFiles.Write(outcome, outDir, language.Value, mode == Mode.Optimise ? PlanFileSet.RosterAndSummary : PlanFileSet.Full, command, search);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                badInput = [$"--out: \"{outDir}\" cannot be written ({ex.Message})"];
            }
        });

        if (badInput is not null || outcome is null)
        {
            Program.ReportBadInput(command, badInput ?? [], error);
            return Program.BadInput;
        }

        // The summary in the report's language: the headline first, then each roster and the optimiser's bound.
        var report = outcome.ToReport(language.Value);
        output.WriteLine(text.PlanTitle(request.Scenario.Name, outcome.From, outcome.Days, outcome.StaffHourBudget));
        foreach (var line in text.Headline(report))
        {
            output.WriteLine($"  {line}");
        }

        foreach (var k in report.Kpis)
        {
            output.WriteLine($"  {text.KpiLine(k, within)}");
        }

        var loopResult = outcome.Loop;
        output.WriteLine($"  {text.BoundLine(loopResult.LowerBound, loopResult.BestWaiting, loopResult.BoundHolds ? loopResult.Gap : null, loopResult.AllWindowsWaiting, loopResult.History.Count)}");
        if (search is not null)
        {
            output.WriteLine(language.Value == ReportLanguage.Chinese ? "达标所需措施：" : "What it takes:");
            foreach (var line in search.Lines(language.Value))
            {
                output.WriteLine($"  {line}");
            }
        }

        foreach (var f in files)
        {
            output.WriteLine(text.Wrote(f));
        }

        output.WriteLine(text.Done(clock.Elapsed.TotalSeconds));
        return Program.Ok;
    }

    /// <summary>A request problem in the command's terms: the option that set the field.</summary>
    internal static string OptionProblem(ValidationProblem p)
    {
        var (option, rest) = p.Path switch
        {
            "from" or "days" => ("--from/--days", string.Empty),
            "staffHourBudget" => ("--budget", string.Empty),
            "replications" => ("--replications", string.Empty),
            "target" => ("--share/--within", string.Empty),
            "scenario" => ("--scenario", string.Empty),
            _ when p.Path.StartsWith("scenario.", StringComparison.Ordinal) => ("--scenario", p.Path["scenario.".Length..]),
            _ when p.Path.StartsWith("currentRoster.", StringComparison.Ordinal) => ("--roster", p.Path["currentRoster.".Length..]),
            _ when p.Path.StartsWith("currentRoster", StringComparison.Ordinal) => ("--roster", string.Empty),
            _ => (p.Path, string.Empty),
        };
        return rest.Length > 0 ? $"{option}: {rest}: {p.Message}" : $"{option}: {p.Message}";
    }

    /// <summary>--target SHARE/MIN or mean/MIN with --target-scope; null without --target. Given with --share or
    /// --within, it is refused (one target, stated once).</summary>
    private static PlaybookTarget? PlaybookTargetOf(Options o)
    {
        var scopeText = o.Text("--target-scope");
        if (o.Text("--target") is not { } text)
        {
            if (scopeText is not null || o.Flag("--pareto"))
            {
                o.Errors.Add($"{(scopeText is not null ? "--target-scope" : "--pareto")}: only with --target (e.g. --target 0.8/15)");
            }

            return null;
        }

        var scope = scopeText switch { null or "day" => TargetScope.EveryDay, "week" => TargetScope.Week, _ => (TargetScope?)null };
        if (scope is null)
        {
            o.Errors.Add($"--target-scope: \"{scopeText}\" is not one of day, week");
        }

        var parts = text.Split('/');
        var minutes = parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && double.IsFinite(m) ? m : (double?)null;
        if (parts.Length != 2 || minutes is not (>= 1 and <= 1440))
        {
            o.Errors.Add($"--target: \"{text}\" is not SHARE/MINUTES (e.g. 0.8/15 or 80%/15) or mean/MINUTES (e.g. mean/15), minutes from 1 to 1440");
            return null;
        }

        if (parts[0] == "mean")
        {
            return PlaybookTarget.MeanWaitAtMost(minutes.Value, scope ?? TargetScope.EveryDay);
        }

        if (o.Text("--share") is not null || o.Text("--within") is not null)
        {
            o.Errors.Add("--target: give either --target or --share/--within, not both (--target 0.8/15 sets both)");
        }

        if (WhatIfCommand.ShareOf(parts[0]) is not (> 0 and < 1) || minutes.Value != Math.Round(minutes.Value))
        {
            o.Errors.Add($"--target: \"{text}\": the share must lie strictly between 0 and 1 (0.8 or 80%) and the minutes be whole");
            return null;
        }

        return PlaybookTarget.CalledWithin(WhatIfCommand.ShareOf(parts[0])!.Value, minutes.Value, scope ?? TargetScope.EveryDay);
    }

    internal static double Share(Options o)
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

    /// <summary>Reads a roster file (xlsx or CSV); with a scenario, each row's staff, shift and break times are checked
    /// against it and named by line or cell.</summary>
    internal static Roster? ReadRoster(string path, List<string> errors, Scenario? scenario = null)
    {
        try
        {
            if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                using var stream = File.OpenRead(path);
                return RosterXlsx.Read(stream, path, scenario);
            }

            using var reader = new StreamReader(path, Encoding.UTF8);
            return RosterCsv.Read(reader, path, scenario);
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
}
