using BenchmarkDotNet.Attributes;
using HallSim.Queueing;
using HallSim.Rostering;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Benchmarks;

/// <summary>
/// How compiling a roster problem grows with the citizens of a day: the Jihua peak hall (16 windows, 30 staff) on
/// Monday 23 March 2026 with 1,000, 10,000 and 100,000 window tickets a day (its waiting curves: the exact transient queue,
/// and the Gaussian closure for window counts overloaded by a quarter or more where the exact chain would be long).
/// Baseline: the old way of building one interval's curves, one evaluation per history (0–4 intervals before it),
/// against one evaluation for all histories, at the Jihua peak's busiest rate.
/// </summary>
[MemoryDiagnoser]
public class PlanScale
{
    private RosterProblem _day = null!;

    /// <summary>Window tickets on the day (the scenario's daily arrivals scaled so that 23 March expects this many).</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Citizens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var date = Halls.JihuaPeakWeek;
        var peak = Halls.JihuaPeak;
        var day = Requirements.Compute(peak with { StartDate = date, Days = 1 }, RequirementMethod.Sipp, new WaitProbabilityTarget(1), 60, 1);
        var expected = day.Intervals.Sum(x => x.ArrivalRate * 60);
        var scenario = peak with { Demand = peak.Demand with { ArrivalsPerDay = peak.Demand.ArrivalsPerDay * Citizens / expected } };
        _day = new RosterProblem(scenario, date, 1);
    }

    /// <summary>Validating and compiling one day: SIPP rates and every waiting curve.</summary>
    [Benchmark]
    public int CompileDay() => CompiledProblem.Compile(_day).Days;

    /// <summary>One interval's curves for histories 0–4, one evaluation each (how curves were built before).</summary>
    [Benchmark(Baseline = true)]
    public double CurvesOneEvaluationPerHistory()
    {
        var sum = 0.0;
        for (var h = 0; h <= 4; h++)
        {
            sum += WaitingCurveEstimator.FromQueue(2.5 * Citizens / 1_000, 11, 60, 30, 16, 0, h)[8];
        }

        return sum;
    }

    /// <summary>The same curves from one evaluation of the longest history.</summary>
    [Benchmark]
    public double CurvesOneEvaluation() => WaitingCurveEstimator.FromQueueByHistory(2.5 * Citizens / 1_000, 11, 60, 30, 16, 0, 4).Sum(c => c[8]);
}
