using HallSim.Experiments;
using HallSim.Model;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;
using HallSim.Tests.Support;

namespace HallSim.Tests.Model;

/// <summary>Citizen journeys reduced to textbook queues, against closed forms and exact Markov chains computed here.</summary>
public class JourneyQueueingTests
{
    private static readonly HallRunOptions SummaryOnly = new() { KeepTickets = false };

    private static double MeanWait(HallRunResult r)
    {
        var called = r.Intervals.Sum(i => i.Served + i.NoShows);
        return r.Intervals.Sum(i => i.MeanWait * (i.Served + i.NoShows)) / called;
    }

    [Fact]
    public void ReceptionThenWindows_IsATandemJacksonNetwork()
    {
        // Poisson arrivals λ = 0.4/min → reception M/M/3 (mean 5 min, ρ = 0.67) → windows M/M/5 (mean 10 min, ρ = 0.8),
        // around the clock for 60 days. Jackson's theorem: in steady state the windows see Poisson(λ) arrivals, so
        // each stage's mean wait is its own Erlang C value. 10 replications, 99% Student-t interval per stage.
        const double lambda = 0.4;
        var scenario = HallScenarios.Mmc(5, lambda, 10, days: 60) with
        {
            Journeys = new Journeys { Reception = new Reception(3, new ExponentialDistribution(5)) },
        };
        var runs = ReplicationRunner.Run(10, rep => HallModel.Run(scenario, HallScenarios.AllDayWindows(5), 21, rep, SummaryOnly));

        var reception = ConfidenceInterval.Of(runs.Select(r => r.Journeys!.ReceptionMeanWait).ToList());
        var windows = ConfidenceInterval.Of(runs.Select(MeanWait).ToList());
        var expectedReception = QueueingOracle.MmcMeanWait(3, lambda, 1 / 5.0);
        var expectedWindows = QueueingOracle.MmcMeanWait(5, lambda, 1 / 10.0);

        Assert.True(reception.Contains(expectedReception), $"reception Wq {reception} vs Erlang C {expectedReception:G5}");
        Assert.True(windows.Contains(expectedWindows), $"window Wq {windows} vs Erlang C {expectedWindows:G5}");
        Assert.True(windows.HalfWidth < 0.15 * expectedWindows, $"interval too wide: {windows}");
        Assert.All(runs, r => Assert.Equal(r.Totals.Arrived, r.Journeys!.ReceptionServed)); // every walk-in passed reception
    }

    [Fact]
    public void ReturnVisits_AreAFeedbackQueue_VisitsPerDayIsLambdaOverOneMinusR()
    {
        // Every visit is independently incomplete with r = 0.3 and comes back the next day: in steady state the
        // visits per day are λ/(1 − r) and the return visits r·λ/(1 − r). 50 days, the first 15 dropped (warm-up: the
        // returns reach their level geometrically, 0.3^15 ≈ 1e-8). 8 replications, 99% interval.
        const double lambda = 0.15, r = 0.3;
        var scenario = HallScenarios.Mmc(6, lambda, 10, days: 50) with
        {
            Journeys = new Journeys
            {
                Categories = [new CategoryJourney("all") { IncompleteShare = r }],
                Returns = new ReturnVisits(new ConstantDistribution(1)),
            },
        };
        var runs = ReplicationRunner.Run(8, rep => HallModel.Run(scenario, HallScenarios.AllDayWindows(6), 23, rep, new HallRunOptions { KeepTickets = false, IntervalMinutes = 1440 }));
        double PerDay(HallRunResult x) => x.Days.Skip(15).Average(d => (double)d.Arrivals);
        double ReturnsPerDay(HallRunResult x) => x.Journeys!.ReturnVisitsByDay.Skip(15).Average();

        var visits = ConfidenceInterval.Of(runs.Select(PerDay).ToList());
        var returns = ConfidenceInterval.Of(runs.Select(ReturnsPerDay).ToList());
        var firstVisitResolution = ConfidenceInterval.Of(runs.Select(x => x.Journeys!.FirstVisitResolution).ToList());
        var perDay = lambda * 1439; // the scenario's day is 00:00–23:59

        Assert.True(visits.Contains(perDay / (1 - r)), $"visits per day {visits} vs λ/(1 − r) = {perDay / (1 - r):G5}");
        Assert.True(returns.Contains(r * perDay / (1 - r)), $"returns per day {returns} vs rλ/(1 − r) = {r * perDay / (1 - r):G5}");
        Assert.True(firstVisitResolution.Contains(1 - r), $"first-visit resolution {firstVisitResolution} vs 1 − r");
        Assert.False(visits.Contains(perDay), "the returns must show");
    }

