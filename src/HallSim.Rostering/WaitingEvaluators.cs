using HallSim.Model;
using HallSim.Queueing;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Rostering;

/// <summary>
/// One day of a roster judged by an evaluator: its total waiting and, per interval, how much one more open window
/// there would change it (forward differences under common random numbers). Such a pair is a cut
/// θ_d ≥ W + Σ g_t (n_t − a_t) on the day's waiting for the count model (Atlason, Epelman and Henderson's
/// simulation-based cutting planes): valid wherever waiting is convex and non-increasing in the open windows.
/// </summary>
/// <param name="Day">Day index in the horizon.</param>
/// <param name="Waiting">Total waiting of the day's tickets, citizen-minutes (mean over replications).</param>
/// <param name="ByReplication">Per replication (one value for an exact evaluator).</param>
/// <param name="Intervals">The horizon's interval indices the slopes refer to.</param>
/// <param name="At">Open windows at each of those intervals.</param>
/// <param name="Slopes">Change in the day's waiting per extra window at each of those intervals (≤ 0), citizen-minutes.</param>
internal sealed record DayCut(int Day, double Waiting, double[] ByReplication, int[] Intervals, int[] At, double[] Slopes);

/// <summary>Judges a roster day by day for the cutting-plane loop.</summary>
internal interface IWaitingEvaluator
{
    /// <summary>Evaluates day <paramref name="day"/> of <paramref name="roster"/> whose open windows per interval are <paramref name="open"/>.</summary>
    DayCut Evaluate(CompiledProblem c, Roster roster, int[] open, int day, CancellationToken cancellationToken);

    /// <summary>The cost of day <paramref name="day"/> of <paramref name="roster"/> alone, per replication (no slopes): what
    /// <see cref="DayCut.ByReplication"/> of <see cref="Evaluate"/> would hold, with the same random numbers.</summary>
    double[] Cost(CompiledProblem c, Roster roster, int[] open, int day, CancellationToken cancellationToken);

    /// <summary>The day's waiting with every window open in every opening interval, whatever the staff: no roster waits less.</summary>
    double AllOpen(CompiledProblem c, int day, CancellationToken cancellationToken);
}

/// <summary>
/// The exact transient M/M/c(+M) queue of each day (<see cref="TransientQueue"/>) at the intervals' arrival rates,
/// the ticket mix's mean service time and the scenario's mean patience; its cost is the queue-minutes alone (in this
/// queue those who leave are queue-minutes ÷ the mean patience, so pricing them would only scale the cost, and it has
/// no ticket-level tail). Exact for a hall with exponential service and
/// patience whose windows all serve every ticket; elsewhere a fast analytical stand-in for the simulation.
/// </summary>
internal sealed class MarkovEvaluator : IWaitingEvaluator
{
    public DayCut Evaluate(CompiledProblem c, Roster roster, int[] open, int day, CancellationToken cancellationToken)
    {
        var (first, last) = OpenSpan(c, day);
        if (first < 0)
        {
            return new DayCut(day, 0, [0], [], [], []);
        }

        double Total(int[] n) => TransientQueue.Evaluate(Pieces(c, n, first, last), c.MeanService, c.MeanPatience).TotalQueueMinutes;
        var waiting = Total(open);
        var probes = Probes(c, open, first, last);
        var slopes = new double[probes.Length];
        var work = open.ToArray();
        for (var i = 0; i < probes.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = probes[i];
            work[t]++;
            slopes[i] = Math.Min(0, Total(work) - waiting);
            work[t]--;
        }

        return new DayCut(day, waiting, [waiting], probes, probes.Select(t => open[t]).ToArray(), slopes);
    }

    public double[] Cost(CompiledProblem c, Roster roster, int[] open, int day, CancellationToken cancellationToken)
    {
        var (first, last) = OpenSpan(c, day);
        return first < 0 ? [0] : [TransientQueue.Evaluate(Pieces(c, open, first, last), c.MeanService, c.MeanPatience).TotalQueueMinutes];
    }

    public double AllOpen(CompiledProblem c, int day, CancellationToken cancellationToken)
    {
        var (first, last) = OpenSpan(c, day);
        return first < 0 ? 0 : TransientQueue.Evaluate(Pieces(c, Enumerable.Repeat(c.Windows, c.Grid.Count).ToArray(), first, last), c.MeanService, c.MeanPatience).TotalQueueMinutes;
    }

    private static QueuePiece[] Pieces(CompiledProblem c, int[] open, int first, int last) =>
        Enumerable.Range(first, last - first + 1)
            .Select(t => new QueuePiece(c.Problem.IntervalMinutes, c.Open[t] ? c.Rates[t] : 0, c.Open[t] ? Math.Min(open[t], c.Windows) : 0))
            .ToArray();

    /// <summary>First and last open interval of the day (−1 when closed).</summary>
    internal static (int First, int Last) OpenSpan(CompiledProblem c, int day)
    {
        int first = -1, last = -1;
        for (var t = day * c.PerDay; t < (day + 1) * c.PerDay; t++)
        {
            if (c.Open[t])
            {
                first = first < 0 ? t : first;
                last = t;
            }
        }

        return (first, last);
    }

    /// <summary>The counted intervals of the day where one more window could open.</summary>
    internal static int[] Probes(CompiledProblem c, int[] open, int first, int last) =>
        Enumerable.Range(first, last - first + 1).Where(t => c.Counted[t] && open[t] < c.Windows).ToArray();
}

