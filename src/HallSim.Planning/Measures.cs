using System.Globalization;
using HallSim.Reports;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Planning;

/// <summary>
/// A measure beyond the roster — more staff, longer hours, appointments, self-service — as a change of the scenario
/// over a plan's horizon, with what it costs that the roster's staff-hours do not show. Immutable. Apply several with
/// <see cref="Measures.Apply"/>; judge them with <see cref="Playbook.WhatIf"/>.
/// </summary>
public abstract record Measure
{
    /// <summary>Money per week the measure costs besides staff-hours (an appointment system, a kiosk's rent), in the
    /// currency the planner uses (default 0: unpriced).</summary>
    public double MoneyPerWeek { get; init; }

    /// <summary>Staff-hours the roster may use beyond the plan's budget because of this measure, over the horizon
    /// (default 0; <see cref="ExtraStaff"/>: what the extra people can work). The budget is one total: the optimiser may
    /// spend these hours on any of the staff.</summary>
    /// <param name="scenario">The scenario the measure changes.</param>
    /// <param name="from">First date of the horizon.</param>
    /// <param name="days">Dates in the horizon.</param>
    /// <returns>Staff-hours, at least 0.</returns>
    public virtual double ExtraStaffHours(Scenario scenario, DateOnly from, int days) => 0;

    /// <summary>Staff-hours the measure needs outside the window roster over the horizon — floor guides, reception and
    /// back-office staff, who work the hall's opening hours (default 0). Not in the roster's budget or staff-hours: a
    /// cost to read beside them.</summary>
    /// <param name="scenario">The scenario the measure changes.</param>
    /// <param name="from">First date of the horizon.</param>
    /// <param name="days">Dates in the horizon.</param>
    /// <returns>Staff-hours, at least 0.</returns>
    public virtual double OffRosterStaffHours(Scenario scenario, DateOnly from, int days) => 0;

    /// <summary>The hall's opening hours over the horizon (what one person off the roster works).</summary>
    private protected static double OpenHours(Scenario scenario, DateOnly from, int days) =>
        Enumerable.Range(0, days).Sum(d => scenario.Calendar.SessionsOn(from.AddDays(d)).Sum(s => (s.Close - s.Open).TotalHours));

    /// <summary>The scenario with this measure over the dates <paramref name="from"/> … <paramref name="from"/> + <paramref name="days"/> − 1.</summary>
    /// <param name="scenario">A valid scenario.</param>
    /// <param name="from">First date of the horizon.</param>
    /// <param name="days">Dates in the horizon, at least 1.</param>
    /// <returns>The changed scenario (the original is not changed).</returns>
    public abstract Scenario Apply(Scenario scenario, DateOnly from, int days);

    /// <summary>What is wrong with this measure for <paramref name="scenario"/>: each problem with <paramref name="path"/>
    /// as its path (e.g. an unknown kiosk group, a share outside 0 … 1).</summary>
    /// <param name="scenario">The scenario it would change.</param>
    /// <param name="path">The measure's place in the request, e.g. "measures[2]".</param>
    /// <returns>The problems; empty when it can be applied.</returns>
    public abstract IEnumerable<ValidationProblem> Check(Scenario scenario, string path);

    /// <summary>The measure in words, in the report's language ("4 extra staff (comprehensive)" / "增派 4 名综合窗口人员").</summary>
    /// <param name="language">The language.</param>
    /// <returns>One short phrase.</returns>
    public abstract string Describe(ReportLanguage language);

    private protected static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The calendar with a period over the horizon with these weekday and Saturday hours (null: unchanged)
    /// (later periods take precedence, so this one overrides those before it).</summary>
    private protected static HallCalendar WithHours(HallCalendar calendar, DateOnly from, int days, IReadOnlyList<Session>? weekday, IReadOnlyList<Session>? saturday, string name) =>
        calendar with
        {
            Periods =
            [
                .. calendar.Periods,
                new SpecialPeriod(from, from.AddDays(days - 1)) { Name = name, WeekdayHours = weekday, SaturdayHours = saturday },
            ],
        };
}

