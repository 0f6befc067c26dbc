namespace HallSim.Randomness;

/// <summary>
/// Stands in for a distribution whose JSON could not be turned into one (unknown type, bad parameters), so that
/// reading a scenario never stops at the first problem: validation reports it with its path. Cannot be sampled.
/// </summary>
internal sealed record InvalidDistribution(string Problem) : Distribution
{
    public override double Mean => throw new InvalidOperationException(Problem);

    public override double Variance => throw new InvalidOperationException(Problem);

    public override double Sample(RandomStream stream) => throw new InvalidOperationException(Problem);
}
