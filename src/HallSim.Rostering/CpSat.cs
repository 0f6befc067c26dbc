using System.Globalization;
using Google.OrTools.Sat;

namespace HallSim.Rostering;

/// <summary>The only place that runs CP-SAT: parameters from <see cref="RosterOptions"/>, statistics back as HallSim types.</summary>
internal static class CpSat
{
    internal static (CpSolver Solver, CpSolverStatus Status, SolveStatistics Statistics, bool HitWallClock) Solve(
        CpModel model, RosterModel name, double deterministicLimit, RosterOptions options, CancellationToken cancellationToken)
    {
        var solver = new CpSolver();
        var p = new List<string>
        {
            $"num_workers:{Math.Max(1, options.Workers)}",
            $"random_seed:{options.Seed}",
            "max_deterministic_time:" + deterministicLimit.ToString("R", CultureInfo.InvariantCulture),
            "max_time_in_seconds:" + options.WallClockSeconds.ToString("R", CultureInfo.InvariantCulture),
            "relative_gap_limit:" + options.RelativeGap.ToString("R", CultureInfo.InvariantCulture),
            // CP-SAT would otherwise install its own SIGINT handler over .NET's: Ctrl+C then ended the search as if it
            // had failed (or aborted the process outside a solve). Interrupts come through the cancellation token.
            "catch_sigint_signal:false",
        };
        if (options.Workers > 1)
        {
            p.Add("interleave_search:true"); // reproducible parallel search
        }

        solver.StringParameters = string.Join(", ", p);
        CpSolverStatus status;
        using (cancellationToken.Register(solver.StopSearch))
        {
            status = solver.Solve(model);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var response = solver.Response ?? throw new InvalidOperationException("CP-SAT returned no response");
        var hasSolution = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        var stats = new SolveStatistics(
            name,
            status switch
            {
                CpSolverStatus.Optimal => SolverStatus.Optimal,
                CpSolverStatus.Feasible => SolverStatus.Feasible,
                CpSolverStatus.Infeasible => SolverStatus.Infeasible,
                CpSolverStatus.ModelInvalid => SolverStatus.ModelInvalid,
                _ => SolverStatus.Unknown,
            },
            hasSolution ? solver.ObjectiveValue : 0,
            hasSolution ? solver.BestObjectiveBound : 0,
            response.DeterministicTime,
            response.WallTime);
        var hitWall = status != CpSolverStatus.Optimal && response.WallTime >= options.WallClockSeconds * 0.99 && response.DeterministicTime < deterministicLimit * 0.99;
        return (solver, status, stats, hitWall);
    }

    internal static LinearExpr Sum(IEnumerable<(LinearExpr Expr, long Coefficient)> terms)
    {
        var builder = LinearExpr.NewBuilder();
        foreach (var (expr, coefficient) in terms)
        {
            if (coefficient != 0)
            {
                builder.AddTerm(expr, coefficient);
            }
        }

        return builder;
    }
}