    [Fact]
    public void QueueTriggeredWindows_MatchABirthDeathChainWithStateDependentServers()
    {
        // Two regular windows (μ = 0.2/min) and two queue-triggered ones: one opens when an arrival makes more than 4
        // wait, an open one closes when it finishes a service with fewer than 2 waiting (or nothing to call). The exact
        // chain on (in system, triggered open) gives the mean wait, the mean number of triggered windows open and
        // their opening rate. 60 days × 8 replications, 99% intervals.
        const double lambda = 0.35, mu = 0.2;
        const int regular = 2, triggered = 2, openAbove = 4, closeBelow = 2;
        var scenario = HallScenarios.Mmc(regular + triggered, lambda, 1 / mu, days: 60) with
        {
            Journeys = new Journeys { QueueTriggeredWindows = [new QueueTriggeredWindows(["W03", "W04"], openAbove, closeBelow)] },
        };
        var runs = ReplicationRunner.Run(8, rep => HallModel.Run(scenario, HallScenarios.AllDayWindows(regular), 29, rep, SummaryOnly));
        var minutes = 60 * 1440.0;

        var chain = TriggeredChain(lambda, mu, regular, triggered, openAbove, closeBelow);
        var wait = ConfidenceInterval.Of(runs.Select(MeanWait).ToList());
        var open = ConfidenceInterval.Of(runs.Select(r => r.Journeys!.TriggeredOpenMinutes / minutes).ToList());
        var openings = ConfidenceInterval.Of(runs.Select(r => r.Journeys!.TriggeredOpenings / minutes).ToList());

        Assert.True(wait.Contains(chain.MeanWait), $"Wq {wait} vs chain {chain.MeanWait:G5}");
        Assert.True(open.Contains(chain.MeanOpen), $"triggered windows open {open} vs chain {chain.MeanOpen:G5}");
        Assert.True(openings.Contains(chain.OpeningRate), $"openings per minute {openings} vs chain {chain.OpeningRate:G5}");

        // Power: without the triggered windows the same hall waits far longer (M/M/2 at ρ = 0.875).
        Assert.True(QueueingOracle.MmcMeanWait(regular, lambda, mu) > 2 * wait.Upper);
    }

    /// <summary>The exact chain of the triggered windows: state (n in system, m triggered open), solved directly.</summary>
    private static (double MeanWait, double MeanOpen, double OpeningRate) TriggeredChain(double lambda, double mu, int c, int k, int openAbove, int closeBelow)
    {
        const int maxN = 260;
        int Index(int n, int m) => (n * (k + 1)) + m;
        var size = (maxN + 1) * (k + 1);
        var q = new double[size, size];
        int Waiting(int n, int m) => Math.Max(0, n - m - c);
        for (var n = 0; n <= maxN; n++)
        {
            for (var m = 0; m <= Math.Min(k, n); m++)
            {
                var from = Index(n, m);
                var busyRegular = Math.Min(n - m, c);
                var waiting = Waiting(n, m);
                if (n < maxN)
                {
                    var waitingAfter = busyRegular == c ? waiting + 1 : waiting;
                    var to = waitingAfter > openAbove && m < k ? Index(n + 1, m + 1) : Index(n + 1, m);
                    q[from, to] += lambda;
                }

                if (busyRegular > 0)
                {
                    q[from, Index(n - 1, m)] += mu * busyRegular;
                }

                if (m > 0)
                {
                    // A triggered window finishes: it closes with fewer than closeBelow (or nothing) waiting, else calls the next.
                    q[from, waiting < Math.Max(closeBelow, 1) ? Index(n - 1, m - 1) : Index(n - 1, m)] += mu * m;
                }
            }
        }

        var pi = Stationary(q, size, valid: i => i % (k + 1) <= i / (k + 1));
        double lq = 0, open = 0, rate = 0;
        for (var n = 0; n <= maxN; n++)
        {
            for (var m = 0; m <= Math.Min(k, n); m++)
            {
                var p = pi[Index(n, m)];
                lq += p * Waiting(n, m);
                open += p * m;
                var waitingAfter = Math.Min(n - m, c) == c ? Waiting(n, m) + 1 : Waiting(n, m);
                rate += waitingAfter > openAbove && m < k ? p * lambda : 0;
            }
        }

        Assert.True(pi[Index(maxN, 0)] + pi[Index(maxN, k)] < 1e-12, "truncation too tight");
        return (lq / lambda, open, rate);
    }

