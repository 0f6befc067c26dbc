using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace HallSim.Cli;

/// <summary>One option of a command: its name, the placeholder of its value, the default shown in the help (null:
/// none, or one the description explains) and what it does. A flag has no value.</summary>
internal sealed record OptionSpec(string Name, string HelpName, string? Default, string Description, bool Flag = false);

/// <summary>One command: its words ("scenario export"), description, options, an optional positional argument and
/// examples for its help.</summary>
internal sealed record CommandSpec(string Path, string Description, IReadOnlyList<OptionSpec> Options, IReadOnlyList<string> Examples, string? Argument = null);

/// <summary>
/// The command line, declared once: System.CommandLine builds the command tree, splits the tokens and writes each
/// command's help (with every option's default and examples) from these declarations; the commands then check the
/// values in their own terms (<see cref="Options"/>), so every problem of a call is listed at once.
/// </summary>
internal static class CliSpec
{
    private static readonly OptionSpec Scenario = new("--scenario", "FILE", null, "A scenario JSON file, or an embedded hall by name: jihua, jihua-peak, jihua-journeys, jihua-peak-journeys (default: jihua; see 'hallsim scenario export').");
    private static readonly OptionSpec Replications = new("--replications", "N", "20", "Simulation replications, 2 to 10000.");
    private static readonly OptionSpec Seed = new("--seed", "N", "1", "The random seed: the same seed and inputs give the same results on any number of threads.");
    private static readonly OptionSpec Quiet = new("--quiet", string.Empty, null, "No progress output.", Flag: true);
    private static readonly OptionSpec Share = new("--share", "SHARE", "0.8", "The share of tickets to call within --within minutes, strictly between 0 and 1.");

    private static readonly OptionSpec[] PlanOptions =
    [
        new("--scenario", "FILE", null, "A scenario JSON file with staff and shift templates, or an embedded hall by name: jihua, jihua-peak, jihua-journeys, jihua-peak-journeys (default: jihua-peak)."),
        new("--from", "yyyy-MM-dd", null, "First date of the roster (default: the week with the most expected workload; 2026-03-23 for Jihua)."),
        new("--days", "N", "7", "Dates in the roster, 1 to 366."),
        new("--out", "DIR", "out", "Where the files are written (replaced as one set)."),
        new("--lang", "zh|en", "zh", "The language of the report, the workbook and the console summary."),
        new("--budget", "HOURS", null, "Staff-hours the recommended roster may use (default: the usual method's, or the current roster's)."),
        Share,
        new("--within", "MIN", "15", "The wait target in minutes, 1 to 1440."),
        Replications,
        Seed,
        Quiet,
    ];

    public static readonly CommandSpec Plan = new(
        "plan",
        "The main job: the usual roster (SIPP requirements covered by the cheapest shifts) and a roster optimised with OR-Tools CP-SAT at the same staff-hours and corrected by simulation, both validated on fresh seeds; writes report.html, roster.xlsx, roster.csv and summary.json. With --target, the playbook: whether the roster alone reaches the target and, if not, the cheapest set of measures (extra staff, evenings, Saturdays, appointments, self-service) that does, or what can be reached at all.",
        [
            .. PlanOptions,
            new("--target", "SHARE/MIN|mean/MIN", null, "Search the measures that reach this target: 0.8/15 (80% called within 15 minutes; sets --share and --within) or mean/15 (mean wait at most 15 minutes)."),
            new("--target-scope", "day|week", "day", "With --target: every open day must meet it, or the horizon as a whole."),
            new("--pareto", string.Empty, null, "With --target: also trace the cost–waiting front (every extra-staff step).", Flag: true),
        ],
        ["hallsim plan", "hallsim plan --target 0.8/15", "hallsim plan --from 2026-01-12 --lang en --out out/january", "hallsim plan --budget 800 --replications 40"]);

    public static readonly CommandSpec Optimise = new(
        "optimise",
        "The same as plan, writing only roster.csv and summary.json.",
        PlanOptions,
        ["hallsim optimise --from 2026-03-23 --days 1 --out out/monday"]);

    public static readonly CommandSpec Evaluate = new(
        "evaluate",
        "A manager's own roster (the roster.xlsx or roster.csv that plan wrote, edited) simulated against the usual method and the recommended roster at its staff-hours: the rules it breaks and the changes worth making, in the report.",
        [new("--roster", "FILE", null, "The roster to evaluate, .xlsx or .csv (required): a shift id or name per cell, 休 or off for a day off."), .. PlanOptions],
        ["hallsim evaluate --roster out/roster.xlsx --out out/evaluated"]);