/// <summary>
/// Extra seconded staff (增派人员) for the horizon: <paramref name="Count"/> people who serve <paramref name="Categories"/>
/// (<see cref="Window.AnyCategory"/> for comprehensive windows), each with <see cref="ContractHoursPerWeek"/>. The
/// budget grows by what they can work (<see cref="ExtraStaffHours"/>); the optimiser decides who works those hours —
/// they or the hall's own staff — and the cost is the staff-hours the roster then uses. [A] They are as fast as the hall's own staff.
/// </summary>
/// <param name="Categories">Categories they serve ("*" for every one).</param>
/// <param name="Count">How many, 1 to 100.</param>
public sealed record ExtraStaff(IReadOnlyList<string> Categories, int Count) : Measure
{
    /// <summary>Contracted hours per week of each (default 40).</summary>
    public double ContractHoursPerWeek { get; init; } = 40;

    /// <summary>What each can work over the horizon: the contract hours of each calendar week (Monday to Sunday) the
    /// horizon touches, and no more than the open dates times the longest shift.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="from">First date of the horizon.</param>
    /// <param name="days">Dates in the horizon.</param>
    /// <returns>Count × that.</returns>
    public override double ExtraStaffHours(Scenario scenario, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var last = from.AddDays(Math.Max(1, days) - 1);
        var weeks = ((HallSim.Weekdays.MondayOf(last).DayNumber - HallSim.Weekdays.MondayOf(from).DayNumber) / 7) + 1;
        var open = Enumerable.Range(0, Math.Max(1, days)).Count(d => scenario.Calendar.SessionsOn(from.AddDays(d)).Count > 0);
        var longest = scenario.Shifts.Select(t => t.WorkingMinutes / 60.0).DefaultIfEmpty(0).Max();
        return Count * Math.Min(ContractHoursPerWeek * weeks, open * longest);
    }

    /// <inheritdoc/>
    public override Scenario Apply(Scenario scenario, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var taken = scenario.Staff.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var added = new List<StaffMember>();
        for (var i = 1; added.Count < Count; i++)
        {
            var id = string.Create(Inv, $"X{i:00}");
            if (taken.Add(id))
            {
                added.Add(new StaffMember(id, string.Create(Inv, $"增派{added.Count + 1}"), Categories) { ContractHoursPerWeek = ContractHoursPerWeek });
            }
        }

        return scenario with { Staff = [.. scenario.Staff, .. added] };
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Check(Scenario scenario, string path)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (Count is < 1 or > 100)
        {
            yield return new ValidationProblem($"{path}.count", string.Create(Inv, $"{Count} extra staff: expected 1 to 100"));
        }

        if (Categories.Count == 0)
        {
            yield return new ValidationProblem($"{path}.categories", "no categories: expected \"*\" or the categories the extra staff serve");
        }

        foreach (var c in Categories.Where(c => c != Window.AnyCategory && scenario.Categories.All(x => x.Id != c)))
        {
            yield return new ValidationProblem($"{path}.categories", $"unknown category \"{c}\": expected one of {string.Join(", ", scenario.Categories.Select(x => x.Id))} or \"*\"");
        }

        if (!double.IsFinite(ContractHoursPerWeek) || ContractHoursPerWeek is <= 0 or > 60)
        {
            yield return new ValidationProblem($"{path}.contractHoursPerWeek", string.Create(Inv, $"{ContractHoursPerWeek}: expected more than 0 and at most 60 hours a week"));
        }
    }

    /// <inheritdoc/>
    public override string Describe(ReportLanguage language)
    {
        var comprehensive = Categories.Contains(Window.AnyCategory);
        return language == ReportLanguage.Chinese
            ? string.Create(Inv, $"增派 {Count} 名{(comprehensive ? "综合窗口" : string.Join("、", Categories) + " ")}人员")
            : string.Create(Inv, $"{Count} extra staff ({(comprehensive ? "comprehensive" : string.Join(", ", Categories))})");
    }
}

