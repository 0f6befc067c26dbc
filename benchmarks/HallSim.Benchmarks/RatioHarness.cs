using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using HallSim.Kernel;

namespace HallSim.Benchmarks;

/// <summary>
/// The interleaved speed-ratio harness: every model runs in this one process, one after another in each round
/// (the order rotates from round to round), timed by the thread's own CPU clock. A ratio is computed per round
/// against the hand loop of the same round and the median of the rounds is reported, so a noisy stretch of the
/// machine hits both sides of a ratio alike. BenchmarkDotNet runs each method in its own process, minutes apart;
/// on a machine with noisy neighbours that can move a ratio by more than the effect being measured.
/// </summary>
public static class RatioHarness
{
    /// <summary>One model under test.</summary>
    /// <param name="Name">Row label.</param>
    /// <param name="Run">Runs the model once; returns the result and the calendar entries it processed.</param>
    public sealed record Variant(string Name, Func<MmcSpec, (MmcResult Result, long Events)> Run);

    /// <summary>What one variant measured over all rounds.</summary>
    public sealed record Row(string Name, double MedianCpuMs, double MedianRatio, double MinRatio, double MaxRatio, double CustomersPerCpuSecond, double BytesPerCustomer, double EventsPerCustomer, double CpuOverWall, double GcsPerRun, double GcPauseMsPerRun);

    /// <summary>The variants of the M/M/16 model: the hand loop (the baseline) and the process API written two ways.</summary>
    public static IReadOnlyList<Variant> MmcVariants { get; } =
    [
        new("HandWrittenLoop", spec => MmcHandLoop.RunCounting(spec)),
        new("ProcessApi (MmcProcessModel)", spec => MmcProcessModel.RunCounting(spec)),
        new("ProcessApi (as the README writes it)", spec => MmcReadmeModel.RunCounting(spec)),
        new("ProcessApi with Resource.Use", spec => MmcUseModel.RunCounting(spec)),
    ];

