using System.Globalization;
using HallSim.Calibration;
using HallSim.Model;
using HallSim.Scenarios;

namespace HallSim.Intraday;

/// <summary>
/// A hall's state at a moment, read from the day's tickets so far: a queue system's log (the columns
/// <see cref="TicketLog.Read"/> reads) or a simulated run's tickets.
/// </summary>
/// <remarks>
/// <para>At the moment <c>at</c>, a ticket issued at or before it is <b>in service</b> when its service began at or
/// before <c>at</c> and had not ended (or has no end yet); it is <b>waiting</b> when it was not yet called (no call, or
/// its last call after <c>at</c>) and was not cancelled; otherwise it is gone. A ticket called but not yet at the window
/// (called, no service start yet, served) counts as in service from its call. A log exported during the day has
/// unfinished rows: an empty outcome, or WAITING, CALLED, SERVING, IN_PROGRESS (等待, 已叫号, 办理中) are read as
/// "not finished yet" and classified by their times.</para>
/// <para>Citizens at self-service machines are not in a ticket log; add them to the state by hand
/// (<see cref="HallState.AtKiosks"/>) if the machines report them.</para>
/// </remarks>
public static class IntradayState
{
    /// <summary>The state at <paramref name="at"/> from a simulated run's tickets.</summary>
    /// <param name="tickets">The run's tickets (<see cref="HallRunResult.Tickets"/>).</param>
    /// <param name="scenarioStart">The run's first date (minute 0).</param>
    /// <param name="at">The moment, local time.</param>
    public static IntradaySnapshot FromTickets(IEnumerable<TicketRecord> tickets, DateOnly scenarioStart, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var origin = scenarioStart.ToDateTime(TimeOnly.MinValue);
        DateTime? T(double? minutes) => minutes is { } m ? origin.AddMinutes(m) : null;
        var builder = new Builder(at);
        foreach (var t in tickets)
        {
            if (t.IssuedAt is not { } issued)
            {
                continue; // no ticket taken (balked, done at a machine): not in the hall's queue
            }

            var appointment = t.Channel == TicketChannel.Appointment;
            builder.Add(new Row(origin.AddMinutes(issued), T(t.CalledAt), T(t.ServiceStart), T(t.ServiceEnd), t.WindowId ?? string.Empty, t.ServiceCode,
                t.Outcome switch
                {
                    TicketOutcome.Served or TicketOutcome.Incomplete => Finished.Served,
                    TicketOutcome.NoShow => Finished.NoShow,
                    TicketOutcome.Cancelled => Finished.Cancelled,
                    TicketOutcome.Transferred => Finished.Transferred,
                    _ => Finished.NotYet,
                },
                appointment,
                appointment ? null : t.PriorityClass,
                t.StaffId));
        }

        return builder.Build(0, 0, 0, []);
    }

