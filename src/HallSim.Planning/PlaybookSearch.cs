using System.Globalization;
using HallSim.Reports;
using HallSim.Rostering;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Planning;

/// <summary>One lever of the search: alternatives from the weakest to the strongest (each a set of measures that adds
/// no staff-hours to the budget); the search takes at most one of them, or none. Immutable.</summary>
/// <param name="Name">A short name for the lever ("evening", "saturday").</param>
/// <param name="Levels">The alternatives, weakest first; each at least as strong as the one before (more hours, a
/// larger share), as the search assumes.</param>
public sealed record PlaybookLever(string Name, IReadOnlyList<IReadOnlyList<Measure>> Levels);

/// <summary>Settings of <see cref="Playbook.Search"/>. Immutable.</summary>
public sealed record PlaybookSearchOptions
{
    /// <summary>What to reach (default 80% called within 15 minutes on every open day).</summary>
    public PlaybookTarget Target { get; init; } = PlaybookTarget.CalledWithin(0.8, 15);

    /// <summary>Categories the extra staff serve (default "*": comprehensive).</summary>
    public IReadOnlyList<string> ExtraStaffCategories { get; init; } = [Window.AnyCategory];

    /// <summary>Extra staff are tried in steps of this many people (default 2).</summary>
    public int ExtraStaffStep { get; init; } = 2;

    /// <summary>The most extra staff; null (default): as many as it takes for the budget to cover every window in every
    /// opening hour with the strongest levers (at least one step, at most 40).</summary>
    public int? MaxExtraStaff { get; init; }

    /// <summary>The other levers; null (default): <see cref="Playbook.DefaultLevers"/> for the plan's hall and horizon.</summary>
    public IReadOnlyList<PlaybookLever>? Levers { get; init; }

    /// <summary>Also trace the cost–waiting front: every extra-staff step with the chosen levers (default false).</summary>
    public bool Pareto { get; init; }

    /// <summary>Replications of each candidate's quick plan (default 10; the chosen set is validated with the plan's own).</summary>
    public int QuickReplications { get; init; } = 10;

    /// <summary>Rounds of each candidate's quick optimisation loop, without the neighbour search and with a third of
    /// the CP-SAT time limits (default 4).</summary>
    public int QuickRounds { get; init; } = 4;

    /// <summary>The screen's margin: a candidate is not simulated when the fluid hall with every window open falls short
    /// of the target by more than this share on a date it must meet (for a mean-wait target: when its mean wait is
    /// more than twice the target), or when its budget is below the target's share less this margin of the work
    /// (default 0.10: the fluid is no strict bound — on the overloaded Jihua deadline Saturday it calls 18% within 15
    /// minutes where the simulation with every window open calls 26%).</summary>
    public double ScreenMargin { get; init; } = 0.10;
}

/// <summary>One combination of measures the search looked at. Immutable.</summary>
/// <param name="Measures">The measures (empty: the roster alone).</param>
/// <param name="StaffHourBudget">The budget the roster was given: the plan's plus what the extra staff can work.</param>
public sealed record PlaybookOption(IReadOnlyList<Measure> Measures, double StaffHourBudget)
{
    /// <summary>How it was judged: screened out by the fluid bound (not simulated), a quick plan on the search's own
    /// seeds, or the full plan on the plan's fresh seeds.</summary>
    public PlaybookJudgement Judgement { get; init; }

    /// <summary>Staff-hours the roster used, overtime after closing included (0 when screened out).</summary>
    public double StaffHours { get; init; }

    /// <summary>Money per week of the measures.</summary>
    public double MoneyPerWeek => Measures.Sum(m => m.MoneyPerWeek);

    /// <summary>Mean wait over the horizon, minutes (the fluid's when screened out).</summary>
    public double MeanWaitMinutes { get; init; }

    /// <summary>Share of the horizon's tickets called within the plan's wait target (<see cref="PlanRequest.Target"/>;
    /// the target's minutes for a share target), the fluid's when screened out.</summary>
    public double CalledWithinTarget { get; init; }

    /// <summary>The worst value on a date that must meet the target: the lowest share called within, or the longest
    /// mean wait (the horizon's for <see cref="TargetScope.Week"/>).</summary>
    public double Worst { get; init; }

    /// <summary>Citizens turned away over the horizon (balked, or gone when called), mean of the replications.</summary>
    public double TurnedAway { get; init; }

    /// <summary>Whether it meets the target on every date it must (per <see cref="Judgement"/>).</summary>
    public bool MeetsTarget { get; init; }

    /// <summary>The dates (of those it must meet) where it falls short; empty for a horizon-wide target and when only
    /// the budget screened it out (see <see cref="MeetsTarget"/>).</summary>
    public IReadOnlyList<DateOnly> DaysShort { get; init; } = [];