    /// <summary>Runs the harness from the command line: <c>ratio [--customers N] [--rounds R] [--quick]</c>.</summary>
    /// <param name="args">The arguments after <c>ratio</c>.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args)
    {
        var customers = 1_000_000;
        var rounds = 7;
        var maxWarmup = 40;
        string? only = null;
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--customers" when i + 1 < args.Length && int.TryParse(args[i + 1], out var c) && c > 0:
                    customers = c;
                    i++;
                    break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r > 0:
                    rounds = r;
                    i++;
                    break;
                case "--only" when i + 1 < args.Length:
                    only = args[i + 1]; // for a profiler: this variant alone, no ratios
                    i++;
                    break;
                case "--quick":
                    quick = true;
                    customers = 20_000;
                    rounds = 1;
                    maxWarmup = 2;
                    break;
                default:
                    Console.Error.WriteLine($"ratio: unknown or incomplete option '{args[i]}'; expected --customers N, --rounds R or --quick");
                    return 2;
            }
        }

        var spec = new MmcSpec(Customers: customers);
        Console.WriteLine($"M/M/{spec.Servers}, utilisation {spec.Utilisation}, {customers:N0} customers per run, {rounds} rounds, " +
                          $"clock: {(ThreadClock.IsThreadCpu ? "thread CPU time" : "wall time (no thread CPU clock on this OS)")}, " +
                          $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var variants = only is null ? MmcVariants : MmcVariants.Where(v => v.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
        if (variants.Count == 0)
        {
            Console.Error.WriteLine($"ratio: no variant's name contains '{only}'");
            return 2;
        }

        var rows = Measure(variants, spec, rounds, maxWarmup, Console.Out);
        Console.WriteLine();
        Console.WriteLine(Format(rows));
        if (quick)
        {
            Console.WriteLine();
            Console.WriteLine("--quick: a smoke run (no warm-up to a settled JIT, one short round); its ratios are not a measurement.");
        }

        return 0;
    }

    /// <summary>Warms every variant up until its time settles, then measures <paramref name="rounds"/> interleaved rounds.
    /// The first variant is the baseline of the ratios.</summary>
    /// <param name="variants">The models; all must report the same result.</param>
    /// <param name="spec">The model's parameters.</param>
    /// <param name="rounds">Measured rounds (the median of their ratios is reported).</param>
    /// <param name="maxWarmup">Warm-up runs per variant at most.</param>
    /// <param name="log">Where progress goes.</param>
    /// <returns>One row per variant.</returns>
    public static IReadOnlyList<Row> Measure(IReadOnlyList<Variant> variants, MmcSpec spec, int rounds, int maxWarmup, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(log);
        var reference = variants[0].Run(spec).Result;
        foreach (var v in variants)
        {
            WarmUp(v, spec, maxWarmup, log);
            var result = v.Run(spec).Result;
            // Served and end time exactly; the total wait to 1e-9 relative, because a model that adds each wait when
            // the service ends (Resource.Use) sums the same waits in another order.
            if (result.Served != reference.Served || result.EndTime != reference.EndTime
                || Math.Abs(result.TotalWait - reference.TotalWait) > 1e-9 * Math.Abs(reference.TotalWait))
            {
                throw new InvalidOperationException($"{v.Name} reports {result}, the baseline {reference}: the models differ.");
            }
        }

        var n = variants.Count;
        var cpu = new double[n][];
        var wall = new double[n][];
        var bytes = new double[n][];
        var gcs = new double[n];
        var pauses = new double[n];
        var events = new long[n];
        for (var v = 0; v < n; v++)
        {
            cpu[v] = new double[rounds];
            wall[v] = new double[rounds];
            bytes[v] = new double[rounds];
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < n; k++)
            {
                var v = (k + round) % n; // rotate the order: no variant always runs first after a GC-quiet pause
                var m = Once(variants[v], spec);
                cpu[v][round] = m.CpuMs;
                wall[v][round] = m.WallMs;
                bytes[v][round] = m.Bytes;
                gcs[v] += m.Gcs;
                pauses[v] += m.GcPauseMs;
                events[v] = m.Events;
            }

            log.WriteLine($"round {round + 1}/{rounds}: " + string.Join(", ", Enumerable.Range(0, n).Select(v =>
                $"{variants[v].Name} {cpu[v][round].ToString("0.0", CultureInfo.InvariantCulture)} ms")));
        }

        var rows = new List<Row>(n);
        for (var v = 0; v < n; v++)
        {
            var ratios = Enumerable.Range(0, rounds).Select(r => cpu[v][r] / cpu[0][r]).ToArray();
            var medianCpu = Median(cpu[v]);
            rows.Add(new Row(
                variants[v].Name,
                medianCpu,
                Median(ratios),
                ratios.Min(),
                ratios.Max(),
                spec.Customers / (medianCpu / 1000),
                Median(bytes[v]) / spec.Customers,
                (double)events[v] / spec.Customers,
                cpu[v].Sum() / wall[v].Sum(),
                gcs[v] / rounds,
                pauses[v] / rounds));
        }

        return rows;
    }

    /// <summary>The rows as a Markdown table.</summary>
    /// <param name="rows">What <see cref="Measure"/> returned.</param>
    public static string Format(IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            "| variant | median CPU ms | ratio (median of rounds) | ratio range | M customers / CPU-s | bytes / customer | events / customer | CPU / wall | GCs / run | GC pause ms / run |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        lines.AddRange(rows.Select(r => string.Create(inv,
            $"| {r.Name} | {r.MedianCpuMs:0.0} | {r.MedianRatio:0.00} | {r.MinRatio:0.00}–{r.MaxRatio:0.00} | {r.CustomersPerCpuSecond / 1e6:0.00} | {r.BytesPerCustomer:0} | {r.EventsPerCustomer:0.00} | {r.CpuOverWall:0.00} | {r.GcsPerRun:0.0} | {r.GcPauseMsPerRun:0.0} |")));
        var low = rows.Where(r => r.CpuOverWall < 0.95).Select(r => r.Name).ToList();
        if (low.Count > 0)
        {
            lines.Add(string.Empty);
            lines.Add($"CPU / wall below 0.95 for {string.Join(", ", low)}: the thread was descheduled part of the time (a busy machine); the CPU times are still the thread's own.");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static void WarmUp(Variant v, MmcSpec spec, int maxWarmup, TextWriter log)
    {
        // Tiered JIT: methods are recompiled with profile data after ~30 calls and a background delay, and loops
        // are replaced on the stack (OSR). Run until three consecutive runs agree within 3% (at least 5 runs).
        var times = new List<double>();
        for (var i = 0; i < maxWarmup; i++)
        {
            times.Add(Once(v, spec).CpuMs);
            if (times.Count >= 5)
            {
                var last = times.TakeLast(3).ToArray();
                if (last.Max() <= last.Min() * 1.03)
                {
                    break;
                }
            }
        }

        log.WriteLine($"warm-up {v.Name}: {times.Count} runs, last {times[^1].ToString("0.0", CultureInfo.InvariantCulture)} ms");
    }

    private static (double CpuMs, double WallMs, long Bytes, long Events, int Gcs, double GcPauseMs) Once(Variant v, MmcSpec spec)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var gcs0 = GC.CollectionCount(0);
        var pause0 = GC.GetTotalPauseDuration();
        var bytes0 = GC.GetAllocatedBytesForCurrentThread();
        var wall = Stopwatch.StartNew();
        var cpu0 = ThreadClock.Now();
        var (_, events) = v.Run(spec);
        var cpu1 = ThreadClock.Now();
        wall.Stop();
        var bytes1 = GC.GetAllocatedBytesForCurrentThread();
        return ((cpu1 - cpu0) * 1000, wall.Elapsed.TotalMilliseconds, bytes1 - bytes0, events,
            GC.CollectionCount(0) - gcs0, (GC.GetTotalPauseDuration() - pause0).TotalMilliseconds);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The calling thread's CPU time in seconds (Linux: clock_gettime(CLOCK_THREAD_CPUTIME_ID)); wall time elsewhere.</summary>
    internal static class ThreadClock
    {
        private const int ClockThreadCpuTimeId = 3;
        private static readonly Stopwatch Wall = Stopwatch.StartNew();

        internal static bool IsThreadCpu { get; } = OperatingSystem.IsLinux() && TryThreadCpu(out _);

        internal static double Now() => IsThreadCpu && TryThreadCpu(out var s) ? s : Wall.Elapsed.TotalSeconds;

        private static bool TryThreadCpu(out double seconds)
        {
            seconds = 0;
            try
            {
                if (clock_gettime(ClockThreadCpuTimeId, out var ts) != 0)
                {
                    return false;
                }

                seconds = ts.Seconds + (ts.Nanoseconds * 1e-9);
                return true;
            }
            catch (DllNotFoundException)
            {
                return false;
            }
            catch (EntryPointNotFoundException)
            {
                return false;
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", SetLastError = false)]
        private static extern int clock_gettime(int clockId, out TimeSpec time);
    }
}
