using System.Globalization;
using HallSim.Experiments;

namespace HallSim.Cli;

/// <summary>The hallsim command. Exit codes: 0 success, 2 bad input (every problem listed), 1 internal failure.</summary>
internal static class Program
{
    internal const int Ok = 0;
    internal const int Failure = 1;
    internal const int BadInput = 2;

    private const string Usage = """
        hallsim — simulate an administrative service hall.

        Usage:
          hallsim demo [--windows N] [--tickets N] [--service MIN] [--replications N] [--seed N]

        Commands:
          demo   Simulate one weekday of a take-a-number hall (default: the Jihua hall's 16 windows,
                 700 tickets, log-normal service with mean 8 minutes and CV 1.2, 20 replications)
                 and print waits per hour with 95% confidence intervals.

        Examples:
          hallsim demo
          hallsim demo --windows 12 --tickets 900 --replications 50 --seed 7
        """;

    public static int Main(string[] args)
    {
        try
        {
            return Run(args, Console.Out, Console.Error);
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
            output.WriteLine(Usage);
            return args.Count == 0 ? BadInput : Ok;
        }

        if (args[0] != "demo")
        {
            error.WriteLine($"hallsim: unknown command \"{args[0]}\" (expected: demo). Run 'hallsim --help'.");
            return BadInput;
        }

        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            output.WriteLine(Usage);
            return Ok;
        }

        var (options, errors) = DemoOptions.Parse(args.Skip(1).ToArray());
        if (options is null)
        {
            error.WriteLine("hallsim demo: bad input:");
            foreach (var e in errors)
            {
                error.WriteLine($"  {e}");
            }

            return BadInput;
        }

        Demo(options, output);
        return Ok;
    }

    private static void Demo(DemoOptions o, TextWriter output)
    {
        var days = ReplicationRunner.Run(o.Replications, rep => DemoDay.Run(o, rep));
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"HallSim demo: {o.Windows} windows, {o.TicketsPerDay:0} expected tickets, mean service {o.MeanServiceMinutes:0.#} min, {o.Replications} replications, seed {o.Seed}"));
        output.WriteLine();
        output.WriteLine("hour    tickets   mean wait (min)     p90 wait   windows busy");
        foreach (var hour in new[] { 9, 10, 11, 12, 14, 15, 16, 17 })
        {
            var grid = new IntervalGrid(hour * 60, 60, 1);
            var perDay = days.Select(d => (Waits: d.Waits.ByInterval(grid)[0], Busy: d.Busy.ByInterval(grid)[0])).ToList();
            var tickets = MeanEstimate.Of(perDay.Select(p => (double)p.Waits.Count).ToList());
            var mean = MeanEstimate.Of(perDay.Select(p => p.Waits.Mean).ToList());
            var p90 = MeanEstimate.Of(perDay.Select(p => p.Waits.P90).ToList());
            var busy = MeanEstimate.Of(perDay.Select(p => p.Busy.TimeAverage).ToList());
            if (perDay.All(p => p.Waits.Count == 0))
            {
                output.WriteLine(string.Create(inv, $"{hour:00}:00 {0,10:0.0} {"—",8}          {"—",10} {busy.Mean,9:0.0} of {o.Windows}"));
                continue;
            }

            output.WriteLine(string.Create(inv, $"{hour:00}:00 {tickets.Mean,10:0.0} {mean.Mean,8:0.0} ± {mean.HalfWidth,-6:0.0} {p90.Mean,10:0.0} {busy.Mean,9:0.0} of {o.Windows}"));
        }

        var dayWait = MeanEstimate.Of(days.Select(d => d.MeanWait).ToList());
        var within = MeanEstimate.Of(days.Select(d => d.ShareWithin15).ToList());
        var last = MeanEstimate.Of(days.Select(d => d.LastDeparture).ToList());
        output.WriteLine();
        output.WriteLine("(tickets are counted in the hour their holder was called)");
        output.WriteLine(string.Create(inv, $"Day: mean wait {dayWait.Mean:0.0} ± {dayWait.HalfWidth:0.0} min (95% CI), {within.Mean * 100:0}% called within 15 minutes, last citizen leaves at {Clock(last.Mean)}."));
    }

    private static string Clock(double minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)(minutes / 60):00}:{(int)(minutes % 60):00}");
}
