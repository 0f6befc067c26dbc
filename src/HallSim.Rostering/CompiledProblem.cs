using HallSim.Queueing;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Rostering;

/// <summary>A shift template on the interval grid of one day.</summary>
/// <remarks>A template with flexible breaks compiles to one shift per placement of its breaks on the grid (its
/// variants, same template, same times and working minutes); <see cref="BreakStarts"/> says where, null for a template
/// whose breaks are all fixed.</remarks>
internal sealed record CompiledShift(int Index, ShiftTemplate Template, int StartMinute, int EndMinute, int WorkMinutes, bool[] Covers, bool Evening)
{
    /// <summary>Start of each break of the template in this variant; null: the template's breaks, all fixed.</summary>
    public TimeOnly[]? BreakStarts { get; init; }

    /// <summary>The template's name (or id), with the break times of a variant.</summary>
    public string Label => (Template.Name.Length > 0 ? Template.Name : Template.Id) +
        (BreakStarts is null ? string.Empty : $" (breaks at {string.Join(", ", BreakStarts.Select(b => b.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture)))})");

    /// <summary>Whether this variant is the one <paramref name="assignment"/> works (same template and break starts;
    /// an assignment without break starts takes the template's own times).</summary>
    public bool Matches(RosterAssignment assignment)
    {
        if (assignment.ShiftId != Template.Id)
        {
            return false;
        }

        var starts = assignment.BreakStarts ?? [.. Template.Breaks.Select(b => b.Start)];
        return BreakStarts is null ? starts.SequenceEqual(Template.Breaks.Select(b => b.Start)) : starts.SequenceEqual(BreakStarts);
    }
}

/// <summary>
/// A <see cref="RosterProblem"/> turned into arrays: the horizon as its own scenario (minute 0 = 00:00 of the first
/// date), staff grouped into types by the windows they can staff, shifts on the interval grid, availability and the
/// waiting curves per demand variant (from the exact transient queue; a Gaussian closure for heavily overloaded counts of very busy intervals). Built once by <see cref="Compile(RosterProblem)"/>, shared by
/// the count and assignment models, the baseline and the simulation–optimisation loop; immutable.
/// </summary>
public sealed class CompiledProblem
{
    private CompiledProblem(RosterProblem problem)
    {
        Problem = problem;
        Horizon = problem.Scenario with { StartDate = problem.From, Days = problem.Days };
        PerDay = (int)Math.Round(IntervalGrid.MinutesPerDay / problem.IntervalMinutes);
        Grid = new IntervalGrid(0, problem.IntervalMinutes, PerDay * problem.Days);
        Windows = problem.Rules.MaxOpenWindows ?? Horizon.Windows.Count;
    }

    /// <summary>The problem as given (validated).</summary>
    public RosterProblem Problem { get; private set; }

    /// <summary>The scenario cut to the horizon.</summary>
    internal Scenario Horizon { get; }

    /// <summary>The horizon (the scenario cut to the problem's dates) compiled for simulation once: simulate the
    /// rosters of this problem from it without validating again.</summary>
    public HallSim.Model.CompiledHall Hall { get; private set; } = null!;

    internal int PerDay { get; }

    internal IntervalGrid Grid { get; }

    /// <summary>Most windows open at once.</summary>
    internal int Windows { get; private set; }

    /// <summary>Days in the horizon.</summary>
    public int Days => Problem.Days;

    internal DateOnly Date(int d) => Problem.From.AddDays(d);

    internal CompiledShift[] Shifts { get; private set; } = [];

    internal StaffMember[] Staff { get; private set; } = [];

    /// <summary>Type of each staff member (index into <see cref="TypeWindows"/>).</summary>
    internal int[] TypeOf { get; private set; } = [];

    /// <summary>Per type: the windows its members can staff (their skills cover every category of the window).</summary>
    internal bool[][] TypeWindows { get; private set; } = [];

    /// <summary>Per type: a label for messages.</summary>
    internal string[] TypeNames { get; private set; } = [];

    /// <summary>Sets of types whose members together can staff fewer windows than the cap: (types, windows they can staff).</summary>
    internal (int[] Types, int Windows)[] WindowGroupLimits { get; private set; } = [];

    /// <summary>[person][day]: may work that day (not absent, hall open, not before a re-plan date).</summary>
    internal bool[][] Available { get; private set; } = [];

    /// <summary>[person][day][shift]: may work that shift that day.</summary>
    internal bool[][][] Allowed { get; private set; } = [];

    /// <summary>[person][day][shift]: must work it (re-planning).</summary>
    internal bool[][][] Forced { get; private set; } = [];

    /// <summary>[interval]: the hall is open.</summary>
    internal bool[] Open { get; private set; } = [];

    /// <summary>[interval]: waiting counts in the objective (tickets are issued and the interval is not in the past).</summary>
    internal bool[] Counted { get; private set; } = [];

