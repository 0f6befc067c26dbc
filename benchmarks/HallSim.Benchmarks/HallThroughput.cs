using BenchmarkDotNet.Attributes;
using HallSim.Experiments;
using HallSim.Model;
using HallSim.Scenarios;

namespace HallSim.Benchmarks;

/// <summary>
/// The hall model on the Jihua scenario in summary-only mode: one March peak day (kiosks, priority classes, balking,
/// patience and recalls all on) per operation, and a 13-week peak season (2026-01-05 to 2026-04-05) × 100 replications
/// on all cores. Citizens per second = citizens per operation ÷ time per operation.
/// </summary>
[MemoryDiagnoser]
public class HallThroughput
{
    private static readonly HallRunOptions SummaryOnly = new() { KeepTickets = false };
    private readonly Scenario _peakDay = Halls.Jihua with { StartDate = new DateOnly(2026, 3, 18), Days = 1 };
    private readonly Scenario _season = Halls.Jihua with { StartDate = new DateOnly(2026, 1, 5), Days = 91 };

    /// <summary>Citizens in the peak-day replication (printed once by the test suite and docs/performance.md).</summary>
    public int PeakDayCitizens => HallModel.Run(_peakDay, Halls.JihuaUsualStaffing, 1, 0, SummaryOnly).Totals.Arrived;

    [Benchmark(Baseline = true)]
    public OutcomeCounts PeakDay() => HallModel.Run(_peakDay, Halls.JihuaUsualStaffing, 1, 0, SummaryOnly).Totals;

    [Benchmark]
    public long PeakSeasonHundredReplications()
    {
        var results = ReplicationRunner.Run(100, rep => HallModel.Run(_season, Halls.JihuaUsualStaffing, 1, rep, SummaryOnly).Totals.Arrived);
        return results.Sum(x => (long)x);
    }
}
