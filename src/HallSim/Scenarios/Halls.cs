using HallSim.Randomness;
using HallSim.Staffing;

namespace HallSim.Scenarios;

/// <summary>
/// Built-in halls. (The class is not called <c>Scenarios</c>: a type named like its namespace cannot be reached by
/// its simple name from inside <c>HallSim.*</c>; see docs/architecture.md.)
/// </summary>
public static class Halls
{
    // Display names of the embedded hall's staff (invented; the hall publishes none): the report shows them.
    private static readonly string[] StaffNames =
        ["陈静", "李娜", "王芳", "张伟", "刘洋", "杨敏", "黄磊", "赵丽", "周强", "吴婷", "徐军", "孙燕", "马超", "朱红", "胡斌", "郭佳"];

    private static readonly string[] SecondedNames =
        ["林晓", "何勇", "高翔", "罗琳", "郑浩", "梁爽", "谢东", "宋洁", "唐亮", "韩雪", "冯涛", "邓倩", "曹阳", "彭雯"];

    /// <summary>
    /// The Jihua Street administrative service hall, Longgang, Shenzhen, over the year 2026: 16 windows, 7 service
    /// categories grouping its 60 items, three kinds of self-service machines, the January–March rental-registration
    /// peak with the enrolment deadline surge, and 16 staff. Every number is sourced or an assumption listed in
    /// docs/modelling-assumptions.md.
    /// </summary>
    public static Scenario Jihua { get; } = BuildJihua();

    /// <summary>
    /// The Jihua hall in its peak season with the measures a nearby Longgang hall took in March 2018 (Baolong [S]): from
    /// 2 to 31 March 2026 weekday hours run 09:00–19:30 without the lunch closure, and Saturdays open 09:00–12:00 and
    /// 14:00–18:00; 14 staff seconded from the street office join the 16 (30 in all: 20 comprehensive, 5 tax and rental,
    /// 5 consultation and social security) [A]; shift templates for a lunch hour between 11:30 and 14:00, half days and
    /// the evening extension with a half-hour break between 14:30 and 17:00 (flexible breaks: the roster optimiser
    /// chooses each person's break time). Demand is <see cref="Jihua"/>'s, spread over the longer hours (lunch hours and 19:00 weighted as in
    /// docs/modelling-assumptions.md [A]). Covers the whole year, so the season's weeks can be rostered one by one.
    /// </summary>
    public static Scenario JihuaPeak { get; } = BuildJihuaPeak(Jihua);

    /// <summary>The busiest week (Monday first, 7 dates) of the peak season: 23–29 March 2026, before the enrolment deadline.</summary>
    public static DateOnly JihuaPeakWeek { get; } = new(2026, 3, 23);

    /// <summary>The usual staffing of the Jihua hall: all 16 windows open 09:00–12:00 and 14:00–18:00 (everyone on the
    /// standard day shift).</summary>
    public static StaffingPlan JihuaUsualStaffing { get; } = WeekdaySessions(16);

    /// <summary>The first <paramref name="windows"/> windows open 09:00–12:00 and 14:00–18:00 every open day.</summary>
    /// <param name="windows">Open windows.</param>
    public static StaffingPlan WeekdaySessions(int windows) => new()
    {
        Daily =
        [
            new OpenWindows(new TimeOnly(9, 0), new TimeOnly(12, 0), windows),
            new OpenWindows(new TimeOnly(14, 0), new TimeOnly(18, 0), windows),
        ],
    };