    /// <summary>The state at <paramref name="at"/> from a ticket-log CSV of the day so far (or of a whole day, cut at
    /// <paramref name="at"/>). Rows that cannot be read are counted and listed with their line and reason; rows of other
    /// dates, or issued after <paramref name="at"/>, are counted.</summary>
    /// <param name="stream">The CSV.</param>
    /// <param name="at">The moment, local time.</param>
    /// <param name="columns">Column names (default: <see cref="TicketLogColumns"/>' defaults, the Chinese preset tried
    /// automatically).</param>
    /// <param name="timeZone">The hall's IANA time zone, for times with an offset (default Asia/Shanghai).</param>
    /// <param name="keepRejected">How many rejected rows to keep (default 1,000; all are counted).</param>
    /// <exception cref="ScenarioValidationException">The file is not a ticket log (required columns missing).</exception>
    public static IntradaySnapshot FromLog(Stream stream, DateTime at, TicketLogColumns? columns = null, string timeZone = "Asia/Shanghai", int keepRejected = 1000)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        using var reader = new StreamReader(stream, TicketLog.DetectEncoding(stream), detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine() ?? throw new ScenarioValidationException("ticket log", [new ValidationProblem("line 1", "the file is empty")]);
        var (names, map) = TicketLog.Header(header, columns);
        int Find(string name) => names.IndexOf(name.Trim().ToLowerInvariant());
        int issuedColumn = Find(map.IssuedAt), codeColumn = Find(map.ServiceCode);
        var missing = new[] { (map.IssuedAt, issuedColumn), (map.ServiceCode, codeColumn) }.Where(x => x.Item2 < 0).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
        {
            throw new ScenarioValidationException("ticket log", [new ValidationProblem("line 1", $"is not a ticket log: no column {string.Join(", ", missing.Select(m => $"\"{m}\""))} (found {string.Join(", ", names.Take(12))}); map the columns with TicketLogColumns")]);
        }

        int called = Find(map.CalledAt), start = Find(map.ServiceStart), end = Find(map.ServiceEnd), window = Find(map.Window),
            outcome = Find(map.Outcome), channel = Find(map.Channel), priority = Find(map.Priority);
        var builder = new Builder(at);
        long line = 1, rows = 0, bad = 0;
        var rejected = new List<RejectedRow>();
        void Reject(string reason)
        {
            bad++;
            if (rejected.Count < keepRejected)
            {
                rejected.Add(new RejectedRow(line, reason));
            }
        }

        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            rows++;
            var cells = TicketLog.Split(text);
            string Cell(int i) => i >= 0 && i < cells.Count ? CsvText.Text(cells[i].Trim()) : string.Empty;
            if (!TicketLog.TryTime(Cell(issuedColumn), zone, out var issuedAt))
            {
                Reject($"issued time \"{Cell(issuedColumn)}\" is not a date and time");
                continue;
            }

            var problem = TicketLog.Times(Cell, called, start, end, zone, out var calledAt, out var startAt, out var endAt);

            var outcomeText = Cell(outcome).ToUpperInvariant();
            Finished? finished = outcomeText switch
            {
                "SERVED" or "办结" or "已办理" or "完成" => Finished.Served,
                "NO_SHOW" or "过号" or "未到" => Finished.NoShow,
                "CANCELLED" or "CANCELLED_BY_CUSTOMER" or "REMOVED_BY_STAFF" or "取消" => Finished.Cancelled,
                "TRANSFERRED" or "转移" => Finished.Transferred,
                "" or "WAITING" or "CALLED" or "SERVING" or "IN_PROGRESS" or "等待" or "等待中" or "已叫号" or "办理中" => Finished.NotYet,
                _ => null,
            };
            problem ??= finished is null ? $"unknown status \"{Cell(outcome)}\" (expected SERVED, NO_SHOW, CANCELLED, TRANSFERRED, or empty/WAITING/CALLED/SERVING for a ticket not finished yet)" : null;
            problem ??= Cell(codeColumn).Length == 0 ? "service code is empty" : null;
            problem ??= calledAt < issuedAt ? "called before it was issued" : null;
            problem ??= endAt < startAt ? "service ends before it starts" : null;
            if (problem is not null)
            {
                Reject(problem);
                continue;
            }

            var channelText = Cell(channel).ToUpperInvariant();
            var priorityText = Cell(priority);
            var appointment = channelText is "APPOINTMENT" or "预约" || priorityText.Equals("appointment", StringComparison.OrdinalIgnoreCase);
            builder.Add(new Row(issuedAt, calledAt, startAt, endAt, Cell(window), Cell(codeColumn), finished!.Value, appointment,
                appointment || priorityText.Length == 0 ? null : priorityText, null));
        }