    /// <summary>Per date open in the plan: the share called within the target's minutes, or the mean wait for a
    /// mean-wait target (the fluid's when screened out, on the dates the screen judged).</summary>
    public IReadOnlyList<PlaybookDay> ByDate { get; init; } = [];

    /// <summary>The measures in words, joined ("the roster alone" when none).</summary>
    /// <param name="language">The language.</param>
    /// <returns>One line.</returns>
    public string Describe(ReportLanguage language) => Measures.Count == 0
        ? language == ReportLanguage.Chinese ? "仅调整排班" : "the roster alone"
        : string.Join(language == ReportLanguage.Chinese ? "；" : "; ", Measures.Select(m => m.Describe(language)));
}

/// <summary>One date's value of a <see cref="PlaybookOption"/>.</summary>
/// <param name="Date">The date.</param>
/// <param name="Value">The share called within the target's minutes, or the mean wait in minutes for a mean-wait target.</param>
/// <param name="Meets">Whether it meets the target that day.</param>
public sealed record PlaybookDay(DateOnly Date, double Value, bool Meets);

/// <summary>How a <see cref="PlaybookOption"/> was judged.</summary>
public enum PlaybookJudgement
{
    /// <summary>Not simulated: the fluid hall with every window open, or the budget against the work, rules it out.</summary>
    ScreenedOut,

    /// <summary>A quick plan (fewer rounds and replications) on the search's own seeds.</summary>
    Quick,

    /// <summary>A quick plan's roster simulated again on the plan's fresh seeds with the plan's replications (the limit:
    /// what can be reached at all is said on seeds that chose nothing).</summary>
    Resimulated,

    /// <summary>The full plan, validated on the plan's fresh seeds (paired with the plan).</summary>
    Validated,
}

/// <summary>What <see cref="Playbook.Search"/> found. Immutable.</summary>
/// <param name="Base">The plan (the roster alone).</param>
/// <param name="Target">The target.</param>
public sealed record PlaybookResult(PlanOutcome Base, PlaybookTarget Target)
{
    /// <summary>Whether the roster alone meets the target (then nothing else is searched).</summary>
    public bool RosterAloneMeets { get; init; }

    /// <summary>Every lever at its strongest with the most extra staff: a quick plan's roster simulated on the plan's
    /// fresh seeds (<see cref="PlaybookJudgement.Resimulated"/>); null when the roster alone meets the target.</summary>
    public PlaybookOption? Limit { get; init; }

    /// <summary>The KPIs of <see cref="Limit"/>'s roster on the plan's fresh seeds, with 95% intervals (null when the
    /// roster alone meets the target).</summary>
    public HallSim.Model.RosterEvaluation? LimitEvaluation { get; init; }

    /// <summary>The fluid hall with every window open under every lever at its strongest, per date: what capacity alone
    /// allows (optimistic; empty when the roster alone meets the target).</summary>
    public IReadOnlyList<FluidDay> FluidAtLimit { get; init; } = [];

    /// <summary>Whether the target can be met on every date it asks for, with every measure at its limit.</summary>
    public bool Reachable { get; init; }

    /// <summary>The dates open in the plan that even <see cref="Limit"/> leaves short (empty for a horizon-wide target:
    /// see <see cref="Reachable"/>): the search then looks for the cheapest set that meets the target on the other
    /// dates, and says so. Dates a lever opens (a Saturday the plan keeps closed) are never required.</summary>
    public IReadOnlyList<DateOnly> UnreachableDays { get; init; } = [];

    /// <summary>The cheapest set found that meets the target (on the reachable dates), validated on the plan's fresh
    /// seeds; null when none does.</summary>
    public PlaybookOption? Cheapest { get; init; }

    /// <summary>The plan with <see cref="Cheapest"/>, paired with <see cref="Base"/> on the same fresh seeds; null when
    /// there is no cheapest set.</summary>
    public WhatIfOutcome? Validation { get; init; }

    /// <summary>Every combination looked at, in the order the search judged them.</summary>
    public IReadOnlyList<PlaybookOption> Options { get; init; } = [];

    /// <summary>The simulated options that no other beats on both staff-hours (with overtime) and mean wait, by staff-hours.</summary>
    public IReadOnlyList<PlaybookOption> Pareto { get; init; } = [];

    /// <summary>Combinations in the search's lattice (extra-staff steps × the levers' levels).</summary>
    public int Combinations { get; init; }

    /// <summary>Candidates screened out without simulating.</summary>
    public int ScreenedOut { get; init; }

    /// <summary>Validations that missed the target on the fresh seeds, each followed by the next step that met it in a
    /// quick plan (0: the first choice held). When more than 0, the reported validation rests on seeds that already
    /// judged a choice, and <see cref="Lines"/> says so.</summary>
    public int ValidationRetries { get; init; }

    /// <summary>Candidates simulated by the search (quick plans and full validations; the plan itself not counted).</summary>
    public int Simulated { get; init; }

