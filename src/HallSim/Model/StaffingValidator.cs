using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Model;

internal static class StaffingValidator
{
    /// <summary>Problems of run options alone (interval length, wait target).</summary>
    internal static List<ValidationProblem> Options(HallRunOptions options)
    {
        var problems = new List<ValidationProblem>();
        if (!IntervalGrid.DividesDay(options.IntervalMinutes))
        {
            problems.Add(new("options.intervalMinutes", $"{options.IntervalMinutes} does not divide a day of 1440 minutes"));
        }

        if (!(options.WaitTargetMinutes >= 0) || !double.IsFinite(options.WaitTargetMinutes))
        {
            problems.Add(new("options.waitTargetMinutes", $"{options.WaitTargetMinutes} is not a number of minutes of at least 0"));
        }

        return problems;
    }

    internal static IReadOnlyList<ValidationProblem> Validate(StaffingPlan plan, Scenario scenario, HallRunOptions options) =>
        Validate(plan, scenario, options, out _);

    /// <summary>Validates, and returns the roster's placement on windows (empty without a roster) so the run need not place it again.</summary>
    internal static IReadOnlyList<ValidationProblem> Validate(StaffingPlan plan, Scenario scenario, HallRunOptions options, out List<WorkSegment> segments)
    {
        var problems = new List<ValidationProblem>(Options(options));
        segments = [];

        if (plan.Roster is not null)
        {
            if (plan.Daily is not null || plan.ByDate is not null)
            {
                problems.Add(new("roster", "give either a roster or open windows (daily, byDate), not both"));
            }

            if (plan.Roster.Assignments is null)
            {
                problems.Add(new("roster.assignments", "is missing"));
            }
            else
            {
                var placement = RosterPlacement.Place(plan.Roster, scenario);
                problems.AddRange(placement.Problems);
                segments = placement.Segments;
            }
        }

        if (plan.Daily is null && plan.ByDate is null && plan.Roster is null)
        {
            problems.Add(new("daily", "is missing: give open windows per time of day"));
        }

        if (plan.Daily is not null)
        {
            Check(plan.Daily, "daily", scenario.Windows.Count, problems);
        }

        if (plan.ByDate is not null)
        {
            foreach (var (date, list) in plan.ByDate)
            {
                Check(list, $"byDate[{date:yyyy-MM-dd}]", scenario.Windows.Count, problems);
            }
        }

        return problems;
    }

    private static void Check(IReadOnlyList<OpenWindows> list, string path, int windows, List<ValidationProblem> problems)
    {
        var sorted = list.Select((o, i) => (o, i)).OrderBy(x => x.o.From).ToList();
        for (var k = 0; k < sorted.Count; k++)
        {
            var (o, i) = sorted[k];
            if (o.To <= o.From)
            {
                problems.Add(new($"{path}[{i}].to", $"{o.To:HH\\:mm} is not after from ({o.From:HH\\:mm})"));
            }

            if (o.Windows < 0 || o.Windows > windows)
            {
                problems.Add(new($"{path}[{i}].windows", $"{o.Windows} is not a number of windows from 0 to {windows} (the scenario's windows)"));
            }

            if (k > 0 && o.From < sorted[k - 1].o.To)
            {
                problems.Add(new($"{path}[{i}].from", $"{o.From:HH\\:mm} overlaps the entry that ends at {sorted[k - 1].o.To:HH\\:mm}"));
            }
        }
    }
}