    public static readonly CommandSpec WhatIf = new(
        "whatif",
        "Measures beyond the roster, judged by simulation: the plan, then the plan again with the measures (the budget raised by the extra staff's hours), both on the same fresh seeds; prints the paired differences (waiting, citizens turned away, staff-hours with overtime) and whether the target is met every day; writes whatif.json.",
        [
            new("--extra-staff", "GROUP:N[,…]", null, "Seconded staff for the horizon: comprehensive:4, or categories joined by +, e.g. tax+rental:2."),
            new("--evening", "HH:mm", null, "Weekdays open until this time (shifts that end at today's close gain a copy to it)."),
            new("--saturday", "HH:mm-HH:mm[,…]", null, "Saturdays open with these sessions."),
            new("--appointments", "SHARE", null, "A share of window demand by appointment, e.g. 30%."),
            new("--self-service", "KIOSKS:SHARE[:+N]", null, "More citizens try a kiosk group (and N more machines), e.g. etax:60%:+2."),
            new("--floor-guides", "N", null, "N floor guides (导办) at the entrance check papers and point citizens to a queue or a machine (staff off the roster)."),
            new("--pre-screening", "N", null, "N pre-screening desks (预审) check papers thoroughly before the ticket machine (staff off the roster)."),
            new("--back-office", "N", null, "N more back-office staff (for scenarios with back-office work or queue-triggered windows; off the roster)."),
            new("--triggered-windows", "W+W:ABOVE:BELOW", null, "Queue-triggered windows (潮汐窗口): these windows open one by one above ABOVE tickets waiting and close below BELOW, e.g. W15+W16:20:5."),
            .. PlanOptions.Where(x => x.Name != "--budget"),
        ],
        ["hallsim whatif --extra-staff comprehensive:4 --saturday 09:00-17:00 --appointments 30%", "hallsim whatif --evening 20:30 --lang en --out out/evening"]);

    public static readonly CommandSpec Simulate = new(
        "simulate",
        "Simulate days of a hall, replications in parallel, and print waits per interval and per day with 95% confidence intervals (default: Jihua on Wednesday 18 March 2026 with its usual roster).",
        [
            Scenario,
            new("--date", "yyyy-MM-dd", "2026-03-18", "First simulated date (the scenario's first date for another scenario)."),
            new("--days", "N", "1", "Dates simulated, 1 to 366."),
            new("--windows", "N", null, "Open the first N windows during the opening hours instead of the scenario's roster."),
            new("--roster", "FILE", null, "Simulate a roster that plan wrote (.xlsx or .csv), on the peak-season scenario."),
            Replications,
            Seed,
            new("--interval", "MIN", "60", "Minutes per printed interval; divides 1440."),
            new("--target", "MIN", "15", "The wait target of 'called within', minutes."),
            new("--export-log", "FILE", null, "Also write the first replication's tickets as a queue-system log (CSV)."),
            new("--json", string.Empty, null, "Print JSON instead of a table.", Flag: true),
            Quiet,
        ],
        ["hallsim simulate", "hallsim simulate --date 2026-10-14 --windows 8", "hallsim simulate --scenario jihua.json --date 2026-03-30 --replications 50 --json"]);

    public static readonly CommandSpec Now = new(
        "now",
        "The rest of today from the ticket log so far: the day's demand re-forecast from the tickets seen (a Gamma–Poisson update), the hall simulated from what it looks like at --at (who waits, who is being served, who is off), and per hour the expected waits with 95% intervals, when the last ticket is called and how long those waiting now still wait; then what can be done (extra staff at windows nobody staffs, stopping a category's tickets), each simulated against doing nothing on the same citizens and ranked; writes now.html and now.json.",
        [
            new("--log", "FILE", null, "The ticket log of today so far (the columns calibrate reads; unfinished rows may have an empty status)."),
            new("--at", "HH:mm", null, "The moment (required with --log): HH:mm on the log's date, or yyyy-MM-dd HH:mm."),
            new("--state", "FILE", null, "Instead of --log: a JSON snapshot of the hall (who waits, who is served, who is at the machines; see docs/intraday.md); the forecast is then kept."),
            new("--absent", "ID[,…]", null, "Staff ids off for the rest of the day, e.g. S03,S07."),
            new("--roster", "FILE", null, "Today's roster as plan wrote it (.xlsx or .csv; default: the scenario's usual roster); its shifts not yet started can then be re-planned."),
            Scenario,
            new("--prior-cv", "CV", "0.2", "How far a day strays from the forecast before anything is seen (coefficient of variation)."),
            new("--replications", "N", "40", "Simulation replications, 2 to 10000."),
            Seed,
            new("--out", "DIR", "out/now", "Where now.html and now.json are written (replaced as one set)."),
            new("--lang", "zh|en", "zh", "The language of now.html."),
        ],
        ["hallsim now --log today.csv --at 10:30", "hallsim now --log today.csv --at 10:30 --absent S03,S07"]);

