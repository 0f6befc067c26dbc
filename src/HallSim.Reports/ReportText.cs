using System.Globalization;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Reports;

/// <summary>
/// The words a report uses for a plan's data, in Chinese or English, from one table: roster labels, the staff-hours
/// line, what any roster could still gain, each day's staffing and why, and the changes against another roster. The
/// library returns data (day summaries, changes, bounds); only this class turns it into sentences.
/// </summary>
/// <param name="language">The language of every sentence.</param>
public sealed class ReportText(ReportLanguage language)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The language.</summary>
    public ReportLanguage Language { get; } = language;

    private bool Zh => Language == ReportLanguage.Chinese;

    /// <summary>The label of a compared roster, for example 推荐排班 / "recommended".</summary>
    /// <param name="role">The roster's role.</param>
    /// <returns>The label.</returns>
    public string Label(RosterRole role) => role switch
    {
        RosterRole.Recommended => Zh ? "推荐排班" : "recommended",
        RosterRole.UsualMethod => Zh ? "常规方法" : "usual method",
        _ => Zh ? "当前排班" : "current roster",
    };

    /// <summary>The weekday of <paramref name="date"/>: 周一 … 周日, or Mon … Sun.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The short weekday name.</returns>
    public string Weekday(DateOnly date) =>
        Zh ? "周" + "一二三四五六日"[Weekdays.Index(date)] : date.ToString("ddd", Inv);

    /// <summary>What a person can serve, in words: every service ("综合窗口（全部业务）" / "all services") or the
    /// categories' display names (their ids when unnamed).</summary>
    /// <param name="member">The staff member.</param>
    /// <param name="categories">The scenario's categories, for names.</param>
    /// <returns>A short label.</returns>
    public string SkillGroup(StaffMember member, IReadOnlyList<ServiceCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(categories);
        if (member.Categories.Contains(Window.AnyCategory))
        {
            return Zh ? "综合窗口（全部业务）" : "all services";
        }

        var names = member.Categories.Select(id => categories.FirstOrDefault(c => c.Id == id) is { Name.Length: > 0 } c ? c.Name : id);
        return string.Join(Zh ? "、" : ", ", names);
    }

    /// <summary>How many staff-hours the roster uses, and the budget when there is one.</summary>
    /// <param name="used">Staff-hours the roster uses.</param>
    /// <param name="budget">The staff-hour budget; null: none.</param>
    /// <returns>One sentence.</returns>
    public string StaffHours(double used, double? budget) => (Zh, budget) switch
    {
        (true, { } b) => string.Format(Inv, "本排班共用 {0:0.#} 工时（上限 {1:0.#} 工时）。", used, b),
        (true, null) => string.Format(Inv, "本排班共用 {0:0.#} 工时。", used),
        (false, { } b) => string.Format(Inv, "The roster uses {0:0.#} of the {1:0.#} staff-hours allowed.", used, b),
        _ => string.Format(Inv, "The roster uses {0:0.#} staff-hours.", used),
    };

    /// <summary>
    /// How much any roster at the same staff-hours could still cut total waiting (the optimiser's gap to its lower
    /// bound), and what every window open in every opening hour would cut; when that is under 20%, says that the
    /// windows and hours are the constraint, not the roster.
    /// </summary>
    /// <param name="gap">(best − lower bound) ÷ best, 0 to 1; null when there is no valid bound (the simulated cuts contradict each other).</param>
    /// <param name="everyWindowGain">1 − (waiting with every window open ÷ best), at most 1.</param>
    /// <returns>One or two sentences.</returns>
    public string Headroom(double? gap, double everyWindowGain)
    {
        var line = (Zh, gap) switch
        {
            (true, { } g) => string.Format(Inv, "同样工时下，任何排班最多还能把总等候减少约 {0:P0}（下界估计）；即使所有窗口在全部开放时段都开，总等候也只能减少 {1:P0}。", g, everyWindowGain),
            (false, { } g) => string.Format(Inv, "At these staff-hours no roster can cut total waiting by more than about {0:P0} (lower bound); even every window open in every opening hour cuts it by only {1:P0}.", g, everyWindowGain),
            (true, null) => string.Format(Inv, "模拟结果不足以估计同样工时下排班还能改进多少（下界不成立）；即使所有窗口在全部开放时段都开，总等候也只能减少 {0:P0}。", everyWindowGain),
            _ => string.Format(Inv, "The simulations cannot say how much better a roster of these staff-hours could do (no valid lower bound on this sample); even every window open in every opening hour cuts total waiting by only {0:P0}.", everyWindowGain),
        };
        if (everyWindowGain < 0.2)
        {
            line += Zh ? "瓶颈在窗口数和开放时间，不在排班：需要延长服务时间、预约分流或自助办理。" : " The windows and hours are the constraint, not the roster: longer hours, appointments or self-service are needed.";
        }

        return line;
    }

    /// <summary>One day's staffing in words: when how many windows are open, where the last window saves most and
    /// least, and the intervals where every window is open and citizens still wait.</summary>
    /// <param name="day">The day's summary.</param>
    /// <returns>One sentence (or a few).</returns>
    public string Day(RosterDaySummary day)
    {
        ArgumentNullException.ThrowIfNull(day);
        string line;
        if (Zh)
        {
            var runs = string.Join("，", day.Runs.Select(r => string.Format(Inv, "{0:HH:mm}–{1:HH:mm} 开 {2} 个窗口", r.From, r.To, r.Windows)));
            line = string.Format(Inv, "{0:MM-dd}（{1}）：{2}。", day.Date, Weekday(day.Date), runs);
            if (day.MostUsefulAt is { } most && day.LeastUsefulAt is { } least)
            {
                line += string.Format(Inv, "多开的最后一个窗口在 {0:HH:mm} 作用最大（这段时间市民合计少等约 {1:0} 分钟），在 {2:HH:mm} 最小（约 {3:0} 分钟）；人员尽量安排在作用大的时段。", most, day.MostUsefulSaving, least, day.LeastUsefulSaving);
            }

            if (day.FullIntervals > 0)
            {
                line += string.Format(Inv, "有 {0} 个时段 {1} 个窗口全开仍有人等候。", day.FullIntervals, day.MaxWindows);
            }

            return line;
        }

        var english = day.Runs.Select(r => string.Format(Inv, "{0} window{1} {2:HH:mm}–{3:HH:mm}", r.Windows, r.Windows == 1 ? string.Empty : "s", r.From, r.To));
        line = string.Format(Inv, "{0:yyyy-MM-dd} ({1}): {2}.", day.Date, Weekday(day.Date), string.Join(", ", english));
        if (day.MostUsefulAt is { } m && day.LeastUsefulAt is { } l)
        {
            line += string.Format(Inv, " The last window open saves most at {0:HH:mm} (≈{1:0} citizen-minutes in that interval) and least at {2:HH:mm} (≈{3:0}); staff are placed so that these savings are as even as the shifts allow.", m, day.MostUsefulSaving, l, day.LeastUsefulSaving);
        }

        if (day.FullIntervals > 0)
        {
            line += string.Format(Inv, " All {0} windows are open for {1} intervals with citizens waiting.", day.MaxWindows, day.FullIntervals);
        }

        return line;
    }

    /// <summary>One change against another roster in words, with the person's display name.</summary>
    /// <param name="change">The change.</param>
    /// <param name="staff">The staff, for names (the id is shown when a person has no name).</param>
    /// <returns>One line.</returns>
    public string Change(RosterChange change, IReadOnlyList<StaffMember> staff) => Change(change, staff, []);

    /// <summary>One change against another roster in words, with the person's display name and, in Chinese, each
    /// shift's display name ("延时 16:00 休息" for "late 16:00").</summary>
    /// <param name="change">The change.</param>
    /// <param name="staff">The staff, for names (the id is shown when a person has no name).</param>
    /// <param name="shifts">The shift templates, for names (the id is shown when a shift has none).</param>
    /// <returns>One line.</returns>
    public string Change(RosterChange change, IReadOnlyList<StaffMember> staff, IReadOnlyList<ShiftTemplate> shifts)
    {
        ArgumentNullException.ThrowIfNull(change);
        var who = staff?.FirstOrDefault(s => s.Id == change.StaffId) is { Name.Length: > 0 } m ? m.Name : change.StaffId;
        string? Named(string? cell)
        {
            if (!Zh || cell is null)
            {
                return cell;
            }

            var (id, starts, _) = ShiftCell.Parse(cell);
            var name = shifts?.FirstOrDefault(x => x.Id == id) is { Name.Length: > 0 } t ? t.Name : id;
            return starts is null ? name : $"{name} {string.Join(" ", starts.Select(x => x.ToString("HH:mm", Inv)))} 休息";
        }

        return (Named(change.Before), Named(change.After)) switch
        {
            (null, var after) => Zh ? $"{change.Date:MM-dd} {who}：新增 {after}" : $"{change.Date:yyyy-MM-dd} {who}: add \"{after}\"",
            (var before, null) => Zh ? $"{change.Date:MM-dd} {who}：{before} 改为休息" : $"{change.Date:yyyy-MM-dd} {who}: \"{before}\" becomes a day off",
            var (before, after) => Zh ? $"{change.Date:MM-dd} {who}：{before} 改为 {after}" : $"{change.Date:yyyy-MM-dd} {who}: \"{before}\" → \"{after}\"",
        };
    }

    /// <summary>
    /// The report's headline in plain sentences: whether each compared roster meets the target and by how much, whether
    /// the first roster's waiting differs significantly from the second's (paired 95% interval; "no significant
    /// difference" when it covers 0), the worst days and hours of the first roster, and what would help.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <returns>The sentences, most important first.</returns>
    public IReadOnlyList<string> Headline(RosterReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string>();
        var share = report.TargetShare;
        var target = report.TargetMinutes;
        if (report.Kpis.Count > 0)
        {
            var verdicts = report.Kpis.Select(k =>
            {
                var got = k.WithinTarget.Mean;
                var met = got >= share;
                var points = Math.Abs(share - got) * 100;
                return Zh
                    ? string.Format(Inv, "{0} {1:0%}（{2}）", k.Label, got, met ? "达到目标" : string.Format(Inv, "未达到，差 {0:0} 个百分点", points))
                    : string.Format(Inv, "{0} {1:0%} ({2})", k.Label, got, met ? "meets it" : string.Format(Inv, "misses it by {0:0} points", points));
            });
            var all = report.Kpis.All(k => k.WithinTarget.Mean >= share);
            var none = report.Kpis.All(k => k.WithinTarget.Mean < share);
            lines.Add(Zh
                ? string.Format(Inv, "目标：{0:0%} 的市民在 {1:0} 分钟内被叫号。{2}{3}。", share, target, all ? "全部达到：" : none ? "都未达到：" : string.Empty, string.Join("；", verdicts))
                : string.Format(Inv, "Target: {0:0%} of citizens called within {1:0} minutes. {2}{3}.", share, target, all ? "Met by every roster: " : none ? "Missed by every roster: " : string.Empty, string.Join("; ", verdicts)));
        }

        if (report.Comparison is { AgainstTotal: > 0 } c && report.Kpis.Count > 1)
        {
            var (first, second) = (report.Kpis[0].Label, report.Kpis[1].Label);
            var (mid, low, high) = (c.Difference.Mean / c.AgainstTotal, c.Difference.Lower / c.AgainstTotal, c.Difference.Upper / c.AgainstTotal);
            lines.Add((Zh, c.Significant) switch
            {
                (true, false) => string.Format(Inv, "{0}与{1}的总等候无显著差异（差 {2:+0.0%;−0.0%;0.0%}，95% 置信区间 {3:+0.0%;−0.0%;0.0%} 至 {4:+0.0%;−0.0%;0.0%}）。", first, second, mid, low, high),
                (true, true) => string.Format(Inv, "{0}的总等候比{1}{2} {3:0.0%}（95% 置信区间 {4:0.0%} 至 {5:0.0%}），差异显著。", first, second, mid < 0 ? "少" : "多", Math.Abs(mid), Math.Min(Math.Abs(low), Math.Abs(high)), Math.Max(Math.Abs(low), Math.Abs(high))),
                (false, false) => string.Format(Inv, "No significant difference in total waiting between the {0} and the {1} roster ({2:+0.0%;−0.0%;0.0%}, 95% interval {3:+0.0%;−0.0%;0.0%} to {4:+0.0%;−0.0%;0.0%}).", first, second, mid, low, high),
                _ => string.Format(Inv, "The {0} roster waits {1:0.0%} {2} in total than the {3} roster (95% interval {4:0.0%} to {5:0.0%}): a significant difference.", first, Math.Abs(mid), mid < 0 ? "less" : "more", second, Math.Min(Math.Abs(low), Math.Abs(high)), Math.Max(Math.Abs(low), Math.Abs(high))),
            });
        }

        var open = report.Kpis.Count > 0 ? report.Kpis[0].Days.Where(d => !d.Closed).OrderByDescending(d => d.MeanWait.Mean).Take(2).ToArray() : [];
        var hours = report.Hourly.Count > 0 ? report.Hourly[0].Hours.Where(h => h.MeanWait is not null).OrderByDescending(h => h.MeanWait!.Mean).Take(3).ToArray() : [];
        if (open.Length > 0)
        {
            var days = open.Select(d => Zh
                ? string.Format(Inv, "{0:MM-dd}（{1}）平均 {2:0} 分钟", d.Date, Weekday(d.Date), d.MeanWait.Mean)
                : string.Format(Inv, "{0:yyyy-MM-dd} ({1}) {2:0} min on average", d.Date, Weekday(d.Date), d.MeanWait.Mean));
            var worst = hours.Select(h => Zh
                ? string.Format(Inv, "{0:MM-dd}（{1}）{2:00}:00 取号的市民平均等 {3:0} 分钟", h.Date, Weekday(h.Date), h.Hour, h.MeanWait!.Mean)
                : string.Format(Inv, "{0:MM-dd} ({1}) {2:00}:00, {3:0} min", h.Date, Weekday(h.Date), h.Hour, h.MeanWait!.Mean));
            lines.Add(Zh
                ? string.Format(Inv, "{0}等候最长的日子：{1}；最长的时段：{2}。", report.Kpis[0].Label, string.Join("，", days), string.Join("，", worst))
                : string.Format(Inv, "Longest waits with the {0} roster: {1}; worst hours {2}.", report.Kpis[0].Label, string.Join(", ", days), string.Join(", ", worst)));
        }

        if (report.EveryWindowGain is { } gain)
        {
            var missed = report.Kpis.Count > 0 && report.Kpis[0].WithinTarget.Mean < share;
            var kind = gain < 0.2 ? 0 : missed ? 1 : 2;
            lines.Add((Zh, kind) switch
            {
                (true, 0) => string.Format(Inv, "即使每个窗口在全部开放时间都有人，总等候也只能减少 {0:0%}：窗口数和开放时间是瓶颈，增加人员帮助不大。能缩短等候的是延长服务时间、预约分流、引导市民到自助机办理。", gain),
                (true, 1) => string.Format(Inv, "即使每个窗口在全部开放时间都有人，总等候最多也只减少 {0:0%}：增加人员有帮助，但要达到目标，还需要延长服务时间、预约分流或引导市民到自助机办理。", gain),
                (true, _) => string.Format(Inv, "每个窗口在全部开放时间都有人时，总等候可减少 {0:0%}：增加工时能进一步缩短等候。", gain),
                (false, 0) => string.Format(Inv, "Even every window staffed in every opening hour cuts total waiting by only {0:0%}: the windows and opening hours are the constraint, and more staff will not help much. Longer hours, appointments and sending citizens to the self-service machines can.", gain),
                (false, 1) => string.Format(Inv, "Even every window staffed in every opening hour cuts total waiting by at most {0:0%}: more staff helps, but meeting the target also needs longer hours, appointments or sending citizens to the self-service machines.", gain),
                _ => string.Format(Inv, "Every window staffed in every opening hour would cut total waiting by {0:0%}: more staff-hours would shorten the waits further.", gain),
            });
        }

        return lines;
    }

    /// <summary>The console's first line of a plan: the hall, the period and the staff-hours compared.</summary>
    /// <param name="hall">The hall's name.</param>
    /// <param name="from">First date.</param>
    /// <param name="days">Dates.</param>
    /// <param name="staffHours">The staff-hour budget.</param>
    /// <returns>One line.</returns>
    public string PlanTitle(string hall, DateOnly from, int days, double staffHours) => Zh
        ? string.Format(Inv, "{0}：{1:yyyy-MM-dd} 起 {2} 天，{3:0.#} 工时", hall, from, days, staffHours)
        : string.Format(Inv, "{0}: {1:yyyy-MM-dd} + {2} days, {3:0.#} staff-hours", hall, from, days, staffHours);

    /// <summary>One compared roster's KPIs on one console line.</summary>
    /// <param name="kpis">The roster's KPIs.</param>
    /// <param name="targetMinutes">The wait target, minutes.</param>
    /// <returns>One line.</returns>
    public string KpiLine(ReportKpis kpis, double targetMinutes)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        return Zh
            ? string.Format(Inv, "{0}：{1:0.#} 工时，平均等候 {2:0.0} ± {3:0.0} 分钟，90% 不超过 {4:0.0} 分钟，{5:0%} 在 {6:0} 分钟内叫号", kpis.Label, kpis.StaffHours, kpis.MeanWait.Mean, kpis.MeanWait.HalfWidth, kpis.P90Wait.Mean, kpis.WithinTarget.Mean, targetMinutes)
            : string.Format(Inv, "{0}: {1:0.#} h, mean wait {2:0.0} ± {3:0.0} min, p90 {4:0.0} min, {5:0%} called within {6:0} min", kpis.Label, kpis.StaffHours, kpis.MeanWait.Mean, kpis.MeanWait.HalfWidth, kpis.P90Wait.Mean, kpis.WithinTarget.Mean, targetMinutes);
    }

    /// <summary>The optimiser's bound on one console line: the lower bound for any roster at these staff-hours, the
    /// best cost found, the gap, and every window open.</summary>
    /// <param name="lowerBound">Lower bound, citizen-minutes of cost.</param>
    /// <param name="best">The best roster's cost, citizen-minutes.</param>
    /// <param name="gap">(best − bound) ÷ best; null when there is no valid bound.</param>
    /// <param name="everyWindowOpen">The cost with every window open in every opening hour.</param>
    /// <param name="rounds">Rounds of the simulation–optimisation loop.</param>
    /// <returns>One line.</returns>
    public string BoundLine(double lowerBound, double best, double? gap, double everyWindowOpen, int rounds) => gap is null
        ? (Zh
            ? string.Format(Inv, "优化 {0} 轮；推荐排班的总代价为 {1:0}（等候、离开的市民和长时间等候折算为等候分钟）；模拟的割平面互相矛盾，无法给出下界；所有窗口全开为 {2:0}", rounds, best, everyWindowOpen)
            : string.Format(Inv, "{0} round(s); cost {1:0} citizen-minutes (waiting, citizens turned away and long waits priced); the simulated cuts contradict each other on this sample, so no lower bound; every window open: {2:0}", rounds, best, everyWindowOpen))
        : Zh
        ? string.Format(Inv, "优化 {0} 轮；同样工时下任何排班的总代价（等候、离开的市民和长时间等候折算为等候分钟）不低于 {1:0}，推荐排班为 {2:0}（差距 {3:0.0%}）；所有窗口全开为 {4:0}", rounds, lowerBound, best, gap, everyWindowOpen)
        : string.Format(Inv, "{0} round(s); lower bound for any roster at these staff-hours: {1:0} of {2:0} citizen-minutes of cost (waiting, citizens turned away and long waits priced; gap {3:0.0%}); every window open: {4:0}", rounds, lowerBound, best, gap, everyWindowOpen);

    /// <summary>"wrote FILE" / "已写入 FILE".</summary>
    /// <param name="path">The file.</param>
    /// <returns>One line.</returns>
    public string Wrote(string path) => Zh ? $"已写入 {path}" : $"wrote {path}";

    /// <summary>"done in N s" / "完成，用时 N 秒".</summary>
    /// <param name="seconds">Seconds.</param>
    /// <returns>One line.</returns>
    public string Done(double seconds) => Zh ? string.Format(Inv, "完成，用时 {0:0} 秒", seconds) : string.Format(Inv, "done in {0:0} s", seconds);

    /// <summary>Said when the manager's roster waits no longer than the recommendation on any date (within the
    /// simulation's noise): no change is worth making.</summary>
    /// <param name="differences">How many cells differ from the recommendation.</param>
    /// <returns>One sentence.</returns>
    public string AsGoodAsRecommended(int differences) => Zh
        ? string.Format(Inv, "您的排班与推荐排班一样好：没有哪一天的等候显著更长（{0} 处不同，都在模拟误差之内），无需修改。", differences)
        : string.Format(Inv, "Your roster is as good as the recommendation: no date waits significantly longer ({0} cell(s) differ, all within the simulation's noise); nothing needs changing.", differences);

    /// <summary>Introduces the changes worth making: those on the dates where the manager's roster waits
    /// significantly longer.</summary>
    /// <param name="shown">Changes listed.</param>
    /// <param name="all">Cells that differ in all.</param>
    /// <returns>One sentence.</returns>
    public string ChangesThatMatter(int shown, int all) => Zh
        ? string.Format(Inv, "只列出等候显著更长的日子里的 {0} 处修改（共 {1} 处不同，其余日子的差别在模拟误差之内）：", shown, all)
        : string.Format(Inv, "Only the {0} change(s) on the dates where your roster waits significantly longer are listed ({1} cell(s) differ in all; the other dates are within the simulation's noise):", shown, all);

    /// <summary>The usual method's unmet requirements in one line: how many, and the first.</summary>
    /// <param name="label">The usual method's label.</param>
    /// <param name="count">Intervals or shifts it could not staff.</param>
    /// <param name="first">The first of them, as the solver described it.</param>
    /// <returns>One line.</returns>
    public string UsualMethodShortfall(string label, int count, string first) => Zh
        ? string.Format(Inv, "{0}：有 {1} 个时段或班次无法按要求安排（第一个：{2}）", label, count, first)
        : string.Format(Inv, "{0}: {1} interval(s) or shift(s) the usual method could not staff (first: {2})", label, count, first);
}
