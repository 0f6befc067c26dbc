using System.Globalization;
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
        RosterRole.UsualMethod => Zh ? "常规方法（SIPP+最省班次）" : "usual method (SIPP + cheapest cover)",
        _ => Zh ? "当前排班" : "current roster",
    };

    /// <summary>The weekday of <paramref name="date"/>: 周一 … 周日, or Mon … Sun.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The short weekday name.</returns>
    public string Weekday(DateOnly date) =>
        Zh ? "周" + "一二三四五六日"[Weekdays.Index(date)] : date.ToString("ddd", Inv);

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
    /// <param name="gap">(best − lower bound) ÷ best, 0 to 1.</param>
    /// <param name="everyWindowGain">1 − (waiting with every window open ÷ best), at most 1.</param>
    /// <returns>One or two sentences.</returns>
    public string Headroom(double gap, double everyWindowGain)
    {
        var line = Zh
            ? string.Format(Inv, "同样工时下，任何排班最多还能把总等候减少约 {0:P0}（下界估计）；即使所有窗口在全部开放时段都开，总等候也只能减少 {1:P0}。", gap, everyWindowGain)
            : string.Format(Inv, "At these staff-hours no roster can cut total waiting by more than about {0:P0} (lower bound); even every window open in every opening hour cuts it by only {1:P0}.", gap, everyWindowGain);
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
                line += string.Format(Inv, "最后一个窗口在 {0:HH:mm} 最有用（该时段约减少 {1:0} 人·分钟等候），在 {2:HH:mm} 最少（约 {3:0}）；人员安排使各时段的边际效益尽量均衡。", most, day.MostUsefulSaving, least, day.LeastUsefulSaving);
            }

            if (day.FullIntervals > 0)
            {
                line += string.Format(Inv, "有 {0} 个时段 {1} 个窗口全开仍有人等候：再增加人员无济于事，需延长服务时间、预约分流或自助办理。", day.FullIntervals, day.MaxWindows);
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
            line += string.Format(Inv, " All {0} windows are open for {1} intervals with citizens waiting: more staff cannot help there; longer hours, appointments or self-service can.", day.MaxWindows, day.FullIntervals);
        }

        return line;
    }

    /// <summary>One change against another roster in words, with the person's display name.</summary>
    /// <param name="change">The change.</param>
    /// <param name="staff">The staff, for names (the id is shown when a person has no name).</param>
    /// <returns>One line.</returns>
    public string Change(RosterChange change, IReadOnlyList<StaffMember> staff)
    {
        ArgumentNullException.ThrowIfNull(change);
        var who = staff?.FirstOrDefault(s => s.Id == change.StaffId) is { Name.Length: > 0 } m ? m.Name : change.StaffId;
        return (change.Before, change.After) switch
        {
            (null, var after) => Zh ? $"{change.Date:MM-dd} {who}：新增 {after}" : $"{change.Date:yyyy-MM-dd} {who}: add \"{after}\"",
            (var before, null) => Zh ? $"{change.Date:MM-dd} {who}：{before} 改为休息" : $"{change.Date:yyyy-MM-dd} {who}: \"{before}\" becomes a day off",
            var (before, after) => Zh ? $"{change.Date:MM-dd} {who}：{before} 改为 {after}" : $"{change.Date:yyyy-MM-dd} {who}: \"{before}\" → \"{after}\"",
        };
    }

    /// <summary>The usual method's unmet requirements in one line: how many, and the first.</summary>
    /// <param name="label">The usual method's label.</param>
    /// <param name="count">Intervals or shifts it could not staff.</param>
    /// <param name="first">The first of them, as the solver described it.</param>
    /// <returns>One line.</returns>
    public string UsualMethodShortfall(string label, int count, string first) => Zh
        ? string.Format(Inv, "{0}：有 {1} 个时段或班次无法按要求安排（第一个：{2}）", label, count, first)
        : string.Format(Inv, "{0}: {1} interval(s) or shift(s) the usual method could not staff (first: {2})", label, count, first);
}
