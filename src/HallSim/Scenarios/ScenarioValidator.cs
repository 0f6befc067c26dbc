using HallSim.Randomness;
using HallSim.Staffing;

namespace HallSim.Scenarios;

/// <summary>Collects every problem of a scenario with its JSON path.</summary>
internal sealed class ScenarioValidator
{
    private readonly List<ValidationProblem> _problems = [];

    internal static IReadOnlyList<ValidationProblem> Validate(Scenario s)
    {
        var v = new ScenarioValidator();
        v.Check(s);
        return v._problems;
    }

    private void Add(string path, string message) => _problems.Add(new ValidationProblem(path, message));

    private bool NotNull(object? value, string path)
    {
        if (value is null)
        {
            Add(path, "is missing");
            return false;
        }

        return true;
    }

    private void Range(double value, double min, double max, string path, string what)
    {
        if (!(value >= min && value <= max))
        {
            Add(path, $"{Show(value)} is not {what}");
        }
    }

    private static string Show(double v) => double.IsNaN(v) ? "NaN" : v.ToString("G", System.Globalization.CultureInfo.InvariantCulture);

    private void Check(Scenario s)
    {
        if (s.SchemaVersion != Scenario.CurrentSchemaVersion)
        {
            Add("schemaVersion", $"{s.SchemaVersion} is not supported (this version of HallSim reads schema {Scenario.CurrentSchemaVersion})");
        }

        if (string.IsNullOrWhiteSpace(s.Name))
        {
            Add("name", "is missing");
        }

        if (string.IsNullOrWhiteSpace(s.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out _))
        {
            Add("timeZone", $"\"{s.TimeZone}\" is not a known IANA time zone (for example \"Asia/Shanghai\")");
        }

        if (s.Days is < 1 or > 3660)
        {
            Add("days", $"{s.Days} is not a number of days from 1 to 3660");
        }

        if (s.StartDate == default)
        {
            Add("startDate", "is missing (the first simulated date, yyyy-MM-dd)");
        }
        else if (s.Days >= 1 && s.StartDate.DayNumber > DateOnly.MaxValue.DayNumber - s.Days)
        {
            Add("startDate", $"{s.StartDate:yyyy-MM-dd} + {s.Days} days runs past the last date a calendar can hold ({DateOnly.MaxValue:yyyy-MM-dd})");
        }

        if (!Enum.IsDefined(s.Routing))
        {
            Add("routing", $"{(int)s.Routing} is not a routing rule (expected one of {string.Join(", ", Enum.GetNames<RoutingRule>())})");
        }

        var categoryIds = new HashSet<string>(StringComparer.Ordinal);
        if (NotNull(s.Categories, "categories"))
        {
            CheckCategories(s.Categories, categoryIds);
        }

        if (NotNull(s.Calendar, "calendar"))
        {
            CheckCalendar(s.Calendar);
        }

        if (NotNull(s.Demand, "demand"))
        {
            CheckDemand(s.Demand, categoryIds);
        }

        if (NotNull(s.Windows, "windows"))
        {
            CheckWindows(s.Windows, categoryIds, s.Categories);
        }

        if (NotNull(s.Kiosks, "kiosks"))
        {
            for (var i = 0; i < s.Kiosks.Count; i++)
            {
                CheckKiosk(s.Kiosks[i], $"kiosks[{i}]", categoryIds);
            }

            Unique(s.Kiosks.Select(k => k?.Id), "kiosks", "id");
        }

        if (NotNull(s.Behaviour, "behaviour"))
        {
            CheckBehaviour(s.Behaviour);
        }

        if (s.Appointments is { } a)
        {
            Range(a.Share, 0, 1, "appointments.share", "a share in [0, 1]");
            Range(a.SlotsPerHour, 0, 10_000, "appointments.slotsPerHour", "a number of slots from 0 to 10000");
            Range(a.NoShowShare, 0, 1, "appointments.noShowShare", "a share in [0, 1]");
            Range(a.PunctualitySdMinutes, 0, 240, "appointments.punctualitySdMinutes", "a number of minutes from 0 to 240");
            Range(a.Rank, 0, 100, "appointments.rank", "a rank from 0 to 100");
        }

        if (s.Journeys is { } journeys)
        {
            CheckJourneys(journeys, s, categoryIds);
        }

        if (NotNull(s.Staff, "staff"))
        {
            for (var i = 0; i < s.Staff.Count; i++)
            {
                CheckStaff(s.Staff[i], $"staff[{i}]", categoryIds);
            }

            Unique(s.Staff.Select(m => m?.Id), "staff", "id");
        }

        if (NotNull(s.Shifts, "shifts"))
        {
            for (var i = 0; i < s.Shifts.Count; i++)
            {
                CheckShift(s.Shifts[i], $"shifts[{i}]");
            }

            Unique(s.Shifts.Select(m => m?.Id), "shifts", "id");
        }
    }

