using HallSim.Scenarios;

namespace HallSim.Cli;

/// <summary>The hallsim command. Exit codes: 0 success, 2 bad input (every problem listed), 1 internal failure.</summary>
internal static class Program
{
    internal const int Ok = 0;
    internal const int Failure = 1;
    internal const int BadInput = 2;

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
        var parsed = CliSpec.Parse(args is ["help"] ? ["--help"] : args);
        if (args.Count == 0)
        {
            CliSpec.WriteHelp(parsed, error); // no command: the overview, as bad input
            return BadInput;
        }

        if (parsed.Help || args is ["help", ..])
        {
            CliSpec.WriteHelp(args is ["help", _, ..] ? CliSpec.Parse([.. args.Skip(1), "--help"]) : parsed, output);
            return Ok;
        }

        var o = parsed.Options;
        return parsed.Spec?.Path switch
        {
            "plan" => PlanCommand.Run(PlanCommand.Mode.Plan, o, output, error),
            "optimise" => PlanCommand.Run(PlanCommand.Mode.Optimise, o, output, error),
            "evaluate" => PlanCommand.Run(PlanCommand.Mode.Evaluate, o, output, error),
            "whatif" => WhatIfCommand.Run(o, output, error),
            "sweep" => SweepCommand.Run(o, output, error),
            "sweep merge" => SweepCommand.Merge(o, output, error),
            "calibrate" => CalibrateCommand.Run(o, output, error),
            "simulate" => SimulateCommand.Run(o, output, error),
            "now" => NowCommand.Run(o, output, error),
            "requirements" => RequirementsCommand.Run(o, output, error),
            "scenario export" => Export(o, output, error),
            "scenario validate" => Validate(o, output, error),
            _ when args[0] == "scenario" => Unknown($"scenario {string.Join(' ', args.Skip(1))}".Trim(), "scenario export, scenario validate", error),
            _ => Unknown(args[0], "plan, optimise, evaluate, whatif, sweep, sweep merge, calibrate, simulate, now, requirements, scenario export, scenario validate", error),
        };
    }

    private static int Unknown(string command, string expected, TextWriter error)
    {
        error.WriteLine($"hallsim: unknown command \"{command}\" (expected: {expected}). Run 'hallsim --help'.");
        return BadInput;
    }

    private static int Export(Options o, TextWriter output, TextWriter error)
    {
        o.RejectPositional();

        if (o.Errors.Count > 0)
        {
            ReportBadInput("scenario export", o.Errors, error);
            return BadInput;
        }

        var scenario = o.Flag("--peak") ? Halls.JihuaPeak : Halls.Jihua;
        if (o.Flag("--journeys"))
        {
            scenario = Halls.WithJourneys(scenario);
        }

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

    private static int Validate(Options o, TextWriter output, TextWriter error)
    {
        if (o.Errors.Count > 0 || o.Positional.Count != 1)
        {
            ReportBadInput("scenario validate", o.Errors.Count > 0 ? o.Errors : ["expected exactly one argument: the scenario file"], error);
            return BadInput;
        }

        string[] args = [o.Positional[0]];
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
        if (!File.Exists(path) && Embedded(path) is { } embedded)
        {
            return embedded;
        }

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

    /// <summary>The embedded scenarios by name: jihua, jihua-peak, jihua-journeys, jihua-peak-journeys; null for any other name.</summary>
    internal static Scenario? Embedded(string name) => name switch
    {
        "jihua" => Halls.Jihua,
        "jihua-peak" => Halls.JihuaPeak,
        "jihua-journeys" => Halls.JihuaJourneys,
        "jihua-peak-journeys" => Halls.WithJourneys(Halls.JihuaPeak),
        _ => null,
    };

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