    /// <summary>[variant][interval][n]: waiting curve (citizen-minutes), convex and non-increasing in n = 0 … Windows.</summary>
    internal double[][][] Curves { get; private set; } = [];

    /// <summary>Cuts on each day's waiting from evaluated rosters; when any exist they replace the curves in the count model's objective.</summary>
    internal List<DayCut> Cuts { get; private set; } = [];

    /// <summary>
    /// The forecast's curves corrected to the oracle at the best roster so far (first-order: the same value per day and
    /// the same slope per interval there): per interval a slope correction and per day an offset, citizen-minutes. With
    /// cuts, each day's waiting is at least this surrogate too, so that a round cannot extrapolate the cuts' straight
    /// lines far from where they were measured. Null: cuts alone.
    /// </summary>
    internal (double[] Slope, double[] Offset)? Surrogate { get; set; }

    /// <summary>Trust region of the cutting-plane loop: open windows per interval stay within <c>Radius</c> of <c>Center</c>; null: none.</summary>
    internal (int[] Center, int Radius)? Trust { get; set; }

    /// <summary>Normalised variant weights.</summary>
    internal double[] VariantWeights { get; private set; } = [];

    /// <summary>The variant with the largest weight (the forecast), whose curves the cutting-plane surrogate corrects.</summary>
    internal int ForecastVariant => Array.IndexOf(VariantWeights, VariantWeights.Max());

    /// <summary>[interval]: window-ticket arrival rate of the forecast, per minute.</summary>
    internal double[] Rates { get; private set; } = [];

    /// <summary>[interval]: tickets waiting at its start that the curves start from (re-planning), else 0.</summary>
    internal double[] InitialBacklog { get; private set; } = [];

    /// <summary>Mean window service time of the ticket mix, minutes.</summary>
    internal double MeanService { get; private set; }

    /// <summary>Mean patience, minutes; null: citizens never leave.</summary>
    internal double? MeanPatience { get; private set; }

    /// <summary>Waiting curves per variant and interval, starting from the citizens already waiting at each interval's start (<paramref name="backlog"/>: re-planning; zeros otherwise).</summary>
    private double[][][] BuildCurves(double[] backlog, CancellationToken cancellationToken = default)
    {
        // Intervals of one hour share a rate, and many share their history: each distinct curve is computed once, the
        // distinct ones in parallel (each is a pure function of its key, so the result does not depend on threads).
        var keys = new List<(double Rate, double Backlog, int History)>();
        var index = new Dictionary<(double Rate, double Backlog, int History), int>();
        var keyOf = Problem.DemandVariants.Select(v => Enumerable.Range(0, Grid.Count).Select(t =>
        {
            if (!Counted[t])
            {
                return -1;
            }

            var history = 0;
            while (history < CurveHistory && t - history - 1 >= (t / PerDay) * PerDay && Open[t - history - 1])
            {
                history++;
            }

            var key = (Rates[t] * v.Factor, backlog[t], history);
            if (!index.TryGetValue(key, out var k))
            {
                k = keys.Count;
                index[key] = k;
                keys.Add(key);
            }

            return k;
        }).ToArray()).ToArray();
        // The queue over h + 1 equal intervals is the start of the one over more: one evaluation per (rate, backlog) at
        // its longest history serves every shorter one.
        var groups = keys.Select((key, k) => (key, k)).GroupBy(x => (x.key.Rate, x.key.Backlog)).Select(g => g.ToArray()).ToArray();
        var curves = new double[keys.Count][];
        Parallel.For(0, groups.Length, new ParallelOptions { CancellationToken = cancellationToken }, g =>
        {
            var group = groups[g];
            var (rate, waiting) = (group[0].key.Rate, group[0].key.Backlog);
            var longest = group.Max(x => x.key.History);
            var byHistory = FormulaCurves(rate, MeanService, MeanPatience, Problem.IntervalMinutes, Windows, waiting, longest);
            foreach (var (key, k) in group)
            {
                curves[k] = byHistory[Math.Min(key.History, byHistory.Length - 1)];
            }
        });
        return keyOf.Select(ks => ks.Select(k => k < 0 ? new double[Windows + 1] : curves[k].ToArray()).ToArray()).ToArray();
    }

    /// <summary>[interval]: windows required (staff-hours objective), else 0.</summary>
    internal int[] Required { get; private set; } = [];

    /// <summary>Problems found before solving (skills nobody present has).</summary>
    internal List<RosterIssue> PreIssues { get; } = [];

    internal StaffCarryIn CarryOf(int person) =>
        Problem.CarryIn.FirstOrDefault(c => c.StaffId == Staff[person].Id) ?? new StaffCarryIn(Staff[person].Id, 0, null, 0);