/// <summary>
/// The hall simulation of each day (every category, window, kiosk, balking and patience of the scenario), with common
/// random numbers: the day's roster, then the same roster with one more person at a window that serves every category
/// for one interval, for each interval where a window is free.
/// </summary>
/// <param name="seed">Seed of every simulation (the same for all: common random numbers).</param>
/// <param name="replications">Replications per simulated day.</param>
internal sealed class SimulationEvaluator(ulong seed, int replications) : IWaitingEvaluator
{
    private const string ProbeId = "hallsim-probe";

    public DayCut Evaluate(CompiledProblem c, Roster roster, int[] open, int day, CancellationToken cancellationToken)
    {
        var (first, last) = MarkovEvaluator.OpenSpan(c, day);
        var date = c.Date(day);
        if (first < 0)
        {
            return new DayCut(day, 0, new double[replications], [], [], []);
        }

        var probes = MarkovEvaluator.Probes(c, open, first, last);
        var length = c.Problem.IntervalMinutes;
        var probeShifts = probes.Select(t =>
        {
            var start = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes((t % c.PerDay) * length));
            return new ShiftTemplate($"{ProbeId}-{t % c.PerDay}", start, start.AddMinutes(length));
        }).ToArray();
        var scenario = c.Horizon with
        {
            StartDate = date,
            Days = 1,
            Staff = [.. c.Horizon.Staff, new StaffMember(ProbeId, ProbeId, [Window.AnyCategory])],
            Shifts = [.. c.Horizon.Shifts, .. probeShifts],
        };
        var assignments = roster.Assignments.Where(a => a.Date == date).Select(a => a with { WindowId = null }).ToArray();
        var hall = scenario.Compile(); // once for the day's baseline and every probe
        var baseline = Costs(c, Waiting(c, hall, assignments, cancellationToken));
        var slopes = new double[probes.Length];
        for (var i = 0; i < probes.Length; i++)
        {
            var probe = Costs(c, Waiting(c, hall, [.. assignments, new RosterAssignment(date, ProbeId, probeShifts[i].Id)], cancellationToken));
            slopes[i] = Math.Min(0, probe.Average() - baseline.Average());
        }

        return new DayCut(day, baseline.Average(), baseline, probes, probes.Select(t => open[t]).ToArray(), slopes);
    }

    private readonly Dictionary<int, CompiledHall> days = [];

    public double[] Cost(CompiledProblem c, Roster roster, int[] open, int day, CancellationToken cancellationToken)
    {
        var date = c.Date(day);
        if (MarkovEvaluator.OpenSpan(c, day).First < 0)
        {
            return new double[replications];
        }

        if (!days.TryGetValue(day, out var hall))
        {
            hall = (c.Horizon with { StartDate = date, Days = 1 }).Compile();
            days[day] = hall;
        }

        var assignments = roster.Assignments.Where(a => a.Date == date).Select(a => a with { WindowId = null }).ToArray();
        return Costs(c, Waiting(c, hall, assignments, cancellationToken));
    }

    /// <summary>Per replication: the waiting, plus the tail beyond the objective's threshold and the citizens turned
    /// away, at their prices (<see cref="MinimiseWaiting"/>), citizen-minutes.</summary>
    internal static double[] Costs(CompiledProblem c, RosterEvaluation e)
    {
        var w = c.Problem.Objective as MinimiseWaiting;
        if (w is { TailWeight: > 0 } && Math.Abs(e.WaitTargetMinutes - w.TailMinutes) > 1e-9)
        {
            throw new InvalidOperationException($"the evaluation's excess waiting is beyond {e.WaitTargetMinutes} minutes, the objective's tail beyond {w.TailMinutes}: evaluate with the tail threshold as the target");
        }

        return e.TotalWaitingByReplication.Select((x, r) => x +
            ((w?.TailWeight ?? 0) * e.ExcessWaitingByReplication[r]) +
            ((w?.TurnedAwayCost ?? 0) * e.TurnedAwayByReplication[r])).ToArray();
    }

    public double AllOpen(CompiledProblem c, int day, CancellationToken cancellationToken)
    {
        var date = c.Date(day);
        var sessions = c.Horizon.Calendar.SessionsOn(date);
        if (sessions.Count == 0)
        {
            return 0;
        }

        // One person per window from opening to closing, able to serve every category, off while the hall is closed.
        var ordered = sessions.OrderBy(s => s.Open).ToArray();
        var shifts = new[]
        {
            new ShiftTemplate($"{ProbeId}-day", ordered[0].Open, ordered[^1].Close)
            {
                Breaks = ordered.Zip(ordered.Skip(1), (a, b) => new StaffBreak(a.Close, b.Open)).Where(x => x.End > x.Start).ToArray(),
            },
        };
        var staff = Enumerable.Range(0, c.Windows).Select(w => new StaffMember($"{ProbeId}-{w}", $"{ProbeId}-{w}", [Window.AnyCategory])).ToArray();
        var scenario = c.Horizon with { StartDate = date, Days = 1, Staff = staff, Shifts = shifts };
        var roster = staff.SelectMany(m => shifts.Select(s => new RosterAssignment(date, m.Id, s.Id))).ToArray();
        return Costs(c, Waiting(c, scenario.Compile(), roster, cancellationToken)).Average();
    }

    private RosterEvaluation Waiting(CompiledProblem c, CompiledHall hall, RosterAssignment[] assignments, CancellationToken cancellationToken) =>
        RosterEvaluator.Evaluate(hall.Compile(new StaffingPlan { Roster = new Roster(assignments) }), seed, replications,
            waitTargetMinutes: (c.Problem.Objective as MinimiseWaiting)?.TailMinutes ?? 30, cancellationToken: cancellationToken);
}
