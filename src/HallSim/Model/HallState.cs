using System.Globalization;
using HallSim.Scenarios;

namespace HallSim.Model;

/// <summary>
/// What the hall looks like at one moment of a day, for starting a run there (the rest of the day from "now"):
/// the tickets waiting, the citizens being served and at self-service machines, and the staff who are off.
/// Pass it as <see cref="HallRunOptions.StartFrom"/>; build it from a ticket log of the day so far with
/// <see cref="HallSim.Intraday.IntradayState.FromLog"/> or write it as JSON.
/// </summary>
/// <remarks>
/// <para>The run then simulates no arrivals before <see cref="At"/> on that day: windows open and close as the
/// staffing says from the start of the day, with nobody in the hall, and at <see cref="At"/> the state is put in place.
/// Results of intervals before <see cref="At"/> hold only the citizens of the state.</para>
/// <para>Patience of a waiting ticket's holder: a ticket log shows the tickets, not who is still in the hall, so by
/// default the patience is drawn from the scenario's distribution as for any citizen — a holder whose patience is
/// shorter than the wait so far has already left, and the ticket ends as a no-show when called, as it would have from
/// opening (tested: the rest of the day from such a state has the distribution of the day simulated from opening).
/// When the holder is known to be still there (<see cref="WaitingCitizen.Present"/>), the patience is drawn conditioned
/// on exceeding the wait so far. A citizen in service needs the rest of a service time drawn conditioned on exceeding
/// the time served so far (likewise at a machine). Conditioning is by rejection (up to 1,000 draws); past that the
/// elapsed time plus a fresh draw is used.</para>
/// </remarks>
public sealed record HallState
{
    /// <summary>The moment, local hall time; its date must be the scenario's first date.</summary>
    public required DateTime At { get; init; }

    /// <summary>Tickets issued and not yet called, in any order (they are queued in order of issue).</summary>
    public IReadOnlyList<WaitingCitizen> Waiting { get; init; } = [];

    /// <summary>Citizens at a window now.</summary>
    public IReadOnlyList<CitizenInService> InService { get; init; } = [];

    /// <summary>Citizens at a self-service machine now.</summary>
    public IReadOnlyList<CitizenAtKiosk> AtKiosks { get; init; } = [];

    /// <summary>Staff ids who work no more today from <see cref="At"/> on (off sick, called away); their roster time
    /// after <see cref="At"/> is dropped. Ignored when the staffing is a count of windows.</summary>
    public IReadOnlyList<string> AbsentStaff { get; init; } = [];
}

/// <summary>
/// Changes a manager can still make to a day once it has begun, simulated with <see cref="HallRunOptions.Today"/>:
/// extra staff who open windows nobody staffs, and categories that stop issuing tickets.
/// </summary>
public sealed record SameDayChanges
{
    /// <summary>Windows opened by extra staff (called in, or from the back office) for a while.</summary>
    public IReadOnlyList<ExtraWindow> ExtraWindows { get; init; } = [];

    /// <summary>Categories that issue no more tickets from a time on: a citizen who comes for one then is turned away
    /// (counted as balked, in <see cref="OutcomeCounts.Balked"/>).</summary>
    public IReadOnlyList<TicketStop> StopIssuing { get; init; } = [];
}

/// <summary>A window opened by an extra person from <paramref name="From"/> to <paramref name="To"/>, serving what the
/// window serves.</summary>
/// <param name="From">When the person starts, local time, on the scenario's first date.</param>
/// <param name="To">When the person stops, local time (the window then finishes its service in progress).</param>
/// <param name="WindowId">The window; null (default) takes the window serving the most categories that the staffing
/// leaves unstaffed for the whole time.</param>
public sealed record ExtraWindow(DateTime From, DateTime To, string? WindowId = null);

/// <summary>No more tickets for a category from a time on.</summary>
/// <param name="ServiceCode">The category id.</param>
/// <param name="From">Local time on the scenario's first date.</param>
public sealed record TicketStop(string ServiceCode, DateTime From);

/// <summary>A ticket that waits to be called.</summary>
/// <param name="ServiceCode">The category id.</param>
/// <param name="IssuedAt">When the ticket was printed, local time, at or before the state's moment.</param>
/// <param name="PriorityClass">A priority class id of the scenario, or null for an ordinary citizen.</param>
/// <param name="Appointment">Booked in advance (served with the appointment rank).</param>
/// <param name="Present">True when the holder is known to be in the hall now (seen by a floor guide, say): patience
/// is then conditioned on the wait so far. False (default): unknown, as in a ticket log.</param>
public sealed record WaitingCitizen(string ServiceCode, DateTime IssuedAt, string? PriorityClass = null, bool Appointment = false, bool Present = false);

