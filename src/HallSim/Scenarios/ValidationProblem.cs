namespace HallSim.Scenarios;

/// <summary>One problem found in an input, with the path of the field (for example <c>windows[3].categories[1]</c>).</summary>
/// <param name="Path">Where the problem is, in the JSON field names of the input.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ValidationProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>Thrown when an input has problems; <see cref="Problems"/> lists every one of them.</summary>
public sealed class ScenarioValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">What was being read (a file name or "scenario").</param>
    /// <param name="problems">Every problem found, at least one.</param>
    public ScenarioValidationException(string source, IReadOnlyList<ValidationProblem> problems)
        : base($"{source} has {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}:{Environment.NewLine}  " +
               string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }
}