    /// <summary>
    /// Validates the problem (every bad field listed) and compiles it: SIPP arrival rates, the waiting curves from the
    /// exact transient queue (or its Gaussian closure, see WaitingCurveEstimator.FromQueue), staff types, shifts on the grid, availability, and the horizon as a compiled hall.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The compiled problem, for <see cref="RosterOptimiser.Solve(CompiledProblem, RosterOptions?, IProgress{RosterProgress}?, CancellationToken)"/>,
    /// <see cref="Baselines.SippCover(CompiledProblem, StaffingTarget, RosterOptions?, CancellationToken)"/> and
    /// <see cref="SimulationOptimiser.Run(CompiledProblem, SimulationOptimisationOptions?, IProgress{RosterProgress}?, CancellationToken)"/>.</returns>
    /// <exception cref="ScenarioValidationException">The problem has problems; every one is listed.</exception>
    public static CompiledProblem Compile(RosterProblem problem) => Compile(problem, CancellationToken.None);

    /// <summary>As <see cref="Compile(RosterProblem)"/>, stopping when <paramref name="cancellationToken"/> is cancelled
    /// (building the waiting curves takes seconds on a large hall).</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="cancellationToken">Stops building the curves.</param>
    /// <returns>The compiled problem.</returns>
    /// <exception cref="ScenarioValidationException">The problem has problems; every one is listed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static CompiledProblem Compile(RosterProblem problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var errors = Validate(problem);
        if (errors.Count > 0)
        {
            throw new ScenarioValidationException("roster problem", errors);
        }

