using System.Globalization;
using System.Text;
using HallSim.Experiments;
using HallSim.Queueing;
using HallSim.Staffing;

// Regenerates the charts in docs/ from the project's own code:
//   dotnet run -c Release --project tools/HallSim.DocCharts -- docs
// and prints docs/rostering.md's comparison table:
//   dotnet run -c Release --project tools/HallSim.DocCharts -- rostering [rows, e.g. 0,2 | all] [tail weight | default] [loop replications | default] [trust radius | default] [most rounds | default] [neighbour candidates]
if (args.Length > 0 && args[0] == "curves")
{
    CurveCheck.Print();
    return;
}

if (args.Length > 0 && args[0] == "rostering")
{
    RosteringTables.Print(
        args.Length > 1 && args[1] != "all" ? args[1] : null,
        args.Length > 2 && args[2] != "default" ? double.Parse(args[2], CultureInfo.InvariantCulture) : null,
        args.Length > 3 && args[3] != "default" ? int.Parse(args[3], CultureInfo.InvariantCulture) : null,
        args.Length > 4 && args[4] != "default" ? int.Parse(args[4], CultureInfo.InvariantCulture) : null,
        args.Length > 5 && args[5] != "default" ? int.Parse(args[5], CultureInfo.InvariantCulture) : null,
        args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : null);
    return;
}

var outDir = args.Length > 0 ? args[0] : "docs";
const double Alpha = 0.1, Delta = 0.1;
var intervals = (int)Math.Ceiling(6 * Math.PI / Delta);
var queue = new TimeVaryingQueue(t => 100 + (20 * Math.Sin(t)), 120, 1, 5, Delta, intervals);
var from = (int)Math.Ceiling(4 * Math.PI / Delta);

double[] Delay(IReadOnlyList<int> servers)
{
    var runs = ReplicationRunner.Run(1600, rep => queue.Simulate(servers, 2008, rep));
    return Enumerable.Range(from, intervals - from).Select(i => (double)runs.Sum(r => r.Delayed[i]) / runs.Sum(r => r.Arrivals[i])).ToArray();
}

var isa = Isa.Run((s, rep) => queue.Simulate(s, 7, rep).NumberInSystem, intervals, Alpha, 200, 1000, samplesPerInterval: queue.SamplesPerInterval);
var psa = Enumerable.Range(0, intervals)
    .Select(i => MinimumStaffing.ErlangA(100 + (20 * Math.Sin((i + 0.5) * Delta)), 1, 5, new WaitProbabilityTarget(Alpha), 300).Servers)
    .ToArray();
var isaDelay = Delay(isa.Servers);
var psaDelay = Delay(psa);
var times = Enumerable.Range(from, intervals - from).Select(i => (i + 0.5) * Delta).ToArray();

var svg = new StringBuilder();
svg.AppendLine("""<svg xmlns="http://www.w3.org/2000/svg" width="760" height="560" font-family="sans-serif" font-size="12">""");
svg.AppendLine("""<rect width="760" height="560" fill="white"/>""");
Panel(svg, 40, "Servers: ISA vs pointwise-stationary (Erlang A at λ(t))", times,
    [("ISA", isa.Servers.Skip(from).Select(x => (double)x).ToArray(), "#1f77b4"), ("PSA", psa.Skip(from).Select(x => (double)x).ToArray(), "#d62728"),
     ("λ(t)", times.Select(t => 100 + (20 * Math.Sin(t))).ToArray(), "#999999")], 70, 140, null);
Panel(svg, 300, "P(delay) per interval, target α = 0.1 (band 0.07–0.12)", times,
    [("ISA", isaDelay, "#1f77b4"), ("PSA", psaDelay, "#d62728")], 0, 0.6, (0.07, 0.12));
svg.AppendLine("</svg>");
var path = Path.Combine(outDir, "isa-fmmw.svg");
File.WriteAllText(path, svg.ToString());
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"wrote {path}: ISA {isa.Iterations} iterations, P(delay) {isaDelay.Min():0.000}–{isaDelay.Max():0.000}; PSA {psaDelay.Min():0.000}–{psaDelay.Max():0.000}"));