/// <summary>
/// Weekday evenings open until <paramref name="Close"/> over the horizon (延时服务): the last weekday session closes
/// then. Each shift template that ends at the old closing time gains a copy that ends at the new one (same start and
/// breaks; the old templates stay), so the optimiser can staff the evening. [A] Demand: the day's tickets are spread
/// over the longer issuing time; an hour that had no weight takes the weight of the last hour open before.
/// </summary>
/// <param name="Close">The new weekday closing time, later than the present one.</param>
public sealed record WeekdayClosing(TimeOnly Close) : Measure
{
    /// <inheritdoc/>
    public override Scenario Apply(Scenario scenario, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);

        // Each open weekday of the horizon keeps its own sessions and closes later (one period per date, so that a
        // horizon across a change of hours keeps each date's own); a date that already closes by then is left.
        var calendar = scenario.Calendar;
        var oldCloses = new HashSet<TimeOnly>();
        for (var d = 0; d < days; d++)
        {
            var date = from.AddDays(d);
            var weekday = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || scenario.Calendar.MakeUpWorkdays.Contains(date);
            if (weekday && scenario.Calendar.SessionsOn(date) is { Count: > 0 } hours && hours[^1].Close < Close)
            {
                oldCloses.Add(hours[^1].Close);
                calendar = WithHours(calendar, date, 1, [.. hours.Take(hours.Count - 1), hours[^1] with { Close = Close }], null, $"evening to {Close.ToString("HH\\:mm", Inv)}");
            }
        }

        if (oldCloses.Count == 0)
        {
            return scenario;
        }

        var weights = scenario.Demand.HourWeights.ToArray();
        foreach (var old in oldCloses)
        {
            var last = weights[((old.Hour * 60) + old.Minute - 1) / 60];
            for (var h = old.Hour; h < 24 && h * 60 < (Close.Hour * 60) + Close.Minute; h++)
            {
                weights[h] = weights[h] > 0 ? weights[h] : last;
            }
        }

        var suffix = Close.ToString("HHmm", Inv);
        var extended = scenario.Shifts.Where(t => oldCloses.Contains(t.End) && scenario.Shifts.All(x => x.Id != $"{t.Id}-{suffix}"))
            .Select(t => t with { Id = $"{t.Id}-{suffix}", End = Close, Name = $"{(t.Name.Length > 0 ? t.Name : t.Id)}→{Close.ToString("HH\\:mm", Inv)}" });
        return scenario with
        {
            Calendar = calendar,
            Demand = scenario.Demand with { HourWeights = weights },
            Shifts = [.. scenario.Shifts, .. extended],
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Check(Scenario scenario, string path)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (Close < new TimeOnly(12, 0) || Close > new TimeOnly(23, 0))
        {
            yield return new ValidationProblem($"{path}.close", $"{Close.ToString("HH\\:mm", Inv)}: expected a closing time from 12:00 to 23:00");
        }
    }

    /// <inheritdoc/>
    public override string Describe(ReportLanguage language) => language == ReportLanguage.Chinese
        ? $"工作日延时至 {Close.ToString("HH\\:mm", Inv)}"
        : $"weekdays open until {Close.ToString("HH\\:mm", Inv)}";
}

