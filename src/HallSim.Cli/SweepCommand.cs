using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using HallSim.Planning;
using HallSim.Scenarios;

namespace HallSim.Cli;

/// <summary>
/// <c>hallsim sweep</c>: a grid of halls × weeks × variants × replications, whole or one deterministic shard of it
/// (<c>--shard k/n</c>, k from 0: a Slurm array task's SLURM_ARRAY_TASK_ID or a Kubernetes Indexed Job's
/// JOB_COMPLETION_INDEX); <c>hallsim sweep merge</c> combines the shards into exactly the unsharded sweep.json.
/// </summary>
internal static class SweepCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The variant keys of a grid file and the whatif options they are written as.</summary>
    private static readonly (string Key, string Option)[] MeasureKeys =
    [
        ("extraStaff", "--extra-staff"), ("evening", "--evening"), ("saturday", "--saturday"), ("appointments", "--appointments"), ("selfService", "--self-service"),
    ];

    internal static int Run(Options o, TextWriter output, TextWriter error)
    {
        o.RejectPositional();
        var (grid, fingerprint) = LoadGrid(o);
        var (shard, shards) = (0, 1);
        if (o.Text("--shard") is { } text)
        {
            var parts = text.Split('/');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, Inv, out var k) && int.TryParse(parts[1], NumberStyles.None, Inv, out var n) && n is >= 1 and <= 100_000 && k < n)
            {
                (shard, shards) = (k, n);
            }
            else
            {
                o.Errors.Add($"--shard: \"{text}\" is not K/N with 0 ≤ K < N (e.g. 0/3, or $SLURM_ARRAY_TASK_ID/3)");
            }
        }

        var outDir = o.Text("--out") ?? "out";
        if (o.Errors.Count > 0 || grid is null)
        {
            Program.ReportBadInput("sweep", o.Errors, error);
            return Program.BadInput;
        }

        IReadOnlyList<SweepUnit> units = [];
        ProgressView.Run(o.Flag("--quiet"), error, $"hallsim sweep: {grid.Cells} cells × {grid.Replications} replications{(shards > 1 ? string.Create(Inv, $", shard {shard} of {shards}") : string.Empty)}", step =>
        {
            var count = (grid.Units - shard + shards - 1) / shards;
            units = Sweep.Run(grid, shard, shards, new SynchronousProgress<int>(d => step(string.Create(Inv, $"{d} of {count} units"), (double)d / Math.Max(1, count))), Program.Cancellation);
        });

        var (path, bytes) = o.Text("--shard") is null
            ? (Path.Combine(outDir, "sweep.json"), Sweep.Summary(grid, units))
            : (Path.Combine(outDir, string.Create(Inv, $"shard-{shard}-of-{shards}.json")), Sweep.ShardJson(fingerprint, shard, shards, units));
        return Write(path, bytes, "sweep", output, error);
    }

    internal static int Merge(Options o, TextWriter output, TextWriter error)
    {
        o.RejectPositional();
        var (grid, fingerprint) = LoadGrid(o);
        var files = new List<(string Name, byte[] Bytes)>();
        if (o.Text("--shards") is not { } folder)
        {
            o.Errors.Add("--shards: missing (the folder of the shard-K-of-N.json files that 'hallsim sweep --shard' wrote)");
        }
        else if (!Directory.Exists(folder))
        {
            o.Errors.Add($"--shards: \"{folder}\" is not a folder");
        }
        else
        {
            foreach (var f in Directory.GetFiles(folder, "shard-*-of-*.json").Order(StringComparer.Ordinal))
            {
                try
                {
                    files.Add((f, File.ReadAllBytes(f)));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    o.Errors.Add($"{f}: cannot be read ({ex.Message})");
                }
            }
        }

        IReadOnlyList<SweepUnit>? units = null;
        if (grid is not null && o.Errors.Count == 0)
        {
            try
            {
                units = Sweep.ReadShards(grid, fingerprint, files);
            }
            catch (ScenarioValidationException ex)
            {
                o.Errors.AddRange(ex.Problems.Select(p => $"{p.Path}: {p.Message}"));
            }
        }

        if (o.Errors.Count > 0 || grid is null || units is null)
        {
            Program.ReportBadInput("sweep merge", o.Errors, error);
            return Program.BadInput;
        }

        return Write(Path.Combine(o.Text("--out") ?? "out", "sweep.json"), Sweep.Summary(grid, units), "sweep merge", output, error);
    }

    private static int Write(string path, byte[] bytes, string command, TextWriter output, TextWriter error)
    {
        var failure = OutputFiles.Write([(path, s => s.Write(bytes))]);
        if (failure is not null)
        {
            Program.ReportBadInput(command, [$"--out: \"{path}\" cannot be written ({failure})"], error);
            return Program.BadInput;
        }

        output.WriteLine($"wrote {path}");
        return Program.Ok;
    }

    /// <summary>The grid of --grid, and its fingerprint (SHA-256 of the file and of every scenario file it names);
    /// every problem added to <paramref name="o"/> with its path in the file.</summary>
    private static (SweepGrid? Grid, string Fingerprint) LoadGrid(Options o)
    {
        if (o.Text("--grid") is not { } path)
        {
            o.Errors.Add("--grid: missing (a grid JSON file: halls, weeks, variants, replications; see docs/sweeps.md)");
            return (null, string.Empty);
        }

        byte[] bytes;
        JsonObject root;
        try
        {
            bytes = File.ReadAllBytes(path);
            root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new JsonException("not a JSON object");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            o.Errors.Add($"--grid: \"{path}\" cannot be read ({ex.Message})");
            return (null, string.Empty);
        }
        catch (JsonException ex)
        {
            o.Errors.Add($"{path}: not a JSON object ({ex.Message.Split('.')[0]})");
            return (null, string.Empty);
        }

        var errors = new List<string>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(bytes);
        var known = new HashSet<string>(["halls", "weeks", "variants", "days", "replications", "seed", "share", "withinMinutes"], StringComparer.Ordinal);
        foreach (var key in root.Select(p => p.Key).Where(k => !known.Contains(k)))
        {
            errors.Add($"{key}: unknown field (expected {string.Join(", ", known)})");
        }

        int Int(string key, int fallback, int min, int max)
        {
            if (root[key] is not { } node)
            {
                return fallback;
            }

            if (node is JsonValue v && v.TryGetValue<int>(out var i) && i >= min && i <= max)
            {
                return i;
            }

            errors.Add($"{key}: {node.ToJsonString()} is not a whole number from {min} to {max}");
            return fallback;
        }

        double Number(string key, double fallback)
        {
            if (root[key] is not { } node)
            {
                return fallback;
            }

            if (node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d))
            {
                return d;
            }

            errors.Add($"{key}: {node.ToJsonString()} is not a number");
            return fallback;
        }

        T Bad<T>(string key, string expected, T fallback)
        {
            errors.Add($"{key}: {root[key]?.ToJsonString() ?? "null"} {expected}");
            return fallback;
        }

        var halls = new List<SweepHall>();
        var hallNodes = root["halls"] as JsonArray;
        if (hallNodes is null || hallNodes.Count == 0)
        {
            errors.Add("halls: expected a list of {\"name\": …, \"scenario\": \"jihua\" | \"jihua-peak\" | a scenario file}");
        }

        for (var i = 0; hallNodes is not null && i < hallNodes.Count; i++)
        {
            var name = (hallNodes[i] as JsonObject)?["name"] is JsonValue n && n.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
            var source = (hallNodes[i] as JsonObject)?["scenario"] is JsonValue sv && sv.TryGetValue<string>(out var t) ? t : null;
            if (name is null || source is null)
            {
                errors.Add(string.Create(Inv, $"halls[{i}]: expected {{\"name\": a non-empty name, \"scenario\": \"jihua\" | \"jihua-peak\" | a scenario file}}"));
                continue;
            }

            var scenario = Program.Embedded(source);
            if (scenario is null)
            {
                var file = Path.IsPathRooted(source) ? source : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, source);
                var problems = new List<string>();
                scenario = Program.LoadScenario(file, TextWriter.Null, problems);
                errors.AddRange(problems.Select(p => string.Create(Inv, $"halls[{i}].scenario: {p}")));
                if (scenario is not null)
                {
                    hash.AppendData(File.ReadAllBytes(file));
                }
            }

            if (scenario is not null)
            {
                halls.Add(new SweepHall(name, scenario));
            }
        }

        var weeks = new List<DateOnly>();
        if (root["weeks"] is not JsonArray weekNodes || weekNodes.Count == 0)
        {
            errors.Add("weeks: expected a list of first dates, e.g. [\"2026-03-23\"]");
        }
        else
        {
            for (var i = 0; i < weekNodes.Count; i++)
            {
                if (weekNodes[i] is JsonValue wv && wv.TryGetValue<string>(out var text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", Inv, DateTimeStyles.None, out var date))
                {
                    weeks.Add(date);
                }
                else
                {
                    errors.Add(string.Create(Inv, $"weeks[{i}]: {weekNodes[i]?.ToJsonString() ?? "null"} is not a date yyyy-MM-dd"));
                }
            }
        }

        var variants = new List<SweepVariant>();
        if (root["variants"] is not JsonArray variantNodes || variantNodes.Count == 0)
        {
            errors.Add("variants: expected a list of {\"name\": …, and measures as whatif writes them: \"extraStaff\", \"evening\", \"saturday\", \"appointments\", \"selfService\"}");
        }
        else
        {
            for (var i = 0; i < variantNodes.Count; i++)
            {
                if (variantNodes[i] is not JsonObject v || v["name"] is not JsonValue nv || !nv.TryGetValue<string>(out var name) || name.Length == 0)
                {
                    errors.Add(string.Create(Inv, $"variants[{i}]: expected {{\"name\": a non-empty name, …measures}}"));
                    continue;
                }

                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in v.Where(p => p.Key != "name"))
                {
                    var option = MeasureKeys.FirstOrDefault(m => m.Key == key).Option;
                    if (option is null)
                    {
                        errors.Add(string.Create(Inv, $"variants[{i}].{key}: unknown measure (expected {string.Join(", ", MeasureKeys.Select(m => m.Key))})"));
                    }
                    else if (value is JsonValue jv && jv.TryGetValue<string>(out var s))
                    {
                        values[option] = s;
                    }
                    else
                    {
                        errors.Add(string.Create(Inv, $"variants[{i}].{key}: expected text as whatif's {option} takes it"));
                    }
                }

                var parsed = Options.From(values, [], [], []);
                var measures = WhatIfCommand.Parse(parsed);
                foreach (var e in parsed.Errors)
                {
                    var (option, key) = MeasureKeys.Select(m => (m.Option, m.Key)).FirstOrDefault(m => e.StartsWith(m.Option + ":", StringComparison.Ordinal));
                    errors.Add(option is null ? string.Create(Inv, $"variants[{i}]: {e}") : string.Create(Inv, $"variants[{i}].{key}{e[option.Length..]}"));
                }

                variants.Add(new SweepVariant(name, measures));
            }
        }

        var grid = new SweepGrid(halls, weeks, variants)
        {
            Days = Int("days", 7, 1, 366),
            Replications = Int("replications", 20, 2, 100_000),
            Seed = root["seed"] is null ? 1 : root["seed"] is JsonValue seedValue && seedValue.TryGetValue<ulong>(out var seed) ? seed : Bad<ulong>("seed", "is not a whole number from 0 to 18446744073709551615", 1),
            Share = Number("share", 0.8),
            WaitTargetMinutes = Number("withinMinutes", 15),
        };
        if (errors.Count == 0)
        {
            errors.AddRange(Sweep.Validate(grid).Select(p => p.Path.Length > 0 ? $"{p.Path}: {p.Message}" : p.Message));
        }

        o.Errors.AddRange(errors.Select(e => $"{path}: {e}"));
        return (errors.Count > 0 ? null : grid, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