    /// <summary>Wall-clock seconds of the search, the plan excluded (informative only).</summary>
    public double Seconds { get; init; }

    /// <summary>The value that can be reached on every open date (or over the horizon) with every measure at its
    /// limit: the worst date's share called within, or its mean wait (<see cref="Limit"/>'s, on every open date).</summary>
    public double? ReachableAtLimit => Limit is { } l && l.ByDate.Count > 0
        ? Target.Scope == TargetScope.Week ? l.Worst : Target.Share is null ? l.ByDate.Max(d => d.Value) : l.ByDate.Min(d => d.Value)
        : null;

    /// <summary>What the search found, as lines for a console or a report: the target, the roster alone, the limit and
    /// the dates out of reach, the cheapest set with its validation, the front and the method.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The lines, in order.</returns>
    public IReadOnlyList<string> Lines(ReportLanguage language)
    {
        var inv = CultureInfo.InvariantCulture;
        var zh = language == ReportLanguage.Chinese;
        string V(double v) => Target.Share is null ? string.Create(inv, $"{v:0.0} {(zh ? "分钟" : "min")}") : string.Create(inv, $"{v * 100:0}%");
        string Dates(IEnumerable<DateOnly> dates) => string.Join(zh ? "、" : ", ", dates.Select(d => d.ToString(zh ? "M月d日" : "ddd d MMM", zh ? CultureInfo.GetCultureInfo("zh-CN") : inv)));
        string Days(PlaybookOption o) => string.Join(" ", o.ByDate.Select(d => $"{d.Date.ToString(zh ? "M/d" : "ddd", inv)} {V(d.Value)}"));
        var lines = new List<string> { (zh ? "目标：" : "Target: ") + Target.Describe(language) };
        var baseShort = Target.DaysShort(Base);
        if (RosterAloneMeets)
        {
            lines.Add(zh ? "仅调整排班即可达标，无需其他措施。" : "The roster alone meets it: no other measure is needed.");
            return lines;
        }

        var week = Target.Scope == TargetScope.Week;
        lines.Add((week, zh) switch
        {
            (true, true) => $"仅调整排班达不到：全周期 {V(Target.Worst(Base))}。",
            (true, false) => $"The roster alone does not: {V(Target.Worst(Base))} over the horizon.",
            (false, true) => string.Create(inv, $"仅调整排班达不到：{baseShort.Count} 个开放日未达标（最差 {V(Target.Worst(Base))}）。"),
            _ => string.Create(inv, $"The roster alone does not: {baseShort.Count} open date(s) short (worst {V(Target.Worst(Base))})."),
        });
        if (Limit is { } limit)
        {
            lines.Add((zh ? "所有措施取最强档（" : "Every measure at its limit (") + limit.Describe(language) + (zh ? "）：" : "): ") + Days(limit)
                + (LimitEvaluation is { } le
                    ? zh
                        ? string.Create(inv, $"；平均等候 {le.MeanWait.Mean:0.0} ± {le.MeanWait.HalfWidth:0.0} 分钟，工时 {le.StaffHoursWithOvertime:0}（新的随机数，{le.Replications} 次重复）")
                        : string.Create(inv, $"; mean wait {le.MeanWait.Mean:0.0} ± {le.MeanWait.HalfWidth:0.0} min, {le.StaffHoursWithOvertime:0} staff-hours (fresh seeds, {le.Replications} replications)")
                    : string.Empty));
            var fluidShort = FluidAtLimit.Where(d => d.Tickets > 0 && (Target.Share is { } share ? d.WithinTarget < share : d.MeanWait > Target.Minutes)).ToList();
            if (fluidShort.Count > 0)
            {
                lines.Add(zh
                    ? $"即使全部窗口全天开放，按流体模型 {Dates(fluidShort.Select(d => d.Date))} 也达不到（{string.Join("、", fluidShort.Select(d => string.Create(inv, $"负荷 {d.Load * 100:0}%，至多 {V(Target.Share is null ? d.MeanWait : d.WithinTarget)}")))}）：需要分流需求或增加窗口。"
                    : $"Even with every window open all day, the fluid hall misses it on {Dates(fluidShort.Select(d => d.Date))} ({string.Join("; ", fluidShort.Select(d => string.Create(inv, $"load {d.Load * 100:0}%, at best {V(Target.Share is null ? d.MeanWait : d.WithinTarget)}")))}): demand must move or windows be added.");
            }
        }

        if (!Reachable && ReachableAtLimit is { } reach)
        {
            lines.Add((week, zh) switch
            {
                (true, true) => $"目标不可达：即使所有措施取最强档，全周期也只有 {V(reach)}。",
                (true, false) => $"Out of reach: even with every measure at its limit, the horizon reaches {V(reach)}.",
                (false, true) => $"目标不可达：即使所有措施取最强档，{Dates(UnreachableDays)} 仍未达标。所有开放日都能达到的水平：{V(reach)}（最差一天）。",
                _ => $"Out of reach: even with every measure at its limit, {Dates(UnreachableDays)} fall short. What every open date can reach: {V(reach)} (the worst date).",
            });
        }

        if (Cheapest is { } best)
        {
            var within = Base.Recommended.DayKpis.Where(d => !d.Closed && !UnreachableDays.Contains(d.Date)).Select(d => d.Date);
            var where = Reachable ? string.Empty : zh ? $"（仅就可达的日期：{Dates(within)}）" : $" (on the dates within reach: {Dates(within)})";
            lines.Add((zh ? "成本最低的达标方案" : "The cheapest set that meets it") + where + (zh ? "：" : ": ") + best.Describe(language));
            var e = Validation?.Plan.Recommended.Evaluation;
            lines.Add(zh
                ? string.Create(inv, $"  工时 {best.StaffHours:0}（含闭厅后加班；预算 {best.StaffHourBudget:0}），平均等候 {e?.MeanWait.Mean ?? best.MeanWaitMinutes:0.0} ± {e?.MeanWait.HalfWidth ?? 0:0.0} 分钟，{Base.Request.Target.WithinMinutes:0} 分钟内叫号 {(e?.WithinTarget.Mean ?? best.CalledWithinTarget) * 100:0.0}% ± {(e?.WithinTarget.HalfWidth ?? 0) * 100:0.0}%；各日 {Days(best)}")
                : string.Create(inv, $"  {best.StaffHours:0} staff-hours with overtime (budget {best.StaffHourBudget:0}), mean wait {e?.MeanWait.Mean ?? best.MeanWaitMinutes:0.0} ± {e?.MeanWait.HalfWidth ?? 0:0.0} min, called within {Base.Request.Target.WithinMinutes:0} min {(e?.WithinTarget.Mean ?? best.CalledWithinTarget) * 100:0.0}% ± {(e?.WithinTarget.HalfWidth ?? 0) * 100:0.0}%; by date {Days(best)}"));
            if (Validation is { Measures.Count: > 0 } w)
            {
                var (dw, dt) = (w.WaitingDifference, w.TurnedAwayDifference);
                lines.Add(zh
                    ? string.Create(inv, $"  与仅调整排班相比（同一组新随机数，配对 95%）：总等候 {dw.Mean:+0;−0} ± {dw.HalfWidth:0} 人·分钟，劝退/离开 {dt.Mean:+0;−0} ± {dt.HalfWidth:0} 人，工时 {w.ExtraStaffHours:+0;−0}")
                    : string.Create(inv, $"  Against the roster alone (same fresh seeds, paired 95%): total waiting {dw.Mean:+0;−0} ± {dw.HalfWidth:0} citizen-minutes, turned away {dt.Mean:+0;−0} ± {dt.HalfWidth:0}, staff-hours {w.ExtraStaffHours:+0;−0}"));
            }
        }
        else if (Reachable || (!week && UnreachableDays.Count < Base.Recommended.DayKpis.Count(d => !d.Closed)))
        {
            lines.Add(zh ? "在所试的措施组合中没有找到达标方案。" : "No set of the measures tried meets it.");
        }

        if (ValidationRetries > 0)
        {
            lines.Add(zh
                ? string.Create(inv, $"注意：最初选定的方案在新的随机数上未达标，改验下一档（{ValidationRetries} 次）；此验证所用的随机数已参与过选择。")
                : string.Create(inv, $"Note: the first choice missed the target on the fresh seeds and the next step was validated instead ({ValidationRetries} time(s)); that validation rests on seeds that already judged a choice."));
        }

        if (Pareto.Count > 1)
        {
            lines.Add((zh ? "成本与等候的取舍（工时 → 平均等候）：" : "Cost against waiting (staff-hours → mean wait): ")
                + string.Join(zh ? "；" : "; ", Pareto.Select(o => string.Create(inv, $"{o.StaffHours:0} → {o.MeanWaitMinutes:0.0}"))));
        }

        lines.Add(Method(language) + (zh ? string.Create(inv, $"用时 {Seconds:0} 秒。") : string.Create(inv, $" {Seconds:0} s.")));
        return lines;
    }