        return builder.Build(rows, rows - bad, bad, rejected);
    }

    /// <summary>The date most of a ticket log's rows were issued on (the day of a log of "today so far"), or null when
    /// no row has a readable issue time.</summary>
    /// <param name="stream">The CSV.</param>
    /// <param name="columns">Column names (default: as <see cref="FromLog"/>).</param>
    /// <param name="timeZone">The hall's IANA time zone (default Asia/Shanghai).</param>
    /// <exception cref="ScenarioValidationException">The file is not a ticket log (no issue-time column).</exception>
    public static DateOnly? MostCommonDate(Stream stream, TicketLogColumns? columns = null, string timeZone = "Asia/Shanghai")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        using var reader = new StreamReader(stream, TicketLog.DetectEncoding(stream), detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine() ?? throw new ScenarioValidationException("ticket log", [new ValidationProblem("line 1", "the file is empty")]);
        var (names, map) = TicketLog.Header(header, columns);
        var issued = names.IndexOf(map.IssuedAt.Trim().ToLowerInvariant());
        if (issued < 0)
        {
            throw new ScenarioValidationException("ticket log", [new ValidationProblem("line 1", $"is not a ticket log: no column \"{map.IssuedAt}\" (found {string.Join(", ", names.Take(12))})")]);
        }

        var dates = new Dictionary<DateOnly, int>();
        while (reader.ReadLine() is { } text)
        {
            var cells = TicketLog.Split(text);
            if (issued < cells.Count && TicketLog.TryTime(CsvText.Text(cells[issued].Trim()), zone, out var t))
            {
                var d = DateOnly.FromDateTime(t);
                dates[d] = dates.GetValueOrDefault(d) + 1;
            }
        }

        return dates.Count == 0 ? null : dates.OrderByDescending(x => x.Value).ThenBy(x => x.Key).First().Key;
    }

    /// <summary>The snapshot made to fit a scenario: a priority class the scenario does not have becomes an ordinary
    /// citizen, an appointment in a scenario without appointments a walk-in, a window or category it does not know is
    /// left out — each said in the notes, so a log that calibrate reads is never refused by its own scenario.</summary>
    /// <param name="snapshot">What the log said.</param>
    /// <param name="scenario">The scenario the state will run in.</param>
    public static IntradaySnapshot ForScenario(IntradaySnapshot snapshot, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(scenario);
        var classes = scenario.Behaviour.PriorityClasses.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var categories = scenario.Categories.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var windows = scenario.Windows.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var notes = new List<string>(snapshot.Notes);
        var unknownClasses = new SortedSet<string>(StringComparer.Ordinal);
        var appointmentsAsWalkIns = 0;
        var droppedCategories = new SortedSet<string>(StringComparer.Ordinal);
        var waiting = new List<WaitingCitizen>();
        foreach (var w in snapshot.State.Waiting)
        {
            if (!categories.Contains(w.ServiceCode))
            {
                droppedCategories.Add(w.ServiceCode);
                continue;
            }

            var c = w;
            if (c.PriorityClass is { } pc && !classes.Contains(pc))
            {
                unknownClasses.Add(pc);
                c = c with { PriorityClass = null };
            }

            if (c.Appointment && scenario.Appointments is null)
            {
                appointmentsAsWalkIns++;
                c = c with { Appointment = false };
            }

            waiting.Add(c);
        }

        var inService = new List<CitizenInService>();
        var droppedWindows = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in snapshot.State.InService)
        {
            if (!windows.Contains(c.WindowId))
            {
                droppedWindows.Add(c.WindowId);
            }
            else if (!categories.Contains(c.ServiceCode))
            {
                droppedCategories.Add(c.ServiceCode);
            }
            else
            {
                inService.Add(c);
            }
        }

        if (unknownClasses.Count > 0)
        {
            notes.Add($"priority values the scenario has no class for ({string.Join(", ", unknownClasses)}): taken as ordinary citizens");
        }

        if (appointmentsAsWalkIns > 0)
        {
            notes.Add($"{appointmentsAsWalkIns} waiting appointment ticket(s): the scenario has no appointments, taken as walk-ins");
        }

        if (droppedCategories.Count > 0)
        {
            notes.Add($"service codes the scenario does not know ({string.Join(", ", droppedCategories)}): those tickets are left out");
        }

        if (droppedWindows.Count > 0)
        {
            notes.Add($"windows the scenario does not have ({string.Join(", ", droppedWindows)}): their services in progress are left out");
        }

        var leftOut = snapshot.State.Waiting.Count - waiting.Count + snapshot.State.InService.Count - inService.Count;
        return snapshot with
        {
            State = snapshot.State with { Waiting = waiting, InService = inService },
            LeftOut = snapshot.LeftOut + leftOut,
            Notes = notes,
        };
    }

    private enum Finished
    {
        NotYet,
        Served,
        NoShow,
        Cancelled,
        Transferred,
    }

    private readonly record struct Row(DateTime Issued, DateTime? Called, DateTime? Start, DateTime? End, string Window, string Code, Finished Outcome, bool Appointment, string? Priority, string? StaffId);

    private sealed class Builder(DateTime at)
    {
        private readonly List<WaitingCitizen> _waiting = [];
        private readonly Dictionary<string, CitizenInService> _inService = new(StringComparer.Ordinal);
        private readonly List<string> _notes = [];
        private int _walkIns;
        private int _appointments;
        private int _otherDates;
        private int _later;
        private int _gone;
        private int _unplaced;

        internal void Add(Row r)
        {
            if (DateOnly.FromDateTime(r.Issued) != DateOnly.FromDateTime(at))
            {
                _otherDates++;
                return;
            }

            if (r.Issued > at)
            {
                _later++;
                return;
            }

            if (r.Appointment)
            {
                _appointments++;
            }
            else
            {
                _walkIns++;
            }

            // At a window now: its service began and has not ended; or it was called and is on its way to (or at) the
            // window without a service start yet (the window is taken from the call).
            DateTime? atWindowSince =
                r.Start is { } s0 && s0 <= at && (r.End is null || r.End > at) ? s0
                : r.Called is { } c0 && c0 <= at && (r.Start is null || r.Start > at) && (r.End is null || r.End > at) && r.Outcome is Finished.NotYet or Finished.Served ? c0
                : null;
            if (atWindowSince is not null && r.Window.Length == 0)
            {
                _unplaced++;
                _notes.Add(string.Create(CultureInfo.InvariantCulture, $"a ticket issued at {r.Issued:HH:mm:ss} is at a window at {at:HH:mm} but the log names no window: left out"));
                return;
            }

            if (atWindowSince is { } s)
            {
                var citizen = new CitizenInService(r.Window, r.Code, s, r.Issued, r.StaffId);
                if (_inService.TryGetValue(r.Window, out var other))
                {
                    // Two open services at one window: a log that lost an end time. Keep the later start.
                    _unplaced++;
                    _notes.Add(string.Create(CultureInfo.InvariantCulture, $"window {r.Window} has two services open at {at:HH:mm}: kept the one that began at {Later(other.ServiceStart, s):HH:mm:ss}, left the other out"));
                    citizen = other.ServiceStart > s ? other : citizen;
                }

                _inService[r.Window] = citizen;
                return;
            }

            // Waiting: called only after the moment (whatever came of it later), or not called at all and not finished.
            if (r.Called > at || (r.Called is null && r.Outcome == Finished.NotYet && (r.Start is null || r.Start > at)))
            {
                _waiting.Add(new WaitingCitizen(r.Code, r.Issued, r.Priority, r.Appointment));
                return;
            }

            _gone++;
        }

        private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;

        internal IntradaySnapshot Build(long rows, long accepted, long rejected, IReadOnlyList<RejectedRow> rejectedRows) =>
            new(
                new HallState { At = at, Waiting = [.. _waiting.OrderBy(w => w.IssuedAt)], InService = [.. _inService.Values.OrderBy(c => c.WindowId, StringComparer.Ordinal)] },
                _walkIns,
                _appointments,
                _gone,
                _later,
                _otherDates,
                _unplaced,
                rows,
                accepted,
                rejected,
                rejectedRows,
                _notes);
    }
}

