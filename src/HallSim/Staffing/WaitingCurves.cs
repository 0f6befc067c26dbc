using HallSim.Experiments;
using HallSim.Model;
using HallSim.Scenarios;

namespace HallSim.Staffing;

/// <summary>Per interval, expected total waiting (citizen-minutes of tickets issued in the interval) for 0 … max open windows.</summary>
/// <param name="Grid">The intervals.</param>
/// <param name="Simulated">Raw estimates [interval][windows] (mean over replications); +∞ where the windows never called everyone.</param>
/// <param name="Convex">The convex, non-increasing envelope handed to an optimiser [interval][windows].</param>
/// <param name="MaxAdjustment">Largest |convex − simulated| over finite points, citizen-minutes.</param>
/// <param name="MeanRelativeAdjustment">Mean of |convex − simulated| ÷ simulated over finite, positive points.</param>
public sealed record WaitingCurves(
    IntervalGrid Grid,
    IReadOnlyList<IReadOnlyList<double>> Simulated,
    IReadOnlyList<IReadOnlyList<double>> Convex,
    double MaxAdjustment,
    double MeanRelativeAdjustment);

/// <summary>Waiting curves from the hall simulation, for the roster optimiser.</summary>
public static class WaitingCurveEstimator
{
    /// <summary>
    /// Simulates the scenario with 1 … <paramref name="maxWindows"/> windows open in the usual sessions (the same seed for
    /// every count: common random numbers, so differences between counts are not noise between citizens), and
    /// attributes each ticket's wait to the interval it was issued in. Each interval's noisy curve is then made
    /// non-increasing (pool-adjacent-violators) and convex (lower convex hull), the shape CP-SAT's piecewise-linear
    /// objective needs; how far that moved the estimates is reported. Zero windows is +∞ in an interval with tickets.
    /// </summary>
    /// <param name="scenario">A valid scenario (usually one day).</param>
    /// <param name="staffingFor">Staffing for a window count (for example <c>Halls.WeekdaySessions</c>).</param>
    /// <param name="maxWindows">Most windows.</param>
    /// <param name="replications">Replications per window count (default 30).</param>
    /// <param name="seed">Seed (default 1).</param>
    /// <param name="intervalMinutes">Interval length (default 30).</param>
    public static WaitingCurves Estimate(Scenario scenario, Func<int, StaffingPlan> staffingFor, int maxWindows, int replications = 30, ulong seed = 1, double intervalMinutes = 30)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(staffingFor);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWindows, 1);
        var options = new HallRunOptions { IntervalMinutes = intervalMinutes, KeepTickets = false };
        var hall = scenario.Compile();
        HallRunResult[][] runs = Enumerable.Range(1, maxWindows)
            .Select(c => hall.Compile(staffingFor(c)))
            .Select(staffing => ReplicationRunner.Run(replications, rep => HallModel.Run(staffing, seed, rep, options)).ToArray())
            .ToArray();
        var grid = runs[0][0].Grid;
        var simulated = new double[grid.Count][];
        var convex = new double[grid.Count][];
        double maxAdjustment = 0, relativeSum = 0;
        var relativeCount = 0;
        for (var i = 0; i < grid.Count; i++)
        {
            var curve = new double[maxWindows + 1];
            var anyTickets = runs.Any(r => r.Any(x => x.Intervals[i].TicketsIssued > 0));
            curve[0] = anyTickets ? double.PositiveInfinity : 0;
            for (var c = 1; c <= maxWindows; c++)
            {
                var perRun = runs[c - 1].Select(r => r.Intervals[i]).ToList();
                var unfinished = perRun.Any(x => x.TicketsIssued > x.Served + x.NoShows);
                curve[c] = unfinished ? double.PositiveInfinity : perRun.Average(x => x.MeanWait * (x.Served + x.NoShows));
            }

            simulated[i] = curve;
            convex[i] = ConvexEnvelope(curve);
            for (var c = 0; c <= maxWindows; c++)
            {
                if (double.IsFinite(curve[c]))
                {
                    var d = Math.Abs(convex[i][c] - curve[c]);
                    maxAdjustment = Math.Max(maxAdjustment, d);
                    if (curve[c] > 1e-9)
                    {
                        relativeSum += d / curve[c];
                        relativeCount++;
                    }
                }
            }
        }

        return new WaitingCurves(grid, simulated, convex, maxAdjustment, relativeCount > 0 ? relativeSum / relativeCount : 0);
    }

    /// <summary>
    /// The waiting an interval causes, for 0 … <paramref name="maxWindows"/> open windows (index = open windows), from
    /// the exact M/M/n queue (M/M/n+M with <paramref name="meanPatience"/>; <see cref="HallSim.Queueing.TransientQueue"/>)
    /// that has run at the interval's rate with n windows for <paramref name="history"/> intervals before it: the
    /// citizen-minutes waited during the interval plus the growth of what is left to call at its end (called by n
    /// windows, at least one). With a long history this is the stationary queue where n windows keep up, and where
    /// they do not it charges the queue the interval adds for as long as it takes to call it. Re-planning starts from
    /// <paramref name="backlog"/> citizens already waiting instead of a history. Returns the convex, non-increasing
    /// envelope (<see cref="ConvexEnvelope"/>) that a piecewise-linear objective needs; 0 windows is charged at least the
    /// straight line through 1 and 2. Where n windows are overloaded by at least a quarter and the exact chain would
    /// take too long (an estimated 10⁷ state-steps: thousands of citizens in the interval and its history), the value
    /// comes from a Gaussian closure of the same queue (its mean and variance), within 3% of the exact chain there.
    /// </summary>
    /// <param name="rate">Arrival rate, citizens per minute (≥ 0).</param>
    /// <param name="meanService">Mean service time, minutes (&gt; 0).</param>
    /// <param name="meanPatience">Mean patience, minutes; null: nobody leaves.</param>
    /// <param name="length">Interval length, minutes (&gt; 0).</param>
    /// <param name="maxWindows">Most windows (≥ 0).</param>
    /// <param name="backlog">Citizens waiting at the interval's start (default 0; when positive the history is ignored).</param>
    /// <param name="history">Intervals at the same rate and windows before this one (default 0: the hall opens with it).</param>
    /// <returns>Citizen-minutes of waiting per open-window count.</returns>
    public static double[] FromQueue(double rate, double meanService, double? meanPatience, double length, int maxWindows, double backlog = 0, int history = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(history);
        var curves = FromQueueHistories(rate, meanService, meanPatience, length, maxWindows, backlog, history, HallSim.Queueing.MeanFieldQueue.ExactWorkLimit);
        return curves[^1];
    }

    /// <summary>
    /// <see cref="FromQueue"/> for every history 0 … <paramref name="maxHistory"/> at once (index = history), from one
    /// evaluation per window count: the queue over h + 1 equal intervals is the start of the one over more, so this
    /// costs about what the longest history alone costs. With citizens already waiting (<paramref name="backlog"/>
    /// &gt; 0) the history is ignored and one curve is returned.
    /// </summary>
    /// <param name="rate">Arrival rate, citizens per minute (≥ 0).</param>
    /// <param name="meanService">Mean service time, minutes (&gt; 0).</param>
    /// <param name="meanPatience">Mean patience, minutes; null: nobody leaves.</param>
    /// <param name="length">Interval length, minutes (&gt; 0).</param>
    /// <param name="maxWindows">Most windows (≥ 0).</param>
    /// <param name="backlog">Citizens waiting at the interval's start (0: none; when positive the history is ignored).</param>
    /// <param name="maxHistory">The longest history, intervals (≥ 0).</param>
    /// <returns>[history][open windows]: citizen-minutes of waiting, each curve as <see cref="FromQueue"/> returns it for
    /// that history (the same choice of method; values equal to about 10⁻⁹).</returns>
    public static double[][] FromQueueByHistory(double rate, double meanService, double? meanPatience, double length, int maxWindows, double backlog, int maxHistory) =>
        FromQueueHistories(rate, meanService, meanPatience, length, maxWindows, backlog, maxHistory, HallSim.Queueing.MeanFieldQueue.ExactWorkLimit);

    /// <summary>
    /// <see cref="FromQueueByHistory"/> with the work limit above which overloaded counts use the closure.
    /// A window count whose windows are overloaded by at least a quarter and whose exact chain would exceed
    /// <paramref name="exactWorkLimit"/> state-steps comes from the Gaussian-closure queue
    /// (<see cref="HallSim.Queueing.MeanFieldQueue.Replaces"/>).
    /// </summary>
    internal static double[][] FromQueueHistories(double rate, double meanService, double? meanPatience, double length, int maxWindows, double backlog, int maxHistory, double exactWorkLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxWindows);
        ArgumentOutOfRangeException.ThrowIfNegative(maxHistory);
        var max = maxWindows;
        var waiting = (int)Math.Round(backlog);
        var before = waiting > 0 ? 0 : maxHistory;
        var curves = Enumerable.Range(0, before + 1).Select(_ => new double[max + 1]).ToArray();
        if (rate <= 1e-12 && backlog <= 1e-12)
        {
            return curves;
        }

        var pieces = Enumerable.Range(0, max + 1).Select(n => Enumerable.Repeat(new HallSim.Queueing.QueuePiece(length, rate, n), before + 1).ToArray()).ToArray();
        for (var n = 0; n <= max; n++)
        {
            // Each history decides as FromQueue with that history would: the closure where its h + 1 intervals pass the
            // work limit (the work grows with h, so those are the longest histories), the exact chain for the rest,
            // run once over the longest history that stays exact.
            var drain = Math.Max(1, n);
            var closureFrom = before + 1;
            while (closureFrom > 0 && HallSim.Queueing.MeanFieldQueue.Replaces(pieces[n][..closureFrom], meanService, meanPatience, waiting, exactWorkLimit))
            {
                closureFrom--;
            }

            var exact = closureFrom > 0 ? HallSim.Queueing.TransientQueue.Evaluate(pieces[n][..closureFrom], meanService, meanPatience, drain, waiting) : null;
            var closure = closureFrom <= before ? HallSim.Queueing.MeanFieldQueue.Evaluate(pieces[n], meanService, meanPatience, drain, waiting) : null;
            for (var h = 0; h <= before; h++)
            {
                var with = h < closureFrom ? exact! : closure!;
                var caused = with.QueueMinutes[h] + with.DrainAfterPiece[h] - (h > 0 ? with.DrainAfterPiece[h - 1] : 0);
                curves[h][n] = Math.Max(0, caused);
            }
        }

        // No window at all leaves the queue to be called after the interval by one window, which makes 0 → 1 look
        // cheap next to 1 → 2; 0 is charged at least the straight line through 1 and 2 windows, so that the envelope
        // never lowers the true values at 1 and more.
        for (var h = 0; h <= before; h++)
        {
            var curve = curves[h];
            if (max >= 2)
            {
                curve[0] = Math.Max(curve[0], (2 * curve[1]) - curve[2]);
            }

            curves[h] = ConvexEnvelope(curve);
        }

        return curves;
    }

    /// <summary>
    /// The closest non-increasing sequence (least squares, pool-adjacent-violators) followed by its lower convex hull,
    /// on the finite points; infinite points (too few windows) stay infinite.
    /// </summary>
    /// <param name="values">The curve, index = open windows; +∞ marks too few windows.</param>
    /// <returns>A new array of the same length.</returns>
    public static double[] ConvexEnvelope(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = values.ToArray();
        var first = Array.FindIndex(result, double.IsFinite);
        if (first < 0)
        {
            return result;
        }

        // Pool adjacent violators for a non-increasing fit on [first, end).
        var blocks = new List<(double Sum, int Count)>();
        for (var k = first; k < result.Length; k++)
        {
            blocks.Add((result[k], 1));
            while (blocks.Count > 1 && blocks[^1].Sum / blocks[^1].Count > blocks[^2].Sum / blocks[^2].Count)
            {
                var last = blocks[^1];
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (blocks[^1].Sum + last.Sum, blocks[^1].Count + last.Count);
            }
        }

        var index = first;
        foreach (var (sum, count) in blocks)
        {
            for (var k = 0; k < count; k++)
            {
                result[index++] = sum / count;
            }
        }

        // Lower convex hull (Andrew's monotone chain) of the points (k, result[k]), then linear interpolation.
        var hull = new List<int>();
        for (var k = first; k < result.Length; k++)
        {
            while (hull.Count >= 2)
            {
                int a = hull[^2], b = hull[^1];
                var cross = ((b - a) * (result[k] - result[a])) - ((result[b] - result[a]) * (k - a));
                if (cross > 0)
                {
                    break; // left turn keeps b on the lower hull
                }

                hull.RemoveAt(hull.Count - 1);
            }

            hull.Add(k);
        }

        for (var h = 0; h + 1 < hull.Count; h++)
        {
            int a = hull[h], b = hull[h + 1];
            for (var k = a; k <= b; k++)
            {
                result[k] = result[a] + ((result[b] - result[a]) * (k - a) / (b - a));
            }
        }

        return result;
    }
}
