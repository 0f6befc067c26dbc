using HallSim.Queueing;
using HallSim.Staffing;

namespace HallSim.Tests.Queueing;

public class MeanFieldQueueTests
{
    [Theory]
    [InlineData(1.0, 11.0, 60.0)]
    [InlineData(3.0, 11.0, 60.0)]
    [InlineData(3.0, 11.0, null)]
    [InlineData(8.0, 11.0, 45.0)]
    public void Closure_IsWithin3PerCentOfTheExactChain_WhereWindowsAreOverloaded(double rate, double service, double? patience)
    {
        // The curves of one 30-minute interval after 0–4 equal ones, exact chain against the closure at every window
        // count overloaded by at least a quarter (measured worst 1.8%, at the least overloaded counts; 3% allows for
        // other rates). Near and below capacity the closure undercuts the tail, which is why it is not used there.
        var load = rate * service;
        var max = (int)Math.Ceiling(load * 1.4);
        var exact = WaitingCurveEstimator.FromQueueHistories(rate, service, patience, 30, max, 0, 4, double.PositiveInfinity);
        var closure = WaitingCurveEstimator.FromQueueHistories(rate, service, patience, 30, max, 0, 4, 0);
        for (var h = 0; h <= 4; h++)
        {
            for (var n = 0; rate >= MeanFieldQueue.OverloadFrom * n / service; n++)
            {
                Assert.True(Math.Abs(closure[h][n] - exact[h][n]) <= 0.03 * exact[h][n], $"history {h}, {n} windows: closure {closure[h][n]:F2}, exact {exact[h][n]:F2}");
            }

            // Where it is not used, the exact values stay.
            for (var n = (int)Math.Floor(load / MeanFieldQueue.OverloadFrom) + 1; n <= max; n++)
            {
                Assert.Equal(exact[h][n], closure[h][n]);
            }
        }
    }

    [Theory]
    [InlineData(60.0)]
    [InlineData(null)]
    public void FarOverloaded_TheClosureIsTheFluidQueue(double? patience)
    {
        // 300 arrivals a minute at 16 windows: once the windows fill (at t₀ with λ − μX = dX/dt, X(t₀) = c: about 3 s)
        // they are never idle again, so the mean queue obeys dq/dt = λ − cμ − θq — the fluid queue is the oracle
        // (within 0.02%: the randomness of the first seconds).
        const double lambda = 300, service = 11, minutes = 60;
        const int c = 16;
        var r = MeanFieldQueue.Evaluate([new QueuePiece(minutes, lambda, c)], service, patience, c, 0);
        var a = lambda - (c / service);
        var t = minutes + (Math.Log(1 - (c / service / lambda)) * service); // minutes after t₀
        var fluid = patience is { } p ? a * p * (t - (p * (1 - Math.Exp(-t / p)))) : a * t * t / 2;

        Assert.Equal(fluid, r.QueueMinutes[0], fluid * 2e-4);
        Assert.True(MeanFieldQueue.Replaces(Enumerable.Repeat(new QueuePiece(30, lambda, c), 5).ToArray(), service, patience, 0, MeanFieldQueue.ExactWorkLimit));
    }

    [Fact]
    public void AllHistoriesAtOnce_AreEachHistoryAlone_EvenWhereOnlyTheLongerOnesTakeTheClosure()
    {
        // 25 citizens a minute (a 10,000-ticket day's busiest half hour): histories 0–1 stay below the work limit and
        // take the exact chain, 2–4 pass it and take the closure — the shared evaluation must choose as each alone does.
        var all = WaitingCurveEstimator.FromQueueByHistory(25, 11, 60, 30, 16, 0, 4);
        for (var h = 0; h <= 4; h++)
        {
            var alone = WaitingCurveEstimator.FromQueue(25, 11, 60, 30, 16, 0, h);
            for (var n = 0; n <= 16; n++)
            {
                Assert.True(Math.Abs(all[h][n] - alone[n]) <= 1e-9 * Math.Max(1, alone[n]), $"history {h}, {n} windows: {all[h][n]} against {alone[n]}");
            }
        }
    }

    [Fact]
    public void TheJihuaHallsCurvesStayExact()
    {
        // The Jihua peak's busiest half hour (about 2.5 citizens a minute, mean service 11, patience about an hour) at
        // every window count after four equal intervals: below the work limit, so no closure.
        for (var n = 0; n <= 16; n++)
        {
            Assert.False(MeanFieldQueue.Replaces(Enumerable.Repeat(new QueuePiece(30, 2.5, n), 5).ToArray(), 11, 60, 0, MeanFieldQueue.ExactWorkLimit), $"{n} windows");
        }
    }
}
