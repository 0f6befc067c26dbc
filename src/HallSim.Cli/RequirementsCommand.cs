using System.Globalization;
using HallSim.Queueing;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Cli;

/// <summary><c>hallsim requirements</c>: windows needed per interval for a service target, by SIPP, lag-SIPP, MOL or ISA.</summary>
internal static class RequirementsCommand
{

    internal static int Run(Options options, TextWriter output, TextWriter error)
    {
        var o = options;
        var interval = o.IntervalMinutes("--interval", 30);
        var within = o.Int("--within", 15, 0, 1440);
        var shareText = o.Text("--share") ?? "0.8";
        var replications = o.Int("--replications", 100, 2, 10_000);
        var seed = o.ULong("--seed", 1);
        if (!double.TryParse(shareText, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || !(share > 0 && share < 1))
        {
            o.Errors.Add($"--share: \"{shareText}\" is not a share strictly between 0 and 1 (for example 0.8)");
        }

        var methodText = o.Text("--method") ?? "sipp";
        RequirementMethod? method = methodText switch
        {
            "sipp" => RequirementMethod.Sipp,
            "lag-sipp" => RequirementMethod.LagSipp,
            "mol" => RequirementMethod.ModifiedOfferedLoad,
            "isa" => RequirementMethod.Isa,
            _ => null,
        };
        if (method is null)
        {
            o.Errors.Add($"--method: \"{methodText}\" is not one of sipp, lag-sipp, mol, isa");
        }

        o.RejectPositional();
        var scenario = Program.ScenarioForDates(o, 1, error);

        if (o.Errors.Count > 0 || scenario is null || method is null)
        {
            Program.ReportBadInput("requirements", o.Errors, error);
            return Program.BadInput;
        }

        var target = new ServiceLevelTarget(share, within);
        var result = method == RequirementMethod.Isa
            ? Requirements.ComputeIsa(scenario, target, interval, replications, seed)
            : Requirements.Compute(scenario, method.Value, target, interval);

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(scenario.Name);
        output.WriteLine(string.Create(inv, $"{scenario.StartDate:ddd yyyy-MM-dd}: windows needed for {share * 100:0}% called within {within} min, {methodText}, {interval}-minute intervals, at most {result.MaxServers} windows"));
        var groups = o.Flag("--groups") ? WindowGroups.Split(scenario, result, Math.Min(replications, 20), seed) : [];
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"{"time",-6} {"tickets/h",10} {"load",6} {"windows",8} {"predicted ≤T",13}") + string.Concat(groups.Select(g => $"  {g.Group.Name}")));
        for (var i = 0; i < result.Intervals.Count; i++)
        {
            var r = result.Intervals[i];
            if (r.Servers == 0 && r.ArrivalRate <= 0)
            {
                continue;
            }

            var time = TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(r.Start % 1440));
            var flag = r.Achievable ? string.Empty : $"  needs more than {result.MaxServers}";
            var split = string.Concat(groups.Select(g => $"  {g.Servers[i].ToString(inv).PadLeft(g.Group.Name.Length)}"));
            output.WriteLine(string.Create(inv, $"{time:HH\\:mm}  {r.ArrivalRate * 60,10:0.0} {r.OfferedLoad,6:0.0} {r.Servers,8} {r.Predicted.ServiceLevel * 100,11:0}%{split}{flag}"));
        }

        output.WriteLine();
        var flagged = result.Intervals.Count(i => !i.Achievable);
        output.WriteLine(string.Create(inv, $"Window-hours: {result.StaffHours:0.0}; intervals that the hall's windows cannot bring to target: {flagged}. Mean service of the ticket mix {result.MeanService:0.0} min."));
        output.WriteLine(groups.Count > 0
            ? "Windows per group: the pooled number divided by the simulated share of work of each window group (all windows open)."
            : "Simulate a plan with: hallsim simulate --windows N (or a roster); --groups splits the windows over the window groups.");
        return Program.Ok;
    }
}
