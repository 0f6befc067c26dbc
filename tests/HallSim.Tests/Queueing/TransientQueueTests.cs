using HallSim.Queueing;

namespace HallSim.Tests.Queueing;

public class TransientQueueTests
{
    [Theory]
    [InlineData(3, 0.3, 8.0)]   // ρ = 0.8
    [InlineData(16, 1.35, 11.0)] // ρ = 0.93, the Jihua hall's size
    [InlineData(1, 0.1, 5.0)]    // M/M/1, ρ = 0.5
    public void LongStablePiece_ApproachesErlangC(int servers, double lambda, double service)
    {
        // After a long warm-up the chain is stationary: the mean queue over a further piece is Erlang C's λ·Wq.
        var result = TransientQueue.Evaluate([new QueuePiece(6_000, lambda, servers), new QueuePiece(1_000, lambda, servers)], service);
        var stationary = lambda * ErlangC.Evaluate(servers, lambda, service).MeanWait;

        Assert.Equal(stationary, result.QueueMinutes[1] / 1_000, stationary * 1e-6);
        Assert.True(result.Blocked < 1e-9);
    }

    [Fact]
    public void LongPieceWithPatience_ApproachesErlangA()
    {
        // Overloaded (ρ = 1.5) but always stable with patience: Erlang A's mean queue and abandonment rate.
        var result = TransientQueue.Evaluate([new QueuePiece(5_000, 0.75, 4), new QueuePiece(1_000, 0.75, 4)], 8, meanPatience: 30);
        var kpis = ErlangA.Evaluate(4, 0.75, 8, 30);

        Assert.Equal(0.75 * kpis.MeanWait, result.QueueMinutes[1] / 1_000, 1e-6);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(40.0)]
    public void Drain_ClosedForm_AgreesWithTheChainRunOut(double? patience)
    {
        // The drain's closed form Σ k ÷ (cμ + kθ) against the chain itself run on with no arrivals until it is empty.
        QueuePiece[] pieces = [new(60, 0.6, 2), new(30, 0.2, 3)];
        var closed = TransientQueue.Evaluate(pieces, 8, patience);
        var run = TransientQueue.Evaluate([.. pieces, new QueuePiece(3_000, 0, 3)], 8, patience);

        Assert.True(closed.DrainQueueMinutes > 10);
        Assert.Equal(closed.DrainQueueMinutes, run.QueueMinutes[^1], closed.DrainQueueMinutes * 1e-6);
        Assert.Equal(closed.Abandoned, run.Abandoned, Math.Max(1e-9, closed.Abandoned * 1e-6));
    }

    [Fact]
    public void OverloadedSchedule_MatchesANaiveMonteCarloOfTheSameChain()
    {
        // An independent oracle: event-by-event simulation of the birth–death chain (Gillespie), 40,000 runs, with
        // pieces at 2.0×, 0.4× and 0.8× capacity, the drain, and patience. Tolerance: 4 standard errors per quantity.
        QueuePiece[] pieces = [new(30, 0.5, 2), new(30, 0.15, 3), new(30, 0.3, 3)];
        const double service = 8, patience = 40;
        var exact = TransientQueue.Evaluate(pieces, service, patience);

        var rng = new HallSim.Randomness.RandomStream(12345);
        const int runs = 40_000;
        var sums = new double[pieces.Length + 1];
        var squares = new double[pieces.Length + 1];
        for (var r = 0; r < runs; r++)
        {
            var x = 0;
            var values = new double[pieces.Length + 1];
            for (var i = 0; i <= pieces.Length; i++)
            {
                var (length, lambda, c) = i < pieces.Length ? (pieces[i].Minutes, pieces[i].ArrivalRate, pieces[i].Servers) : (double.PositiveInfinity, 0.0, pieces[^1].Servers);
                var t = 0.0;
                while (true)
                {
                    var up = lambda;
                    var down = (Math.Min(x, c) / service) + (Math.Max(0, x - c) / patience);
                    if (i == pieces.Length && x <= c)
                    {
                        break;
                    }

                    var dt = -Math.Log(1 - rng.NextDouble()) / (up + down);
                    var stay = Math.Min(dt, length - t);
                    values[i] += Math.Max(0, x - c) * stay;
                    t += dt;
                    if (t >= length)
                    {
                        break;
                    }

                    x += rng.NextDouble() * (up + down) < up ? 1 : -1;
                }
            }

            for (var i = 0; i < values.Length; i++)
            {
                sums[i] += values[i];
                squares[i] += values[i] * values[i];
            }
        }

        for (var i = 0; i <= pieces.Length; i++)
        {
            var mean = sums[i] / runs;
            var se = Math.Sqrt(((squares[i] / runs) - (mean * mean)) / runs);
            var expected = i < pieces.Length ? exact.QueueMinutes[i] : exact.DrainQueueMinutes;
            Assert.True(Math.Abs(mean - expected) <= 4 * se, $"piece {i}: exact {expected:0.###}, Monte Carlo {mean:0.###} ± {se:0.###}");
        }
    }

    [Fact]
    public void MoreWindows_NeverWaitMore()
    {
        for (var c = 1; c < 6; c++)
        {
            var fewer = TransientQueue.Evaluate([new QueuePiece(60, 0.5, c), new QueuePiece(60, 0.3, 2)], 8).TotalQueueMinutes;
            var more = TransientQueue.Evaluate([new QueuePiece(60, 0.5, c + 1), new QueuePiece(60, 0.3, 2)], 8).TotalQueueMinutes;
            Assert.True(more <= fewer + 1e-9, $"{c} → {c + 1} windows: {fewer} → {more}");
        }
    }

    [Fact]
    public void BadArguments_AreNamed()
    {
        Assert.Throws<ArgumentOutOfRangeException>("meanService", () => TransientQueue.Evaluate([new QueuePiece(10, 1, 1)], 0));
        Assert.Throws<ArgumentOutOfRangeException>("pieces", () => TransientQueue.Evaluate([new QueuePiece(-1, 1, 1)], 5));
    }
}