    public static readonly CommandSpec Requirements = new(
        "requirements",
        "Windows needed per interval to call a share of tickets within a target time, by SIPP, lag-SIPP, the modified offered load or ISA on the hall simulation; intervals the hall cannot bring to target are flagged.",
        [
            Scenario,
            new("--date", "yyyy-MM-dd", "2026-03-18", "The date (the scenario's first date for another scenario)."),
            new("--method", "sipp|lag-sipp|mol|isa", "sipp", "How the requirement is computed."),
            Share,
            new("--within", "MIN", "15", "The wait target in minutes."),
            new("--interval", "MIN", "30", "Minutes per interval; divides 1440."),
            new("--replications", "N", "100", "Replications of the ISA method, 2 to 10000 (the other methods simulate nothing)."),
            Seed,
            new("--groups", string.Empty, null, "Split the windows into the groups of categories they serve.", Flag: true),
        ],
        ["hallsim requirements --date 2026-10-14 --method mol"]);

    public static readonly CommandSpec Calibrate = new(
        "calibrate",
        "Build a scenario from a queue system's ticket log (CSV; UTF-8 or GB18030; English or Chinese headers): demand, service times, patience and windows; every bad row listed by line; a report with the fit check.",
        [
            new("--log", "FILE", null, "The ticket log (required)."),
            new("--backtest", "WEEKS", null, "Also fit on all but the last WEEKS weeks and score the forecast on them: WAPE per day and per hour against the Poisson floor, bias, 95% band coverage (printed and in the report)."),
            new("--out", "FILE", "scenario.json", "The calibrated scenario."),
            new("--report", "FILE", null, "The calibration report (default: calibration.html next to --out)."),
            new("--name", "NAME", null, "The hall's name in the scenario (default: from the log's file name)."),
            new("--columns", "field=header,…", null, "Map the log's own headers to HallSim's fields."),
            new("--timezone", "ZONE", "Asia/Shanghai", "The log's time zone."),
            new("--check-days", "N", "20", "Days simulated to check the fit."),
            new("--replications", "N", "5", "Replications of the fit check, 0 to 1000."),
            Seed,
            Quiet,
        ],
        ["hallsim calibrate --log tickets-2025.csv --out my-hall.json"]);

    public static readonly CommandSpec Sweep = new(
        "sweep",
        "A grid of halls × weeks × variants (measures as whatif writes them) × replications, each cell rostered by the usual method and simulated; whole (sweep.json) or one deterministic shard (--shard K/N, K from 0: a Slurm array's SLURM_ARRAY_TASK_ID, a Kubernetes Indexed Job's JOB_COMPLETION_INDEX), whose seeds never depend on the shard.",
        [
            new("--grid", "FILE", null, "The grid (required; JSON: halls, weeks, variants, days, replications, seed)."),
            new("--shard", "K/N", null, "Run only shard K of N (writes shard-K-of-N.json instead of sweep.json)."),
            new("--out", "DIR", "out", "Where the file is written."),
            Quiet,
        ],
        ["hallsim sweep --grid grid.json --out out/sweep", "hallsim sweep --grid grid.json --shard $SLURM_ARRAY_TASK_ID/3 --out shards"]);

    public static readonly CommandSpec SweepMerge = new(
        "sweep merge",
        "Combine the shards of a sweep into sweep.json, exactly as the unsharded run writes it; every missing, repeated or foreign shard is named.",
        [
            new("--grid", "FILE", null, "The grid the shards were run from (required)."),
            new("--shards", "DIR", null, "The folder of shard-K-of-N.json files (required)."),
            new("--out", "DIR", "out", "Where sweep.json is written."),
        ],
        ["hallsim sweep merge --grid grid.json --shards shards --out out/sweep"]);

    public static readonly CommandSpec ScenarioExport = new(
        "scenario export",
        "Write the embedded Jihua scenario as JSON, to a file or to standard output.",
        [new("--out", "FILE", null, "The file (default: standard output)."), new("--peak", string.Empty, null, "The peak-season variant (30 staff, the shift templates plan uses).", Flag: true), new("--journeys", string.Empty, null, "With citizen journeys: a floor guide's desk, incomplete papers and return visits, transfers, back office and pickups (with --peak: the peak season's).", Flag: true)],
        ["hallsim scenario export --out jihua.json", "hallsim scenario export --peak --out jihua-peak.json"]);

    public static readonly CommandSpec ScenarioValidate = new(
        "scenario validate",
        "Check a scenario file and list every problem with its path.",
        [],
        ["hallsim scenario validate jihua.json"],
        Argument: "FILE");

