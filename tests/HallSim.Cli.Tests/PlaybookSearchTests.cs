using HallSim.Planning;
using HallSim.Randomness;
using HallSim.Reports;
using HallSim.Rostering;
using HallSim.Scenarios;
using HallSim.Staffing;
using Xunit.Abstractions;

namespace HallSim.Cli.Tests;

/// <summary>
/// The playbook search against exhaustive enumeration: on small one-day halls every combination of the lattice (extra
/// staff × evening × appointments) is planned and simulated exactly as the search judges a candidate (the quick plan on
/// the search's own seeds), and the lexicographically cheapest that meets the target (staff-hours budget, then money,
/// then the number of measures) must be what the search chose — including a hall where the budget binds (only extra
/// staff reach the target), one where nothing does, and one where the roster alone does.
/// </summary>
public class PlaybookSearchTests(ITestOutputHelper output)
{
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static TimeOnly T(int h) => new(h, 0);

    /// <summary>One category (8-minute exponential service), comprehensive windows and staff, open 09:00–17:00; shifts
    /// early, late and full (lunch 12–13).</summary>
    private static Scenario Hall(int windows, int staff, double arrivals) =>
        new Scenario("small hall", Monday, 7, [new ServiceCategory("any", 1, new ExponentialDistribution(8))], new Demand(arrivals),
            [.. Enumerable.Range(1, windows).Select(i => new Window($"W{i}", [Window.AnyCategory]))])
        {
            Calendar = new HallCalendar { WeekdayHours = [new Session(T(9), T(17))] },
            Behaviour = new CitizenBehaviour { Patience = new ExponentialDistribution(60) },
            Staff = [.. Enumerable.Range(1, staff).Select(i => new StaffMember($"P{i}", $"Person {i}", [Window.AnyCategory]))],
            Shifts =
            [
                new ShiftTemplate("early", T(9), T(13)),
                new ShiftTemplate("late", T(13), T(17)),
                new ShiftTemplate("full", T(9), T(17)) { Breaks = [new StaffBreak(T(12), T(13))] },
            ],
        };

    private static readonly PlaybookLever[] Levers =
    [
        new("appointments", [[new Appointments(0.3)]]),
        new("evening", [[new WeekdayClosing(T(18))], [new WeekdayClosing(T(19))]]),
    ];

    private static PlanRequest Request(Scenario hall) => new(hall)
    {
        From = Monday,
        Days = 1,
        Replications = 6,
        Loop = new SimulationOptimisationOptions { MaxIterations = 3, NeighbourCandidates = 0 },
    };

    private static PlaybookSearchOptions Options(PlaybookTarget target) =>
        new() { Target = target, ExtraStaffStep = 1, MaxExtraStaff = 2, Levers = Levers, QuickReplications = 6, QuickRounds = 3 };

