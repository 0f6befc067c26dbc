using Spectre.Console;

namespace HallSim.Cli;

/// <summary>
/// Progress of a long command on standard error: a Spectre.Console progress bar on a terminal; plain lines when
/// standard error is redirected (logs, CI, tests: no escape codes, no redraws); nothing with --quiet.
/// </summary>
internal static class ProgressView
{
    /// <summary>Runs <paramref name="body"/>, which reports steps as (description, fraction done 0 … 1).</summary>
    internal static void Run(bool quiet, TextWriter error, string title, Action<Action<string, double>> body)
    {
        if (quiet)
        {
            body((_, _) => { });
            return;
        }

        error.WriteLine(title);
        var terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        if (!terminal)
        {
            var last = string.Empty;
            body((text, _) =>
            {
                if (text != last)
                {
                    error.WriteLine($"  {text}");
                    last = text;
                }
            });
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: 1);
                body((text, done) =>
                {
                    task.Description = Markup.Escape(text); // '[' in a description is Spectre markup
                    task.Value = Math.Clamp(done, 0, 1);
                });
                task.Value = 1;
            });
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread at once (Progress&lt;T&gt; posts to the
/// thread pool, so its lines could arrive after the work they describe).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
