using HallSim.Experiments;
using HallSim.Model;
using HallSim.Scenarios;

namespace HallSim.Staffing;

/// <summary>The windows of a scenario that serve the same categories (for Jihua: comprehensive W01–W12, tax and
/// rental W13–W14, consultation and social security W15–W16).</summary>
/// <param name="Name">The categories it serves, joined by "/" ("*" for comprehensive).</param>
/// <param name="WindowIds">Its windows, in scenario order.</param>
/// <param name="Categories">The categories its windows serve.</param>
public sealed record WindowGroup(string Name, IReadOnlyList<string> WindowIds, IReadOnlyList<string> Categories);

/// <summary>One window group's share of a pooled requirement.</summary>
/// <param name="Group">The group.</param>
/// <param name="Servers">Windows of the group required per interval of the pooled requirement's grid.</param>
/// <param name="WorkShare">The group's share of the busy window time per interval, as simulated (0 where no window was busy).</param>
public sealed record WindowGroupRequirement(WindowGroup Group, IReadOnlyList<int> Servers, IReadOnlyList<double> WorkShare);

/// <summary>Requirements per window group.</summary>
public static class WindowGroups
{
    /// <summary>The scenario's windows grouped by the categories they serve, in order of first appearance.</summary>
    /// <param name="scenario">The scenario.</param>
    public static IReadOnlyList<WindowGroup> Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Windows
            .GroupBy(w => string.Join("/", w.Categories), StringComparer.Ordinal)
            .Select(g => new WindowGroup(g.Key, g.Select(w => w.Id).ToArray(), g.First().Categories))
            .ToArray();
    }

    /// <summary>
    /// Splits a pooled requirement (windows per interval, from any method) over the window groups. How the work falls
    /// on the groups is not a formula's business when windows overlap ("one window accepts everything", plus domain
    /// windows): it is simulated. The scenario runs with every window open in its sessions; each interval's busy
    /// window time is attributed to the group of the window that did it, and the pooled number of windows is divided
    /// in proportion (largest remainders, so the groups add up to the pooled number exactly), never giving a group
    /// more windows than it has — the surplus goes to the groups that can take it.
    /// </summary>
    /// <param name="scenario">The scenario the requirement was computed for.</param>
    /// <param name="pooled">The pooled requirement.</param>
    /// <param name="replications">Replications of the all-windows simulation (default 20).</param>
    /// <param name="seed">Its seed (default 1).</param>
    public static IReadOnlyList<WindowGroupRequirement> Split(Scenario scenario, StaffingRequirements pooled, int replications = 20, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(pooled);
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 1);
        scenario.EnsureValid();
        var groups = Of(scenario);
        var groupOf = scenario.Windows.Select(w => groups.ToList().FindIndex(g => g.WindowIds.Contains(w.Id))).ToArray();
        var options = new HallRunOptions { IntervalMinutes = pooled.Grid.Length, KeepTickets = false };
        var allOpen = new StaffingPlan { Daily = [new OpenWindows(TimeOnly.MinValue, new TimeOnly(23, 59), scenario.Windows.Count)] };
        var staffing = scenario.Compile().Compile(allOpen);
        var runs = ReplicationRunner.Run(replications, rep => HallModel.Run(staffing, seed, rep, options).WindowUtilisationByInterval);
        var count = pooled.Intervals.Count;
        var busy = new double[groups.Count, count];
        foreach (var run in runs)
        {
            for (var w = 0; w < run.Count; w++)
            {
                for (var i = 0; i < Math.Min(count, run[w].Count); i++)
                {
                    busy[groupOf[w], i] += run[w][i];
                }
            }
        }

        var servers = groups.Select(_ => new int[count]).ToArray();
        var shares = groups.Select(_ => new double[count]).ToArray();
        for (var i = 0; i < count; i++)
        {
            var total = Enumerable.Range(0, groups.Count).Sum(g => busy[g, i]);
            for (var g = 0; g < groups.Count; g++)
            {
                shares[g][i] = total > 0 ? busy[g, i] / total : 0;
            }

            var split = Allocate(pooled.Intervals[i].Servers, shares.Select(s => s[i]).ToArray(), groups.Select(g => g.WindowIds.Count).ToArray());
            for (var g = 0; g < groups.Count; g++)
            {
                servers[g][i] = split[g];
            }
        }

        return groups.Select((g, k) => new WindowGroupRequirement(g, servers[k], shares[k])).ToArray();
    }

    /// <summary>Divides <paramref name="total"/> in proportion to <paramref name="shares"/> by largest remainders,
    /// with each part at most its cap; what a capped part cannot take goes to the others in proportion.</summary>
    internal static int[] Allocate(int total, double[] shares, int[] caps)
    {
        var parts = new int[shares.Length];
        total = Math.Min(total, caps.Sum());
        var open = Enumerable.Range(0, shares.Length).Where(k => caps[k] > 0).ToList();
        var left = total;
        while (left > 0 && open.Count > 0)
        {
            var weight = open.Sum(k => shares[k]);
            var ideal = open.ToDictionary(k => k, k => weight > 0 ? left * shares[k] / weight : (double)left / open.Count);
            var add = open.ToDictionary(k => k, k => Math.Min(caps[k] - parts[k], (int)Math.Floor(ideal[k])));
            var given = add.Values.Sum();
            foreach (var k in open.OrderByDescending(k => ideal[k] - Math.Floor(ideal[k])).ThenBy(k => k))
            {
                if (given >= left)
                {
                    break;
                }

                if (add[k] < caps[k] - parts[k])
                {
                    add[k]++;
                    given++;
                }
            }

            foreach (var k in open)
            {
                parts[k] += add[k];
            }

            left -= given;
            open = open.Where(k => parts[k] < caps[k]).ToList();
            if (given == 0)
            {
                break;
            }
        }

        return parts;
    }
}