    private void Unique(IEnumerable<string?> ids, string path, string field)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var id in ids)
        {
            if (id is not null && !seen.Add(id))
            {
                Add($"{path}[{i}].{field}", $"\"{id}\" is used twice");
            }

            i++;
        }
    }

    private void CheckCategories(IReadOnlyList<ServiceCategory> categories, HashSet<string> ids)
    {
        if (categories.Count == 0)
        {
            Add("categories", "needs at least one category");
        }

        var total = 0.0;
        for (var i = 0; i < categories.Count; i++)
        {
            var c = categories[i];
            var path = $"categories[{i}]";
            if (!NotNull(c, path))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(c.Id) || c.Id == Window.AnyCategory)
            {
                Add($"{path}.id", c.Id is null ? "is missing" : $"\"{c.Id}\" is not a usable id");
            }
            else if (!ids.Add(c.Id))
            {
                Add($"{path}.id", $"\"{c.Id}\" is used twice");
            }

            Range(c.Share, 0, 1e9, $"{path}.share", "a share of at least 0");
            total += double.IsFinite(c.Share) && c.Share > 0 ? c.Share : 0;
            CheckDuration(c.ServiceTime, $"{path}.serviceTime");
            CheckFactors(c.MonthFactors, 12, $"{path}.monthFactors", "month", allowNull: true);
        }

        if (categories.Count > 0 && total <= 0)
        {
            Add("categories", "the shares add up to 0: at least one category needs a share above 0");
        }
    }

    private void CheckDuration(Distribution? d, string path)
    {
        switch (d)
        {
            case null:
                Add(path, "is missing");
                break;
            case InvalidDistribution bad:
                Add(path, bad.Problem);
                break;
            case NormalDistribution { Sd: > 0 }:
                Add(path, "a normal distribution can draw negative durations: use lognormal, gamma, erlang or weibull");
                break;
            case ConstantDistribution { Value: < 0 }:
            case UniformDistribution { Min: < 0 }:
            case TriangularDistribution { Min: < 0 }:
            case EmpiricalDistribution e when e.Values.Any(v => v < 0):
                Add(path, "can draw negative durations: every value must be at least 0 minutes");
                break;
            case { Mean: var mean } when !double.IsFinite(mean):
                Add(path, "has no finite mean (its parameters make it longer than any number of minutes): no service or patience in a hall lasts that long");
                break;
            case { Mean: var mean } when mean > MaxDurationMinutes:
                Add(path, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"has a mean of {mean:G4} minutes, more than a week ({MaxDurationMinutes:0} minutes): no service or patience in a hall lasts that long"));
                break;
            case { Variance: var variance } when !double.IsFinite(variance):
                Add(path, "has a standard deviation too large to compute (its square overflows): no service or patience in a hall varies that much");
                break;
        }
    }

    /// <summary>The longest mean of a duration distribution (a week, in minutes): beyond it the simulation's clock
    /// arithmetic would lose meaning long before a result does.</summary>
    private const double MaxDurationMinutes = 7 * 24 * 60;

    private void CheckFactors(IReadOnlyList<double>? factors, int count, string path, string what, bool allowNull = false)
    {
        if (factors is null)
        {
            if (!allowNull)
            {
                Add(path, "is missing");
            }

            return;
        }

        if (factors.Count != count)
        {
            Add(path, $"has {factors.Count} values; expected {count} (one per {what})");
        }

        for (var i = 0; i < factors.Count; i++)
        {
            Range(factors[i], 0, 1e6, $"{path}[{i}]", "a factor of at least 0");
        }
    }

    private void CheckSessions(IReadOnlyList<Session>? sessions, string path, double cutoff)
    {
        if (!NotNull(sessions, path))
        {
            return;
        }

        for (var i = 0; i < sessions!.Count; i++)
        {
            var s = sessions[i];
            if (!NotNull(s, $"{path}[{i}]"))
            {
                continue;
            }

            if (s.Close <= s.Open)
            {
                Add($"{path}[{i}].close", $"{s.Close:HH\\:mm} is not after open ({s.Open:HH\\:mm})");
            }
            else if ((s.Close - s.Open).TotalMinutes <= cutoff)
            {
                Add($"{path}[{i}]", $"{s.Open:HH\\:mm}–{s.Close:HH\\:mm} is not longer than the ticket cut-off ({cutoff} minutes)");
            }

            if (i > 0 && sessions[i - 1] is { } previous && s.Open < previous.Close)
            {
                Add($"{path}[{i}].open", $"{s.Open:HH\\:mm} overlaps the previous session (which closes at {previous.Close:HH\\:mm})");
            }
        }
    }

    private void CheckCalendar(HallCalendar c)
    {
        Range(c.TicketCutoffMinutes, 0, 600, "calendar.ticketCutoffMinutes", "a number of minutes from 0 to 600");
        var cutoff = double.IsFinite(c.TicketCutoffMinutes) ? c.TicketCutoffMinutes : 0;
        CheckSessions(c.WeekdayHours, "calendar.weekdayHours", cutoff);
        CheckSessions(c.SaturdayHours, "calendar.saturdayHours", cutoff);
        CheckSessions(c.SundayHours, "calendar.sundayHours", cutoff);
        if (NotNull(c.Periods, "calendar.periods"))
        {
            for (var i = 0; i < c.Periods.Count; i++)
            {
                var p = c.Periods[i];
                var path = $"calendar.periods[{i}]";
                if (!NotNull(p, path))
                {
                    continue;
                }

                if (p.To < p.From)
                {
                    Add($"{path}.to", $"{p.To:yyyy-MM-dd} is before from ({p.From:yyyy-MM-dd})");
                }

                if (p.WeekdayHours is not null)
                {
                    CheckSessions(p.WeekdayHours, $"{path}.weekdayHours", cutoff);
                }

                if (p.SaturdayHours is not null)
                {
                    CheckSessions(p.SaturdayHours, $"{path}.saturdayHours", cutoff);
                }
            }
        }

        NotNull(c.Holidays, "calendar.holidays");
        if (NotNull(c.MakeUpWorkdays, "calendar.makeUpWorkdays"))
        {
            for (var i = 0; i < c.MakeUpWorkdays.Count; i++)
            {
                if (c.MakeUpWorkdays[i].DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    Add($"calendar.makeUpWorkdays[{i}]", $"{c.MakeUpWorkdays[i]:yyyy-MM-dd} is a {c.MakeUpWorkdays[i].DayOfWeek}, not a weekend day");
                }
            }
        }

        if (NotNull(c.SpecialDays, "calendar.specialDays"))
        {
            for (var i = 0; i < c.SpecialDays.Count; i++)
            {
                var d = c.SpecialDays[i];
                var path = $"calendar.specialDays[{i}]";
                if (!NotNull(d, path))
                {
                    continue;
                }

                Range(d.DemandFactor, 0, 1, $"{path}.demandFactor", "a factor in [0, 1]");
                Range(d.ShiftedShare, 0, 1, $"{path}.shiftedShare", "a share in [0, 1]");
                Range(d.ShiftedOverDays, 1, 30, $"{path}.shiftedOverDays", "a number of days from 1 to 30");
            }
        }
    }

    private void CheckDemand(Demand d, HashSet<string> categoryIds)
    {
        Range(d.ArrivalsPerDay, 0, 1e7, "demand.arrivalsPerDay", "a number of arrivals from 0 to 10000000");
        CheckFactors(d.HourWeights, 24, "demand.hourWeights", "hour");
        if (d.HourWeights is { Count: > 0 } weights && weights.All(w => w == 0))
        {
            Add("demand.hourWeights", "are all 0: no citizen would ever arrive (give each opening hour a weight)");
        }
        CheckFactors(d.WeekdayFactors, 7, "demand.weekdayFactors", "weekday, Monday first");
        CheckFactors(d.MonthFactors, 12, "demand.monthFactors", "month");
        if (NotNull(d.Surges, "demand.surges"))
        {
            for (var i = 0; i < d.Surges.Count; i++)
            {
                var s = d.Surges[i];
                var path = $"demand.surges[{i}]";
                if (!NotNull(s, path))
                {
                    continue;
                }

                Range(s.DaysBefore, 1, 366, $"{path}.daysBefore", "a number of days from 1 to 366");
                Range(s.PeakFactor, 1, 100, $"{path}.peakFactor", "a factor from 1 to 100");
                if (s.CategoryId is not null && !categoryIds.Contains(s.CategoryId))
                {
                    Add($"{path}.categoryId", $"unknown category \"{s.CategoryId}\"");
                }
            }
        }
    }

    private void CheckWindows(IReadOnlyList<Window> windows, HashSet<string> categoryIds, IReadOnlyList<ServiceCategory>? categories)
    {
        if (windows.Count == 0)
        {
            Add("windows", "needs at least one window");
        }

        for (var i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            var path = $"windows[{i}]";
            if (!NotNull(w, path))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(w.Id))
            {
                Add($"{path}.id", "is missing");
            }

            if (!NotNull(w.Categories, $"{path}.categories"))
            {
                continue;
            }

            if (w.Categories.Count == 0)
            {
                Add($"{path}.categories", "is empty: list the category ids this window serves, or \"*\" for every category");
            }

            CategoryReferences(w.Categories, $"{path}.categories", categoryIds, allowAny: true);
        }

        Unique(windows.Select(w => w?.Id), "windows", "id");
        if (categories is null)
        {
            return;
        }

        for (var i = 0; i < categories.Count; i++)
        {
            var c = categories[i];
            if (c?.Id is not null && c.Share > 0 && !windows.Any(w => w?.Categories is not null && w.Serves(c.Id)))
            {
                Add($"categories[{i}]", $"no window serves category \"{c.Id}\"");
            }
        }
    }

    /// <summary>Every id in <paramref name="ids"/> must name a category (or be "*" where <paramref name="allowAny"/>).</summary>
    private void CategoryReferences(IReadOnlyList<string> ids, string path, HashSet<string> categoryIds, bool allowAny)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            if (!(allowAny && id == Window.AnyCategory) && (id is null || !categoryIds.Contains(id)))
            {
                Add($"{path}[{i}]", $"unknown category \"{id}\"");
            }
        }
    }

    private void CheckJourneys(Journeys j, Scenario s, HashSet<string> categoryIds)
    {
        var windowIds = (s.Windows ?? []).Where(w => w?.Id is not null).Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        void WindowReferences(IReadOnlyList<string>? ids, string path, bool required)
        {
            if (!NotNull(ids, path))
            {
                return;
            }

            if (required && ids!.Count == 0)
            {
                Add(path, "is empty; expected at least one window id");
            }

            for (var i = 0; i < ids!.Count; i++)
            {
                if (ids[i] is null || !windowIds.Contains(ids[i]))
                {
                    Add($"{path}[{i}]", $"\"{ids[i]}\" is not a window of the hall (expected one of {string.Join(", ", windowIds)})");
                }
            }
        }

        if (j.Reception is { } r)
        {
            Range(r.Desks, 1, 1000, "journeys.reception.desks", "a number of desks from 1 to 1000");
            CheckDuration(r.ServiceTime, "journeys.reception.serviceTime");
            Range(r.CatchShare, 0, 1, "journeys.reception.catchShare", "a share in [0, 1]");
            if (r.KioskShare is { } k)
            {
                Range(k, 0, 1, "journeys.reception.kioskShare", "a share in [0, 1]");
            }
        }

        if (NotNull(j.Categories, "journeys.categories"))
        {
            for (var i = 0; i < j.Categories.Count; i++)
            {
                var c = j.Categories[i];
                var path = $"journeys.categories[{i}]";
                if (!NotNull(c, path))
                {
                    continue;
                }

                if (c.Category is null || !categoryIds.Contains(c.Category))
                {
                    Add($"{path}.category", $"\"{c.Category}\" is not a category id (expected one of {string.Join(", ", categoryIds)})");
                }

                Range(c.IncompleteShare, 0, 1, $"{path}.incompleteShare", "a share in [0, 1]");
                if (c.IncompleteShareOnReturn is { } onReturn)
                {
                    Range(onReturn, 0, 1, $"{path}.incompleteShareOnReturn", "a share in [0, 1]");
                }

                CheckDuration(c.IncompleteServiceTime, $"{path}.incompleteServiceTime");
                Range(c.TransferShare, 0, 1, $"{path}.transferShare", "a share in [0, 1]");
                WindowReferences(c.TransferWindows, $"{path}.transferWindows", required: c.TransferShare > 0);
                if (c.TransferServiceTime is not null)
                {
                    CheckDuration(c.TransferServiceTime, $"{path}.transferServiceTime");
                }

                if (c.BackOfficeTime is not null)
                {
                    CheckDuration(c.BackOfficeTime, $"{path}.backOfficeTime");
                    if (j.BackOffice is null)
                    {
                        Add($"{path}.backOfficeTime", "needs journeys.backOffice (who does the work)");
                    }
                }

                Range(c.DueDays, 0, 365, $"{path}.dueDays", "a number of open days from 0 to 365");
            }

            Unique(j.Categories.Select(c => c?.Category), "journeys.categories", "category");
        }

        if (j.Returns is { } returns)
        {
            CheckDays(returns.DelayDays, "journeys.returns.delayDays");
            Range(returns.ReturnShare, 0, 1, "journeys.returns.returnShare", "a share in [0, 1]");
        }

        if (j.BackOffice is { } b)
        {
            Range(b.Staff, 0, 1000, "journeys.backOffice.staff", "a number of staff from 0 to 1000");
            if (b.PickupServiceTime is not null)
            {
                CheckDuration(b.PickupServiceTime, "journeys.backOffice.pickupServiceTime");
            }

            Range(b.PickupShare, 0, 1, "journeys.backOffice.pickupShare", "a share in [0, 1]");
            CheckDays(b.PickupDelayDays, "journeys.backOffice.pickupDelayDays");
            WindowReferences(b.PickupWindows, "journeys.backOffice.pickupWindows", required: false);
            if (string.IsNullOrWhiteSpace(b.PickupCode))
            {
                Add("journeys.backOffice.pickupCode", "is missing");
            }
            else if (categoryIds.Contains(b.PickupCode))
            {
                Add("journeys.backOffice.pickupCode", $"\"{b.PickupCode}\" is also a category id; pickup tickets need a code of their own");
            }

            if (!b.WindowStaffHelp && b.Staff == 0 && (j.Categories ?? []).Any(c => c?.BackOfficeTime is not null))
            {
                Add("journeys.backOffice", "nobody does the back-office work: staff is 0 and windowStaffHelp is false");
            }
        }

        if (NotNull(j.QueueTriggeredWindows, "journeys.queueTriggeredWindows"))
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < j.QueueTriggeredWindows.Count; i++)
            {
                var q = j.QueueTriggeredWindows[i];
                var path = $"journeys.queueTriggeredWindows[{i}]";
                if (!NotNull(q, path))
                {
                    continue;
                }

                WindowReferences(q.Windows, $"{path}.windows", required: true);
                foreach (var (id, k) in (q.Windows ?? []).Select((id, k) => (id, k)))
                {
                    if (id is not null && !used.Add(id))
                    {
                        Add($"{path}.windows[{k}]", $"window \"{id}\" is in another queue-triggered group too; a window opens for one group");
                    }
                }

                Range(q.OpenAbove, 0, 100_000, $"{path}.openAbove", "a number of tickets of at least 0");
                Range(q.CloseBelow, 0, Math.Max(0, q.OpenAbove), $"{path}.closeBelow", $"a number of tickets from 0 to openAbove ({q.OpenAbove})");
                if (NotNull(q.Categories, $"{path}.categories"))
                {
                    CategoryReferences(q.Categories, $"{path}.categories", categoryIds, allowAny: false);
                }
            }
        }

        if (j.DisplayedWait is { } d)
        {
            Range(d.FromMinutes, 0, MaxDurationMinutes, "journeys.displayedWait.fromMinutes", "a number of minutes of at least 0");
            if (!(d.AllMinutes > d.FromMinutes) || !double.IsFinite(d.AllMinutes))
            {
                Add("journeys.displayedWait.allMinutes", $"{Show(d.AllMinutes)} is not a number of minutes greater than fromMinutes ({Show(d.FromMinutes)})");
            }
        }
    }

    /// <summary>A distribution of days: like a duration, at most a year.</summary>
    private void CheckDays(Distribution? d, string path)
    {
        var before = _problems.Count;
        CheckDuration(d, path);
        if (_problems.Count == before && d is { Mean: > 365 })
        {
            Add(path, $"has a mean of {Show(d.Mean)} days, more than a year");
        }
    }

    private void CheckKiosk(KioskGroup? k, string path, HashSet<string> categoryIds)
    {
        if (!NotNull(k, path))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(k!.Id))
        {
            Add($"{path}.id", "is missing");
        }

        Range(k.Count, 0, 10_000, $"{path}.count", "a number of machines from 0 to 10000");
        Range(k.UseShare, 0, 1, $"{path}.useShare", "a share in [0, 1]");
        Range(k.FailureShare, 0, 1, $"{path}.failureShare", "a share in [0, 1]");
        CheckDuration(k.ServiceTime, $"{path}.serviceTime");
        if (NotNull(k.Categories, $"{path}.categories"))
        {
            CategoryReferences(k.Categories, $"{path}.categories", categoryIds, allowAny: false);
        }
    }

    private void CheckBehaviour(CitizenBehaviour b)
    {
        if (NotNull(b.PriorityClasses, "behaviour.priorityClasses"))
        {
            var total = 0.0;
            for (var i = 0; i < b.PriorityClasses.Count; i++)
            {
                var p = b.PriorityClasses[i];
                var path = $"behaviour.priorityClasses[{i}]";
                if (!NotNull(p, path))
                {
                    continue;
                }

                if (string.IsNullOrWhiteSpace(p.Id))
                {
                    Add($"{path}.id", "is missing");
                }

                Range(p.Share, 0, 1, $"{path}.share", "a share in [0, 1]");
                Range(p.Rank, 0, 100, $"{path}.rank", "a rank from 0 to 100");
                total += double.IsFinite(p.Share) ? p.Share : 0;
            }

            if (total > 1 + 1e-9)
            {
                Add("behaviour.priorityClasses", $"the shares add up to {Show(total)}, more than 1");
            }

            Unique(b.PriorityClasses.Select(p => p?.Id), "behaviour.priorityClasses", "id");
        }

        if (b.Balking is { } balk)
        {
            Range(balk.From, 0, 100_000, "behaviour.balking.from", "a number of tickets of at least 0");
            if (balk.All <= balk.From)
            {
                Add("behaviour.balking.all", $"{balk.All} is not greater than from ({balk.From})");
            }
        }

        if (b.Patience is not null)
        {
            CheckDuration(b.Patience, "behaviour.patience");
        }

        if (NotNull(b.AbsentWhenCalled, "behaviour.absentWhenCalled"))
        {
            Range(b.AbsentWhenCalled.Calls, 1, 20, "behaviour.absentWhenCalled.calls", "a number of calls from 1 to 20");
            Range(b.AbsentWhenCalled.MinutesPerCall, 0, 60, "behaviour.absentWhenCalled.minutesPerCall", "a number of minutes from 0 to 60");
        }
    }

    private void CheckStaff(StaffMember? m, string path, HashSet<string> categoryIds)
    {
        if (!NotNull(m, path))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(m!.Id))
        {
            Add($"{path}.id", "is missing");
        }

        Range(m.ContractHoursPerWeek, 0, 168, $"{path}.contractHoursPerWeek", "a number of hours from 0 to 168");
        if (NotNull(m.Categories, $"{path}.categories"))
        {
            CategoryReferences(m.Categories, $"{path}.categories", categoryIds, allowAny: true);
        }
    }

    private void CheckShift(ShiftTemplate? s, string path)
    {
        if (!NotNull(s, path))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(s!.Id))
        {
            Add($"{path}.id", "is missing");
        }

        if (s.End <= s.Start)
        {
            Add($"{path}.end", $"{s.End:HH\\:mm} is not after start ({s.Start:HH\\:mm})");
        }

        if (NotNull(s.Breaks, $"{path}.breaks"))
        {
            for (var i = 0; i < s.Breaks.Count; i++)
            {
                var b = s.Breaks[i];
                if (b is null || b.End <= b.Start || b.Start < s.Start || b.End > s.End)
                {
                    Add($"{path}.breaks[{i}]", "must lie within the shift and end after it starts");
                }
                else if (b.LatestStart is { } latest && (latest < b.Start || latest.ToTimeSpan().TotalMinutes + b.Minutes > s.End.ToTimeSpan().TotalMinutes))
                {
                    Add($"{path}.breaks[{i}].latestStart", $"{latest:HH\\:mm} must be at or after the break's start ({b.Start:HH\\:mm}) and leave the break of {b.Minutes:0} minutes within the shift (ending by {s.End:HH\\:mm})");
                }
                else if (i > 0 && s.Breaks[i - 1] is { } prev && (prev.IsFlexible || b.IsFlexible) && prev.End > prev.Start && b.Start < (prev.LatestStart ?? prev.Start).AddMinutes(prev.Minutes))
                {
                    Add($"{path}.breaks[{i}]", $"may overlap break {i - 1} (breaks are listed in order; a break's earliest start must follow the previous break's latest end, {(prev.LatestStart ?? prev.Start).AddMinutes(prev.Minutes):HH\\:mm})");
                }
            }
        }
    }
}
