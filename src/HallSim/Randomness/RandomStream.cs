using System.Numerics;
using System.Runtime.CompilerServices;

namespace HallSim.Randomness;

/// <summary>
/// One independent, reproducible stream of pseudo-random numbers (xoshiro256**, 2^256 − 1 period).
/// Obtain streams from <see cref="RandomStreams"/>, which keys each one by a stable name and a
/// replication index so that the same source of randomness draws the same numbers in every run.
/// </summary>
/// <remarks>Instances are not thread-safe: one stream belongs to one simulation run.</remarks>
public sealed class RandomStream
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a stream whose state is derived from <paramref name="seed"/> with SplitMix64.</summary>
    /// <param name="seed">Any 64-bit value; equal seeds give equal sequences.</param>
    public RandomStream(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = 0x9E3779B97F4A7C15UL; // xoshiro's state must not be all zero
        }
    }

    /// <summary>The next 64 uniformly distributed random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1]: safe to take the logarithm of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    /// <param name="maxExclusive">Upper bound, at least 1.</param>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be at least 1");
        }

        // Lemire's multiply-shift with rejection.
        var range = (ulong)maxExclusive;
        var m = Math.BigMul(NextUInt64() >> 32, range);
        var low = (uint)m;
        if (low < range)
        {
            var threshold = (uint)(-(long)range % (long)range);
            while (low < threshold)
            {
                m = Math.BigMul(NextUInt64() >> 32, range);
                low = (uint)m;
            }
        }

        return (int)(m >> 32);
    }

    /// <summary>A standard normal value (mean 0, sd 1) by Marsaglia's polar method; every other call returns the
    /// pair's second value, kept in this stream, so the sequence stays a pure function of the seed.</summary>
    public double NextStandardNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        var factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    internal static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