// The Jihua peak day: requirements by SIPP, MOL and ISA, each simulated (50 replications), and the usual staffing.
foreach (var date in new[] { new DateOnly(2026, 3, 18), new DateOnly(2026, 10, 14) })
{
var peak = HallSim.Scenarios.Halls.Jihua with { StartDate = date, Days = 1 };
var target = new ServiceLevelTarget(0.8, 15);
Console.WriteLine();
Console.WriteLine($"Jihua, {date:ddd yyyy-MM-dd}, target 80% called within 15 minutes, 30-minute intervals");
var runOptions = new HallSim.Model.HallRunOptions { IntervalMinutes = 30, KeepTickets = false };
Console.WriteLine("| staffing | window-hours | intervals flagged (need > 16) | simulated day: mean wait (min) | called within 15 min | intervals with tickets meeting 80% |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
void Row(string name, HallSim.Staffing.StaffingPlan plan, double hours, int flagged)
{
    var result = HallSim.Model.HallReplications.Run(peak, plan, 2026, 50, runOptions);
    var withTickets = result.Intervals.Where(i => i.ServiceLevel is not null).ToList();
    var meeting = withTickets.Count(i => i.ServiceLevel!.Mean >= 0.8);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {hours:0.0} | {flagged} | {result.Days[0].MeanWait.Mean:0.0} ± {result.Days[0].MeanWait.HalfWidth:0.0} | {result.Days[0].ServiceLevel.Mean:P0} | {meeting} of {withTickets.Count} |"));
}

foreach (var method in new[] { RequirementMethod.Sipp, RequirementMethod.ModifiedOfferedLoad })
{
    var r = Requirements.Compute(peak, method, target);
    Row(method.ToString(), r.ToStaffingPlan(peak), r.StaffHours, r.Intervals.Count(i => !i.Achievable));
}

var isaHall = Requirements.ComputeIsa(peak, target, replications: 100);
Row("ISA (on the hall simulation)", isaHall.ToStaffingPlan(peak), isaHall.StaffHours, isaHall.Intervals.Count(i => !i.Achievable));
Row("usual: 16 windows 09:00–12:00, 14:00–18:00", HallSim.Scenarios.Halls.JihuaUsualStaffing, 16 * 7, 0);
}

static void Panel(StringBuilder svg, double top, string title, double[] x, (string Name, double[] Y, string Colour)[] series, double yMin, double yMax, (double Lo, double Hi)? band)
{
    const double left = 60, width = 660, height = 200;
    string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
    double X(double v) => left + ((v - x[0]) / (x[^1] - x[0]) * width);
    double Y(double v) => top + 20 + height - ((v - yMin) / (yMax - yMin) * height);
    svg.AppendLine($"""<text x="{F(left)}" y="{F(top + 12)}" font-weight="bold">{title}</text>""");
    svg.AppendLine($"""<rect x="{F(left)}" y="{F(top + 20)}" width="{F(width)}" height="{F(height)}" fill="none" stroke="#333"/>""");
    if (band is { } b)
    {
        svg.AppendLine($"""<rect x="{F(left)}" y="{F(Y(b.Hi))}" width="{F(width)}" height="{F(Y(b.Lo) - Y(b.Hi))}" fill="#2ca02c" fill-opacity="0.15"/>""");
    }

    for (var k = 0; k <= 4; k++)
    {
        var v = yMin + ((yMax - yMin) * k / 4);
        svg.AppendLine($"""<text x="{F(left - 6)}" y="{F(Y(v) + 4)}" text-anchor="end">{F(v)}</text>""");
        var t = x[0] + ((x[^1] - x[0]) * k / 4);
        svg.AppendLine($"""<text x="{F(X(t))}" y="{F(top + 20 + height + 16)}" text-anchor="middle">t = {F(t)}</text>""");
    }

    var legend = left + 10;
    foreach (var (name, y, colour) in series)
    {
        var points = string.Join(' ', x.Select((t, i) => $"{F(X(t))},{F(Y(Math.Clamp(y[i], yMin, yMax)))}"));
        svg.AppendLine($"""<polyline fill="none" stroke="{colour}" stroke-width="1.6" points="{points}"/>""");
        svg.AppendLine($"""<text x="{F(legend)}" y="{F(top + 36)}" fill="{colour}">{name}</text>""");
        legend += 60;
    }
}
