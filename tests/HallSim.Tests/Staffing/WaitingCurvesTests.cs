using HallSim.Queueing;
using HallSim.Staffing;
using HallSim.Tests.Model;

namespace HallSim.Tests.Staffing;

public class WaitingCurvesTests
{
    private static void AssertConvexNonIncreasing(IReadOnlyList<double> curve)
    {
        var finite = curve.Select((v, k) => (v, k)).Where(x => double.IsFinite(x.v)).ToList();
        for (var i = 1; i < finite.Count; i++)
        {
            Assert.True(finite[i].v <= finite[i - 1].v + 1e-9, $"increases at {finite[i].k}");
        }

        for (var i = 2; i < finite.Count; i++)
        {
            Assert.True(finite[i].v - (2 * finite[i - 1].v) + finite[i - 2].v >= -1e-9, $"not convex at {finite[i].k}");
        }
    }

    [Fact]
    public void Envelope_OfNoisyPoints_IsConvexAndNonIncreasing_AndKeepsAConvexCurve()
    {
        double[] noisy = [double.PositiveInfinity, double.PositiveInfinity, 400, 210, 230, 90, 100, 20, 25, 5, 6];
        var envelope = WaitingCurveEstimator.ConvexEnvelope(noisy);

        Assert.True(double.IsPositiveInfinity(envelope[0]) && double.IsPositiveInfinity(envelope[1]));
        AssertConvexNonIncreasing(envelope);
        Assert.True(envelope.Skip(2).Zip(noisy.Skip(2)).All(p => p.First <= p.Second + 1e-9 || p.First <= 230), "the envelope stays below the pooled points");

        double[] convex = [double.PositiveInfinity, 100, 50, 25, 12, 6, 3];
        Assert.Equal(convex, WaitingCurveEstimator.ConvexEnvelope(convex));
    }

    [Fact]
    public void SimulatedCurve_ReducedToMmc_MatchesTheErlangCCurve()
    {
        // a = 4 erlangs around the clock, 60-minute intervals, 2 days; compare day 2 06:00–18:00 (12 intervals × 30
        // replications) with λ·60·E[Wq](c) from Erlang C. The mean over 12 intervals has a standard error of a few
        // percent at 6–8 windows; tolerance 15%.
        var s = HallScenarios.Mmc(10, 0.4, 10, days: 2);
        var curves = WaitingCurveEstimator.Estimate(s, HallScenarios.AllDayWindows, maxWindows: 10, replications: 30, intervalMinutes: 60);
        var formula = MinimumStaffing.WaitingCurve(0.4, 10, 60, 10); // index 0 is 1 window

        foreach (var c in new[] { 6, 7, 8 })
        {
            var simulated = Enumerable.Range(30, 12).Average(i => curves.Simulated[i][c]);
            Assert.True(Math.Abs(simulated - formula[c - 1]) < 0.15 * formula[c - 1], $"{c} windows: simulated {simulated:0.0} vs Erlang C {formula[c - 1]:0.0} citizen-minutes");
        }

        Assert.All(curves.Convex, AssertConvexNonIncreasing);
        Assert.True(double.IsFinite(curves.MaxAdjustment) && curves.MeanRelativeAdjustment < 0.5);
    }
}
