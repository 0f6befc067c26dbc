using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Tests.Model;

namespace HallSim.Tests.Scenarios;

public class ScenarioJsonTests
{
    [Fact]
    public void RoundTrip_GivesAnEqualScenario()
    {
        var s = HallScenarios.SmallHall() with
        {
            Kiosks = [new KioskGroup("etax", 2, ["tax"], 0.3, new TriangularDistribution(1, 2, 6)) { FailureShare = 0.2 }],
            Behaviour = new CitizenBehaviour { Balking = new Balking(10, 30), Patience = new WeibullDistribution(1.5, 40) },
        };

        var json = ScenarioJson.Serialize(s);
        var back = ScenarioJson.Parse(json);

        Assert.Equal(json, ScenarioJson.Serialize(back));
        Assert.Contains("\"type\": \"lognormal\"", json);
        Assert.Contains("\"open\": \"09:00\"", json);
        Assert.Equal(s.Categories[0].ServiceTime, back.Categories[0].ServiceTime);
        Assert.Equal(s.Behaviour.Balking, back.Behaviour.Balking);
    }

    [Fact]
    public void AbsentOptionalFields_TakeTheirDefaults()
    {
        // Regression: System.Text.Json's source generator reset absent init-only properties to default(T).
        const string json = """
            { "name": "h", "startDate": "2026-03-02", "days": 1,
              "categories": [ { "id": "a", "share": 1, "serviceTime": { "type": "exponential", "mean": 5 } } ],
              "demand": { "arrivalsPerDay": 10 }, "windows": [ { "id": "W1", "categories": ["*"] } ] }
            """;
        var s = ScenarioJson.Parse(json);

        Assert.Equal("Asia/Shanghai", s.TimeZone);
        Assert.Equal(30, s.Calendar.TicketCutoffMinutes);
        Assert.Equal(2, s.Calendar.WeekdayHours.Count);
        Assert.Equal(1.1, s.Demand.WeekdayFactors[0]);
        Assert.Equal(RoutingRule.PriorityClassesFirst, s.Routing);
        Assert.Equal(3, s.Behaviour.AbsentWhenCalled.Calls);
        Assert.DoesNotContain("endDate", ScenarioJson.Serialize(s), StringComparison.Ordinal);
    }

    [Fact]
    public void BadJson_ListsEveryProblemWithPath_NeverAStackTrace()
    {
        var json = ScenarioJson.Serialize(HallScenarios.SmallHall())
            .Replace("\"type\": \"lognormal\"", "\"type\": \"lognormale\"", StringComparison.Ordinal)
            .Replace("\"shape\": 2.25", "\"shape\": -2.25", StringComparison.Ordinal)
            .Replace("\"days\": 5", "\"days\": 0", StringComparison.Ordinal);

        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(json, "hall.json"));

