using System.Text.Json;
using System.Text.RegularExpressions;
using HallSim.Model;
using HallSim.Scenarios;

namespace HallSim.Tests.Docs;

/// <summary>docs/scenario-format.md and docs/scenario.schema.json cannot drift from the code.</summary>
public partial class ScenarioFormatDocTests
{
    private static string DocsFile(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HallSim.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("HallSim.sln not found above the test output"), "docs", name);
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [Fact]
    public void MinimalExample_Parses_AndRuns()
    {
        var markdown = File.ReadAllText(DocsFile("scenario-format.md"));
        var json = JsonBlock().Match(markdown).Groups[1].Value;

        var scenario = ScenarioJson.Parse(json, "docs/scenario-format.md");
        var result = HallModel.Run(scenario, Halls.WeekdaySessions(3), seed: 1);

        Assert.Equal("A small hall", scenario.Name);
        Assert.True(result.Totals.Served > 0);
    }

    [Fact]
    public void Schema_DeclaresEveryFieldTheSerializerWrites()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(DocsFile("scenario.schema.json")));
        using var jihua = JsonDocument.Parse(ScenarioJson.Serialize(Halls.Jihua with
        {
            Appointments = new AppointmentPolicy(0.1, 4),
            Behaviour = Halls.Jihua.Behaviour,
        }));
        var missing = new List<string>();
        Walk(jihua.RootElement, schema.RootElement, schema.RootElement, "$", missing);
        using var journeys = JsonDocument.Parse(ScenarioJson.Serialize(HallSim.Tests.Model.JourneyTests.Everything() with
        {
            Journeys = HallSim.Tests.Model.JourneyTests.Everything().Journeys! with
            {
                Categories = [.. HallSim.Tests.Model.JourneyTests.Everything().Journeys!.Categories, new CategoryJourney("tax") { Deadline = new DateOnly(2026, 3, 31) }],
            },
        }));
        Walk(journeys.RootElement, schema.RootElement, schema.RootElement, "$", missing);

        Assert.Empty(missing);
    }

    private static void Walk(JsonElement value, JsonElement node, JsonElement root, string path, List<string> missing)
    {
        node = Resolve(node, root, value.ValueKind);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (!node.TryGetProperty("properties", out var properties))
                {
                    missing.Add($"{path}: the schema has no properties here");
                    return;
                }

                foreach (var p in value.EnumerateObject())
                {
                    if (properties.TryGetProperty(p.Name, out var child))
                    {
                        Walk(p.Value, child, root, $"{path}.{p.Name}", missing);
                    }
                    else
                    {
                        missing.Add($"{path}.{p.Name}");
                    }
                }

                break;
            case JsonValueKind.Array when node.TryGetProperty("items", out var items):
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Walk(item, items, root, $"{path}[{i++}]", missing);
                }

                break;
        }
    }

    private static JsonElement Resolve(JsonElement node, JsonElement root, JsonValueKind kind)
    {
        if (node.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return Resolve(root.GetProperty("$defs").GetProperty(name), root, kind);
        }

        if (node.TryGetProperty("oneOf", out var options))
        {
            foreach (var option in options.EnumerateArray())
            {
                var resolved = Resolve(option, root, kind);
                var isNull = resolved.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";
                if (!isNull)
                {
                    return resolved;
                }
            }
        }

        return node;
    }
}