    /// <summary>Every combination judged as the search judges a candidate: the cheapest that meets the target
    /// (budget, then money, then the number of measures), and the best worst-day value of all.</summary>
    private (List<List<Measure>> Cheapest, double BestWorst) Enumerate(PlanOutcome plan, PlaybookSearchOptions options)
    {
        var target = options.Target;
        var found = new List<(List<Measure> Measures, double Budget, bool Meets, double Worst)>();
        for (var k = 0; k <= options.MaxExtraStaff; k++)
        {
            for (var a = 0; a <= 1; a++)
            {
                for (var e = 0; e <= 2; e++)
                {
                    var measures = new List<Measure>();
                    if (k > 0)
                    {
                        measures.Add(new ExtraStaff([Window.AnyCategory], k));
                    }

                    if (a > 0)
                    {
                        measures.AddRange(Levers[0].Levels[a - 1]);
                    }

                    if (e > 0)
                    {
                        measures.AddRange(Levers[1].Levels[e - 1]);
                    }

                    var budget = plan.StaffHourBudget + measures.Sum(m => m.ExtraStaffHours(plan.Request.Scenario, plan.From, plan.Days));
                    var quick = RosterPlanner.Plan(plan.Request with
                    {
                        Scenario = measures.Count == 0 ? plan.Request.Scenario : Measures.Apply(plan.Request.Scenario, measures, plan.From, plan.Days),
                        StaffHourBudget = budget,
                        Replications = options.QuickReplications,
                        Seed = plan.Request.Seed + Playbook.QuickSeedOffset,
                        Loop = plan.Request.Loop! with
                        {
                            MaxIterations = options.QuickRounds,
                            NeighbourCandidates = 0,
                            Solver = new RosterOptions { CountTimeLimit = new RosterOptions().CountTimeLimit / 3, AssignmentTimeLimit = new RosterOptions().AssignmentTimeLimit / 3 }, // a third, as the search
                        },
                    });
                    var day = quick.Recommended.DayKpis.Single(d => !d.Closed);
                    var value = target.Share is null ? day.MeanWait.Mean : day.WithinTarget.Mean;
                    var meets = target.Share is { } s ? value >= s : value <= target.Minutes;
                    found.Add((measures, budget, meets, value));
                    output.WriteLine($"k={k} a={a} e={e}: budget {budget:0.0}, value {value:0.000}, meets {meets}");
                }
            }
        }

        // Every combination tied at the least cost (equal budget and number of measures: the search may take any).
        var meeting = found.Where(f => f.Meets).ToList();
        var least = meeting.Count == 0 ? default : meeting.Select(f => (Budget: Math.Round(f.Budget, 6), f.Measures.Count)).Min();
        var cheapest = meeting.Where(f => (Math.Round(f.Budget, 6), f.Measures.Count) == least).Select(f => f.Measures).ToList();
        var best = target.Share is null ? found.Min(f => f.Worst) : found.Max(f => f.Worst);
        return (cheapest, best);
    }

    private static string Key(IEnumerable<Measure> measures) => string.Join(" | ", measures.Select(m => m.Describe(ReportLanguage.English)));

    [Theory]
    [InlineData(3, 2, 95, 0.8, 10)] // the budget binds: 2 staff for about 1.6 windows of work with lunch breaks
    [InlineData(2, 3, 80, 0.8, 10)] // the windows bind at midday: hours or appointments help
    public void Search_FindsTheCheapestCombination_ThatEnumerationFinds(int windows, int staff, double arrivals, double share, double minutes)
    {
        var plan = RosterPlanner.Plan(Request(Hall(windows, staff, arrivals)) with { Target = new HallSim.Queueing.ServiceLevelTarget(share, minutes) });
        var options = Options(PlaybookTarget.CalledWithin(share, minutes));
        var result = Playbook.Search(plan, options);
        var (cheapest, _) = Enumerate(plan, options);
        foreach (var line in result.Lines(ReportLanguage.English))
        {
            output.WriteLine(line);
        }

        Assert.False(result.RosterAloneMeets);
        Assert.NotEmpty(cheapest);
        Assert.True(result.Reachable);
        Assert.NotNull(result.Cheapest);
        Assert.Contains(Key(result.Cheapest!.Measures), cheapest.Select(Key));
        Assert.Equal(PlaybookJudgement.Validated, result.Cheapest.Judgement);
        Assert.True(result.Simulated < 3 * 2 * 3, $"the search simulated {result.Simulated} of the 18 combinations");
    }

    [Fact]
    public void Search_SaysWhatCanBeReached_WhenNothingMeetsTheTarget()
    {
        var plan = RosterPlanner.Plan(Request(Hall(2, 3, 90)) with { Target = new HallSim.Queueing.ServiceLevelTarget(0.99, 1) });
        var options = Options(PlaybookTarget.CalledWithin(0.99, 1));
        var result = Playbook.Search(plan, options);
        var (cheapest, best) = Enumerate(plan, options);
        Assert.Empty(cheapest); // the oracle: no combination meets it
        Assert.False(result.Reachable);
        Assert.Null(result.Cheapest);
        Assert.Equal([Monday], result.UnreachableDays);
        Assert.NotNull(result.ReachableAtLimit);

        // The limit (every lever at its strongest, the most staff) is what the search reports as reachable; the best
        // of all 18 combinations is within the quick plans' noise of it (6 replications of one day: ±0.05).
        Assert.InRange(best - result.ReachableAtLimit!.Value, -1e-9, 0.05);
        Assert.Contains(result.Lines(ReportLanguage.English), l => l.StartsWith("Out of reach", StringComparison.Ordinal));
        Assert.Contains(result.Lines(ReportLanguage.Chinese), l => l.StartsWith("目标不可达", StringComparison.Ordinal));
    }

