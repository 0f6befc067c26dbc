using BenchmarkDotNet.Attributes;
using HallSim.Experiments;
using HallSim.Model;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Benchmarks;

/// <summary>
/// The hall model on the Jihua scenario in summary-only mode with every feature on (kiosks, priority classes,
/// balking, patience and recalls, and appointments — 10% of demand, 8 slots an hour, which Jihua itself does not have
/// by default), usual roster of named staff: one March peak day per operation, and a 13-week peak season (2026-01-05 to 2026-04-05) × 100 replications
/// on all cores. Citizens per second = citizens per operation ÷ time per operation. Each twice: validating and
/// compiling the scenario and seating the roster in every run (what every replication did before the compiled forms
/// existed), and from the hall and staffing compiled once (what replications do now).
/// </summary>
[MemoryDiagnoser]
public class HallThroughput
{
    private static readonly HallRunOptions SummaryOnly = new() { KeepTickets = false };
    private static readonly Scenario AllFeatures = Halls.Jihua with { Appointments = new AppointmentPolicy(0.1, 8) };
    private readonly Scenario _peakDay = AllFeatures with { StartDate = new DateOnly(2026, 3, 18), Days = 1 };
    private readonly Scenario _season = AllFeatures with { StartDate = new DateOnly(2026, 1, 5), Days = 91 };
    private StaffingPlan _peakRoster = null!;
    private StaffingPlan _seasonRoster = null!;
    private CompiledStaffing _peakCompiled = null!;
    private CompiledStaffing _seasonCompiled = null!;

    // Every journey feature on, over the peak week 16–22 March (returns and pickups need more than one day): floor
    // guides, incomplete papers and returns, transfers, back office with pickups, appointments, a displayed wait, and
    // W15/W16 opening with the queue (13 windows staffed, so that they can).
    private readonly Scenario _week = AllFeatures with { StartDate = new DateOnly(2026, 3, 16), Days = 7 };
    private readonly Scenario _weekJourneys = Halls.WithJourneys(AllFeatures with { StartDate = new DateOnly(2026, 3, 16), Days = 7 }) is var j
        ? j with
        {
            Journeys = j.Journeys! with
            {
                BackOffice = j.Journeys.BackOffice! with { Staff = 2 },
                QueueTriggeredWindows = [new QueueTriggeredWindows(["W15", "W16"], 15, 5)],
                DisplayedWait = new DisplayedWait(20, 90),
            },
        }
        : throw new InvalidOperationException();

    private CompiledStaffing _weekCompiled = null!;
    private CompiledStaffing _weekJourneysCompiled = null!;

    [GlobalSetup]
    public void Setup()
    {
        _weekCompiled = _week.Compile().Compile(Halls.WeekdaySessions(13));
        _weekJourneysCompiled = _weekJourneys.Compile().Compile(Halls.WeekdaySessions(13));
        _peakRoster = new StaffingPlan { Roster = Halls.UsualRoster(_peakDay) };
        _seasonRoster = new StaffingPlan { Roster = Halls.UsualRoster(_season) };
        _peakCompiled = _peakDay.Compile().Compile(_peakRoster);
        _seasonCompiled = _season.Compile().Compile(_seasonRoster);
    }

    /// <summary>One peak day, validated, compiled and seated in the run.</summary>
    [Benchmark(Baseline = true)]
    public OutcomeCounts PeakDay() => HallModel.Run(_peakDay, _peakRoster, 1, 0, SummaryOnly).Totals;

    /// <summary>One peak day from the compiled hall and staffing.</summary>
    [Benchmark]
    public OutcomeCounts PeakDayCompiled() => HallModel.Run(_peakCompiled, 1, 0, SummaryOnly).Totals;

    /// <summary>The peak week, 13 windows, without journeys (the journeys' baseline; compiled once).</summary>
    [Benchmark]
    public int PeakWeekCompiled() => HallModel.Run(_weekCompiled, 1, 0, SummaryOnly).Totals.Arrived;

    /// <summary>The same week with every journey feature on (compiled once): returns citizens (visits) simulated.</summary>
    [Benchmark]
    public int PeakWeekJourneysCompiled() => HallModel.Run(_weekJourneysCompiled, 1, 0, SummaryOnly).Totals.Arrived;

    /// <summary>The season × 100 replications, each validating, compiling and seating.</summary>
    [Benchmark]
    public long PeakSeasonHundredReplications()
    {
        var results = ReplicationRunner.Run(100, rep => HallModel.Run(_season, _seasonRoster, 1, rep, SummaryOnly).Totals.Arrived);
        return results.Sum(x => (long)x);
    }

    /// <summary>The season × 100 replications from the hall and staffing compiled once.</summary>
    [Benchmark]
    public long PeakSeasonHundredReplicationsCompiled()
    {
        var results = ReplicationRunner.Run(100, rep => HallModel.Run(_seasonCompiled, 1, rep, SummaryOnly).Totals.Arrived);
        return results.Sum(x => (long)x);
    }
}