        Assert.Contains(ex.Problems, p => p.Path == "categories[0].serviceTime" && p.Message.Contains("unknown type \"lognormale\""));
        Assert.Contains(ex.Problems, p => p.Path == "categories[1].serviceTime" && p.Message.Contains("gamma"));
        Assert.Contains(ex.Problems, p => p.Path == "days");
        Assert.StartsWith("hall.json has 3 problems", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"name\": ", "name")]
    [InlineData("[1, 2]", "(document)")]
    public void MalformedJson_GivesOneClearProblem(string json, string path)
    {
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(json));
        Assert.Single(ex.Problems);
        Assert.Equal(path, ex.Problems[0].Path);
    }

    [Fact]
    public void UnknownField_IsAProblem_NotSilentlyIgnored()
    {
        var json = ScenarioJson.Serialize(HallScenarios.SmallHall()).Replace("\"days\": 5", "\"days\": 5, \"dayz\": 6", StringComparison.Ordinal);
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(json));
        Assert.Contains("dayz", ex.Message);
    }

    [Fact]
    public void ADurationLongerThanAWeek_IsRefused_NotSimulatedToInfinity()
    {
        // Found by the property test: a service time of 10³⁰⁸ minutes validated and gave an infinite mean wait.
        var json = ScenarioJson.Serialize(HallScenarios.SmallHall(days: 1)).Replace("\"mean\": 8,", "\"mean\": 1E+308,", StringComparison.Ordinal);
        Assert.Contains("1E+308", json, StringComparison.Ordinal);
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(json));
        Assert.Contains(ex.Problems, p => p.Path == "categories[0].serviceTime" && p.Message.Contains("more than a week", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOverflowingSpreadOrMean_IsRefusedWithoutNaN()
    {
        // Found by the property test (CsCheck seed 7tz54leeODf1): a lognormal service time with sd 10³⁰⁸ validated, then
        // every draw was NaN and the simulation stopped at 543 minutes with "delay … NaN".
        var hall = HallScenarios.SmallHall(days: 1);
        var json = ScenarioJson.Serialize(hall with
        {
            Categories =
            [
                hall.Categories[0] with { ServiceTime = new LogNormalDistribution(8, 1e308) },
                hall.Categories[1] with { ServiceTime = new WeibullDistribution(1e-3, 5) },
            ],
        });
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(json));
        Assert.Contains(ex.Problems, p => p.Path == "categories[0].serviceTime" && p.Message.Contains("standard deviation too large", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "categories[1].serviceTime" && p.Message.Contains("no finite mean", StringComparison.Ordinal));
        Assert.All(ex.Problems, p => Assert.DoesNotContain("NaN", p.Message, StringComparison.Ordinal));
        Assert.All(ex.Problems, p => Assert.DoesNotContain("Infinity", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Typos_DoNotHideEachOther_NorTheOtherProblems()
    {
        // Two misspelt fields at different depths and a value out of range: all three are listed at once, each typo
        // with the fields expected where it stands.
        var json = ScenarioJson.Serialize(HallScenarios.SmallHall())
            .Replace("\"days\": 5", "\"days\": 0, \"dayz\": 6", StringComparison.Ordinal)
            .Replace("\"ticketCutoffMinutes\"", "\"ticketCutOffMinutes\": 30, \"ticketCutofMinutes\"", StringComparison.Ordinal);
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(json));
        Assert.Contains(ex.Problems, p => p.Path == "dayz" && p.Message.Contains("is not a field here (expected one of", StringComparison.Ordinal) && p.Message.Contains("days", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "calendar.ticketCutofMinutes" && p.Message.Contains("ticketCutoffMinutes", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "days");
        Assert.DoesNotContain(ex.Problems, p => p.Path == "calendar.ticketCutOffMinutes"); // names are case-insensitive, as the reader is
    }

    [Fact]
    public void BadTimeOfDay_IsAProblem()
    {
        var json = ScenarioJson.Serialize(HallScenarios.SmallHall()).Replace("\"09:00\"", "\"9 o'clock\"", StringComparison.Ordinal);
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(json));
        Assert.Contains("HH:mm", ex.Problems[0].Message);
    }

    [Theory]
    [InlineData("\"days\": 5", "\"days\": \"5\"", "days", "a number")] // a number given as a string
    [InlineData("\"days\": 5", "\"days\": 5, \"days\": 6", "days", "")] // a key given twice
    [InlineData("\"routing\": \"PriorityClassesFirst\"", "\"routing\": 5", "routing", "PriorityClassesFirst")] // an enum as a number
    public void StrictJson_ValuesThatWouldBeGuessed_AreProblems_InTheFormatsTerms(string find, string replace, string path, string expected)
    {
        var json = ScenarioJson.Serialize(HallScenarios.SmallHall());
        Assert.Contains(find, json, StringComparison.Ordinal);
        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(json.Replace(find, replace, StringComparison.Ordinal)));
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("HallSim.", problem.Message, StringComparison.Ordinal); // no .NET type names
        Assert.DoesNotContain("System.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidThenCrash_IsNowAValidationError_StartDateMissingOrTooLate_AllZeroHours_UnknownRouting()
    {
        var s = HallScenarios.SmallHall();
        Assert.Contains((s with { StartDate = default }).Validate(), p => p.Path == "startDate" && p.Message.Contains("missing", StringComparison.Ordinal));
        Assert.Contains((s with { StartDate = new DateOnly(9999, 12, 30) }).Validate(), p => p.Path == "startDate");
        Assert.Contains((s with { Demand = s.Demand with { HourWeights = new double[24] } }).Validate(), p => p.Path == "demand.hourWeights");
        Assert.Contains((s with { Routing = (RoutingRule)5 }).Validate(), p => p.Path == "routing" && p.Message.Contains("PriorityClassesFirst", StringComparison.Ordinal));
        Assert.Empty(s.Validate());

        var json = ScenarioJson.Serialize(s);
        var noStart = System.Text.RegularExpressions.Regex.Replace(json, "\"startDate\": \"[0-9-]+\",", string.Empty);
        Assert.Contains(Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse(noStart)).Problems, p => p.Path == "startDate");
    }
}

