namespace HallSim.Planning;

/// <summary>Which of a plan's files to write.</summary>
public enum PlanFileSet
{
    /// <summary>report.html, roster.xlsx, roster.csv and summary.json (what <c>hallsim plan</c> and <c>evaluate</c> write).</summary>
    Full,

    /// <summary>roster.csv and summary.json only (what <c>hallsim optimise</c> writes).</summary>
    RosterAndSummary,
}