/// <summary>
/// Saturdays open with <paramref name="Sessions"/> over the horizon (周六开放). [A] Saturday demand is what the scenario
/// gives a Saturday (its weekday factor), spread over these sessions; none of it moves from weekdays. Shift templates
/// keep their times: the optimiser may staff Saturday with any that overlaps the sessions, and pays its full hours.
/// </summary>
/// <param name="Sessions">The Saturday sessions, in order, not overlapping.</param>
public sealed record SaturdayOpening(IReadOnlyList<Session> Sessions) : Measure
{
    /// <inheritdoc/>
    public override Scenario Apply(Scenario scenario, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario with { Calendar = WithHours(scenario.Calendar, from, days, null, Sessions, "Saturday opening") };
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Check(Scenario scenario, string path)
    {
        if (Sessions.Count == 0)
        {
            yield return new ValidationProblem($"{path}.sessions", "no sessions: expected at least one, e.g. 09:00-17:00");
        }

        for (var i = 0; i < Sessions.Count; i++)
        {
            if (Sessions[i].Close <= Sessions[i].Open || (i > 0 && Sessions[i].Open < Sessions[i - 1].Close))
            {
                yield return new ValidationProblem(string.Create(Inv, $"{path}.sessions[{i}]"), $"{Sessions[i].Open.ToString("HH\\:mm", Inv)}-{Sessions[i].Close.ToString("HH\\:mm", Inv)}: expected a session that closes after it opens and after the one before");
            }
        }
    }

    /// <inheritdoc/>
    public override string Describe(ReportLanguage language)
    {
        var hours = string.Join(", ", Sessions.Select(s => $"{s.Open.ToString("HH\\:mm", Inv)}–{s.Close.ToString("HH\\:mm", Inv)}"));
        return language == ReportLanguage.Chinese ? $"周六开放 {hours}" : $"Saturdays open {hours}";
    }
}

/// <summary>
/// Appointments (预约分流): a share of window demand books a slot ahead and is called before walk-ins, with the no-show
/// share and punctuality of the scenario's appointment policy (or the defaults of <see cref="AppointmentPolicy"/>).
/// </summary>
/// <param name="Share">Share of window demand that books, 0 to 1.</param>
/// <param name="SlotsPerHour">Slots released per opening hour (default 0: 1.5 times the booked share of the scenario's
/// arrivals per day, before its weekday and month factors, over the shortest open day's hours, rounded up).</param>
public sealed record Appointments(double Share, int SlotsPerHour = 0) : Measure
{
    /// <inheritdoc/>
    public override Scenario Apply(Scenario scenario, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var slots = SlotsPerHour;
        if (slots <= 0)
        {
            var hours = Enumerable.Range(0, days).Select(d => scenario.Calendar.SessionsOn(from.AddDays(d)).Sum(s => (s.Close - s.Open).TotalHours)).Where(h => h > 0).DefaultIfEmpty(8).Min();
            slots = (int)Math.Ceiling(scenario.Demand.ArrivalsPerDay * Share * 1.5 / hours);
        }

        var policy = scenario.Appointments is { } existing ? existing with { Share = Share, SlotsPerHour = slots } : new AppointmentPolicy(Share, slots);
        return scenario with { Appointments = policy };
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Check(Scenario scenario, string path)
    {
        if (!double.IsFinite(Share) || Share is <= 0 or > 1)
        {
            yield return new ValidationProblem($"{path}.share", string.Create(Inv, $"{Share}: expected a share more than 0 and at most 1 (e.g. 30%)"));
        }

        if (SlotsPerHour < 0)
        {
            yield return new ValidationProblem($"{path}.slotsPerHour", string.Create(Inv, $"{SlotsPerHour}: expected 0 (enough for the share) or more"));
        }
    }

    /// <inheritdoc/>
    public override string Describe(ReportLanguage language) => language == ReportLanguage.Chinese
        ? string.Create(Inv, $"预约分流 {Share * 100:0.#}%")
        : string.Create(Inv, $"{Share * 100:0.#}% by appointment");
}

/// <summary>
/// Self-service promoted (推广自助办理): more of a kiosk group's categories try the machines, and/or more machines. [A]
/// The machines' failure share stays as the scenario gives it; those who fail take a window ticket.
/// </summary>
/// <param name="KioskGroupId">The kiosk group (its id in the scenario).</param>
public sealed record SelfService(string KioskGroupId) : Measure
{
    /// <summary>Share of the group's citizens who try a machine, 0 to 1 (default null: unchanged).</summary>
    public double? UseShare { get; init; }

    /// <summary>Machines added to the group (default 0).</summary>
    public int ExtraKiosks { get; init; }

    /// <inheritdoc/>
    public override Scenario Apply(Scenario scenario, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario with
        {
            Kiosks = scenario.Kiosks.Select(k => k.Id != KioskGroupId ? k : k with { Count = k.Count + ExtraKiosks, UseShare = UseShare ?? k.UseShare }).ToArray(),
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Check(Scenario scenario, string path)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Kiosks.All(k => k.Id != KioskGroupId))
        {
            yield return new ValidationProblem($"{path}.kioskGroupId", $"unknown kiosk group \"{KioskGroupId}\": expected one of {string.Join(", ", scenario.Kiosks.Select(k => k.Id))}");
        }

        if (UseShare is { } share && (!double.IsFinite(share) || share is < 0 or > 1))
        {
            yield return new ValidationProblem($"{path}.useShare", string.Create(Inv, $"{share}: expected a share from 0 to 1"));
        }

        if (UseShare is null && ExtraKiosks == 0)
        {
            yield return new ValidationProblem(path, $"self-service {KioskGroupId} changes nothing: give a share who try the machines, more machines, or both");
        }

        if (ExtraKiosks is < 0 or > 100)
        {
            yield return new ValidationProblem($"{path}.extraKiosks", string.Create(Inv, $"{ExtraKiosks}: expected 0 to 100 machines"));
        }
    }

