using HallSim.Experiments;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Model;

/// <summary>Per-day results over replications: means with confidence intervals.</summary>
/// <param name="Date">The date.</param>
/// <param name="Arrivals">Citizens who entered.</param>
/// <param name="TicketsIssued">Window tickets issued.</param>
/// <param name="MeanWait">Mean wait of called tickets, minutes.</param>
/// <param name="ServiceLevel">Tickets called within the target ÷ tickets issued.</param>
/// <param name="OvertimeMinutes">Minutes the last service ran past closing.</param>
public sealed record DayEstimate(DateOnly Date, MeanEstimate Arrivals, MeanEstimate TicketsIssued, MeanEstimate MeanWait, MeanEstimate ServiceLevel, MeanEstimate OvertimeMinutes);

/// <summary>Per-interval results over replications: means with confidence intervals.</summary>
/// <param name="Start">Interval start, minutes from the scenario start.</param>
/// <param name="TicketsIssued">Window tickets issued in the interval.</param>
/// <param name="MeanWait">Mean wait of the interval's called tickets (replications with no called ticket are left out; null if none has one).</param>
/// <param name="ServiceLevel">Tickets called within the target ÷ tickets issued (replications with no ticket left out; null if none has one).</param>
/// <param name="MeanQueue">Time-average tickets waiting.</param>
/// <param name="MeanBusyWindows">Time-average windows calling or serving.</param>
public sealed record IntervalEstimate(double Start, MeanEstimate TicketsIssued, MeanEstimate? MeanWait, MeanEstimate? ServiceLevel, MeanEstimate MeanQueue, MeanEstimate MeanBusyWindows);

/// <summary>The results of several replications of one scenario and staffing.</summary>
/// <param name="Runs">Each replication's results, by replication index.</param>
/// <param name="Days">Per-day estimates.</param>
/// <param name="Intervals">Per-interval estimates.</param>
public sealed record HallReplicationsResult(IReadOnlyList<HallRunResult> Runs, IReadOnlyList<DayEstimate> Days, IReadOnlyList<IntervalEstimate> Intervals);

/// <summary>Replications of the hall model on the one replication runner (<see cref="ReplicationRunner"/>).</summary>
public static class HallReplications
{
    /// <summary>
    /// Runs replications 0 … <paramref name="replications"/> − 1 in parallel. Replication i uses the streams of
    /// (<paramref name="seed"/>, i) whatever the thread that runs it, so the result is identical on one or many threads,
    /// and two calls with different staffing but the same seed compare under common random numbers.
    /// </summary>
    /// <param name="scenario">A valid scenario.</param>
    /// <param name="staffing">The staffing.</param>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="replications">Number of replications, at least 2 (for an interval).</param>
    /// <param name="options">Run options (default: summary-only would be wise for long runs; tickets are kept unless set).</param>
    /// <param name="confidence">Confidence level of the intervals (default 0.95).</param>
    /// <param name="maxDegreeOfParallelism">Threads (default: all cores).</param>
    /// <param name="progress">Receives the number of finished replications.</param>
    /// <param name="cancellationToken">Stops starting new replications.</param>
    /// <exception cref="ScenarioValidationException">The scenario or staffing has problems (all listed).</exception>
    public static HallReplicationsResult Run(
        Scenario scenario,
        StaffingPlan staffing,
        ulong seed,
        int replications,
        HallRunOptions? options = null,
        double confidence = 0.95,
        int? maxDegreeOfParallelism = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 2);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(staffing);
        return Run(scenario.Compile().Compile(staffing, options), seed, replications, options, confidence, maxDegreeOfParallelism, progress, cancellationToken);
    }

    /// <summary>
    /// Runs replications 0 … <paramref name="replications"/> − 1 of a compiled hall and staffing in parallel (nothing is
    /// validated or compiled per replication). Replication i uses the streams of (<paramref name="seed"/>, i) whatever
    /// the thread that runs it, so the result is identical on one or many threads.
    /// </summary>
    /// <param name="staffing">The staffing, compiled against its hall.</param>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="replications">Number of replications, at least 2 (for an interval).</param>
    /// <param name="options">Run options (default: <see cref="HallRunOptions"/>' defaults).</param>
    /// <param name="confidence">Confidence level of the intervals (default 0.95).</param>
    /// <param name="maxDegreeOfParallelism">Threads (default: all cores).</param>
    /// <param name="progress">Receives the number of finished replications.</param>
    /// <param name="cancellationToken">Stops starting new replications.</param>
    /// <exception cref="ScenarioValidationException">The options have problems (all listed).</exception>
    public static HallReplicationsResult Run(
        CompiledStaffing staffing,
        ulong seed,
        int replications,
        HallRunOptions? options = null,
        double confidence = 0.95,
        int? maxDegreeOfParallelism = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 2);
        ArgumentNullException.ThrowIfNull(staffing);
        options ??= new HallRunOptions();
        HallRunOptions.EnsureValid(options); // fail once, before any thread starts
        var scenario = staffing.Hall.Scenario;
        var runs = ReplicationRunner.Run(replications, rep => HallModel.Run(staffing, seed, rep, options), maxDegreeOfParallelism, progress, cancellationToken);

        MeanEstimate Of(IEnumerable<double> values) => MeanEstimate.Of(values.ToList(), confidence);
        MeanEstimate? OfSome(IEnumerable<double> values)
        {
            var list = values.ToList();
            return list.Count == 0 ? null : MeanEstimate.Of(list, confidence);
        }

        var days = Enumerable.Range(0, scenario.Days).Select(d =>
        {
            var day = runs.Select(r => r.Days[d]).ToList();
            return new DayEstimate(
                day[0].Date,
                Of(day.Select(x => (double)x.Arrivals)),
                Of(day.Select(x => (double)x.TicketsIssued)),
                Of(day.Select(x => x.MeanWait)),
                Of(day.Select(x => x.ServiceLevel)),
                Of(day.Select(x => x.OvertimeMinutes)));
        }).ToArray();

        var intervals = Enumerable.Range(0, runs[0].Grid.Count).Select(i =>
        {
            var rows = runs.Select(r => r.Intervals[i]).ToList();
            return new IntervalEstimate(
                rows[0].Start,
                Of(rows.Select(x => (double)x.TicketsIssued)),
                OfSome(rows.Where(x => x.Served + x.NoShows > 0).Select(x => x.MeanWait)),
                OfSome(rows.Where(x => x.TicketsIssued > 0).Select(x => x.ServiceLevel)),
                Of(rows.Select(x => x.MeanQueue)),
                Of(rows.Select(x => x.MeanBusyWindows)));
        }).ToArray();

        return new HallReplicationsResult(runs, days, intervals);
    }
}
