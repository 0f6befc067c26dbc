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

namespace HallSim.Planning;

/// <summary>A hall of a sweep: its name (part of every seed) and scenario.</summary>
/// <param name="Name">A name unique in the grid.</param>
/// <param name="Scenario">The hall, with staff and shift templates.</param>
public sealed record SweepHall(string Name, Scenario Scenario);

/// <summary>A variant of a sweep: a named set of measures (none: the hall as it is).</summary>
/// <param name="Name">A name unique in the grid (part of every seed).</param>
/// <param name="Measures">The measures.</param>
public sealed record SweepVariant(string Name, IReadOnlyList<Measure> Measures);

/// <summary>
/// A grid of halls × weeks × variants × replications. Each cell (hall, week, variant) is rostered by the usual method
/// (SIPP requirements for <see cref="Share"/> within <see cref="WaitTargetMinutes"/>, covered by the cheapest shifts:
/// deterministic, no simulation) and simulated <see cref="Replications"/> times. Immutable.
/// </summary>
/// <param name="Halls">The halls.</param>
/// <param name="Weeks">The first date of each horizon.</param>
/// <param name="Variants">The variants.</param>
public sealed record SweepGrid(IReadOnlyList<SweepHall> Halls, IReadOnlyList<DateOnly> Weeks, IReadOnlyList<SweepVariant> Variants)
{
    /// <summary>Dates per horizon, 1 to 366 (default 7).</summary>
    public int Days { get; init; } = 7;

    /// <summary>Replications per cell, at least 2 (default 20).</summary>
    public int Replications { get; init; } = 20;

    /// <summary>The sweep's seed (default 1); each cell's seed is keyed by it, the hall, the week and the variant.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The usual method's share called within the target (default 0.8).</summary>
    public double Share { get; init; } = 0.8;

    /// <summary>The wait target, minutes (default 15).</summary>
    public double WaitTargetMinutes { get; init; } = 15;

    /// <summary>Cells: halls × weeks × variants, in that order (hall outermost).</summary>
    public int Cells => Halls.Count * Weeks.Count * Variants.Count;

    /// <summary>Units of work: cells × replications. Unit u is cell u ÷ <see cref="Replications"/>, replication u mod it.</summary>
    public long Units => (long)Cells * Replications;

    /// <summary>The hall, week and variant of a cell.</summary>
    /// <param name="cell">0 … <see cref="Cells"/> − 1.</param>
    /// <returns>Its parts.</returns>
    public (SweepHall Hall, DateOnly Week, SweepVariant Variant) CellOf(int cell)
    {
        var v = cell % Variants.Count;
        var w = cell / Variants.Count % Weeks.Count;
        var h = cell / Variants.Count / Weeks.Count;
        return (Halls[h], Weeks[w], Variants[v]);
    }
}

/// <summary>One replication of one cell. Immutable.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="Replication">The replication.</param>
/// <param name="StaffHours">The cell's roster's staff-hours.</param>
/// <param name="Tickets">Window tickets issued over the horizon.</param>
/// <param name="MeanWait">Mean wait of the tickets called, minutes (never-called tickets left out).</param>
/// <param name="WithinTarget">Share of tickets called within the target (never-called tickets count as not).</param>
/// <param name="TurnedAway">Citizens who balked or were gone when called.</param>
/// <param name="OvertimeHours">Window-hours worked after a window closed (past a shift's end or a break's start, and after the ticket cut-off), unpaid by the roster.</param>
public sealed record SweepUnit(int Cell, int Replication, double StaffHours, double Tickets, double MeanWait, double WithinTarget, double TurnedAway, double OvertimeHours);

/// <summary>
/// Sweeps beyond one machine: a grid cut into deterministic shards. A unit's seeds depend on the sweep's seed, the
/// hall, the week, the variant and the replication — never on the shard — so the units of all shards, merged, are
/// exactly those of an unsharded run, and <see cref="Summary"/> of either is the same, byte for byte.
/// </summary>
public static class Sweep
{
    /// <summary>What is wrong with a grid: every problem with its path (halls[i], weeks[j], variants[k]…).</summary>
    /// <param name="grid">The grid.</param>
    /// <returns>The problems; empty when it can run.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(SweepGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var problems = new List<ValidationProblem>();
        if (grid.Halls.Count == 0 || grid.Weeks.Count == 0 || grid.Variants.Count == 0)
        {
            problems.Add(new ValidationProblem(string.Empty, "a grid needs at least one hall, one week and one variant"));
        }

