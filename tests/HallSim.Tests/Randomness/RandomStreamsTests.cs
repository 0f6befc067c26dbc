using HallSim.Randomness;

namespace HallSim.Tests.Randomness;

public class RandomStreamsTests
{
    private static double[] Draw(RandomStream s, int n) => Enumerable.Range(0, n).Select(_ => s.NextDouble()).ToArray();

    [Fact]
    public void StreamsAreKeyedByName_NotByCreationOrder()
    {
        var a = new RandomStreams(seed: 5);
        var arrivalsFirst = Draw(a.Get("arrivals"), 10);
        var b = new RandomStreams(seed: 5);
        _ = b.Get("service");
        _ = b.Get("patience");
        var arrivalsLater = Draw(b.Get("arrivals"), 10);

        Assert.Equal(arrivalsFirst, arrivalsLater);
    }

    [Fact]
    public void DifferentNamesSeedsAndReplications_GiveDifferentStreams()
    {
        var baseline = Draw(new RandomStreams(1, 0).Get("arrivals"), 5);

        Assert.NotEqual(baseline, Draw(new RandomStreams(1, 0).Get("service"), 5));
        Assert.NotEqual(baseline, Draw(new RandomStreams(2, 0).Get("arrivals"), 5));
        Assert.NotEqual(baseline, Draw(new RandomStreams(1, 1).Get("arrivals"), 5));
    }

    [Fact]
    public void SameName_ReturnsTheSameStreamObject()
    {
        var streams = new RandomStreams(3);
        Assert.Same(streams.Get("x"), streams["x"]);
        Assert.Throws<ArgumentException>(() => streams.Get(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomStreams(1, -1));
    }

    [Fact]
    public void DeriveSeed_DoesNotDependOnTheProcessHashSeed()
    {
        // string.GetHashCode is randomised per process; DeriveSeed must be a pure function of its inputs.
        // Recomputed here from its definition (FNV-1a over UTF-16 code units, mixed by SplitMix64).
        static ulong Mix(ref ulong x)
        {
            x += 0x9E3779B97F4A7C15UL;
            var z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        var hash = 0xCBF29CE484222325UL;
        foreach (var c in "service/tax")
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        ulong x = 77;
        var a = Mix(ref x);
        x = a ^ hash;
        var b = Mix(ref x);
        x = b ^ unchecked(3UL * 0xD1B54A32D192ED03UL);
        var expected = Mix(ref x);

        Assert.Equal(expected, RandomStreams.DeriveSeed(77, "service/tax", 3));
    }

    [Fact]
    public void NextDouble_IsUniform_ChiSquare()
    {
        // 100 bins, 200,000 draws: χ² with 99 degrees of freedom has its 99.9% quantile at 148.2.
        var s = new RandomStream(11);
        var bins = new int[100];
        const int n = 200_000;
        for (var i = 0; i < n; i++)
        {
            bins[(int)(s.NextDouble() * 100)]++;
        }

        var expected = n / 100.0;
        var chi2 = bins.Sum(o => (o - expected) * (o - expected) / expected);
        Assert.InRange(chi2, 0, 148.2);
    }

    [Fact]
    public void NextInt_StaysInRange_AndCoversIt()
    {
        var s = new RandomStream(1);
        var seen = new bool[7];
        for (var i = 0; i < 1_000; i++)
        {
            var v = s.NextInt(7);
            Assert.InRange(v, 0, 6);
            seen[v] = true;
        }

        Assert.All(seen, Assert.True);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.NextInt(0));
    }
}
