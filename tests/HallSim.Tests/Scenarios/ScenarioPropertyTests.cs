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
/// or NaN, or accepted and then simulate without an exception. The same 600 cases of one or two edits every run (CsCheck_Seed explores new ones; a failure prints its seed).
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

    /// <summary>The seed of the fixed set of cases CI runs. CsCheck's own seed fixes only the first of a sample's cases and
    /// draws the others afresh, so a CI run could fail on a case no run before had seen (one did, seed 7tz54leeODf1: a
    /// lognormal sd of 10³⁰⁸). The same 600 cases every run; set CsCheck_Seed to explore new ones from that seed.</summary>
    private const string FixedCasesSeed = "7tz54leeODf1";

    private enum Outcome
    {
        Refused,
        Simulated,
        StaffingRefused,
    }

    private static Outcome Check(IReadOnlyList<(int Place, int Kind, int Value)> edits)
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
                Assert.DoesNotContain("Infinity", p.Message, StringComparison.Ordinal);
            }

            return Outcome.Refused;
        }

        // Accepted: it must simulate (with the scenario's own roster when it has staff, else two windows).
        var staffing = scenario.Staff.Count > 0 && scenario.Shifts.Count > 0
            ? new StaffingPlan { Roster = new Roster([.. scenario.Staff.Take(1).Select(m => new RosterAssignment(scenario.StartDate, m.Id, scenario.Shifts[0].Id))]) }
            : StaffingPlan.DuringOpeningHours(scenario, Math.Min(2, scenario.Windows.Count));
        try
        {
            var run = HallModel.Run(scenario, staffing, 1);
            Assert.All(run.Days, d => Assert.True(double.IsFinite(d.MeanWait), json));
            return Outcome.Simulated;
        }
        catch (ScenarioValidationException)
        {
            // A staffing that does not fit the mutated scenario (a roster seat, a window count) is refused, not a crash.
            return Outcome.StaffingRefused;
        }
    }

    private static readonly Gen<(int Place, int Kind, int Value)[]> Edits =
        Gen.Int[1, 2].SelectMany(n => Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 2], Gen.Int[0, 100]).Array[n]);

    [Fact]
    public void MutatedScenarios_AreRefusedInTheFormatsTerms_OrSimulate()
    {
        int refused = 0, simulated = 0;
        var explore = Environment.GetEnvironmentVariable("CsCheck_Seed");
        if (explore is not null)
        {
            // Exploring: the seed's case first, then fresh random cases; a failure prints the seed that reproduces it.
            Edits.Sample(edits =>
            {
                var outcome = Check(edits);
                if (outcome == Outcome.Refused)
                {
                    Interlocked.Increment(ref refused);
                }
                else if (outcome == Outcome.Simulated)
                {
                    Interlocked.Increment(ref simulated);
                }
            }, iter: 600, seed: explore);
        }
        else
        {
            var cases = Edits.Array[600].Single(_ => true, FixedCasesSeed);
            for (var i = 0; i < cases.Length; i++)
            {
                var outcome = Outcome.Refused;
                var ex = Record.Exception(() => outcome = Check(cases[i]));
                Assert.True(ex is null, $"case {i} of the fixed set, edits [{string.Join(", ", cases[i])}]: {ex}");
                refused += outcome == Outcome.Refused ? 1 : 0;
                simulated += outcome == Outcome.Simulated ? 1 : 0;
            }
        }

        // Both outcomes occur, so the property is not vacuous (measured: about one mutant in ten still simulates).
        Assert.True(refused > 100 && simulated > 20, $"{refused} refused, {simulated} simulated");
    }

    [Fact]
    public void TheMutantThatDrewNaN_IsNowRefused()
    {
        // The case CI met at random (seed 7tz54leeODf1): one edit that sets categories[0].serviceTime.sd to 10³⁰⁸.
        Assert.Equal(Outcome.Refused, Check([(2689, 2, 16)]));
        Assert.Contains("1E+308", Mutate(Valid, [(2689, 2, 16)]), StringComparison.Ordinal);
    }
}