        var c = new CompiledProblem(problem);
        c.Hall = HallSim.Model.CompiledHall.Compile(c.Horizon);
        c.Build(cancellationToken);
        return c;
    }

    /// <summary>
    /// The same problem with another objective, without compiling again: the waiting curves, staff types and
    /// availability are shared; only the objective (and, for a staff-hour objective, its requirements) is new.
    /// </summary>
    /// <param name="objective">The objective.</param>
    /// <returns>A compiled problem for <paramref name="objective"/>.</returns>
    /// <exception cref="ScenarioValidationException">The objective has problems; every one is listed.</exception>
    public CompiledProblem WithObjective(RosterObjective objective)
    {
        var p = Problem with { Objective = objective };
        var errors = new List<ValidationProblem>();
        ValidateObjective(p, errors);
        if (errors.Count > 0)
        {
            throw new ScenarioValidationException("roster problem", errors);
        }

        var c = Fork();
        c.Problem = p;
        c.Required = c.BuildRequired();
        return c;
    }

    /// <summary>
    /// The one rule for "this shift staffs that interval", used by the optimiser and the rules checker alike: the
    /// shift works (is on and not on a break) for at least half of the interval.
    /// </summary>
    internal static bool[] Coverage(ShiftTemplate t, double length, int perDay)
    {
        var start = t.Start.ToTimeSpan().TotalMinutes;
        var end = t.End.ToTimeSpan().TotalMinutes;
        var covers = new bool[perDay];
        for (var k = 0; k < perDay; k++)
        {
            var a = k * length;
            var b = a + length;
            var work = Math.Max(0, Math.Min(b, end) - Math.Max(a, start)) -
                       t.Breaks.Sum(x => Math.Max(0, Math.Min(b, x.End.ToTimeSpan().TotalMinutes) - Math.Max(a, x.Start.ToTimeSpan().TotalMinutes)));
            covers[k] = work >= (length / 2) - 1e-9;
        }

        return covers;
    }

    /// <summary>Most placements of one template's flexible breaks the optimiser considers (a validation limit).</summary>
    internal const int MaxBreakPlacements = 64;

    /// <summary>
    /// Every placement of a template's breaks that the optimiser chooses among: null alone for a template whose breaks
    /// are all fixed; otherwise each flexible break at its earliest start and then every <paramref name="step"/>
    /// minutes after it (counted from the break's own earliest start, which the grid need not hold) up to its latest
    /// start, in every combination where the breaks keep their order without overlapping.
    /// </summary>
    internal static IEnumerable<TimeOnly[]?> BreakPlacements(ShiftTemplate t, double step)
    {
        if (!t.HasFlexibleBreaks)
        {
            yield return null;
            yield break;
        }

        var options = t.Breaks.Select(b =>
        {
            var list = new List<TimeOnly> { b.Start };
            var latest = b.LatestStart ?? b.Start;
            for (var m = step; b.Start.ToTimeSpan().TotalMinutes + m <= latest.ToTimeSpan().TotalMinutes + 1e-9; m += step)
            {
                list.Add(b.Start.AddMinutes(m));
            }

            return list;
        }).ToArray();
        var pick = new int[options.Length];
        while (true)
        {
            var starts = pick.Select((j, i) => options[i][j]).ToArray();
            if (t.BreakStartProblem(starts) is null)
            {
                yield return starts;
            }

            var k = options.Length - 1;
            while (k >= 0 && ++pick[k] == options[k].Count)
            {
                pick[k--] = 0;
            }

            if (k < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>A copy that shares every compiled array but has its own cuts, surrogate and trust region (the loop's state).</summary>
    internal CompiledProblem Fork()
    {
        var c = (CompiledProblem)MemberwiseClone();
        c.Cuts = [];
        c.Surrogate = null;
        c.Trust = null;
        return c;
    }

    private static List<ValidationProblem> Validate(RosterProblem p)
    {
        var errors = new List<ValidationProblem>();
        if (p.Scenario is null)
        {
            errors.Add(new("scenario", "is missing"));
            return errors;
        }

        errors.AddRange(p.Scenario.Validate().Select(e => e with { Path = "scenario." + e.Path }));
        if (p.Days is < 1 or > 366)
        {
            errors.Add(new("days", $"{p.Days} is not between 1 and 366"));
        }

        if (p.From < p.Scenario.StartDate || (p.Days >= 1 && p.From.AddDays(Math.Min(p.Days, 366) - 1) > p.Scenario.EndDate))
        {
            errors.Add(new("from", $"the horizon {p.From:yyyy-MM-dd} + {p.Days} days is not within the scenario's dates ({p.Scenario.StartDate:yyyy-MM-dd} to {p.Scenario.EndDate:yyyy-MM-dd})"));
        }

        if (!IntervalGrid.DividesDay(p.IntervalMinutes))
        {
            errors.Add(new("intervalMinutes", $"{p.IntervalMinutes} does not divide a day of 1440 minutes"));
        }

        if (!(p.WaitingResolution > 0) || !double.IsFinite(p.WaitingResolution))
        {
            errors.Add(new("waitingResolution", $"{p.WaitingResolution} is not a positive number of citizen-minutes"));
        }

        if (p.Scenario.Staff.Count == 0)
        {
            errors.Add(new("scenario.staff", "is empty: a roster needs staff"));
        }

        if (p.Scenario.Windows.Count > MaxWindows)
        {
            errors.Add(new("scenario.windows", $"has {p.Scenario.Windows.Count} windows; the roster optimiser takes at most {MaxWindows}: {TooLarge}"));
        }

        if (p.Scenario.Staff.Count > MaxStaff)
        {
            errors.Add(new("scenario.staff", $"has {p.Scenario.Staff.Count} people; the roster optimiser takes at most {MaxStaff}: {TooLarge}"));
        }

        if (p.Scenario.Shifts.Count == 0)
        {
            errors.Add(new("scenario.shifts", "is empty: a roster needs shift templates"));
        }

        var staffIds = p.Scenario.Staff.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var shiftIds = p.Scenario.Shifts.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < p.Scenario.Shifts.Count; i++)
        {
            if (IntervalGrid.DividesDay(p.IntervalMinutes) && p.Scenario.Shifts[i] is { HasFlexibleBreaks: true } t && BreakPlacements(t, p.IntervalMinutes).Take(MaxBreakPlacements + 1).Count() > MaxBreakPlacements)
            {
                errors.Add(new($"scenario.shifts[{i}].breaks", $"the flexible breaks of \"{t.Id}\" have more than {MaxBreakPlacements} placements on the {p.IntervalMinutes:0}-minute grid: narrow their windows"));
            }
        }
        for (var i = 0; i < (p.ShiftIds?.Count ?? 0); i++)
        {
            if (!shiftIds.Contains(p.ShiftIds![i]))
            {
                errors.Add(new($"shiftIds[{i}]", $"unknown shift \"{p.ShiftIds[i]}\" (expected one of {string.Join(", ", shiftIds)})"));
            }
        }

        for (var i = 0; i < p.Absences.Count; i++)
        {
            if (!staffIds.Contains(p.Absences[i].StaffId))
            {
                errors.Add(new($"absences[{i}].staffId", $"unknown staff member \"{p.Absences[i].StaffId}\""));
            }
        }

        for (var i = 0; i < p.Preferences.Count; i++)
        {
            var pref = p.Preferences[i];
            if (!staffIds.Contains(pref.StaffId))
            {
                errors.Add(new($"preferences[{i}].staffId", $"unknown staff member \"{pref.StaffId}\""));
            }

            if (pref.ShiftId is not null && !shiftIds.Contains(pref.ShiftId))
            {
                errors.Add(new($"preferences[{i}].shiftId", $"unknown shift \"{pref.ShiftId}\""));
            }

            if (!double.IsFinite(pref.Weight))
            {
                errors.Add(new($"preferences[{i}].weight", $"{pref.Weight} is not a finite number"));
            }
        }

        for (var i = 0; i < p.CarryIn.Count; i++)
        {
            var ci = p.CarryIn[i];
            if (!staffIds.Contains(ci.StaffId))
            {
                errors.Add(new($"carryIn[{i}].staffId", $"unknown staff member \"{ci.StaffId}\""));
            }

            if (ci.ConsecutiveDaysWorked < 0 || ci.OwedDaysOff < 0)
            {
                errors.Add(new($"carryIn[{i}]", "consecutive days and owed days off must be at least 0"));
            }

            if (ci.LastShiftEnd is { } end && (!double.IsFinite(end) || end > 0))
            {
                errors.Add(new($"carryIn[{i}].lastShiftEnd", $"{end} is not a time before the horizon (minutes ≤ 0)"));
            }
        }

        for (var i = 0; i < p.DemandVariants.Count; i++)
        {
            var v = p.DemandVariants[i];
            if (!(v.Factor > 0) || !double.IsFinite(v.Factor))
            {
                errors.Add(new($"demandVariants[{i}].factor", $"{v.Factor} is not a positive factor"));
            }

            if (!(v.Weight > 0) || !double.IsFinite(v.Weight))
            {
                errors.Add(new($"demandVariants[{i}].weight", $"{v.Weight} is not a positive weight"));
            }
        }

        if (p.DemandVariants.Count == 0)
        {
            errors.Add(new("demandVariants", "is empty: give at least the forecast"));
        }

        for (var i = 0; i < p.Fixed.Count; i++)
        {
            var f = p.Fixed[i];
            if (!staffIds.Contains(f.StaffId))
            {
                errors.Add(new($"fixed[{i}].staffId", $"unknown staff member \"{f.StaffId}\""));
            }

            if (!shiftIds.Contains(f.ShiftId))
            {
                errors.Add(new($"fixed[{i}].shiftId", $"unknown shift \"{f.ShiftId}\""));
            }
            else if (f.BreakStarts is not null && p.Scenario.Shifts.First(x => x.Id == f.ShiftId).BreakStartProblem(f.BreakStarts) is { } breakProblem)
            {
                errors.Add(new($"fixed[{i}].breakStarts", breakProblem));
            }

            if (f.Date < p.From || f.Date > p.To)
            {
                errors.Add(new($"fixed[{i}].date", $"{f.Date:yyyy-MM-dd} is outside the horizon"));
            }
        }

        if (p.AlreadyWaiting < 0)
        {
            errors.Add(new("alreadyWaiting", $"{p.AlreadyWaiting} is negative"));
        }

        var rules = p.Rules;
        if (rules.MaxOpenWindows is { } mw && (mw < 1 || mw > p.Scenario.Windows.Count))
        {
            errors.Add(new("rules.maxOpenWindows", $"{mw} is not between 1 and the hall's {p.Scenario.Windows.Count} windows"));
        }

        if (!(rules.MinRestHours >= 0) || rules.MinRestHours > 24)
        {
            errors.Add(new("rules.minRestHours", $"{rules.MinRestHours} is not between 0 and 24 hours"));
        }

        if (rules.MaxConsecutiveDays < 1)
        {
            errors.Add(new("rules.maxConsecutiveDays", $"{rules.MaxConsecutiveDays} is less than 1"));
        }

        if (rules.MinDaysOffPerWeek is < 0 or > 7)
        {
            errors.Add(new("rules.minDaysOffPerWeek", $"{rules.MinDaysOffPerWeek} is not between 0 and 7"));
        }

        if (!(rules.FairnessWeight >= 0) || !double.IsFinite(rules.FairnessWeight))
        {
            errors.Add(new("rules.fairnessWeight", $"{rules.FairnessWeight} is not a number ≥ 0"));
        }

        if (!(rules.PreferenceWeight >= 0) || !double.IsFinite(rules.PreferenceWeight))
        {
            errors.Add(new("rules.preferenceWeight", $"{rules.PreferenceWeight} is not a number ≥ 0"));
        }

        for (var i = 0; i < rules.ForbiddenTransitions.Count; i++)
        {
            var t = rules.ForbiddenTransitions[i];
            if (!shiftIds.Contains(t.From))
            {
                errors.Add(new($"rules.forbiddenTransitions[{i}].from", $"unknown shift \"{t.From}\""));
            }

            if (!shiftIds.Contains(t.To))
            {
                errors.Add(new($"rules.forbiddenTransitions[{i}].to", $"unknown shift \"{t.To}\""));
            }
        }

        ValidateObjective(p, errors);
        return errors;
    }

    private static void ValidateObjective(RosterProblem p, List<ValidationProblem> errors)
    {
        switch (p.Objective)
        {
            case MinimiseWaiting w:
                if (w.StaffHourBudget is { } b && (!(b >= 0) || !double.IsFinite(b)))
                {
                    errors.Add(new("objective.staffHourBudget", $"{b} is not a number of hours ≥ 0"));
                }

                if (w.MaxStaffPerDay is < 0)
                {
                    errors.Add(new("objective.maxStaffPerDay", $"{w.MaxStaffPerDay} is negative"));
                }

                if (!(w.StaffHourCost >= 0) || !double.IsFinite(w.StaffHourCost))
                {
                    errors.Add(new("objective.staffHourCost", $"{w.StaffHourCost} is not a number ≥ 0"));
                }

                foreach (var (name, value) in new[] { ("turnedAwayCost", w.TurnedAwayCost), ("tailWeight", w.TailWeight), ("tailMinutes", w.TailMinutes) })
                {
                    if (!(value >= 0) || !double.IsFinite(value))
                    {
                        errors.Add(new($"objective.{name}", $"{value} is not a number ≥ 0"));
                    }
                }

                break;
            case MinimiseStaffHours h:
                if (h.Target is null)
                {
                    errors.Add(new("objective.target", "is missing"));
                }

                if (!(h.ShortfallPenalty > 0) || !double.IsFinite(h.ShortfallPenalty))
                {
                    errors.Add(new("objective.shortfallPenalty", $"{h.ShortfallPenalty} is not a positive number of staff-hours"));
                }

                if (h.Method == RequirementMethod.Isa && h.Requirements is null)
                {
                    errors.Add(new("objective.method", "ISA requirements must be computed first (Requirements.ComputeIsa) and passed as objective.requirements"));
                }

                break;
            case null:
                errors.Add(new("objective", "is missing"));
                break;
        }
    }

    private void Build(CancellationToken cancellationToken)
    {
        var p = Problem;
        var s = Horizon;
        var allowedIds = p.ShiftIds?.ToHashSet(StringComparer.Ordinal);
        var L = p.IntervalMinutes;
        // Each template once per placement of its breaks on the grid, keeping the first of placements that staff the
        // same intervals (a break shorter than half an interval can move without changing them); and any placement a
        // fixed assignment (re-planning) already has, on the grid or not.
        var variants = new List<(ShiftTemplate Template, TimeOnly[]? Starts, bool[] Covers)>();
        foreach (var t in s.Shifts.Where(t => allowedIds is null || allowedIds.Contains(t.Id)))
        {
            var fixedStarts = p.Fixed.Where(f => f.ShiftId == t.Id && f.BreakStarts is not null && t.HasFlexibleBreaks).Select(f => f.BreakStarts!.ToArray());
            var mine = new List<(ShiftTemplate, TimeOnly[]?, bool[])>();
            foreach (var starts in BreakPlacements(t, L).Concat(fixedStarts))
            {
                var covers = Coverage(starts is null ? t : t with { Breaks = t.BreaksAt(starts) }, L, PerDay);
                var isFixed = starts is not null && p.Fixed.Any(f => f.ShiftId == t.Id && f.BreakStarts is not null && f.BreakStarts.SequenceEqual(starts));
                if (mine.Any(x => (x.Item2 is null && starts is null) || (x.Item2 is not null && starts is not null && x.Item2.SequenceEqual(starts)) ||
                                  (!isFixed && x.Item3.SequenceEqual(covers))))
                {
                    continue;
                }

                mine.Add((t, starts, covers));
            }

            variants.AddRange(mine);
        }

        Shifts = variants.Select((v, i) =>
        {
            var t = v.Template;
            var start = (int)t.Start.ToTimeSpan().TotalMinutes;
            var end = (int)t.End.ToTimeSpan().TotalMinutes;
            return new CompiledShift(i, t, start, end, (int)Math.Round(t.WorkingMinutes), v.Covers, t.End > p.Rules.EveningEndsAfter) { BreakStarts = v.Starts };
        }).ToArray();

        // Windows each staff member can staff: their skills cover every category the window serves.
        Staff = [.. s.Staff];
        var signatures = new Dictionary<string, int>(StringComparer.Ordinal);
        var typeWindows = new List<bool[]>();
        var typeNames = new List<string>();
        TypeOf = new int[Staff.Length];
        for (var i = 0; i < Staff.Length; i++)
        {
            var eligible = s.Windows.Select(w => Staff[i].CanStaff(w)).ToArray();
            var key = new string(eligible.Select(e => e ? '1' : '0').ToArray());
            if (!signatures.TryGetValue(key, out var type))
            {
                type = typeWindows.Count;
                signatures[key] = type;
                typeWindows.Add(eligible);
                typeNames.Add(string.Join("/", Staff[i].Categories));
            }

            TypeOf[i] = type;
        }

        TypeWindows = [.. typeWindows];
        TypeNames = [.. typeNames];

        // Hall's condition for staffing windows: for every set of types, the people of those types at work at once must
        // not exceed the windows any of them can staff. Only sets below the overall cap constrain anything.
        var limits = new List<(int[], int)>();
        var types = TypeWindows.Length;
        if (types <= 12)
        {
            for (var mask = 1; mask < (1 << types); mask++)
            {
                var members = Enumerable.Range(0, types).Where(k => (mask & (1 << k)) != 0).ToArray();
                var reach = Enumerable.Range(0, s.Windows.Count).Count(w => members.Any(k => TypeWindows[k][w]));
                if (reach < Windows)
                {
                    limits.Add((members, reach));
                }
            }
        }
        else
        {
            for (var k = 0; k < types; k++)
            {
                var reach = TypeWindows[k].Count(x => x);
                if (reach < Windows)
                {
                    limits.Add(([k], reach));
                }
            }
        }

        WindowGroupLimits = [.. limits];

        // The hall's hours on the grid.
        Open = new bool[Grid.Count];
        for (var d = 0; d < Days; d++)
        {
            foreach (var session in s.Calendar.SessionsOn(Date(d)))
            {
                var a = session.Open.ToTimeSpan().TotalMinutes;
                var b = session.Close.ToTimeSpan().TotalMinutes;
                for (var k = 0; k < PerDay; k++)
                {
                    var mid = (k + 0.5) * L;
                    if (mid > a && mid < b)
                    {
                        Open[(d * PerDay) + k] = true;
                    }
                }
            }
        }

        // Availability, re-planning and fixed assignments.
        var notBeforeDay = p.NotBefore is { } nb ? DateOnly.FromDateTime(nb).DayNumber - p.From.DayNumber : int.MinValue;
        var notBeforeMinute = p.NotBefore is { } nb2 ? nb2.TimeOfDay.TotalMinutes : 0;
        var staffIndex = Staff.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        Available = Staff.Select(_ => Enumerable.Range(0, Days).Select(d => s.Calendar.SessionsOn(Date(d)).Count > 0).ToArray()).ToArray();
        foreach (var a in p.Absences.Where(a => a.Date >= p.From && a.Date <= p.To))
        {
            Available[staffIndex[a.StaffId]][a.Date.DayNumber - p.From.DayNumber] = false;
        }

        Forced = Staff.Select(_ => Enumerable.Range(0, Days).Select(_ => new bool[Shifts.Length]).ToArray()).ToArray();
        foreach (var f in p.Fixed)
        {
            var sh = Array.FindIndex(Shifts, x => x.Matches(f));
            if (sh < 0)
            {
                throw new ScenarioValidationException("roster problem", [new ValidationProblem("fixed", Shifts.Any(x => x.Template.Id == f.ShiftId)
                    ? $"the breaks of {f.StaffId}'s shift \"{f.ShiftId}\" on {f.Date:yyyy-MM-dd} are not at times the optimiser can place them (its interval grid within each break's window)"
                    : $"shift \"{f.ShiftId}\" is not among the allowed shift ids")]);
            }

            var person = staffIndex[f.StaffId];
            var day = f.Date.DayNumber - p.From.DayNumber;
            Forced[person][day][sh] = true;
            Available[person][day] = true;
        }

        Allowed = new bool[Staff.Length][][];
        for (var i = 0; i < Staff.Length; i++)
        {
            Allowed[i] = new bool[Days][];
            for (var d = 0; d < Days; d++)
            {
                var forcedToday = Forced[i][d].Any(x => x);
                Allowed[i][d] = Shifts.Select(sh =>
                    forcedToday ? Forced[i][d][sh.Index] :
                    Available[i][d] && sh.Covers.Where((c, k) => c && Open[(d * PerDay) + k]).Any() &&
                    (d > notBeforeDay || (d == notBeforeDay && sh.StartMinute >= notBeforeMinute))).ToArray();
            }
        }

        // Intervals whose waiting is optimised.
        Counted = new bool[Grid.Count];
        for (var t = 0; t < Grid.Count; t++)
        {
            var day = t / PerDay;
            var minute = (t % PerDay) * L;
            Counted[t] = Open[t] && (day > notBeforeDay || (day == notBeforeDay && minute + L > notBeforeMinute));
        }

        // Waiting curves per demand variant from the stationary formulas at the SIPP arrival rate of each interval.
        var sipp = Requirements.Compute(s, RequirementMethod.Sipp, new WaitProbabilityTarget(1), L, s.Windows.Count);
        var totalWeight = p.DemandVariants.Sum(v => v.Weight);
        VariantWeights = p.DemandVariants.Select(v => v.Weight / totalWeight).ToArray();
        var patience = s.Behaviour.Patience?.Mean;
        var firstCounted = Array.IndexOf(Counted, true);
        Rates = sipp.Intervals.Select(i => i.ArrivalRate).ToArray();
        MeanService = sipp.MeanService;
        MeanPatience = patience;
        InitialBacklog = new double[Grid.Count];
        if (p.NotBefore is not null && firstCounted >= 0)
        {
            InitialBacklog[firstCounted] = p.AlreadyWaiting; // citizens already waiting when re-planning
        }

        Curves = BuildCurves(InitialBacklog, cancellationToken);

        Required = BuildRequired();
        CheckSkills(sipp);
    }

    /// <summary>Windows required per interval for the staff-hours objective (zeros for the waiting objective).</summary>
    private int[] BuildRequired()
    {
        var p = Problem;
        var s = Horizon;
        var L = p.IntervalMinutes;
        var required = new int[Grid.Count];
        if (p.Objective is MinimiseStaffHours h)
        {
            var req = h.Requirements ?? Requirements.Compute(s, h.Method, h.Target, L, Windows);
            var offset = req.Grid.Count == Grid.Count ? 0 : (int)Math.Round((p.From.DayNumber - p.Scenario.StartDate.DayNumber) * (double)PerDay);
            if (req.Grid.Length != L || offset + Grid.Count > req.Intervals.Count)
            {
                throw new ScenarioValidationException("roster problem", [new ValidationProblem("objective.requirements", $"the requirements' grid ({req.Grid.Length}-minute intervals, {req.Intervals.Count} of them) does not cover the horizon's {Grid.Count} intervals of {L} minutes")]);
            }

            for (var t = 0; t < Grid.Count; t++)
            {
                required[t] = Counted[t] ? Math.Min(req.Intervals[offset + t].Servers, Windows) : 0;
            }
        }

        return required;
    }

    /// <summary>
    /// Expected citizen-minutes of waiting that an interval causes, for 0 … max open windows, from the exact M/M/n queue
    /// (M/M/n+M with patience, <see cref="TransientQueue"/>) that has run at the interval's rate with n windows for
    /// <paramref name="history"/> intervals before it (those since opening, at most <see cref="CurveHistory"/>): the
    /// waiting during the interval plus the growth of what is left to call at its end. With a long history this is the
    /// stationary queue (Erlang C or A) where n windows keep up, and where they do not it charges the queue the interval
    /// adds for as long as it takes to call it — true at every count, overloaded ones included, with no placeholder.
    /// Re-planning starts from <paramref name="backlog"/> citizens already waiting instead of a history. Then the convex,
    /// non-increasing envelope that the piecewise-linear objective needs. The queue actually carried in from earlier
    /// intervals (at their own rates and windows) is not in these curves: the cutting-plane loop
    /// (<see cref="SimulationOptimiser"/>) adds it from its oracle.
    /// </summary>
    internal static double[] FormulaCurve(double rate, double meanService, double? meanPatience, double length, int max, double backlog = 0, int history = 0) =>
        WaitingCurveEstimator.FromQueue(rate, meanService, meanPatience, length, max, backlog, Math.Clamp(history, 0, CurveHistory));

    /// <summary><see cref="FormulaCurve"/> for every history 0 … <paramref name="longest"/> (index = history; one curve when <paramref name="backlog"/> is positive).</summary>
    internal static double[][] FormulaCurves(double rate, double meanService, double? meanPatience, double length, int max, double backlog, int longest) =>
        WaitingCurveEstimator.FromQueueByHistory(rate, meanService, meanPatience, length, max, backlog, Math.Clamp(longest, 0, CurveHistory));

    /// <summary>Most intervals of history behind a waiting curve (default 4: two hours of 30-minute intervals).</summary>
    internal const int CurveHistory = 4;

    /// <summary>The most service windows a roster problem may have: 200. Larger halls are refused up front: the
    /// assignment model grows with staff × shifts × days and the waiting curves with windows × the citizens of an
    /// interval; the optimiser's times up to this size are in docs/performance.md ("Scale"), and it has not been tried
    /// beyond.</summary>
    public const int MaxWindows = 200;

    /// <summary>What to do with a hall beyond <see cref="MaxWindows"/> or <see cref="MaxStaff"/>.</summary>
    private const string TooLarge = "plan each floor or zone as its own hall, or use the requirements, which take any size";

    /// <summary>The most staff a roster problem may have: 400 (see <see cref="MaxWindows"/>).</summary>
    public const int MaxStaff = 400;

    private void CheckSkills(StaffingRequirements sipp)
    {
        var s = Horizon;
        for (var d = 0; d < Days; d++)
        {
            if (!Enumerable.Range(d * PerDay, PerDay).Any(t => Counted[t] && sipp.Intervals[t].ArrivalRate > 0))
            {
                continue;
            }

            foreach (var category in s.Categories)
            {
                var windows = Enumerable.Range(0, s.Windows.Count).Where(w => s.Windows[w].Serves(category.Id)).ToArray();
                var someone = Enumerable.Range(0, Staff.Length).Any(i => Available[i][d] && windows.Any(w => TypeWindows[TypeOf[i]][w]));
                if (!someone)
                {
                    PreIssues.Add(new RosterIssue(RosterRule.Skills, Date(d), null, $"no one available on {Date(d):yyyy-MM-dd} can staff a window that serves \"{category.Name}\" ({category.Id}): its tickets will wait or leave") { CategoryId = category.Id });
                }
            }
        }
    }
}