    /// <summary>The search for the manager's report: <see cref="Lines"/> and, for the cost–waiting chart, the roster
    /// alone and every simulated option (the front and the cheapest set marked).</summary>
    /// <param name="language">The language.</param>
    /// <returns>The report's part.</returns>
    public ReportPlaybook ToReport(ReportLanguage language)
    {
        var e = Base.Recommended.Evaluation;
        var alone = new ReportOption(language == ReportLanguage.Chinese ? "仅调整排班" : "the roster alone", e.StaffHoursWithOvertime, e.MeanWait.Mean, RosterAloneMeets, OnFront: false, Chosen: RosterAloneMeets);
        return new(
            Lines(language),
            [
                .. RosterAloneMeets ? [] : new[] { alone },
                .. Options.Where(o => o.Judgement != PlaybookJudgement.ScreenedOut)
                    .Select(o => new ReportOption(o.Describe(language), o.StaffHours, o.MeanWaitMinutes, o.MeetsTarget, Pareto.Contains(o), ReferenceEquals(o, Cheapest))),
            ]);
    }

    /// <summary>The search method in one paragraph, in the report's language.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The paragraph.</returns>
    public string Method(ReportLanguage language) => language == ReportLanguage.Chinese
        ? string.Create(CultureInfo.InvariantCulture, $"搜索方法：{Combinations} 种组合（增派人数 × 各项措施的档位）；先用流体模型（所有窗口全开）和工时预算粗筛，排除 {ScreenedOut} 个；其余按成本（工时、费用、措施数）由低到高：所有措施取最强档时二分查找最少增派人数，再逐项降档或去掉仍达标的措施；每个候选用快速排班和模拟判断（共模拟 {Simulated} 次），最终方案在新的随机数上完整排班验证。")
        : string.Create(CultureInfo.InvariantCulture, $"Search method: {Combinations} combinations (extra staff × the levers' levels); a screen by the fluid hall with every window open and by the budget against the work ruled out {ScreenedOut} without simulating; with every lever at its strongest, bisection on the extra staff for the fewest that reach the target, then each lever lowered or dropped while the target holds (cost: staff-hours, then money, then the number of measures); each candidate judged by a quick plan and simulation ({Simulated} simulated), the chosen set by the full plan on fresh seeds.");
}

