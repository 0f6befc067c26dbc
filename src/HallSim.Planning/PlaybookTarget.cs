using System.Globalization;
using HallSim.Reports;

namespace HallSim.Planning;

/// <summary>Over which span a <see cref="PlaybookTarget"/> is judged.</summary>
public enum TargetScope
{
    /// <summary>Every open date of the horizon with tickets must meet it, each on its own.</summary>
    EveryDay,

    /// <summary>The horizon as a whole (all its tickets together) must meet it.</summary>
    Week,
}

/// <summary>
/// What the playbook search must reach: a share of tickets called within some minutes (<see cref="CalledWithin"/>),
/// or a mean wait at most some minutes (<see cref="MeanWaitAtMost"/>), on every open day or over the horizon — judged
/// on the mean of the simulation's replications, of the tickets issued (citizens turned away are reported beside it).
/// Immutable.
/// </summary>
public sealed record PlaybookTarget
{
    private PlaybookTarget(double? share, double minutes, TargetScope scope) => (Share, Minutes, Scope) = (share, minutes, scope);

    /// <summary>The share to call within <see cref="Minutes"/>, strictly between 0 and 1; null: a mean-wait target.</summary>
    public double? Share { get; }

    /// <summary>The wait target (with <see cref="Share"/>) or the most mean wait (without), minutes, more than 0.</summary>
    public double Minutes { get; }

    /// <summary>Every open day on its own (default) or the horizon as a whole.</summary>
    public TargetScope Scope { get; }

    /// <summary>A share called within some minutes, e.g. 80% within 15.</summary>
    /// <param name="share">Strictly between 0 and 1.</param>
    /// <param name="minutes">More than 0.</param>
    /// <param name="scope">Every day (default) or the horizon.</param>
    /// <returns>The target.</returns>
    public static PlaybookTarget CalledWithin(double share, double minutes, TargetScope scope = TargetScope.EveryDay)
    {
        if (!(share is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "a share strictly between 0 and 1");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minutes);
        return double.IsFinite(minutes) ? new PlaybookTarget(share, minutes, scope) : throw new ArgumentOutOfRangeException(nameof(minutes));
    }

    /// <summary>A mean wait of at most some minutes.</summary>
    /// <param name="minutes">More than 0.</param>
    /// <param name="scope">Every day (default) or the horizon.</param>
    /// <returns>The target.</returns>
    public static PlaybookTarget MeanWaitAtMost(double minutes, TargetScope scope = TargetScope.EveryDay)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minutes);
        return double.IsFinite(minutes) ? new PlaybookTarget(null, minutes, scope) : throw new ArgumentOutOfRangeException(nameof(minutes));
    }

    /// <summary>The target in words ("80% called within 15 min every open day" / "每个开放日 80% 在 15 分钟内叫号").</summary>
    /// <param name="language">The language.</param>
    /// <returns>One phrase.</returns>
    public string Describe(ReportLanguage language)
    {
        var inv = CultureInfo.InvariantCulture;
        var zh = language == ReportLanguage.Chinese;
        var what = (Share, zh) switch
        {
            ({ } s, true) => string.Create(inv, $"{s * 100:0.#}% 在 {Minutes:0.#} 分钟内叫号"),
            ({ } s, false) => string.Create(inv, $"{s * 100:0.#}% called within {Minutes:0.#} min"),
            (null, true) => string.Create(inv, $"平均等候不超过 {Minutes:0.#} 分钟"),
            (null, false) => string.Create(inv, $"mean wait at most {Minutes:0.#} min"),
        };
        return (Scope, zh) switch
        {
            (TargetScope.EveryDay, true) => "每个开放日 " + what,
            (TargetScope.EveryDay, false) => what + " every open day",
            (_, true) => "全周期 " + what,
            _ => what + " over the horizon",
        };
    }

    /// <summary>The value judged on one day or the horizon: the share called within, or the mean wait.</summary>
    internal double Value(HallSim.Model.DayKpis day) => Share is null ? day.MeanWait.Mean : day.WithinTarget.Mean;

    internal bool Meets(double value) => Share is { } s ? value >= s - 1e-12 : value <= Minutes + 1e-12;

    /// <summary>The open dates with tickets (within <paramref name="days"/> when given) whose mean misses the target;
    /// always empty for <see cref="TargetScope.Week"/> (no date stands for the horizon: see <see cref="MetBy"/>).</summary>
    internal IReadOnlyList<DateOnly> DaysShort(PlanOutcome plan, IReadOnlySet<DateOnly>? days = null) =>
        Scope == TargetScope.EveryDay
            ? [.. plan.Recommended.DayKpis.Where(d => !d.Closed && (days is null || days.Contains(d.Date)) && !Meets(Value(d))).Select(d => d.Date)]
            : [];

    /// <summary>Whether the plan meets the target on the open dates in <paramref name="days"/> (all when null): each
    /// of them, or the horizon over them.</summary>
    internal bool MetBy(PlanOutcome plan, IReadOnlySet<DateOnly>? days = null) =>
        Scope == TargetScope.EveryDay ? DaysShort(plan, days).Count == 0 : Meets(HorizonValue(plan, days));

    /// <summary>The horizon's value over the open dates in <paramref name="days"/> (all when null), weighted by tickets.</summary>
    internal double HorizonValue(PlanOutcome plan, IReadOnlySet<DateOnly>? days = null)
    {
        var open = plan.Recommended.DayKpis.Where(d => !d.Closed && (days is null || days.Contains(d.Date))).ToList();
        var tickets = open.Sum(d => d.Tickets.Mean);
        return tickets <= 0 ? (Share is null ? 0 : 1) : open.Sum(d => Value(d) * d.Tickets.Mean) / tickets;
    }

    /// <summary>The worst value over the open dates in <paramref name="days"/> (all when null): the lowest share or the
    /// longest mean wait; the horizon's for <see cref="TargetScope.Week"/>.</summary>
    internal double Worst(PlanOutcome plan, IReadOnlySet<DateOnly>? days = null)
    {
        if (Scope == TargetScope.Week)
        {
            return HorizonValue(plan, days);
        }

        var values = plan.Recommended.DayKpis.Where(d => !d.Closed && (days is null || days.Contains(d.Date))).Select(Value).ToList();
        return values.Count == 0 ? (Share is null ? 0 : 1) : Share is null ? values.Max() : values.Min();
    }
}