    /// <inheritdoc/>
    public override string Describe(ReportLanguage language)
    {
        var parts = new List<string>();
        if (UseShare is { } share)
        {
            parts.Add(language == ReportLanguage.Chinese ? string.Create(Inv, $"使用率 {share * 100:0.#}%") : string.Create(Inv, $"{share * 100:0.#}% try it"));
        }

        if (ExtraKiosks > 0)
        {
            parts.Add(language == ReportLanguage.Chinese ? string.Create(Inv, $"增加 {ExtraKiosks} 台") : string.Create(Inv, $"{ExtraKiosks} more machines"));
        }

        return language == ReportLanguage.Chinese ? $"推广自助 {KioskGroupId}（{string.Join("，", parts)}）" : $"self-service {KioskGroupId} ({string.Join(", ", parts)})";
    }
}

/// <summary>
/// Every window made comprehensive and every staff member trained in every category (综合窗口改造、全员通岗): the
/// "one window accepts everything" reform carried through to the dedicated windows. [A] Cross-trained staff serve
/// each category as fast as its specialists; the training's cost is <see cref="Measure.MoneyPerWeek"/>, if priced.
/// </summary>
public sealed record ComprehensiveWindows : Measure
{
    /// <inheritdoc/>
    public override Scenario Apply(Scenario scenario, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        static bool All(IReadOnlyList<string> categories) => categories.Count == 1 && categories[0] == Window.AnyCategory;
        if (scenario.Windows.All(w => All(w.Categories)) && scenario.Staff.All(m => All(m.Categories)))
        {
            return scenario;
        }

        return scenario with
        {
            Windows = [.. scenario.Windows.Select(w => All(w.Categories) ? w : w with { Categories = [Window.AnyCategory] })],
            Staff = [.. scenario.Staff.Select(m => All(m.Categories) ? m : m with { Categories = [Window.AnyCategory] })],
        };
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Check(Scenario scenario, string path) => [];

    /// <inheritdoc/>
    public override string Describe(ReportLanguage language) =>
        language == ReportLanguage.Chinese ? "全部窗口改为综合窗口、人员全员通岗" : "every window comprehensive, every staff member cross-trained";
}

/// <summary>
/// Staff who see every walk-in before the ticket machine (<see cref="Reception"/>): floor guides at the entrance
/// (导办, quick: a look at the papers and a pointer to a queue or a machine) or a pre-screening desk (预审, thorough).
/// Adds <paramref name="Count"/> desks to the scenario's reception, or a reception with this measure's service time,
/// catch share and machine share when it has none. They work the hall's opening hours, outside the window roster
/// (<see cref="Measure.OffRosterStaffHours"/>). Journeys have no dates: the reception applies to the whole scenario.
/// </summary>
/// <param name="Count">How many people, 1 to 50.</param>
public sealed record ReceptionStaff(int Count) : Measure
{
    /// <summary>Minutes per citizen at the desk (default: lognormal, mean 0.75, sd 0.5 — floor guides [A]).</summary>
    public HallSim.Randomness.Distribution ServiceTime { get; init; } = new HallSim.Randomness.LogNormalDistribution(0.75, 0.5);

    /// <summary>Share of incomplete papers caught, in [0, 1] (default 0.6 [A]).</summary>
    public double CatchShare { get; init; } = 0.6;

    /// <summary>Share of citizens a machine can serve who are sent to it, in [0, 1]; null (default): the machines' own share.</summary>
    public double? KioskShare { get; init; }

    /// <summary>Shown as a pre-screening desk (预审) rather than floor guides (导办) (default false).</summary>
    public bool PreScreening { get; init; }