    public static IReadOnlyList<CommandSpec> All { get; } = [Plan, Optimise, Evaluate, WhatIf, Sweep, SweepMerge, Simulate, Now, Requirements, Calibrate, ScenarioExport, ScenarioValidate];

    /// <summary>The parsed command line: the command's spec (null when none was named) and its options.</summary>
    public sealed record Parsed(CommandSpec? Spec, Options Options, ParseResult Result, bool Help);

    /// <summary>Parses <paramref name="args"/> against every command. Response files (@file) are not expanded.</summary>
    public static Parsed Parse(IReadOnlyList<string> args)
    {
        var (root, commands) = Build();
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var command = result.CommandResult.Command;
        var spec = commands.FirstOrDefault(c => c.Command == command).Spec;
        var help = result.Action is HelpAction;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var positional = new List<string>();
        if (spec is not null)
        {
            foreach (var option in command.Options.Where(o => spec.Options.Any(s => s.Name == o.Name)))
            {
                if (result.GetResult(option) is not { Implicit: false } given)
                {
                    continue;
                }

                if (spec.Options.First(s => s.Name == option.Name).Flag)
                {
                    flags.Add(option.Name);
                }
                else if (given.Tokens.Count > 0)
                {
                    values[option.Name] = given.Tokens[^1].Value;
                }
            }

            if (spec.Argument is not null && command.Arguments.Count > 0 && result.GetResult(command.Arguments[0]) is { Tokens.Count: > 0 } argument)
            {
                positional.AddRange(argument.Tokens.Select(t => t.Value));
            }
        }

        // Problems in HallSim's words: an unknown option names the ones expected; a stray word is unexpected.
        var expected = spec is null ? string.Empty : string.Join(", ", spec.Options.Select(o => o.Name));
        foreach (var token in result.UnmatchedTokens)
        {
            if (token.StartsWith('-') && !double.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"{token}: unknown option (expected one of {expected})");
            }
            else
            {
                positional.Add(token);
            }
        }

        foreach (var e in result.Errors.Where(e => !result.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))))
        {
            errors.Add(e.SymbolResult switch
            {
                OptionResult o when o.Tokens.Count == 0 => $"{o.Option.Name}: missing value",
                ArgumentResult when spec?.Argument is { } name => $"expected exactly one argument: the scenario file ({name})",
                _ => e.Message,
            });
        }

        return new Parsed(spec, Options.From(values, flags, errors, positional), result, help);
    }

    /// <summary>Writes the help of the command <paramref name="parsed"/> names (or the overview), then its examples.</summary>
    public static void WriteHelp(Parsed parsed, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        parsed.Result.Invoke(new InvocationConfiguration { Output = output, Error = output });
        var examples = parsed.Spec?.Examples ?? [.. All.SelectMany(c => c.Examples.Take(1))];
        output.WriteLine("Examples:");
        foreach (var e in examples)
        {
            output.WriteLine($"  {e}");
        }

        output.WriteLine();
        output.WriteLine("Exit codes: 0 success, 2 bad input (every problem listed, nothing written), 1 internal failure, 130 interrupted.");
    }

    private static (RootCommand Root, List<(CommandSpec Spec, Command Command)> Commands) Build()
    {
        var root = new RootCommand("hallsim — simulate an administrative service hall and plan its staffing.");
        var commands = new List<(CommandSpec, Command)>();
        var scenario = new Command("scenario", "Export or validate a scenario file.");
        root.Subcommands.Add(scenario);
        foreach (var spec in All)
        {
            var words = spec.Path.Split(' ');
            var command = new Command(words[^1], spec.Description);
            if (spec.Path == "optimise")
            {
                command.Aliases.Add("optimize");
            }

            foreach (var o in spec.Options)
            {
                if (o.Flag)
                {
                    command.Options.Add(new Option<bool>(o.Name) { Description = o.Description });
                }
                else
                {
                    var option = new Option<string>(o.Name) { Description = o.Description, HelpName = o.HelpName };
                    if (o.Default is { } fallback)
                    {
                        option.DefaultValueFactory = _ => fallback; // shown as [default: …]; an implicit value is never used
                    }

                    command.Options.Add(option);
                }
            }

            if (spec.Argument is { } argument)
            {
                command.Arguments.Add(new Argument<string>(argument) { Description = "The scenario file." });
            }

            if (All.Any(c => c.Path.StartsWith(spec.Path + " ", StringComparison.Ordinal)))
            {
                command.SetAction(_ => 0); // a command of its own as well as the parent of others ("sweep", "sweep merge")
            }

            var parent = words.Length == 1 ? root : words[0] == "scenario" ? scenario : commands.First(c => c.Item1.Path == words[0]).Item2;
            parent.Subcommands.Add(command);
            commands.Add((spec, command));
        }

        return (root, commands);
    }
}