/// <summary>A citizen being served at a window.</summary>
/// <param name="WindowId">The window.</param>
/// <param name="ServiceCode">The category id.</param>
/// <param name="ServiceStart">When the service began, local time, at or before the state's moment.</param>
/// <param name="IssuedAt">When the ticket was printed, if known (then its wait is counted in its interval).</param>
/// <param name="StaffId">Who serves, if known.</param>
public sealed record CitizenInService(string WindowId, string ServiceCode, DateTime ServiceStart, DateTime? IssuedAt = null, string? StaffId = null);

/// <summary>A citizen using a self-service machine.</summary>
/// <param name="KioskId">The machine group.</param>
/// <param name="ServiceCode">The category id.</param>
/// <param name="Since">When the citizen started at the machine, local time.</param>
public sealed record CitizenAtKiosk(string KioskId, string ServiceCode, DateTime Since);

/// <summary>
/// How much demand the rest of a day brings compared with the forecast: a multiplier with a Gamma distribution
/// (shape <see cref="Shape"/>, rate <see cref="Rate"/>). Each replication of a run that starts from a state draws its
/// own multiplier from it and scales the day's remaining walk-in arrivals, so the forecast's uncertainty is carried into
/// the results. Built by <see cref="HallSim.Intraday.IntradayForecast.Update"/> (a Gamma–Poisson update of the day's volume from the tickets
/// seen so far).
/// </summary>
/// <param name="Shape">Shape, greater than 0.</param>
/// <param name="Rate">Rate, greater than 0 (the mean is <c>Shape / Rate</c>).</param>
public sealed record DemandMultiplier(double Shape, double Rate)
{
    /// <summary>The multiplier's mean.</summary>
    public double Mean => Shape / Rate;

    /// <summary>The multiplier's standard deviation.</summary>
    public double StandardDeviation => Math.Sqrt(Shape) / Rate;

    /// <summary>The <paramref name="p"/> quantile, by the Wilson–Hilferty approximation (relative error under 0.5% for a
    /// shape of 10 or more, which any update with a few tickets has).</summary>
    /// <param name="p">A probability strictly between 0 and 1.</param>
    public double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "must be strictly between 0 and 1");
        }

        var z = StandardNormalQuantile(p);
        var c = 1 - (1 / (9 * Shape)) + (z / (3 * Math.Sqrt(Shape)));
        return Math.Max(0, Shape / Rate * c * c * c);
    }

    /// <summary>The standard normal quantile by Acklam's rational approximation (relative error below 1.2e-9).</summary>
    internal static double StandardNormalQuantile(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p > 1 - low)
        {
            return -StandardNormalQuantile(1 - p);
        }

        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            var num = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q) + c[5];
            var den = ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q) + 1;
            return num / den;
        }

        var r = p - 0.5;
        var t = r * r;
        var numerator = ((((((a[0] * t + a[1]) * t + a[2]) * t + a[3]) * t + a[4]) * t) + a[5]) * r;
        var denominator = (((((b[0] * t + b[1]) * t + b[2]) * t + b[3]) * t + b[4]) * t) + 1;
        return numerator / denominator;
    }
}

/// <summary>Checks a start state against its scenario: every bad field is listed with its path.</summary>
internal static class HallStateValidator
{
    internal static List<ValidationProblem> Validate(HallRunOptions options, Scenario s)
    {
        var problems = new List<ValidationProblem>();
        if (options.RestOfDayDemand is { } m)
        {
            if (!(m.Shape > 0) || !double.IsFinite(m.Shape) || !(m.Rate > 0) || !double.IsFinite(m.Rate))
            {
                problems.Add(new("options.restOfDayDemand", $"shape {m.Shape} and rate {m.Rate} must both be finite numbers greater than 0"));
            }

            if (options.StartFrom is null)
            {
                problems.Add(new("options.restOfDayDemand", "applies to the rest of a day and needs options.startFrom (the moment it starts from)"));
            }
        }

        if (options.Today is { } today)
        {
            for (var i = 0; i < today.ExtraWindows.Count; i++)
            {
                var x = today.ExtraWindows[i];
                var path = $"options.today.extraWindows[{i}]";
                if (!(x.To > x.From))
                {
                    problems.Add(new(path, $"ends at {Show(x.To)}, not after its start {Show(x.From)}"));
                }

                if (DateOnly.FromDateTime(x.From) != s.StartDate)
                {
                    problems.Add(new($"{path}.from", $"{Show(x.From)} is not on the scenario's first date {s.StartDate:yyyy-MM-dd}"));
                }

                if (x.WindowId is { } id && s.Windows.All(w => w.Id != id))
                {
                    problems.Add(new($"{path}.windowId", $"'{id}' is not a window of the scenario"));
                }
            }

            var categoryIds = s.Categories.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < today.StopIssuing.Count; i++)
            {
                var x = today.StopIssuing[i];
                Category(problems, categoryIds, $"options.today.stopIssuing[{i}]", x.ServiceCode);
                if (DateOnly.FromDateTime(x.From) != s.StartDate)
                {
                    problems.Add(new($"options.today.stopIssuing[{i}].from", $"{Show(x.From)} is not on the scenario's first date {s.StartDate:yyyy-MM-dd}"));
                }
            }
        }

