using HallSim.Scenarios;

namespace HallSim.Cli;

/// <summary>The hallsim command. Exit codes: 0 success, 2 bad input (every problem listed), 1 internal failure.</summary>
internal static class Program
{
    internal const int Ok = 0;
    internal const int Failure = 1;
    internal const int BadInput = 2;

    private const string Usage = """
        hallsim — simulate an administrative service hall and plan its staffing.

        Usage:
          hallsim plan [--scenario FILE] [--from yyyy-MM-dd] [--days N] [--out DIR] [--lang zh|en] [--budget HOURS]
                       [--share 0.8] [--within MIN] [--replications N] [--seed N] [--quiet]
          hallsim optimise [the options of plan]
          hallsim evaluate --roster FILE.csv|FILE.xlsx [the options of plan]
          hallsim simulate [--scenario FILE] [--date yyyy-MM-dd] [--days N] [--windows N]
                           [--roster FILE.csv|FILE.xlsx] [--replications N] [--seed N] [--interval MIN]
                           [--target MIN] [--export-log FILE.csv] [--json] [--quiet]
          hallsim requirements [--scenario FILE] [--date yyyy-MM-dd] [--method sipp|lag-sipp|mol|isa]
                               [--share 0.8] [--within MIN] [--interval MIN] [--replications N] [--seed N] [--groups]
          hallsim calibrate --log FILE.csv [--out scenario.json] [--report calibration.html] [--name NAME]
                            [--columns field=header,…] [--timezone Asia/Shanghai] [--check-days N]
                            [--replications N] [--seed N] [--quiet]
          hallsim scenario export [--out FILE] [--peak]
          hallsim scenario validate FILE

        Commands:
          plan               The main job. For the embedded Jihua hall in its peak season (or --scenario FILE):
                             the usual roster (SIPP requirements covered by the cheapest shifts), a roster optimised
                             with OR-Tools CP-SAT at the same staff-hours (or --budget) and corrected by simulation,
                             both validated on fresh seeds; writes report.html, roster.xlsx, roster.csv and
                             summary.json into --out (default out/). Default period: the busiest week.
          optimise           The same as plan, writing only roster.csv and summary.json.
          evaluate           A manager's own roster (edit the roster.csv or roster.xlsx that plan wrote) simulated
                             against the usual method and the recommended roster at its staff-hours, with the rules
                             it breaks and what the recommendation would change.
          simulate           Simulate days of a hall, replications in parallel, and print waits per interval and
                             per day with 95% confidence intervals. Default: the embedded Jihua Street hall on
                             Wednesday 18 March 2026 (rental peak) with its usual roster, 20 replications.
                             --windows N opens the first N windows in the scenario's opening hours instead of the roster;
                             --roster FILE simulates a roster that plan wrote (on the peak-season scenario).
          requirements       Windows needed per interval to call a share of tickets within a target time
                             (default 80% within 15 min), by SIPP, lag-SIPP, the modified offered load or ISA
                             on the hall simulation; intervals the hall cannot bring to target are flagged.
          calibrate          Build a scenario from a queue system's ticket log (CSV; UTF-8 or GB18030; English or Chinese
                             headers): demand by category, month, weekday and hour, service-time distributions,
                             patience, windows; every bad row listed by line; a report with the fit check.
          scenario export    Write the embedded Jihua scenario as JSON (to a file, or to standard output); --peak
                             writes its peak-season variant (30 staff, the shift templates plan uses).
          scenario validate  Check a scenario file and list every problem with its path.

        Examples:
          hallsim plan
          hallsim plan --from 2026-01-12 --lang en --out out/january
          hallsim evaluate --roster out/roster.csv --out out/evaluated
          hallsim calibrate --log tickets-2025.csv --out my-hall.json
          hallsim simulate
          hallsim simulate --date 2026-10-14 --windows 8
          hallsim scenario export --out jihua.json
          hallsim simulate --scenario jihua.json --date 2026-03-30 --replications 50 --json
          hallsim requirements --date 2026-10-14 --method mol
        """;

    /// <summary>Stopped by Ctrl+C or SIGTERM: the exit code of a process ended by SIGINT (128 + 2).</summary>
    internal const int Interrupted = 130;

    /// <summary>Cancelled by Ctrl+C or SIGTERM; long commands stop their solver and simulations through it.</summary>
    internal static CancellationToken Cancellation { get; private set; }