    /// <summary>A pre-screening desk: 2.5 minutes per citizen (lognormal, sd 1.5), catching 90% of incomplete papers [A].</summary>
    /// <param name="count">How many desks, 1 to 50.</param>
    /// <returns>The measure.</returns>
    public static ReceptionStaff Desks(int count) => new(count) { ServiceTime = new HallSim.Randomness.LogNormalDistribution(2.5, 1.5), CatchShare = 0.9, PreScreening = true };

    /// <inheritdoc/>
    public override Scenario Apply(Scenario scenario, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var journeys = scenario.Journeys ?? new Journeys();
        var reception = journeys.Reception is { } r
            ? r with { Desks = r.Desks + Count }
            : new Reception(Count, ServiceTime) { CatchShare = CatchShare, KioskShare = KioskShare };
        return scenario with { Journeys = journeys with { Reception = reception } };
    }

    /// <inheritdoc/>
    public override double OffRosterStaffHours(Scenario scenario, DateOnly from, int days) => Count * OpenHours(scenario, from, days);

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Check(Scenario scenario, string path)
    {
        if (Count is < 1 or > 50)
        {
            yield return new ValidationProblem($"{path}.count", string.Create(Inv, $"{Count}: expected 1 to 50 people"));
        }

        if (!double.IsFinite(CatchShare) || CatchShare is < 0 or > 1)
        {
            yield return new ValidationProblem($"{path}.catchShare", string.Create(Inv, $"{CatchShare}: expected a share from 0 to 1"));
        }

        if (KioskShare is { } k && (!double.IsFinite(k) || k is < 0 or > 1))
        {
            yield return new ValidationProblem($"{path}.kioskShare", string.Create(Inv, $"{k}: expected a share from 0 to 1"));
        }
    }

    /// <inheritdoc/>
    public override string Describe(ReportLanguage language) => (language, PreScreening) switch
    {
        (ReportLanguage.Chinese, true) => string.Create(Inv, $"设 {Count} 个预审台"),
        (ReportLanguage.Chinese, false) => string.Create(Inv, $"增设 {Count} 名导办人员"),
        (_, true) => string.Create(Inv, $"{Count} pre-screening desk{(Count == 1 ? string.Empty : "s")}"),
        _ => string.Create(Inv, $"{Count} floor guide{(Count == 1 ? string.Empty : "s")}"),
    };
}

/// <summary>
/// Queue-triggered windows (潮汐窗口): <paramref name="Windows"/> open one by one while more than
/// <paramref name="OpenAbove"/> tickets wait and close when fewer than <paramref name="CloseBelow"/> do, staffed from the
/// back office (its dedicated staff, if the scenario has any; otherwise standby staff whose other work is not modelled).
/// Only windows the roster leaves free at that time can open. Journeys have no dates: the policy applies to the whole scenario.
/// </summary>
/// <param name="Windows">Window ids that may open.</param>
/// <param name="OpenAbove">Tickets waiting above which one more opens.</param>
/// <param name="CloseBelow">Tickets waiting below which an open one closes, at most <paramref name="OpenAbove"/>.</param>
public sealed record QueueTriggeredOpening(IReadOnlyList<string> Windows, int OpenAbove, int CloseBelow) : Measure
{
    /// <inheritdoc/>
    public override Scenario Apply(Scenario scenario, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var journeys = scenario.Journeys ?? new Journeys();
        return scenario with { Journeys = journeys with { QueueTriggeredWindows = [.. journeys.QueueTriggeredWindows, new QueueTriggeredWindows(Windows, OpenAbove, CloseBelow)] } };
    }

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Check(Scenario scenario, string path)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (Windows is null || Windows.Count == 0)
        {
            yield return new ValidationProblem($"{path}.windows", "is empty: expected the ids of the windows that may open");
        }

        foreach (var (id, i) in (Windows ?? []).Select((id, i) => (id, i)))
        {
            if (scenario.Windows.All(w => w.Id != id))
            {
                yield return new ValidationProblem($"{path}.windows[{i}]", $"unknown window \"{id}\": expected one of {string.Join(", ", scenario.Windows.Select(w => w.Id))}");
            }
        }