        if (options.StartFrom is not { } state)
        {
            return problems;
        }

        var at = state.At;
        var date = DateOnly.FromDateTime(at);
        if (date != s.StartDate)
        {
            problems.Add(new("startFrom.at", $"{Show(at)} is on {date:yyyy-MM-dd}, not on the scenario's first date {s.StartDate:yyyy-MM-dd} (start the scenario on the state's date)"));
        }

        var categories = s.Categories.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var classes = s.Behaviour.PriorityClasses.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var windows = s.Windows.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < state.Waiting.Count; i++)
        {
            var w = state.Waiting[i];
            var path = $"startFrom.waiting[{i}]";
            Category(problems, categories, path, w.ServiceCode);
            Before(problems, $"{path}.issuedAt", w.IssuedAt, at, date);
            if (w.PriorityClass is { } pc && !classes.Contains(pc))
            {
                problems.Add(new($"{path}.priorityClass", $"'{pc}' is not a priority class of the scenario (expected one of: {string.Join(", ", classes.Order())}, or none)"));
            }

            if (w.Appointment && s.Appointments is null)
            {
                problems.Add(new($"{path}.appointment", "the scenario has no appointments"));
            }
        }

        var busy = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < state.InService.Count; i++)
        {
            var c = state.InService[i];
            var path = $"startFrom.inService[{i}]";
            if (!windows.Contains(c.WindowId))
            {
                problems.Add(new($"{path}.windowId", $"'{c.WindowId}' is not a window of the scenario"));
            }
            else if (!busy.Add(c.WindowId))
            {
                problems.Add(new($"{path}.windowId", $"window '{c.WindowId}' serves two citizens at once"));
            }

            Category(problems, categories, path, c.ServiceCode);
            Before(problems, $"{path}.serviceStart", c.ServiceStart, at, date);
            if (c.IssuedAt is { } issued)
            {
                Before(problems, $"{path}.issuedAt", issued, c.ServiceStart, date);
            }
        }

        var kiosksInUse = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < state.AtKiosks.Count; i++)
        {
            var k = state.AtKiosks[i];
            var path = $"startFrom.atKiosks[{i}]";
            var kiosk = s.Kiosks.FirstOrDefault(x => x.Id == k.KioskId);
            if (kiosk is null || kiosk.Count == 0)
            {
                problems.Add(new($"{path}.kioskId", $"'{k.KioskId}' is not a self-service machine group of the scenario with machines"));
            }
            else
            {
                kiosksInUse[k.KioskId] = kiosksInUse.GetValueOrDefault(k.KioskId) + 1;
                if (kiosksInUse[k.KioskId] == kiosk.Count + 1)
                {
                    problems.Add(new($"{path}.kioskId", $"more citizens at '{k.KioskId}' than its {kiosk.Count} machines"));
                }

                if (!kiosk.Categories.Contains(k.ServiceCode))
                {
                    problems.Add(new($"{path}.serviceCode", $"'{k.ServiceCode}' is not done at '{k.KioskId}' (expected one of: {string.Join(", ", kiosk.Categories)})"));
                }
            }

            Before(problems, $"{path}.since", k.Since, at, date);
        }

        var staff = s.Staff.Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < state.AbsentStaff.Count; i++)
        {
            if (!staff.Contains(state.AbsentStaff[i]))
            {
                problems.Add(new($"startFrom.absentStaff[{i}]", $"'{state.AbsentStaff[i]}' is not a staff id of the scenario"));
            }
        }

        return problems;
    }

    private static void Category(List<ValidationProblem> problems, HashSet<string> categories, string path, string code)
    {
        if (!categories.Contains(code))
        {
            problems.Add(new($"{path}.serviceCode", $"'{code}' is not a category of the scenario (expected one of: {string.Join(", ", categories.Order())})"));
        }
    }

    private static void Before(List<ValidationProblem> problems, string path, DateTime time, DateTime limit, DateOnly date)
    {
        if (time > limit)
        {
            problems.Add(new(path, $"{Show(time)} is after {Show(limit)}"));
        }
        else if (DateOnly.FromDateTime(time) != date)
        {
            problems.Add(new(path, $"{Show(time)} is not on the state's date {date:yyyy-MM-dd}"));
        }
    }

    private static string Show(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