    public static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Cancellation = cancel.Token;
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // let the command stop cleanly instead of being killed mid-write
            cancel.Cancel();
        };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            cancel.Cancel();
        });
        try
        {
            return Run(args, Console.Out, Console.Error);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("hallsim: interrupted; nothing was written");
            return Interrupted;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"hallsim: internal error: {ex.Message}");
            return Failure;
        }
    }

    internal static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Count == 0 ? error : output).WriteLine(Usage);
            return args.Count == 0 ? BadInput : Ok;
        }

        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            output.WriteLine(Usage);
            return Ok;
        }

        return args[0] switch
        {
            "plan" => PlanCommand.Run(PlanCommand.Mode.Plan, args.Skip(1).ToList(), output, error),
            "optimise" or "optimize" => PlanCommand.Run(PlanCommand.Mode.Optimise, args.Skip(1).ToList(), output, error),
            "evaluate" => PlanCommand.Run(PlanCommand.Mode.Evaluate, args.Skip(1).ToList(), output, error),
            "calibrate" => CalibrateCommand.Run(args.Skip(1).ToList(), output, error),
            "simulate" => SimulateCommand.Run(args.Skip(1).ToList(), output, error),
            "requirements" => RequirementsCommand.Run(args.Skip(1).ToList(), output, error),
            "scenario" when args.Count > 1 && args[1] == "export" => Export(args.Skip(2).ToList(), output, error),
            "scenario" when args.Count > 1 && args[1] == "validate" => Validate(args.Skip(2).ToList(), output, error),
            "scenario" => Unknown($"scenario {string.Join(' ', args.Skip(1))}".Trim(), "scenario export, scenario validate", error),
            _ => Unknown(args[0], "plan, optimise, evaluate, calibrate, simulate, requirements, scenario export, scenario validate", error),
        };
    }

    private static int Unknown(string command, string expected, TextWriter error)
    {
        error.WriteLine($"hallsim: unknown command \"{command}\" (expected: {expected}). Run 'hallsim --help'.");
        return BadInput;
    }

    private static int Export(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var o = Options.Parse(args, ["--out"], ["--peak"]);
        foreach (var p in o.Positional)
        {
            o.Errors.Add($"{p}: unexpected argument");
        }

        if (o.Errors.Count > 0)
        {
            ReportBadInput("scenario export", o.Errors, error);
            return BadInput;
        }

        var scenario = o.Flag("--peak") ? Halls.JihuaPeak : Halls.Jihua;
        if (o.Text("--out") is { } path)
        {
            var failure = OutputFiles.Write([(path, s => s.Write(new System.Text.UTF8Encoding(false).GetBytes(ScenarioJson.Serialize(scenario))))]);
            if (failure is not null)
            {
                ReportBadInput("scenario export", [$"--out: \"{path}\" cannot be written ({failure})"], error);
                return BadInput;
            }

            output.WriteLine($"wrote {path}");
        }
        else
        {
            output.WriteLine(ScenarioJson.Serialize(scenario));
        }

        return Ok;
    }

    private static int Validate(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count != 1 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            ReportBadInput("scenario validate", ["expected exactly one argument: the scenario file"], error);
            return BadInput;
        }

        var problems = new List<string>();
        var scenario = LoadScenario(args[0], error, problems);
        if (scenario is null)
        {
            ReportBadInput("scenario validate", problems, error);
            return BadInput;
        }

        output.WriteLine($"{args[0]}: valid (\"{scenario.Name}\", {scenario.StartDate:yyyy-MM-dd}, {scenario.Days} days, {scenario.Windows.Count} windows, {scenario.Categories.Count} categories)");
        return Ok;
    }

    /// <summary>Loads a scenario; on failure adds every problem to <paramref name="problems"/> and returns null.</summary>
    internal static Scenario? LoadScenario(string path, TextWriter error, List<string> problems)
    {
        try
        {
            return ScenarioJson.Load(path);
        }
        catch (ScenarioValidationException ex)
        {
            problems.AddRange(ex.Problems.Select(p => $"{path}: {p}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path}: cannot be read ({ex.Message})");
        }

        return null;
    }

    /// <summary>
    /// The scenario of --scenario (default: the embedded Jihua hall) narrowed to <paramref name="days"/> dates from
    /// --date (default: Jihua's peak Wednesday 2026-03-18, or the scenario's first date); null with the problems added
    /// to <paramref name="o"/> when the file is bad or the dates fall outside it.
    /// </summary>
    internal static Scenario? ScenarioForDates(Options o, int days, TextWriter error, Scenario? fallback = null)
    {
        var date = o.Date("--date");
        var scenario = o.Text("--scenario") is { } path ? LoadScenario(path, error, o.Errors) : fallback ?? Halls.Jihua;
        if (scenario is null)
        {
            return null;
        }

        var start = date ?? (scenario == Halls.Jihua || scenario == Halls.JihuaPeak ? new DateOnly(2026, 3, 18) : scenario.StartDate);
        if (start < scenario.StartDate || start.AddDays(days - 1) > scenario.EndDate)
        {
            var span = days > 1 ? $" + {days} days" : string.Empty;
            o.Errors.Add($"--date{(days > 1 ? "/--days" : string.Empty)}: {start:yyyy-MM-dd}{span} is outside the scenario ({scenario.StartDate:yyyy-MM-dd} to {scenario.EndDate:yyyy-MM-dd})");
            return null;
        }

        return scenario with { StartDate = start, Days = days };
    }

    internal static void ReportBadInput(string command, IReadOnlyList<string> problems, TextWriter error)
    {
        error.WriteLine($"hallsim {command}: {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}:");
        foreach (var p in problems)
        {
            error.WriteLine($"  {p}");
        }
    }
}
