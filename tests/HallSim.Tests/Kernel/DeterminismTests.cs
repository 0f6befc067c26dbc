using HallSim.Benchmarks;
using HallSim.Kernel;

namespace HallSim.Tests.Kernel;

public class DeterminismTests
{
    private static List<TraceRecord> Trace(ulong seed)
    {
        var trace = new List<TraceRecord>();
        MmcProcessModel.Run(new MmcSpec(Customers: 3_000, Seed: seed), trace.Add);
        return trace;
    }

    [Fact]
    public void SameSeed_GivesIdenticalEventTrace()
    {
        var a = Trace(9);
        var b = Trace(9);

        Assert.True(a.Count > 9_000);
        Assert.Equal(a, b);
    }

    [Fact]
    public void DifferentSeed_GivesDifferentEventTrace()
    {
        Assert.NotEqual(Trace(9), Trace(10));
    }

    [Fact]
    public void SameSeed_IdenticalResults_WhateverTheThreadCount()
    {
        // Each replication owns its simulation and streams: running them on many threads changes nothing.
        var sequential = Enumerable.Range(0, 8).Select(i => MmcProcessModel.Run(new MmcSpec(Customers: 5_000, Seed: (ulong)i))).ToArray();
        var parallel = new MmcResult[8];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = MmcProcessModel.Run(new MmcSpec(Customers: 5_000, Seed: (ulong)i)));

        Assert.Equal(sequential, parallel);
    }
}
