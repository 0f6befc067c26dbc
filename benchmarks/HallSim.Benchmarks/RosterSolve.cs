using BenchmarkDotNet.Attributes;
using HallSim.Rostering;
using HallSim.Scenarios;

namespace HallSim.Benchmarks;

/// <summary>
/// Rostering the Jihua peak week (23–28 March 2026: 6 open days, 16 windows, 30 staff in 3 skill types, 5 shift
/// templates of which two have flexible breaks — 12 shifts with their break placements — 30-minute intervals) with CP-SAT: the shift-count model alone (one worker, the baseline; and two
/// workers in deterministic interleaved mode), the counts plus the named assignment, and the whole
/// cutting-plane simulation–optimisation loop (20 replications per simulated day, at most 15 rounds), and compiling the
/// problem (its waiting curves come from the exact transient queue). A harder count model too: a January
/// week (usual hours) with the staff-hour budget of the SIPP + cover roster (488 hours), where the budget binds. And,
/// for the cost of placing breaks, the same week with the earlier seven templates whose breaks are all fixed.
/// </summary>
[MemoryDiagnoser]
public class RosterSolve
{
    private readonly RosterProblem _problem = new(Halls.JihuaPeak, Halls.JihuaPeakWeek, 6);
    private readonly RosterOptions _one = new();
    private readonly RosterOptions _two = new() { Workers = 2 };
    private CompiledProblem _compiled = null!;
    private CompiledProblem _january = null!;
    private CompiledProblem _fixedBreaks = null!;

    /// <summary>The peak templates before breaks could move: early and late lunch, two late shifts with fixed breaks.</summary>
    private static RosterProblem FixedBreaks()
    {
        static TimeOnly T(int h, int m = 0) => new(h, m);
        var scenario = Halls.JihuaPeak with
        {
            Shifts =
            [
                Halls.JihuaPeak.Shifts[0],
                new HallSim.Staffing.ShiftTemplate("lunch-a", T(9), T(18)) { Breaks = [new HallSim.Staffing.StaffBreak(T(12), T(13))] },
                new HallSim.Staffing.ShiftTemplate("lunch-b", T(9), T(18)) { Breaks = [new HallSim.Staffing.StaffBreak(T(13), T(14))] },
                new HallSim.Staffing.ShiftTemplate("morning", T(9), T(13)),
                new HallSim.Staffing.ShiftTemplate("afternoon", T(13), T(18)),
                new HallSim.Staffing.ShiftTemplate("late-a", T(12), T(19, 30)) { Breaks = [new HallSim.Staffing.StaffBreak(T(15, 30), T(16))] },
                new HallSim.Staffing.ShiftTemplate("late-b", T(12), T(19, 30)) { Breaks = [new HallSim.Staffing.StaffBreak(T(16, 30), T(17))] },
            ],
        };
        return new RosterProblem(scenario, Halls.JihuaPeakWeek, 6);
    }

    [GlobalSetup]
    public void Setup()
    {
        _compiled = CompiledProblem.Compile(_problem);
        _january = CompiledProblem.Compile(new RosterProblem(Halls.JihuaPeak, new DateOnly(2026, 1, 12), 6) { Objective = new MinimiseWaiting { StaffHourBudget = 488 } });
        _fixedBreaks = CompiledProblem.Compile(FixedBreaks());
    }

    [Benchmark]
    public int CountsOneWorkerFixedBreaks() => RosterOptimiser.SolveCounts(_fixedBreaks, _one).OpenWindows.Sum();

    [Benchmark]
    public int CountsAndAssignmentFixedBreaks() => RosterOptimiser.Solve(FixedBreaks(), _one).Roster.Assignments.Count;

    [Benchmark]
    public double SimulationOptimisationLoopFixedBreaks() => SimulationOptimiser.Run(FixedBreaks()).Evaluation.TotalWaiting.Mean;

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

    /// <summary>The loop without its neighbour search: what the search costs, in the same run.</summary>
    [Benchmark]
    public double SimulationOptimisationLoopWithoutNeighbours() => SimulationOptimiser.Run(_problem, new SimulationOptimisationOptions { NeighbourCandidates = 0 }).Evaluation.TotalWaiting.Mean;
}