/// <summary>The search behind <see cref="Playbook.Search"/>.</summary>
internal sealed class PlaybookSearch
{
    private readonly PlanOutcome _plan;
    private readonly PlaybookSearchOptions _options;
    private readonly IReadOnlyList<PlaybookLever> _levers;
    private readonly int[] _staffLevels;
    private readonly IProgress<PlanProgress>? _progress;
    private readonly CancellationToken _cancel;
    private readonly Dictionary<string, PlaybookOption> _seen = new(StringComparer.Ordinal);
    private readonly List<PlaybookOption> _order = [];
    private readonly Dictionary<string, PlanOutcome> _quickPlans = new(StringComparer.Ordinal);
    private readonly HashSet<DateOnly> _baseOpen;
    private IReadOnlySet<DateOnly>? _days;
    private HallSim.Model.RosterEvaluation? _limitEvaluation;
    private int _screened, _simulated;

    internal PlaybookSearch(PlanOutcome plan, PlaybookSearchOptions options, IProgress<PlanProgress>? progress, CancellationToken cancel)
    {
        _plan = plan;
        _options = options;
        _levers = options.Levers ?? Playbook.DefaultLevers(plan.Request.Scenario, plan.From, plan.Days);
        _progress = progress;
        _cancel = cancel;
        _baseOpen = [.. plan.Recommended.DayKpis.Where(d => !d.Closed).Select(d => d.Date)];
        var most = options.MaxExtraStaff ?? DefaultMostExtraStaff();
        var step = Math.Max(1, options.ExtraStaffStep);
        var levels = new List<int> { 0 };
        for (var k = step; k < most + step; k += step)
        {
            levels.Add(Math.Min(k, most));
        }

        _staffLevels = [.. levels.Distinct()];
    }

    internal PlaybookResult Run()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var target = _options.Target;
        var combinations = _staffLevels.Length * _levers.Aggregate(1, (n, l) => n * (l.Levels.Count + 1));
        if (target.MetBy(_plan, _baseOpen))
        {
            var roster = Judged([], _plan.StaffHourBudget, _plan, PlaybookJudgement.Validated);
            return new PlaybookResult(_plan, target) { RosterAloneMeets = true, Reachable = true, Cheapest = roster, Options = [roster], Pareto = [roster], Combinations = combinations, Seconds = clock.Elapsed.TotalSeconds };
        }

        // Every measure at its limit: what can be reached at all, and on which dates.
        var strongest = _levers.Select(l => l.Levels.Count).ToArray();
        var top = _staffLevels.Length - 1;
        var quickLimit = Evaluate(top, strongest, screen: false);
        var strongestScenario = HallSim.Planning.Measures.Apply(_plan.Request.Scenario, Measures(top, strongest), _plan.From, _plan.Days);
        var limitKey = Key(quickLimit.Measures);
        var limit = Judged(quickLimit.Measures, quickLimit.StaffHourBudget, Resimulate(strongestScenario, _quickPlans[limitKey]), PlaybookJudgement.Resimulated);
        _order[_order.IndexOf(quickLimit)] = limit; // the fresh seeds' judgement replaces the quick one
        _seen[limitKey] = limit;
        var fluidAtLimit = FluidHall.EveryWindowOpen(strongestScenario, _plan.From, _plan.Days, target.Share is null ? _plan.Request.Target.WithinMinutes : target.Minutes);
        var unreachable = limit.DaysShort; // empty for a horizon-wide target: no date stands for it
        var canSearch = limit.MeetsTarget;
        if (target.Scope == TargetScope.EveryDay && unreachable.Count > 0)
        {
            var within = _baseOpen.Except(unreachable).ToHashSet();
            canSearch = within.Count > 0;
            _days = canSearch ? within : null; // the search then aims at the dates within reach
        }

