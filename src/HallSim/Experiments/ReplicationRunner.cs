namespace HallSim.Experiments;

/// <summary>
/// Runs independent replications of a simulation, in parallel, and returns their results in replication order.
/// Each replication must build its own simulation from (seed, replication index) — see
/// <see cref="Randomness.RandomStreams"/> — so the results are identical whatever the degree of parallelism.
/// </summary>
public static class ReplicationRunner
{
    /// <summary>Runs <paramref name="count"/> replications of <paramref name="replication"/>.</summary>
    /// <typeparam name="T">A replication's result.</typeparam>
    /// <param name="count">Number of replications, at least 1.</param>
    /// <param name="replication">Runs replication i (0-based) and returns its result; called from several threads at once.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use, at least 1 (default: all cores).</param>
    /// <param name="progress">Optional: receives the number of replications finished so far.</param>
    /// <param name="cancellationToken">Stops starting new replications; throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The results, indexed by replication.</returns>
    public static IReadOnlyList<T> Run<T>(
        int count,
        Func<int, T> replication,
        int? maxDegreeOfParallelism = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(replication);
        if (maxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "must be at least 1");
        }

        var results = new T[count];
        var finished = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, count, options, i =>
        {
            results[i] = replication(i);
            progress?.Report(Interlocked.Increment(ref finished));
        });
        return results;
    }
}