        if (grid.Days is < 1 or > 366)
        {
            problems.Add(new ValidationProblem("days", FormattableString.Invariant($"{grid.Days}: expected 1 to 366")));
        }

        if (grid.Replications is < 2 or > 100_000)
        {
            problems.Add(new ValidationProblem("replications", FormattableString.Invariant($"{grid.Replications}: expected 2 to 100000")));
        }

        if (!(grid.Share is > 0 and < 1) || !(grid.WaitTargetMinutes > 0) || !double.IsFinite(grid.WaitTargetMinutes))
        {
            problems.Add(new ValidationProblem("target", "expected a share strictly between 0 and 1 within a positive number of minutes"));
        }

        foreach (var (name, path) in Duplicates(grid.Halls.Select(h => h.Name), "halls").Concat(Duplicates(grid.Variants.Select(v => v.Name), "variants")))
        {
            problems.Add(new ValidationProblem(path, $"\"{name}\" appears more than once: names key the seeds and must be unique"));
        }

        foreach (var g in grid.Weeks.Select((w, i) => (w, i)).GroupBy(x => x.w).Where(g => g.Count() > 1))
        {
            problems.Add(new ValidationProblem(FormattableString.Invariant($"weeks[{g.Skip(1).First().i}]"), FormattableString.Invariant($"{g.Key:yyyy-MM-dd} appears more than once (its cells would repeat the same seeds)")));
        }

        for (var h = 0; h < grid.Halls.Count; h++)
        {
            var hall = grid.Halls[h];
            var hallPath = FormattableString.Invariant($"halls[{h}]");
            for (var w = 0; w < grid.Weeks.Count; w++)
            {
                var request = new PlanRequest(hall.Scenario) { From = grid.Weeks[w], Days = grid.Days };
                foreach (var p in RosterPlanner.Validate(request))
                {
                    problems.Add(p with { Path = p.Path is "from" or "days" ? FormattableString.Invariant($"weeks[{w}]") : $"{hallPath}.{p.Path}" });
                }
            }

            for (var v = 0; v < grid.Variants.Count && problems.Count == 0; v++)
            {
                // Applied to every week, as the run will: a measure that changes nothing there is named now.
                for (var w = 0; w < grid.Weeks.Count && grid.Variants[v].Measures.Count > 0; w++)
                {
                    try
                    {
                        Measures.Apply(hall.Scenario, grid.Variants[v].Measures, grid.Weeks[w], grid.Days);
                    }
                    catch (ScenarioValidationException ex)
                    {
                        problems.AddRange(ex.Problems.Select(p => p with
                        {
                            Path = FormattableString.Invariant($"variants[{v}]") + (p.Path.StartsWith("measures[", StringComparison.Ordinal) ? "." + p.Path : string.Empty),
                            Message = FormattableString.Invariant($"{hallPath} (\"{hall.Name}\"), week {grid.Weeks[w]:yyyy-MM-dd}: {p.Message}"),
                        }).DistinctBy(p => p.Path + p.Message));
                        break;
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>The seed of a cell: FNV-1a of the sweep's seed, the hall's name, the week and the variant's name.</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="cell">The cell.</param>
    /// <returns>The seed; replication r of the cell runs on (seed, r).</returns>
    public static ulong SeedOf(SweepGrid grid, int cell)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var (hall, week, variant) = grid.CellOf(cell);
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(FormattableString.Invariant($"{grid.Seed}\u001f{hall.Name}\u001f{week:yyyy-MM-dd}\u001f{variant.Name}")))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>
    /// Runs the units of shard <paramref name="shard"/> of <paramref name="shards"/>: a contiguous block of unit
    /// indices (<see cref="ShardOf"/>; the whole grid for 0 of 1), so that a cell is rostered in at most a few shards.
    /// Each cell it touches is rostered once; its replications run in parallel.
    /// </summary>
    /// <param name="grid">A valid grid (<see cref="Validate"/>).</param>
    /// <param name="shard">0 … <paramref name="shards"/> − 1 (a Slurm array's SLURM_ARRAY_TASK_ID, a Kubernetes
    /// Indexed Job's JOB_COMPLETION_INDEX).</param>
    /// <param name="shards">How many shards, at least 1.</param>
    /// <param name="progress">Receives the units finished.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The shard's units, by unit index.</returns>
    /// <exception cref="ScenarioValidationException">The grid has problems (all listed).</exception>
    public static IReadOnlyList<SweepUnit> Run(SweepGrid grid, int shard = 0, int shards = 1, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shards);
        var problems = Validate(grid);
        if (problems.Count > 0)
        {
            throw new ScenarioValidationException("the sweep grid", problems);
        }

        var (first, end) = ShardOf(grid, shard, shards);
        var units = new List<long>();
        for (var u = first; u < end; u++)
        {
            units.Add(u);
        }

        var cells = units.Select(u => (int)(u / grid.Replications)).Distinct().ToList();
        var staffed = new Dictionary<int, (CompiledStaffing Staffing, double StaffHours)>();
        foreach (var cell in cells)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (hall, week, variant) = grid.CellOf(cell);
            var scenario = variant.Measures.Count == 0 ? hall.Scenario : Measures.Apply(hall.Scenario, variant.Measures, week, grid.Days);
            var compiled = CompiledProblem.Compile(new RosterProblem(scenario, week, grid.Days), cancellationToken);
            var usual = Baselines.SippCover(compiled, new ServiceLevelTarget(grid.Share, grid.WaitTargetMinutes), cancellationToken: cancellationToken);
            staffed[cell] = (compiled.Hall.Compile(new StaffingPlan { Roster = usual.Roster }), usual.StaffHours);
        }

        var options = new HallRunOptions { KeepTickets = false, WaitTargetMinutes = grid.WaitTargetMinutes };
        var results = new SweepUnit[units.Count];
        var done = 0;
        Parallel.For(0, units.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var cell = (int)(units[i] / grid.Replications);
            var replication = (int)(units[i] % grid.Replications);
            var (staffing, hours) = staffed[cell];
            var run = HallModel.Run(staffing, SeedOf(grid, cell), replication, options);
            results[i] = Measure(cell, replication, hours, run);
            progress?.Report(Interlocked.Increment(ref done));
        });
        return results;
    }

