using BenchmarkDotNet.Running;

namespace HallSim.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        // `ratio` runs the interleaved in-process harness (RatioHarness); anything else goes to BenchmarkDotNet.
        if (args.Length > 0 && args[0] == "ratio")
        {
            return RatioHarness.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