        PlaybookOption? cheapest = null;
        WhatIfOutcome? validation = null;
        var retries = 0;
        var paretoLevels = strongest;
        if (canSearch)
        {
            // Bisection on the extra staff with every lever at its strongest (more staff never hurts, as assumed).
            var (lo, hi) = (0, top); // hi passes on the reachable dates by construction
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (Evaluate(mid, strongest).MeetsTarget)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            // Then each lever down a level, or off, while the target still holds (fewer and cheaper measures first: the
            // priced ones, then the later levers).
            var levels = (int[])strongest.Clone();
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var l in Enumerable.Range(0, _levers.Count).OrderByDescending(i => levels[i] > 0 ? _levers[i].Levels[levels[i] - 1].Sum(m => m.MoneyPerWeek) : 0).ThenByDescending(i => i))
                {
                    while (levels[l] > 0)
                    {
                        var lower = (int[])levels.Clone();
                        lower[l]--;
                        if (!Evaluate(lo, lower).MeetsTarget)
                        {
                            break;
                        }

                        levels = lower;
                        changed = true;
                    }
                }
            }

            // Validated on the plan's fresh seeds. Should it miss there, the next step of staff that meets the target in a
            // quick plan (with the same levers, then every lever at its strongest) is validated instead, at most twice more;
            // the result counts these retries, whose validation rests on seeds that already judged a choice.
            var (k, chosen) = (lo, levels);
            for (var attempt = 0; attempt < 3 && cheapest is null; attempt++)
            {
                var (option, outcome) = Validate(Measures(k, chosen));
                if (option.MeetsTarget)
                {
                    (cheapest, validation) = (option, outcome);
                    break;
                }

                retries++;
                var next = Enumerable.Range(k + 1, top - k).Select(s => (Staff: s, Levels: chosen)).Concat(chosen.SequenceEqual(strongest) ? [] : Enumerable.Range(k, top - k + 1).Select(s => (Staff: s, Levels: strongest)))
                    .FirstOrDefault(c => Evaluate(c.Staff, c.Levels).MeetsTarget, (Staff: -1, Levels: chosen));
                if (next.Staff < 0)
                {
                    break;
                }

                (k, chosen) = next;
            }

            paretoLevels = levels;
        }

        if (_options.Pareto)
        {
            // The front along the extra staff, with the chosen levers (every lever at its strongest when none was chosen).
            foreach (var s in Enumerable.Range(0, _staffLevels.Length))
            {
                Evaluate(s, paretoLevels, screen: false);
            }
        }

        var simulated = _order.Where(o => o.Judgement != PlaybookJudgement.ScreenedOut).ToList();
        var front = simulated.Where(o => !simulated.Any(p => p != o && p.StaffHours <= o.StaffHours + 1e-9 && p.MeanWaitMinutes <= o.MeanWaitMinutes + 1e-9 && (p.StaffHours < o.StaffHours - 1e-9 || p.MeanWaitMinutes < o.MeanWaitMinutes - 1e-9)))
            .OrderBy(o => o.StaffHours).ThenBy(o => o.MeanWaitMinutes).ToList();
        return new PlaybookResult(_plan, target)
        {
            Limit = limit,
            LimitEvaluation = _limitEvaluation,
            FluidAtLimit = fluidAtLimit,
            Reachable = limit.MeetsTarget,
            UnreachableDays = unreachable,
            Cheapest = cheapest,
            Validation = validation,
            Options = [.. _order],
            Pareto = front,
            Combinations = combinations,
            ScreenedOut = _screened,
            ValidationRetries = retries,
            Simulated = _simulated,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The measures of a combination: the extra staff first, then each lever's level.</summary>
    private List<Measure> Measures(int staff, int[] levels)
    {
        var measures = new List<Measure>();
        if (_staffLevels[staff] > 0)
        {
            measures.Add(new ExtraStaff(_options.ExtraStaffCategories, _staffLevels[staff]));
        }

        for (var l = 0; l < levels.Length; l++)
        {
            if (levels[l] > 0)
            {
                measures.AddRange(_levers[l].Levels[levels[l] - 1]);
            }
        }

        return measures;
    }

    private double Budget(IReadOnlyList<Measure> measures) =>
        _plan.StaffHourBudget + measures.Sum(m => m.ExtraStaffHours(_plan.Request.Scenario, _plan.From, _plan.Days));

    /// <summary>A combination judged once (cached): screened by the fluid hall and the budget, then a quick plan.</summary>
    private PlaybookOption Evaluate(int staff, int[] levels, bool screen = true)
    {
        var measures = Measures(staff, levels);
        var key = Key(measures);
        if (_seen.TryGetValue(key, out var known) && (known.Judgement != PlaybookJudgement.ScreenedOut || screen))
        {
            return known;
        }

        if (known is not null)
        {
            // Screened out before, simulated now (the limit, the front): the simulation's judgement replaces the screen's.
            _order.Remove(known);
            _screened--;
        }

        _cancel.ThrowIfCancellationRequested();
        var scenario = measures.Count == 0 ? _plan.Request.Scenario : HallSim.Planning.Measures.Apply(_plan.Request.Scenario, measures, _plan.From, _plan.Days);
        var budget = Budget(measures);
        if (screen && Screen(scenario, budget) is { } fluid)
        {
            _screened++;
            return Remember(key, fluid with { Measures = measures, StaffHourBudget = budget });
        }

        _simulated++;
        _progress?.Report(new PlanProgress(PlanStage.Playbook, 0.5) { From = _plan.From, Days = _plan.Days, StaffHourBudget = budget });
        var request = _plan.Request with
        {
            Scenario = scenario,
            From = _plan.From,
            Days = _plan.Days,
            StaffHourBudget = budget,
            Replications = _options.QuickReplications,
            Seed = _plan.Request.Seed + Playbook.QuickSeedOffset,
            Loop = QuickLoop(_plan.Request.Loop, _options),
            CurrentRoster = null,
        };
        var quick = RosterPlanner.Plan(request, null, _cancel);
        _quickPlans[key] = quick;
        return Remember(key, Judged(measures, budget, quick, PlaybookJudgement.Quick));
    }

    private (PlaybookOption Option, WhatIfOutcome Outcome) Validate(List<Measure> measures)
    {
        _cancel.ThrowIfCancellationRequested();
        _simulated++;
        _progress?.Report(new PlanProgress(PlanStage.Playbook, 0.8) { From = _plan.From, Days = _plan.Days });
        var outcome = measures.Count == 0 ? null : Playbook.WhatIf(_plan, measures, null, _cancel);
        var plan = outcome?.Plan ?? _plan;
        var option = Judged(measures, plan.StaffHourBudget, plan, PlaybookJudgement.Validated);
        _order.Add(option);
        return (option, outcome ?? new WhatIfOutcome(measures, _plan, _plan));
    }

    /// <summary>A quick plan's recommended roster simulated again on the plan's fresh seeds, with its replications.</summary>
    private PlanOutcome Resimulate(Scenario scenario, PlanOutcome quick)
    {
        _cancel.ThrowIfCancellationRequested();
        var compiled = CompiledProblem.Compile(new RosterProblem(scenario, _plan.From, _plan.Days), _cancel);
        var staffing = compiled.Hall.Compile(new StaffingPlan { Roster = quick.Recommended.Roster });
        var minutes = _plan.Request.Target.WithinMinutes;
        var options = new HallSim.Model.HallRunOptions { IntervalMinutes = 60, KeepTickets = true, WaitTargetMinutes = minutes };
        var runs = HallSim.Model.HallReplications.Run(staffing, _plan.Request.Seed + RosterPlanner.ValidationSeedOffset, _plan.Request.Replications, options, cancellationToken: _cancel);
        var recommended = quick.Recommended with
        {
            Evaluation = HallSim.Model.RosterEvaluator.Summarise(staffing, runs.Runs, minutes, 30),
            Days = runs.Days,
            DayKpis = HallSim.Model.RosterEvaluator.SummariseDays(staffing, runs.Runs, minutes),
        };
        _limitEvaluation = recommended.Evaluation;
        return quick with { Rosters = [recommended, .. quick.Rosters.Skip(1)] };
    }

    private PlaybookOption Remember(string key, PlaybookOption option)
    {
        _seen[key] = option;
        _order.Add(option);
        return option;
    }

    private PlaybookOption Judged(IReadOnlyList<Measure> measures, double budget, PlanOutcome plan, PlaybookJudgement judgement)
    {
        var target = _options.Target;
        var evaluation = plan.Recommended.Evaluation;
        var within = target.Share is null ? evaluation.WithinTarget.Mean : target.HorizonValue(plan);
        var days = _days ?? _baseOpen;
        var shortDays = target.DaysShort(plan, days);
        return new PlaybookOption(measures, budget)
        {
            Judgement = judgement,
            StaffHours = evaluation.StaffHoursWithOvertime,
            MeanWaitMinutes = evaluation.MeanWait.Mean,
            CalledWithinTarget = within,
            Worst = target.Worst(plan, days),
            TurnedAway = evaluation.TurnedAwayByReplication.Count == 0 ? 0 : evaluation.TurnedAwayByReplication.Average(),
            MeetsTarget = target.MetBy(plan, days),
            DaysShort = shortDays,
            ByDate = [.. plan.Recommended.DayKpis.Where(d => !d.Closed && _baseOpen.Contains(d.Date)).Select(d => new PlaybookDay(d.Date, target.Value(d), target.Meets(target.Value(d))))],
        };
    }

    /// <summary>Null when the candidate may reach the target; otherwise the option as the screen judged it.</summary>
    private PlaybookOption? Screen(Scenario scenario, double budget)
    {
        var target = _options.Target;
        var fluid = FluidHall.EveryWindowOpen(scenario, _plan.From, _plan.Days, target.Share is null ? _plan.Request.Target.WithinMinutes : target.Minutes)
            .Where(d => d.Tickets > 0 && (_days ?? _baseOpen).Contains(d.Date)).ToList();
        if (fluid.Count == 0)
        {
            return null;
        }

        double Value(FluidDay d) => target.Share is null ? d.MeanWait : d.WithinTarget;
        bool Near(double v) => target.Share is { } s ? v >= s - _options.ScreenMargin : v <= target.Minutes * 2; // mean waits: twice the target
        var tickets = fluid.Sum(d => d.Tickets);
        var horizon = fluid.Sum(d => Value(d) * d.Tickets) / tickets;
        var shortDays = target.Scope == TargetScope.EveryDay ? fluid.Where(d => !Near(Value(d))).Select(d => d.Date).ToList() : [];
        var capacityShort = target.Scope == TargetScope.EveryDay ? shortDays.Count > 0 : !Near(horizon);

        // Tickets called within the target are served in the roster's hours: the budget must cover that share of the
        // work, less the margin (half of it for a mean-wait target).
        var work = fluid.Sum(d => d.WorkHours);
        var needed = Math.Max(0, (target.Share ?? 0.5) - _options.ScreenMargin) * work;
        if (!capacityShort && budget >= needed)
        {
            return null;
        }

        return new PlaybookOption([], budget)
        {
            Judgement = PlaybookJudgement.ScreenedOut,
            MeanWaitMinutes = fluid.Sum(d => d.MeanWait * d.Tickets) / tickets,
            CalledWithinTarget = fluid.Sum(d => d.WithinTarget * d.Tickets) / tickets,
            Worst = target.Scope == TargetScope.Week ? horizon : target.Share is null ? fluid.Max(Value) : fluid.Min(Value),
            MeetsTarget = false,
            DaysShort = shortDays,
            ByDate = [.. fluid.Select(d => new PlaybookDay(d.Date, Value(d), target.Meets(Value(d))))],
        };
    }

    private int DefaultMostExtraStaff()
    {
        var strongest = _levers.SelectMany(l => l.Levels.Count > 0 ? l.Levels[^1] : []).ToList();
        var scenario = strongest.Count == 0 ? _plan.Request.Scenario : HallSim.Planning.Measures.Apply(_plan.Request.Scenario, strongest, _plan.From, _plan.Days);
        var windowHours = FluidHall.EveryWindowOpen(scenario, _plan.From, _plan.Days, 15).Sum(d => d.WindowHours);
        var each = new ExtraStaff(_options.ExtraStaffCategories, 1).ExtraStaffHours(_plan.Request.Scenario, _plan.From, _plan.Days); // as the budget counts them
        var step = Math.Max(1, _options.ExtraStaffStep);
        var needed = each > 0 ? (int)Math.Ceiling(Math.Max(0, windowHours - _plan.StaffHourBudget) / each) : step;
        return Math.Clamp(needed, step, 40);
    }

    /// <summary>The loop of a candidate's quick plan: fewer rounds, no neighbour search, CP-SAT limits of a third.</summary>
    internal static SimulationOptimisationOptions QuickLoop(SimulationOptimisationOptions? loop, PlaybookSearchOptions options)
    {
        var l = loop ?? new SimulationOptimisationOptions();
        return l with
        {
            MaxIterations = options.QuickRounds,
            NeighbourCandidates = 0,
            Solver = l.Solver with { CountTimeLimit = l.Solver.CountTimeLimit / 3, AssignmentTimeLimit = l.Solver.AssignmentTimeLimit / 3 },
        };
    }

    /// <summary>A combination's identity: each measure's type and every property (not only its description).</summary>
    private static string Key(IReadOnlyList<Measure> measures) =>
        string.Join("|", measures.Select(m => m.GetType().Name + System.Text.Json.JsonSerializer.Serialize(m, m.GetType())));
}