    /// <summary>The units of shard <paramref name="shard"/> of <paramref name="shards"/>: indices from
    /// ⌊shard·U/N⌋ up to, not including, ⌊(shard + 1)·U/N⌋ for U units and N shards.</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="shard">0 … <paramref name="shards"/> − 1.</param>
    /// <param name="shards">At least 1.</param>
    /// <returns>The first unit and the one after the last.</returns>
    public static (long First, long End) ShardOf(SweepGrid grid, int shard, int shards)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shards);
        var units = (Int128)grid.Units;
        return ((long)(units * shard / shards), (long)(units * (shard + 1) / shards));
    }

    private static SweepUnit Measure(int cell, int replication, double staffHours, HallRunResult run)
    {
        double tickets = 0, within = 0, called = 0, waiting = 0, overtime = 0;
        foreach (var d in run.Days)
        {
            tickets += d.TicketsIssued;
            within += d.ServiceLevel * d.TicketsIssued;
            var c = d.TicketsIssued - d.NeverCalled;
            called += c;
            waiting += d.MeanWait * c;
            overtime += d.StaffOvertimeMinutes / 60;
        }

        return new SweepUnit(cell, replication, staffHours, tickets, called > 0 ? waiting / called : 0, tickets > 0 ? within / tickets : 1, run.Totals.Balked + run.Totals.NoShow, overtime);
    }

    /// <summary>A shard's units as JSON: the grid's fingerprint (given by the caller, e.g. the SHA-256 of its file), the
    /// shard and the shard count, and one array per unit [cell, replication, staffHours, tickets, meanWait,
    /// withinTarget, turnedAway, overtimeHours] with every number as the shortest text that reads back exactly.</summary>
    /// <param name="fingerprint">Identifies the grid.</param>
    /// <param name="shard">The shard.</param>
    /// <param name="shards">The shard count.</param>
    /// <param name="units">The shard's units.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] ShardJson(string fingerprint, int shard, int shards, IReadOnlyList<SweepUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var json = new JsonObject
        {
            ["grid"] = fingerprint,
            ["shard"] = shard,
            ["shards"] = shards,
            ["units"] = new JsonArray(units.Select(u => (JsonNode)new JsonArray(u.Cell, u.Replication, u.StaffHours, u.Tickets, u.MeanWait, u.WithinTarget, u.TurnedAway, u.OvertimeHours)).ToArray()),
        };
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>Reads shard files and checks them together: one grid, one shard count, every shard exactly once, every
    /// unit of the grid exactly once.</summary>
    /// <param name="grid">The grid they were run from.</param>
    /// <param name="fingerprint">The grid's fingerprint, as given to <see cref="ShardJson"/>.</param>
    /// <param name="files">Each shard's name (for messages) and bytes.</param>
    /// <returns>Every unit, by unit index.</returns>
    /// <exception cref="ScenarioValidationException">Every problem, named by the file.</exception>
    public static IReadOnlyList<SweepUnit> ReadShards(SweepGrid grid, string fingerprint, IReadOnlyList<(string Name, byte[] Bytes)> files)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<ValidationProblem>();
        var units = new SweepUnit?[grid.Units];
        var seen = new Dictionary<int, string>();
        int? count = null;
        foreach (var (name, bytes) in files)
        {
            try
            {
                var node = JsonNode.Parse(bytes)!.AsObject();
                var (g, shard, shards) = (node["grid"]!.GetValue<string>(), node["shard"]!.GetValue<int>(), node["shards"]!.GetValue<int>());
                if (shards < 1 || shard < 0 || shard >= shards)
                {
                    problems.Add(new ValidationProblem(name, FormattableString.Invariant($"says it is shard {shard} of {shards}: expected 0 ≤ shard < shards")));
                    continue;
                }

                if (g != fingerprint)
                {
                    problems.Add(new ValidationProblem(name, "was run from another grid (its fingerprint differs)"));
                    continue;
                }

                if (count is { } c && c != shards)
                {
                    problems.Add(new ValidationProblem(name, FormattableString.Invariant($"is shard {shard} of {shards}, the others of {c}")));
                    continue;
                }

                count = shards;
                if (!seen.TryAdd(shard, name))
                {
                    problems.Add(new ValidationProblem(name, FormattableString.Invariant($"repeats shard {shard} of {seen[shard]}")));
                    continue;
                }

                foreach (var u in node["units"]!.AsArray())
                {
                    var a = u!.AsArray();
                    var unit = new SweepUnit(a[0]!.GetValue<int>(), a[1]!.GetValue<int>(), a[2]!.GetValue<double>(), a[3]!.GetValue<double>(), a[4]!.GetValue<double>(), a[5]!.GetValue<double>(), a[6]!.GetValue<double>(), a[7]!.GetValue<double>());
                    var index = ((long)unit.Cell * grid.Replications) + unit.Replication;
                    var (from, to) = ShardOf(grid, shard, shards);
                    if (unit.Cell < 0 || unit.Cell >= grid.Cells || unit.Replication < 0 || unit.Replication >= grid.Replications || index < from || index >= to || units[index] is not null)
                    {
                        problems.Add(new ValidationProblem(name, FormattableString.Invariant($"unit (cell {unit.Cell}, replication {unit.Replication}) does not belong to shard {shard} of {shards} or appears twice")));
                        continue;
                    }

                    units[index] = unit;
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                problems.Add(new ValidationProblem(name, "is not a shard file of 'hallsim sweep --shard' (" + (ex is JsonException ? "not JSON" : "a field is missing or of the wrong kind") + ")"));
            }
        }

        if (count is { } n)
        {
            var missing = Enumerable.Range(0, n).Where(k => !seen.ContainsKey(k)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new ValidationProblem("shards", FormattableString.Invariant($"missing shard(s) {string.Join(", ", missing)} of {n}")));
            }
        }
        else if (problems.Count == 0)
        {
            problems.Add(new ValidationProblem("shards", "no shard files"));
        }

        if (problems.Count == 0 && units.Any(u => u is null))
        {
            problems.Add(new ValidationProblem("shards", FormattableString.Invariant($"{units.Count(u => u is null)} unit(s) of the grid are in no shard")));
        }

        // A cell rostered in several shards must have had the same roster in each (CP-SAT's wall-clock cap, or another
        // build, could give another): its staff-hours must agree.
        if (problems.Count == 0)
        {
            foreach (var cell in units.GroupBy(u => u!.Cell).Where(g => g.Select(u => u!.StaffHours).Distinct().Count() > 1))
            {
                var (hall, week, variant) = grid.CellOf(cell.Key);
                problems.Add(new ValidationProblem("shards", FormattableString.Invariant($"cell {cell.Key} ({hall.Name}, {week:yyyy-MM-dd}, {variant.Name}) was rostered differently in different shards ({string.Join(", ", cell.Select(u => u!.StaffHours).Distinct())} staff-hours): rerun them with the same build on machines that do not hit the solver's wall-clock cap")));
            }
        }

        return problems.Count > 0 ? throw new ScenarioValidationException("the sweep shards", problems) : units.Select(u => u!).ToArray();
    }

    /// <summary>
    /// sweep.json: per cell its hall, week, variant, measures (in English), the roster's staff-hours and, over the
    /// replications, mean and 95% half-width of the tickets, mean wait, share called within the target, citizens
    /// turned away and overtime hours. Numbers rounded to 4 decimals; the same units give the same bytes.
    /// </summary>
    /// <param name="grid">The grid.</param>
    /// <param name="units">Every unit of the grid (any order).</param>
    /// <returns>UTF-8 JSON, indented.</returns>
    /// <exception cref="ArgumentException">A unit is missing or repeated.</exception>
    public static byte[] Summary(SweepGrid grid, IReadOnlyList<SweepUnit> units)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(units);
        var byCell = units.GroupBy(u => u.Cell).ToDictionary(g => g.Key, g => g.OrderBy(u => u.Replication).ToList());
        if (units.Count != grid.Units || byCell.Count != grid.Cells || byCell.Values.Any(l => l.Select(u => u.Replication).Distinct().Count() != grid.Replications))
        {
            throw new ArgumentException("every unit of the grid, each once", nameof(units));
        }

        static double R(double x) => double.IsFinite(x) ? Math.Round(x, 4) : 0;
        JsonObject E(IEnumerable<double> values)
        {
            var m = MeanEstimate.Of(values.ToList());
            return new JsonObject { ["mean"] = R(m.Mean), ["halfWidth95"] = R(m.HalfWidth) };
        }

        var cells = new JsonArray();
        for (var c = 0; c < grid.Cells; c++)
        {
            var (hall, week, variant) = grid.CellOf(c);
            var list = byCell[c];
            cells.Add(new JsonObject
            {
                ["hall"] = hall.Name,
                ["week"] = week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["variant"] = variant.Name,
                ["measures"] = new JsonArray(variant.Measures.Select(m => (JsonNode)m.Describe(ReportLanguage.English)).ToArray()),
                ["staffHours"] = R(list[0].StaffHours),
                ["tickets"] = E(list.Select(u => u.Tickets)),
                ["meanWaitMinutes"] = E(list.Select(u => u.MeanWait)),
                ["calledWithinTarget"] = E(list.Select(u => u.WithinTarget)),
                ["turnedAwayCitizens"] = E(list.Select(u => u.TurnedAway)),
                ["overtimeHours"] = E(list.Select(u => u.OvertimeHours)),
            });
        }

        var json = new JsonObject
        {
            ["days"] = grid.Days,
            ["replications"] = grid.Replications,
            ["seed"] = grid.Seed,
            ["target"] = new JsonObject { ["share"] = grid.Share, ["withinMinutes"] = grid.WaitTargetMinutes },
            ["cells"] = cells,
        };
        return new UTF8Encoding(false).GetBytes(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) }));
    }

    private static IEnumerable<(string Name, string Path)> Duplicates(IEnumerable<string> names, string path) =>
        names.Select((n, i) => (n, i)).GroupBy(x => x.n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => (g.Key, FormattableString.Invariant($"{path}[{g.Skip(1).First().i}].name")));
}