/// <summary>What <see cref="IntradayState"/> read: the state, and what it counted on the way.</summary>
/// <param name="State">The hall at the moment.</param>
/// <param name="WalkInTicketsSoFar">Walk-in tickets issued on the day up to the moment (the re-forecast's evidence).</param>
/// <param name="AppointmentTicketsSoFar">Appointment tickets issued up to the moment.</param>
/// <param name="Finished">Tickets of the day already done at the moment (served, absent, cancelled).</param>
/// <param name="IssuedLater">Rows issued after the moment (ignored).</param>
/// <param name="OtherDates">Rows of other dates (ignored).</param>
/// <param name="LeftOut">Tickets at a window at the moment that could not be placed (no window named, or a second
/// service open at one window); each is in <paramref name="Notes"/>.</param>
/// <param name="Rows">Data rows read (0 for simulated tickets).</param>
/// <param name="Accepted">Rows read without problems.</param>
/// <param name="Rejected">Rows refused, all counted.</param>
/// <param name="RejectedRows">The first refused rows with line and reason.</param>
/// <param name="Notes">Inconsistencies resolved on the way, in words.</param>
public sealed record IntradaySnapshot(
    HallState State,
    int WalkInTicketsSoFar,
    int AppointmentTicketsSoFar,
    int Finished,
    int IssuedLater,
    int OtherDates,
    int LeftOut,
    long Rows,
    long Accepted,
    long Rejected,
    IReadOnlyList<RejectedRow> RejectedRows,
    IReadOnlyList<string> Notes);