        if (OpenAbove < 0 || CloseBelow < 0 || CloseBelow > OpenAbove)
        {
            yield return new ValidationProblem($"{path}.closeBelow", string.Create(Inv, $"open above {OpenAbove}, close below {CloseBelow}: expected 0 ≤ closeBelow ≤ openAbove"));
        }
    }

    /// <inheritdoc/>
    public override string Describe(ReportLanguage language) => language == ReportLanguage.Chinese
        ? string.Create(Inv, $"潮汐窗口 {string.Join("、", Windows)}（排队超过 {OpenAbove} 人开启，少于 {CloseBelow} 人关闭）")
        : string.Create(Inv, $"queue-triggered windows {string.Join(", ", Windows)} (open above {OpenAbove} waiting, close below {CloseBelow})");
}

/// <summary>
/// Dedicated back-office staff (后台审批人员): <paramref name="Count"/> more people working the back-office backlog in the
/// opening hours (and staffing queue-triggered windows when those open), outside the window roster
/// (<see cref="Measure.OffRosterStaffHours"/>). Journeys have no dates: they apply to the whole scenario.
/// </summary>
/// <param name="Count">How many people, 1 to 50.</param>
public sealed record BackOfficeStaff(int Count) : Measure
{
    /// <inheritdoc/>
    public override Scenario Apply(Scenario scenario, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var journeys = scenario.Journeys ?? new Journeys();
        var office = journeys.BackOffice ?? new BackOffice();
        return scenario with { Journeys = journeys with { BackOffice = office with { Staff = office.Staff + Count } } };
    }

    /// <inheritdoc/>
    public override double OffRosterStaffHours(Scenario scenario, DateOnly from, int days) => Count * OpenHours(scenario, from, days);

    /// <inheritdoc/>
    public override IEnumerable<ValidationProblem> Check(Scenario scenario, string path)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (Count is < 1 or > 50)
        {
            yield return new ValidationProblem($"{path}.count", string.Create(Inv, $"{Count}: expected 1 to 50 people"));
        }
    }

    /// <inheritdoc/>
    public override string Describe(ReportLanguage language) => language == ReportLanguage.Chinese
        ? string.Create(Inv, $"增派 {Count} 名后台人员")
        : string.Create(Inv, $"{Count} more back-office staff");
}

/// <summary>Applying measures together.</summary>
public static class Measures
{
    /// <summary>The scenario with every measure over the horizon, in order, after checking them all.</summary>
    /// <param name="scenario">A valid scenario.</param>
    /// <param name="measures">The measures.</param>
    /// <param name="from">First date of the horizon.</param>
    /// <param name="days">Dates in the horizon, at least 1.</param>
    /// <returns>The changed scenario.</returns>
    /// <exception cref="ScenarioValidationException">A measure does not fit the scenario or changes nothing over the
    /// horizon (every such problem listed, with "measures[i]" in its path), or the changed scenario is not valid (its
    /// problems, with the scenario's paths).</exception>
    public static Scenario Apply(Scenario scenario, IReadOnlyList<Measure> measures, DateOnly from, int days)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(measures);
        var problems = measures.SelectMany((m, i) => m.Check(scenario, string.Create(CultureInfo.InvariantCulture, $"measures[{i}]"))).ToList();
        if (problems.Count > 0)
        {
            throw new ScenarioValidationException("the measures", problems);
        }

        var changed = scenario;
        for (var i = 0; i < measures.Count; i++)
        {
            var next = measures[i].Apply(changed, from, days);
            if (ReferenceEquals(next, changed))
            {
                problems.Add(new ValidationProblem(string.Create(CultureInfo.InvariantCulture, $"measures[{i}]"), $"{measures[i].Describe(HallSim.Reports.ReportLanguage.English)} changes nothing from {from:yyyy-MM-dd} for {days} days (the hall already does it, or is closed then)"));
            }

            changed = next;
        }

        if (problems.Count > 0)
        {
            throw new ScenarioValidationException("the measures", problems);
        }

        var invalid = changed.Validate();
        return invalid.Count > 0 ? throw new ScenarioValidationException("the scenario with the measures", invalid) : changed;
    }
}
