using System.Text.Json.Nodes;
using CsCheck;
using HallSim.Model;
using HallSim.Scenarios;
using HallSim.Staffing;
using HallSim.Tests.Model;

namespace HallSim.Tests.Scenarios;

/// <summary>
/// Property tests (CsCheck): scenario files mutated at random — a field removed, renamed, set to a wrong type, to an
/// extreme number or to null — are either refused with problems that each name a path and contain no .NET type name
/// or NaN, or accepted and then simulate without an exception. 600 cases of one or two edits per run from a fixed seed (CsCheck_Seed explores others; a failure prints its seed).
/// </summary>
public class ScenarioPropertyTests
{
    private static readonly string Valid = ScenarioJson.Serialize(HallScenarios.SmallHall(arrivalsPerDay: 150, days: 1) with
    {
        Staff = [new StaffMember("A", "A", [Window.AnyCategory]), new StaffMember("B", "B", ["rental"])],
        Shifts = [new ShiftTemplate("day", new TimeOnly(9, 0), new TimeOnly(17, 0)) { Breaks = [new StaffBreak(new TimeOnly(12, 0), new TimeOnly(12, 30)) { LatestStart = new TimeOnly(13, 0) }] }],
    });

    /// <summary>Every (parent, key or index) in the document, for picking a place to mutate.</summary>
    private static List<(JsonNode Parent, string? Key, int Index)> Places(JsonNode node)
    {
        var places = new List<(JsonNode, string?, int)>();
        void Walk(JsonNode n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (k, v) in o.ToList())
                    {
                        places.Add((o, k, -1));
                        if (v is not null)
                        {
                            Walk(v);
                        }
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        places.Add((a, null, i));
                        if (a[i] is { } v)
                        {
                            Walk(v);
                        }
                    }

                    break;
            }
        }

        Walk(node);
        return places;
    }

    private static readonly JsonNode?[] Replacements =
    [
        null, JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(1e308), JsonValue.Create(-1e308), JsonValue.Create(0.5),
        JsonValue.Create("x"), JsonValue.Create("25:61"), JsonValue.Create("9999-12-31"), JsonValue.Create(true),
        new JsonArray(), new JsonObject(), JsonValue.Create(int.MaxValue),
    ];

    private static string Mutate(string json, IReadOnlyList<(int Place, int Kind, int Value)> edits)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var (place, kind, value) in edits)
        {
            var places = Places(root);
            var (parent, key, index) = places[place % places.Count];
            var replacement = Replacements[value % Replacements.Length]?.DeepClone();
            switch (kind % 3)
            {
                case 0 when key is not null:
                    ((JsonObject)parent).Remove(key);
                    break;
                case 1 when key is not null:
                    var o = (JsonObject)parent;
                    var v = o[key]?.DeepClone();
                    o.Remove(key);
                    o[key + "x"] = v;
                    break;
                default:
                    if (key is not null)
                    {
                        ((JsonObject)parent)[key] = replacement;
                    }
                    else
                    {
                        ((JsonArray)parent)[index] = replacement;
                    }

                    break;
            }
        }

        return root.ToJsonString();
    }

    /// <summary>A fixed seed keeps CI reproducible; set CsCheck_Seed to explore others. This one found a service time of
    /// 10³⁰⁸ minutes that validated and simulated to an infinite mean wait (now refused: a mean over a week).</summary>
    private const string RegressionSeed = "cnL-7tugRjU1";

    [Fact]
    public void MutatedScenarios_AreRefusedInTheFormatsTerms_OrSimulate()
    {
        var edit = Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 2], Gen.Int[0, 100]);
        int refused = 0, simulated = 0;
        Gen.Int[1, 2].SelectMany(n => edit.Array[n]).Sample(edits =>
        {
            var json = Mutate(Valid, edits);
            Scenario scenario;
            try
            {
                scenario = ScenarioJson.Parse(json);
            }
            catch (ScenarioValidationException ex)
            {
                Assert.NotEmpty(ex.Problems);
                foreach (var p in ex.Problems)
                {
                    Assert.False(string.IsNullOrWhiteSpace(p.Path), $"a problem without a path: {p.Message}");
                    Assert.DoesNotContain("HallSim.", p.Message, StringComparison.Ordinal);
                    Assert.DoesNotContain("System.", p.Message, StringComparison.Ordinal);
                    Assert.DoesNotContain("NaN", p.Message, StringComparison.Ordinal);
                }

                Interlocked.Increment(ref refused);
                return;
            }

            // Accepted: it must simulate (with the scenario's own roster when it has staff, else two windows).
            var staffing = scenario.Staff.Count > 0 && scenario.Shifts.Count > 0
                ? new StaffingPlan { Roster = new Roster([.. scenario.Staff.Take(1).Select(m => new RosterAssignment(scenario.StartDate, m.Id, scenario.Shifts[0].Id))]) }
                : StaffingPlan.DuringOpeningHours(scenario, Math.Min(2, scenario.Windows.Count));
            try
            {
                var run = HallModel.Run(scenario, staffing, 1);
                Assert.All(run.Days, d => Assert.True(double.IsFinite(d.MeanWait), json));
                Interlocked.Increment(ref simulated);
            }
            catch (ScenarioValidationException)
            {
                // A staffing that does not fit the mutated scenario (a roster seat, a window count) is refused, not a crash.
            }
        }, iter: 600, seed: Environment.GetEnvironmentVariable("CsCheck_Seed") ?? RegressionSeed);

        // Both outcomes occur, so the property is not vacuous (measured: about one mutant in ten still simulates).
        Assert.True(refused > 100 && simulated > 20, $"{refused} refused, {simulated} simulated");
    }
}
