namespace HallSim.Randomness;

/// <summary>
/// The random streams of one replication: each stream is keyed by a stable name (for example
/// <c>"arrivals"</c> or <c>"service/tax"</c>) and by the replication index, never by the order in which
/// streams are created. Two runs with the same seed and replication draw identical numbers from a
/// stream of the same name, which gives common random numbers when two scenarios are compared.
/// </summary>
/// <remarks>Not thread-safe: one instance belongs to one simulation run.</remarks>
public sealed class RandomStreams
{
    private readonly Dictionary<string, RandomStream> _streams = new(StringComparer.Ordinal);

    // The last few names asked for, compared by reference: a model that names its streams with string literals
    // (`sim.Stream("service")` at every draw) finds them here without hashing the name (docs/performance.md).
    private readonly RecentName[] _recent = new RecentName[4];
    private int _recentNext;

    /// <summary>Creates the streams of one replication.</summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="replication">The replication index, 0 or more (default 0).</param>
    public RandomStreams(ulong seed, int replication = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replication);
        Seed = seed;
        Replication = replication;
    }

    /// <summary>The experiment's seed.</summary>
    public ulong Seed { get; }

    /// <summary>The replication index.</summary>
    public int Replication { get; }

    /// <summary>The stream with this name, created on first use and the same object afterwards.</summary>
    /// <param name="name">A stable, non-empty name for the source of randomness.</param>
    public RandomStream this[string name] => Get(name);

    /// <summary>The stream with this name, created on first use and the same object afterwards.</summary>
    /// <param name="name">A stable, non-empty name for the source of randomness.</param>
    public RandomStream Get(string name)
    {
        var recent = _recent;
        for (var i = 0; i < recent.Length; i++)
        {
            if (ReferenceEquals(recent[i].Name, name) && name is not null)
            {
                return recent[i].Stream!;
            }
        }

        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_streams.TryGetValue(name, out var stream))
        {
            stream = new RandomStream(DeriveSeed(Seed, name, Replication));
            _streams.Add(name, stream);
        }

        ref var slot = ref recent[_recentNext];
        slot.Name = name;
        slot.Stream = stream;
        _recentNext = (_recentNext + 1) & (recent.Length - 1);
        return stream;
    }

    private struct RecentName
    {
        internal string? Name;
        internal RandomStream? Stream;
    }

    /// <summary>
    /// The 64-bit seed of stream <paramref name="name"/> in replication <paramref name="replication"/>:
    /// FNV-1a over the name's UTF-16 code units, mixed with the seed and the replication by SplitMix64.
    /// Stable across processes, platforms and .NET versions (unlike <see cref="string.GetHashCode()"/>).
    /// </summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="name">The stream's name.</param>
    /// <param name="replication">The replication index.</param>
    public static ulong DeriveSeed(ulong seed, string name, int replication)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        var x = seed;
        var a = RandomStream.SplitMix64(ref x);
        x = a ^ hash;
        var b = RandomStream.SplitMix64(ref x);
        x = b ^ ((ulong)(uint)replication * 0xD1B54A32D192ED03UL);
        return RandomStream.SplitMix64(ref x);
    }
}
