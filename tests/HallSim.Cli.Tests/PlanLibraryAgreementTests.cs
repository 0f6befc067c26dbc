using System.Text.Json.Nodes;
using HallSim.Planning;
using HallSim.Reports;
using HallSim.Scenarios;

namespace HallSim.Cli.Tests;

/// <summary>The command and the library are one pipeline: <c>hallsim optimise</c> writes exactly what
/// <see cref="RosterPlanner.Plan"/> returns for the same request and seed.</summary>
public class PlanLibraryAgreementTests
{
    [Fact]
    public void CliSummary_IsTheLibraryOutcome_ForTheSameSeed()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-agree-{Guid.NewGuid():N}");
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = Program.Run(["optimise", "--from", "2026-03-23", "--days", "1", "--replications", "3", "--seed", "7", "--out", dir, "--quiet", "--lang", "en"], output, error);
            Assert.True(code == 0, error.ToString());
            var cli = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!.AsObject();

            var outcome = RosterPlanner.Plan(new PlanRequest(Halls.JihuaPeak) { From = new DateOnly(2026, 3, 23), Days = 1, Replications = 3, Seed = 7 });
            var library = PlanFiles.Summary(outcome, ReportLanguage.English, "optimise");

            // Everything but the wall-clock seconds must agree, to the last digit.
            cli.Remove("seconds");
            library.Remove("seconds");
            Assert.Equal(library.ToJsonString(), cli.ToJsonString());

            // And the summary is the outcome's data, not a second computation.
            Assert.Equal(Math.Round(outcome.Recommended.Evaluation.MeanWait.Mean, 4), (double)cli["rosters"]![0]!["meanWaitMinutes"]!["mean"]!);
            Assert.Equal(outcome.Loop.History.Count, cli["rounds"]!.AsArray().Count);
            Assert.Contains(outcome.Recommended.Evaluation.MeanWait.Mean.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), output.ToString());
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Validate_NamesEveryProblemOfARequest_AtOnce()
    {
        var noStaff = Halls.Jihua with { Staff = [] };
        var problems = RosterPlanner.Validate(new PlanRequest(noStaff) { From = new DateOnly(2030, 1, 7), Replications = 1, StaffHourBudget = -3 });
        Assert.Contains(problems, p => p.Path == "scenario" && p.Message.Contains("no staff", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "replications");
        Assert.Contains(problems, p => p.Path == "staffHourBudget");
        Assert.Contains(problems, p => p.Path == "from" && p.Message.Contains("2030-01-07", StringComparison.Ordinal));
        Assert.Throws<ScenarioValidationException>(() => RosterPlanner.Plan(new PlanRequest(noStaff)));

        var unknown = new HallSim.Staffing.Roster([new HallSim.Staffing.RosterAssignment(Halls.JihuaPeakWeek, "nobody", "day")]);
        var rosterProblems = RosterPlanner.Validate(new PlanRequest(Halls.JihuaPeak) { CurrentRoster = unknown });
        Assert.Contains(rosterProblems, p => p.Path == "currentRoster" && p.Message.Contains("\"nobody\"", StringComparison.Ordinal));
    }

    [Fact]
    public void PlanFiles_AFailureWhileReplacing_LeavesTheCompleteOldSet_AndNoTemporaryFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"hallsim-swap-{Guid.NewGuid():N}");
        try
        {
            PlanOutcome Plan(ulong seed) => RosterPlanner.Plan(new PlanRequest(Halls.JihuaPeak) { From = new DateOnly(2026, 1, 12), Days = 1, Replications = 2, Seed = seed });
            var first = PlanFiles.Write(Plan(1), dir, ReportLanguage.English);
            Assert.Equal(4, first.Count);
            var old = first.Where(f => !f.EndsWith("summary.json", StringComparison.Ordinal)).ToDictionary(f => f, File.ReadAllBytes);

            // summary.json cannot be replaced (a folder stands in its way): the new set must not half-land.
            File.Delete(Path.Combine(dir, "summary.json"));
            Directory.CreateDirectory(Path.Combine(dir, "summary.json"));
            var failure = Assert.ThrowsAny<Exception>(() => PlanFiles.Write(Plan(2), dir, ReportLanguage.English));
            Assert.True(failure is IOException or UnauthorizedAccessException, failure.GetType().Name);
            foreach (var (file, bytes) in old)
            {
                Assert.Equal(bytes, File.ReadAllBytes(file));
            }

            Assert.Equal(["summary.json"], Directory.GetDirectories(dir).Select(Path.GetFileName));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
