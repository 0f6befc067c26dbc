using HallSim.Experiments;
using HallSim.Reports;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Reports.Tests;

internal static class Samples
{
    internal static readonly DateOnly Monday = new(2026, 3, 23);

    private static MeanEstimate M(double mean, double half) => new(mean, half, 20, 0.95);

    /// <summary>One date's KPIs (a closed date has no tickets).</summary>
    internal static HallSim.Model.DayKpis Day(DateOnly date, bool closed = false) => closed
        ? new(date, M(0, 0), M(0, 0), M(0, 0), M(1, 0), M(0, 0), 0, 0)
        : new(date, M(900, 20), M(25 + date.Day % 5, 2), M(55, 4), M(0.3, 0.03), M(0.02, 0.004), 14.2, 16);

    /// <summary>A small report whose names try to break out of the HTML.</summary>
    internal static RosterReport Report()
    {
        StaffMember[] staff =
        [
            new("S1", "<script>alert(1)</script>", [Window.AnyCategory]),
            new("S2", "王 & \"Li\"", ["tax", "rental"]),
            new("S3", "=cmd|' /C calc'!A0", [Window.AnyCategory]),
        ];
        ShiftTemplate[] shifts =
        [
            new("day", new TimeOnly(9, 0), new TimeOnly(18, 0)) { Name = "Day <b>bold</b>", Breaks = [new StaffBreak(new TimeOnly(12, 0), new TimeOnly(14, 0))] },
            new("late", new TimeOnly(12, 0), new TimeOnly(19, 30)) { Breaks = [new StaffBreak(new TimeOnly(14, 30), new TimeOnly(15, 0)) { LatestStart = new TimeOnly(16, 30) }] },
        ];
        var roster = new Roster(
        [
            new RosterAssignment(Monday, "S1", "day"),
            new RosterAssignment(Monday, "S2", "late") { BreakStarts = [new TimeOnly(15, 30)] },
            new RosterAssignment(Monday.AddDays(1), "S1", "late"),
            new RosterAssignment(Monday.AddDays(1), "S3", "day"),
        ]);
        HourlyResult H(int day, int hour, double wait, double? within) =>
            new(Monday.AddDays(day), hour, M(wait, 1.5), within is { } w ? M(w, 0.05) : null, 2, 12);
        var hours = Enumerable.Range(0, 2).SelectMany(d => Enumerable.Range(9, 10).Select(h => H(d, h, 5 + h - 9, h == 12 ? null : 0.8))).ToArray();
        return new RosterReport("Hall <i>of</i> tests", Monday, 2, 15, staff, shifts, roster,
            [new ReportKpis("recommended <x>", 24.5, M(4.2, 0.3), M(11, 1), M(0.91, 0.01), M(0.03, 0.005)), new ReportKpis("usual", 24.5, M(5.1, 0.4), M(13, 1), M(0.88, 0.01), M(0.04, 0.005))],
            [new HourlySeries("recommended <x>", hours), new HourlySeries("usual", hours.Select(x => x with { MeanWait = M(x.MeanWait!.Mean + 1, 1) }).ToArray())])
        {
            Utilisation = new UtilisationGrid(["W1", "W2"], [9, 10, 11], [[0.5, 0.9, null], [0.2, double.NaN, 1]]),
            Explanation = ["Because <everyone> waits."],
            Issues = ["A <problem>."],
            Changes = ["S1: \"day\" → \"late\""],
        };
    }
}
