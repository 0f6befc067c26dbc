namespace HallSim.Rostering;

/// <summary>How a CP-SAT solve ended.</summary>
public enum SolverStatus
{
    /// <summary>The status is unknown: no solution was found within the limits.</summary>
    Unknown,

    /// <summary>The model is not valid (a defect).</summary>
    ModelInvalid,

    /// <summary>A solution was found; optimality was not proven within the limits.</summary>
    Feasible,

    /// <summary>No solution exists.</summary>
    Infeasible,

    /// <summary>The solution is proven optimal (within the relative gap).</summary>
    Optimal,
}