    [Fact]
    public void AHorizonWideTarget_OutOfReach_NamesNoDate_AndTheFrontIsJudgedHonestly()
    {
        var plan = RosterPlanner.Plan(Request(Hall(2, 3, 90)) with { Target = new HallSim.Queueing.ServiceLevelTarget(0.99, 1) });
        var result = Playbook.Search(plan, Options(PlaybookTarget.CalledWithin(0.99, 1, TargetScope.Week)) with { Pareto = true });
        foreach (var line in result.Lines(ReportLanguage.English))
        {
            output.WriteLine(line);
        }

        Assert.False(result.Reachable);
        Assert.Empty(result.UnreachableDays); // no date stands for the horizon
        Assert.Null(result.Cheapest);
        Assert.Equal(result.Limit!.Worst, result.ReachableAtLimit!.Value, 12);
        var simulated = result.Options.Where(o => o.Judgement != PlaybookJudgement.ScreenedOut).ToList();
        Assert.Equal(3, simulated.Count); // the front along 0, 1 and 2 extra staff with every lever at its strongest (the limit among them)
        Assert.All(simulated, o => Assert.False(o.MeetsTarget));
        Assert.All(simulated, o => Assert.Empty(o.DaysShort));
        Assert.Equal(simulated.Count, simulated.Select(o => string.Join("|", o.Measures)).Distinct().Count()); // each combination once
        Assert.Contains(result.Lines(ReportLanguage.English), l => l.StartsWith("Out of reach: even with every measure at its limit, the horizon reaches", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Lines(ReportLanguage.English), l => l.Contains("No set of the measures tried", StringComparison.Ordinal));
    }

    [Fact]
    public void Search_StopsAtTheRosterAlone_WhenItMeetsTheTarget()
    {
        var plan = RosterPlanner.Plan(Request(Hall(3, 4, 40)));
        var result = Playbook.Search(plan, Options(PlaybookTarget.MeanWaitAtMost(30)));
        Assert.True(result.RosterAloneMeets);
        Assert.Empty(result.Cheapest!.Measures);
        Assert.Equal(0, result.Simulated);
    }

    [Fact]
    public void Search_RefusesLeversThatAddStaffHours_OrDoNotFit()
    {
        var plan = RosterPlanner.Plan(Request(Hall(2, 3, 60)));
        var e = Assert.Throws<ScenarioValidationException>(() => Playbook.Search(plan, new PlaybookSearchOptions
        {
            ExtraStaffStep = 0,
            Target = PlaybookTarget.CalledWithin(0.8, 10),
            Levers = [new PlaybookLever("staff", [[new ExtraStaff([Window.AnyCategory], 2)]]), new PlaybookLever("kiosks", [[new SelfService("nope") { UseShare = 0.5 }]])],
        }));
        Assert.Contains(e.Problems, p => p.Path == "extraStaffStep");
        Assert.Contains(e.Problems, p => p.Path == "target" && p.Message.Contains("15", StringComparison.Ordinal)); // the plan counts calls within 15 minutes
        Assert.Contains(e.Problems, p => p.Path == "levers[0].levels[0][0]" && p.Message.Contains("adds staff-hours", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "levers[1].levels[0][0].kioskGroupId");

        // A level that changes nothing over the horizon (the hall already closes at 17:00) is named before any planning.
        e = Assert.Throws<ScenarioValidationException>(() => Playbook.Search(plan, new PlaybookSearchOptions
        {
            Target = PlaybookTarget.CalledWithin(0.8, 15),
            Levers = [new PlaybookLever("evening", [[new WeekdayClosing(T(17))]])],
        }));
        Assert.Contains(e.Problems, p => p.Path == "levers[0].levels[0][0]" && p.Message.Contains("changes nothing", StringComparison.Ordinal));
    }
}
