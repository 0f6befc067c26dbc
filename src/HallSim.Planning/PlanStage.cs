namespace HallSim.Planning;

/// <summary>What <see cref="RosterPlanner.Plan"/> is doing.</summary>
public enum PlanStage
{
    /// <summary>The usual method: SIPP requirements and the cheapest shifts that cover them.</summary>
    UsualMethod,

    /// <summary>The simulation–optimisation loop (see <see cref="PlanProgress.Loop"/>).</summary>
    Optimising,

    /// <summary>Simulating every compared roster on fresh seeds.</summary>
    Validating,

    /// <summary>The playbook search (<see cref="Playbook.Search"/>): a candidate set of measures planned and simulated.</summary>
    Playbook,

    /// <summary>The plan is complete.</summary>
    Done,
}
