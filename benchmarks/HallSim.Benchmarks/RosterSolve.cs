using BenchmarkDotNet.Attributes;
using HallSim.Rostering;
using HallSim.Scenarios;

namespace HallSim.Benchmarks;

/// <summary>
/// Rostering the Jihua peak week (23–28 March 2026: 6 open days, 16 windows, 30 staff in 3 skill types, 7 shift
/// templates, 30-minute intervals) with CP-SAT: the shift-count model alone (one worker, the baseline; and two
/// workers in deterministic interleaved mode), the counts plus the named assignment, and the whole
/// cutting-plane simulation–optimisation loop (20 replications per simulated day, at most 15 rounds), and compiling the
/// problem (its waiting curves come from the exact transient queue). A harder count model too: a January
/// week (usual hours) with the staff-hour budget of the SIPP + cover roster (488 hours), where the budget binds.
/// </summary>
[MemoryDiagnoser]
public class RosterSolve
{
    private readonly RosterProblem _problem = new(Halls.JihuaPeak, Halls.JihuaPeakWeek, 6);
    private readonly RosterOptions _one = new();
    private readonly RosterOptions _two = new() { Workers = 2 };
    private CompiledProblem _compiled = null!;
    private CompiledProblem _january = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compiled = CompiledProblem.Compile(_problem);
        _january = CompiledProblem.Compile(new RosterProblem(Halls.JihuaPeak, new DateOnly(2026, 1, 12), 6) { Objective = new MinimiseWaiting { StaffHourBudget = 488 } });
    }

    [Benchmark(Baseline = true)]
    public int CountsOneWorker() => RosterOptimiser.SolveCounts(_compiled, _one).OpenWindows.Sum();

    [Benchmark]
    public int CountsTwoWorkers() => RosterOptimiser.SolveCounts(_compiled, _two).OpenWindows.Sum();

    [Benchmark]
    public int CountsOneWorkerJanuaryBudget() => RosterOptimiser.SolveCounts(_january, _one).OpenWindows.Sum();

    [Benchmark]
    public int CountsAndAssignment() => RosterOptimiser.Solve(_problem, _one).Roster.Assignments.Count;

    /// <summary>Validating and compiling the peak week: SIPP rates, and the waiting curves from the exact transient queue.</summary>
    [Benchmark]
    public int CompilePeakWeek() => CompiledProblem.Compile(_problem).Days;

    [Benchmark]
    public double SimulationOptimisationLoop() => SimulationOptimiser.Run(_problem).Evaluation.TotalWaiting.Mean;
}