    /// <summary>The usual roster: every staff member of <paramref name="scenario"/> on shift <paramref name="shiftId"/>
    /// on every date the hall is open, at the first free window whose categories they cover.</summary>
    /// <param name="scenario">A scenario with staff and the shift.</param>
    /// <param name="shiftId">The shift template (default "day").</param>
    public static Roster UsualRoster(Scenario scenario, string shiftId = "day")
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var assignments = Enumerable.Range(0, scenario.Days)
            .Select(d => scenario.StartDate.AddDays(d))
            .Where(date => scenario.Calendar.SessionsOn(date).Count > 0)
            .SelectMany(date => scenario.Staff.Select(m => new RosterAssignment(date, m.Id, shiftId)))
            .ToArray();
        return new Roster(assignments);
    }

    private static LogNormalDistribution Service(double mean) => new(mean, 1.2 * mean); // CV 1.2 [D]

    private static Scenario BuildJihua()
    {
        ServiceCategory[] categories =
        [
            new("rental", 0.26, Service(12))
            {
                Name = "房屋租赁登记",
                Items = ["rental contract registration", "rental contract for school enrolment", "rental contract cancellation", "rental tax"],
                // January–March peak of rental contracts for school enrolment [S]; 'several times' normal at Baolong [S]; values [A].
                MonthFactors = [3.0, 2.5, 7.0, 1.2, 1, 1, 1, 1, 1, 1, 1, 1],
            },
            new("residence", 0.20, Service(9)) { Name = "居住证", Items = ["residence permit application", "residence permit renewal", "residence registration"] },
            new("social", 0.18, Service(8)) { Name = "劳动保障", Items = ["social insurance enrolment", "social insurance transfer", "employment registration", "labour dispute consultation"] },
            new("medical", 0.10, Service(7)) { Name = "医保", Items = ["medical insurance enrolment", "medical insurance card"] },
            new("family", 0.08, Service(6)) { Name = "计生证明", Items = ["family-planning certificate", "birth registration service"] },
            new("tax", 0.08, Service(10)) { Name = "税务", Items = ["tax certificate", "joint national/local tax declaration"] },
            new("consult", 0.10, Service(4)) { Name = "咨询与领证", Items = ["consultation", "collection of certificates"] },
        ];

        Window[] windows =
        [
            .. Enumerable.Range(1, 12).Select(i => new Window($"W{i:00}", [Window.AnyCategory])), // one window accepts everything [S]
            new Window("W13", ["tax", "rental"]),
            new Window("W14", ["tax", "rental"]),
            new Window("W15", ["consult", "social", "medical"]),
            new Window("W16", ["consult", "social", "medical"]),
        ];

        KioskGroup[] kiosks =
        [
            new("social-query", 2, ["social", "medical"], 0.15, new LogNormalDistribution(2, 1.5)) { Name = "社保查询机", FailureShare = 0.3 },
            new("process-query", 2, ["consult"], 0.30, new LogNormalDistribution(1.5, 1)) { Name = "办事进度查询机", FailureShare = 0.3 },
            new("etax", 3, ["tax"], 0.40, new LogNormalDistribution(5, 4)) { Name = "电子税务局", FailureShare = 0.25 },
        ];

        // Official 2026 public holidays and make-up working days (调休) [A: from the State Council notice as recalled; check].
        DateOnly D(int m, int d) => new(2026, m, d);
        IEnumerable<DateOnly> Range(DateOnly from, DateOnly to)
        {
            for (var d = from; d <= to; d = d.AddDays(1))
            {
                yield return d;
            }
        }

        var holidays = Range(D(1, 1), D(1, 3))
            .Concat(Range(D(2, 15), D(2, 23)))
            .Concat(Range(D(4, 4), D(4, 6)))
            .Concat(Range(D(5, 1), D(5, 5)))
            .Concat(Range(D(6, 19), D(6, 21)))
            .Concat(Range(D(9, 25), D(9, 27)))
            .Concat(Range(D(10, 1), D(10, 7)))
            .ToArray();
        DateOnly[] makeUp = [D(1, 4), D(2, 14), D(2, 28), D(5, 9), D(9, 20), D(10, 10)];

        StaffMember[] staff = Enumerable.Range(1, 16)
            .Select(i => new StaffMember($"S{i:00}", StaffNames[i - 1], i <= 12 ? [Window.AnyCategory] : i <= 14 ? ["tax", "rental"] : ["consult", "social", "medical"]))
            .ToArray();

        return new Scenario(
            "吉华街道行政服务大厅",
            new DateOnly(2026, 1, 1),
            365,
            categories,
            new Demand(JihuaOrdinaryArrivals)
            {
                // The Warsaw walk-in profile [D] laid on Jihua's opening hours, first open hour first [A].
                HourWeights = [0, 0, 0, 0, 0, 0, 0, 0, 0, 18.7, 14.1, 13.4, 0, 0, 12.3, 12.4, 9.8, 10.7, 6.4, 6.4, 0, 0, 0, 0],
                WeekdayFactors = [1.1, 1, 1, 1, 1, 1, 1], // Monday ~10% busier [D]
                // The enrolment deadline at the end of March drives a last-minute surge of rental contracts [S]; size [A].
                Surges = [new DeadlineSurge(new DateOnly(2026, 3, 31), 10, 1.6) { CategoryId = "rental" }],
            },
            windows)
        {
            Calendar = new HallCalendar
            {
                Holidays = holidays,
                MakeUpWorkdays = makeUp,
                // Baolong extended weekday evenings to 19:30 and opened Saturdays at the end of March [S]; Jihua's own
                // peak measures are not published, so the default keeps the usual hours [A].
            },
            Routing = RoutingRule.PriorityClassesFirst,
            Kiosks = kiosks,
            Behaviour = new CitizenBehaviour
            {
                PriorityClasses = [new PriorityClass("green", 0.01, 0), new PriorityClass("elderly-pregnant", 0.05, 1)], // green channel [S]; shares [A]
                Balking = new Balking(60, 150), // [A]
                Patience = new LogNormalDistribution(90, 60), // [A]
                AbsentWhenCalled = new AbsentWhenCalled(3, 0.5), // [A]
            },
            Staff = staff,
            Shifts =
            [
                new ShiftTemplate("day", new TimeOnly(9, 0), new TimeOnly(18, 0)) { Name = "全天", Breaks = [new StaffBreak(new TimeOnly(12, 0), new TimeOnly(14, 0))] },
            ],
        };
    }

    private static Scenario BuildJihuaPeak(Scenario jihua)
    {
        TimeOnly T(int h, int m = 0) => new(h, m);
        var weights = jihua.Demand.HourWeights.ToArray();
        weights[12] = 9; // lunch-time service draws those who cannot come otherwise [A]
        weights[13] = 9;
        weights[19] = 4; // evening extension to 19:30 [A]
        StaffMember[] seconded = Enumerable.Range(1, 14)
            .Select(i => new StaffMember($"R{i:00}", SecondedNames[i - 1], i <= 8 ? [Window.AnyCategory] : i <= 11 ? ["tax", "rental"] : ["consult", "social", "medical"]))
            .ToArray();
        return jihua with
        {
            Name = jihua.Name + "（招生高峰期）",
            Demand = jihua.Demand with { HourWeights = weights },
            Calendar = jihua.Calendar with
            {
                Periods =
                [
                    new SpecialPeriod(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 31))
                    {
                        Name = "招生高峰：午间和晚间延时服务，周六开放",
                        WeekdayHours = [new Session(T(9), T(19, 30))],
                        SaturdayHours = [new Session(T(9), T(12)), new Session(T(14), T(18))],
                    },
                ],
            },
            Staff = [.. jihua.Staff, .. seconded],
            Shifts =
            [
                new ShiftTemplate("day", T(9), T(18)) { Name = "全天", Breaks = [new StaffBreak(T(12), T(14))] },
                new ShiftTemplate("lunch", T(9), T(18)) { Name = "全天轮休", Breaks = [new StaffBreak(T(11, 30), T(12, 30)) { LatestStart = T(13) }] },
                new ShiftTemplate("morning", T(9), T(13)) { Name = "上午" },
                new ShiftTemplate("afternoon", T(13), T(18)) { Name = "下午" },
                new ShiftTemplate("late", T(12), T(19, 30)) { Name = "延时", Breaks = [new StaffBreak(T(14, 30), T(15)) { LatestStart = T(16, 30) }] },
            ],
        };
    }

    /// <summary>
    /// <see cref="Jihua"/> with citizen journeys, the way the seed hall's on-site management works: a floor guide's desk
    /// (导办台) at the entrance that checks papers and sends citizens to the self-service machines, incomplete papers
    /// sent home and coming back, tax tickets transferred from the comprehensive windows to the tax and rental windows,
    /// residence permits accepted at the front and approved in the back office (前台受理、后台审批) with a pickup visit
    /// (统一出件) at the consultation windows. Every value is [A] (no Chinese hall publishes them); sources and what the
    /// journeys do to the peak are in docs/modelling-assumptions.md. The scenario's demand is of first visits: return
    /// visits and pickups come on top.
    /// </summary>
    public static Scenario JihuaJourneys { get; } = WithJourneys(Jihua);

    /// <summary>A Jihua scenario (<see cref="Jihua"/> or <see cref="JihuaPeak"/>) with the journeys of <see cref="JihuaJourneys"/>.</summary>
    /// <param name="jihua">The scenario to add them to; its category and window ids must be Jihua's.</param>
    /// <returns>The scenario with journeys, named with "（含导办与复访）".</returns>
    public static Scenario WithJourneys(Scenario jihua)
    {
        ArgumentNullException.ThrowIfNull(jihua);
        return jihua with
        {
            Name = jihua.Name + "（含导办与复访）",
            Journeys = new Journeys
            {
                // Three floor guides, under a minute per citizen (a look at the papers, a pointer to a queue or a
                // machine) [A]; they catch most incomplete papers [A] and send half of those a machine serves there [A].
                Reception = new Reception(3, new LogNormalDistribution(0.75, 0.5)) { CatchShare = 0.7, KioskShare = 0.5 },
                Categories =
                [
                    // Rental registration for school enrolment needs contract, property certificate and IDs of both
                    // parties: a fifth come incomplete at first [A]; the enrolment deadline of 31 March [S] ends returns.
                    new CategoryJourney("rental") { IncompleteShare = 0.2, IncompleteShareOnReturn = 0.05, Deadline = new DateOnly(2026, 3, 31) },
                    new CategoryJourney("residence")
                    {
                        IncompleteShare = 0.1,
                        IncompleteShareOnReturn = 0.03,
                        BackOfficeTime = new LogNormalDistribution(8, 5), // approval and card production [A]
                        DueDays = 5, // [A]
                    },
                    new CategoryJourney("social") { IncompleteShare = 0.08, IncompleteShareOnReturn = 0.03 },
                    new CategoryJourney("tax") { TransferShare = 0.1, TransferWindows = ["W13", "W14"], TransferServiceTime = new LogNormalDistribution(6, 7.2) },
                ],
                Returns = new ReturnVisits(new UniformDistribution(1, 6)) { ReturnShare = 0.9 }, // [A]
                BackOffice = new BackOffice
                {
                    Staff = 1, // [A]
                    PickupServiceTime = new LogNormalDistribution(2, 1.5), // [A]
                    PickupShare = 0.6, // the rest by post [A]
                    PickupDelayDays = new UniformDistribution(1, 4), // [A]
                    PickupWindows = ["W15", "W16"],
                },
            },
        };
    }

    /// <summary>Expected citizens on an ordinary weekday (all factors 1) at Jihua [A: calibrated, docs/modelling-assumptions.md].</summary>
    internal const double JihuaOrdinaryArrivals = 300;
}