    [Fact]
    public void DisplayedWaitBalking_MatchesABirthDeathChain()
    {
        // Three comprehensive windows, mean service 8 minutes; the display shows waiting × 8 / 3 minutes and a walk-in
        // balks with probability rising from 0 at 10 minutes to 1 at 40. That is a birth–death chain with arrival rate
        // λ(1 − p(waiting)); PASTA gives the share who balk. 30 days × 8 replications, 99% intervals.
        const double lambda = 0.4, meanService = 8, from = 10, all = 40;
        const int c = 3;
        var scenario = HallScenarios.Mmc(c, lambda, meanService, days: 30) with
        {
            Journeys = new Journeys { DisplayedWait = new DisplayedWait(from, all) },
        };
        var runs = ReplicationRunner.Run(8, rep => HallModel.Run(scenario, HallScenarios.AllDayWindows(c), 31, rep, SummaryOnly));

        double Balk(int waiting) => Math.Clamp(((waiting * meanService / c) - from) / (all - from), 0, 1);
        const int maxN = 200;
        var weights = new double[maxN + 1];
        weights[0] = 1;
        for (var n = 1; n <= maxN; n++)
        {
            var birth = lambda * (1 - Balk(Math.Max(0, n - 1 - c)));
            weights[n] = weights[n - 1] * birth / (Math.Min(n, c) / meanService);
        }

        var total = weights.Sum();
        var balkShare = Enumerable.Range(0, maxN + 1).Sum(n => weights[n] / total * Balk(Math.Max(0, n - c)));
        var lq = Enumerable.Range(0, maxN + 1).Sum(n => weights[n] / total * Math.Max(0, n - c));
        var expectedWait = lq / (lambda * (1 - balkShare));

        var share = ConfidenceInterval.Of(runs.Select(r => (double)r.Journeys!.BalkedOnDisplayedWait / r.Totals.Arrived).ToList());
        var wait = ConfidenceInterval.Of(runs.Select(MeanWait).ToList());
        Assert.True(share.Contains(balkShare), $"balk share {share} vs chain {balkShare:G5}");
        Assert.True(wait.Contains(expectedWait), $"Wq {wait} vs chain {expectedWait:G5}");
        Assert.InRange(balkShare, 0.02, 0.5); // the display matters in this hall
    }

    /// <summary>The stationary distribution of a generator (rates off the diagonal) over the valid states, by Gaussian
    /// elimination with the normalisation in place of one balance equation.</summary>
    internal static double[] Stationary(double[,] rates, int size, Func<int, bool> valid)
    {
        var states = Enumerable.Range(0, size).Where(valid).ToArray();
        var n = states.Length;
        var a = new double[n, n + 1];
        for (var j = 0; j < n; j++)
        {
            var s = states[j];
            var outRate = 0.0;
            for (var i = 0; i < n; i++)
            {
                if (i != j)
                {
                    a[i, j] += rates[s, states[i]]; // column j: flows out of s into i, row i: balance of i
                    outRate += rates[s, states[i]];
                }
            }

            a[j, j] -= outRate;
        }

        for (var j = 0; j <= n; j++)
        {
            a[n - 1, j] = j < n ? 1 : 1; // Σπ = 1
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (var j = 0; j <= n; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            for (var r = 0; r < n; r++)
            {
                if (r == col || a[r, col] == 0)
                {
                    continue;
                }

                var f = a[r, col] / a[col, col];
                for (var j = col; j <= n; j++)
                {
                    a[r, j] -= f * a[col, j];
                }
            }
        }

        var pi = new double[size];
        for (var i = 0; i < n; i++)
        {
            pi[states[i]] = a[i, n] / a[i, i];
        }

        return pi;
    }
}
