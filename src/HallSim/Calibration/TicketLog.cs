using System.Globalization;
using System.Text;
using HallSim.Model;
using HallSim.Scenarios;

namespace HallSim.Calibration;

/// <summary>
/// Which column of a ticket-log CSV holds which field. The defaults are the names <see cref="TicketLog.Write"/> uses;
/// <see cref="Chinese"/> reads the headers of a typical Chinese queue system's export. Matching ignores case and
/// surrounding spaces. Times are local hall time, <c>yyyy-MM-dd HH:mm:ss</c> (also <c>yyyy/MM/dd</c>, with or without
/// seconds, or ISO 8601 with an offset, which is converted to the hall's time zone).
/// </summary>
public sealed record TicketLogColumns
{
    /// <summary>Ticket issued (required).</summary>
    public string IssuedAt { get; init; } = "issued_at";

    /// <summary>Last call (empty when never called).</summary>
    public string CalledAt { get; init; } = "called_at";

    /// <summary>Service start (empty unless served).</summary>
    public string ServiceStart { get; init; } = "service_start";

    /// <summary>Service end (empty unless served).</summary>
    public string ServiceEnd { get; init; } = "service_end";

    /// <summary>Window id.</summary>
    public string Window { get; init; } = "window";

    /// <summary>Service code (the category; required).</summary>
    public string ServiceCode { get; init; } = "service_code";

    /// <summary>Outcome: SERVED, NO_SHOW, CANCELLED (or CANCELLED_BY_CUSTOMER, REMOVED_BY_STAFF), TRANSFERRED (required).</summary>
    public string Outcome { get; init; } = "outcome";

    /// <summary>Channel: WALK_IN, APPOINTMENT, KIOSK (optional).</summary>
    public string Channel { get; init; } = "channel";

    /// <summary>Priority class (optional).</summary>
    public string Priority { get; init; } = "priority";

    /// <summary>The number printed on the ticket (optional): a number seen again on the same day after a TRANSFERRED row
    /// is that ticket's second service, not a new citizen.</summary>
    public string TicketNumber { get; init; } = "ticket_number";

    /// <summary>Headers of a typical Chinese export (取号时间, 叫号时间, 开始办理时间, 结束办理时间, 窗口, 业务类型, 状态, 渠道, 优先级).</summary>
    public static TicketLogColumns Chinese { get; } = new()
    {
        IssuedAt = "取号时间", CalledAt = "叫号时间", ServiceStart = "开始办理时间", ServiceEnd = "结束办理时间",
        Window = "窗口", ServiceCode = "业务类型", Outcome = "状态", Channel = "渠道", Priority = "优先级", TicketNumber = "票号",
    };
}

/// <summary>How a ticket in a log ended (the outcomes a real queue system records).</summary>
public enum LoggedOutcome
{
    /// <summary>Served at a window.</summary>
    Served,

    /// <summary>Called but absent: how a citizen who left shows in a real log.</summary>
    NoShow,

    /// <summary>Cancelled by the citizen or removed by staff.</summary>
    Cancelled,

    /// <summary>Transferred to another queue.</summary>
    Transferred,
}

/// <summary>One good row of a ticket log, times in minutes from 00:00 of its date.</summary>
/// <param name="Date">The local date the ticket was issued.</param>
/// <param name="Issued">Issue time, minutes after midnight.</param>
/// <param name="Called">Last call, minutes after midnight; null when never called.</param>
/// <param name="ServiceMinutes">Service end − start; null unless served.</param>
/// <param name="Window">Window id (may be empty).</param>
/// <param name="ServiceCode">The category.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Appointment">Booked in advance.</param>
public readonly record struct LoggedTicket(DateOnly Date, double Issued, double? Called, double? ServiceMinutes, string Window, string ServiceCode, LoggedOutcome Outcome, bool Appointment)
{
    /// <summary>Minutes from issue to the last call; null when never called.</summary>
    public double? Wait => Called - Issued;

    /// <summary>The number printed on the ticket; empty when the log has no such column.</summary>
    public string TicketNumber { get; init; } = string.Empty;
}

/// <summary>A row that was refused, with its line number (1 = the header) and why.</summary>
/// <param name="Line">Line number in the file.</param>
/// <param name="Reason">What is wrong.</param>
public sealed record RejectedRow(long Line, string Reason);

/// <summary>Reading and writing ticket logs (CSV, one row per ticket).</summary>
public static class TicketLog
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm",
        "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm",
    ];

    /// <summary>
    /// Writes simulated tickets as a real queue system's log: only the columns such a log has (no arrival time, no
    /// moment of leaving, no balked or kiosk-only citizens — they never took a ticket at a window).
    /// </summary>
    /// <param name="writer">Where to write (UTF-8 recommended).</param>
    /// <param name="tickets">Tickets of one run.</param>
    /// <param name="scenarioStart">The run's first date (minute 0).</param>
    public static void Write(TextWriter writer, IEnumerable<TicketRecord> tickets, DateOnly scenarioStart)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tickets);
        var origin = scenarioStart.ToDateTime(TimeOnly.MinValue);
        string T(double? minutes) => minutes is { } m ? origin.AddMinutes(m).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : string.Empty;
        // A return visit is a new ticket like any other: a log cannot tell it from a first visit.
        writer.Write("ticket_id,ticket_number,service_code,issued_at,called_at,call_count,window,service_start,service_end,outcome,channel,priority\n");
        foreach (var t in tickets)
        {
            var outcome = t.Outcome switch
            {
                TicketOutcome.Served => "SERVED",
                TicketOutcome.Incomplete => "SERVED", // a real log cannot tell an application found incomplete
                TicketOutcome.NoShow => "NO_SHOW",
                TicketOutcome.Cancelled => "CANCELLED",
                TicketOutcome.Transferred => "TRANSFERRED",
                _ => null, // balked, kiosk only, still inside at the end: not in a real log
            };
            if (outcome is null || t.IssuedAt is null)
            {
                continue;
            }

            var channel = t.Channel == TicketChannel.Appointment ? "APPOINTMENT" : "WALK_IN";
            writer.Write(string.Join(",", t.TicketId.ToString(CultureInfo.InvariantCulture), CsvText.Cell(t.TicketNumber), CsvText.Cell(t.ServiceCode), T(t.IssuedAt), T(t.CalledAt),
                t.CallCount.ToString(CultureInfo.InvariantCulture), CsvText.Cell(t.WindowId), T(t.ServiceStart), T(t.ServiceEnd), outcome, channel, CsvText.Cell(t.PriorityClass)) + "\n");
        }
    }

    /// <summary>
    /// Streams a ticket-log CSV: good rows go to <paramref name="accept"/> one by one (memory does not grow with the
    /// file), bad rows are counted and the first <paramref name="keepRejected"/> are returned with their line number
    /// and reason. UTF-8 (with or without BOM) and GB18030 are recognised by themselves.
    /// </summary>
    /// <param name="stream">The file.</param>
    /// <param name="accept">Receives every good row.</param>
    /// <param name="columns">The column names (default: <see cref="TicketLogColumns"/>' defaults; the Chinese
    /// preset is tried automatically when the defaults are not found).</param>
    /// <param name="timeZone">The hall's IANA time zone, for times with an offset (default Asia/Shanghai).</param>
    /// <param name="keepRejected">How many rejected rows to keep for the report (default 1,000; all are counted).</param>
    /// <returns>Rows read, accepted and rejected.</returns>
    /// <exception cref="ScenarioValidationException">The file is not a ticket log (required columns missing), once.</exception>
    public static TicketLogReadResult Read(Stream stream, Action<LoggedTicket> accept, TicketLogColumns? columns = null, string timeZone = "Asia/Shanghai", int keepRejected = 1000)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(accept);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        using var reader = new StreamReader(stream, DetectEncoding(stream), detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine() ?? throw new ScenarioValidationException("ticket log", [new ValidationProblem("line 1", "the file is empty")]);
        var (names, map) = Header(header, columns);
        int Find(string name) => names.IndexOf(name.Trim().ToLowerInvariant());
        int issued = Find(map.IssuedAt), code = Find(map.ServiceCode), outcome = Find(map.Outcome);
        var missing = new[] { (map.IssuedAt, issued), (map.ServiceCode, code), (map.Outcome, outcome) }.Where(x => x.Item2 < 0).Select(x => x.Item1).ToList();
        if (missing.Count > 0)
        {
            throw new ScenarioValidationException("ticket log", [new ValidationProblem("line 1", $"is not a ticket log: no column {string.Join(", ", missing.Select(m => $"\"{m}\""))} (found {string.Join(", ", names.Take(12))}); map the columns with TicketLogColumns")]);
        }

        int called = Find(map.CalledAt), start = Find(map.ServiceStart), end = Find(map.ServiceEnd), window = Find(map.Window), channel = Find(map.Channel), number = Find(map.TicketNumber);
        long line = 1, good = 0, bad = 0;
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

            var cells = Split(text);
            string Cell(int i) => i >= 0 && i < cells.Count ? CsvText.Text(cells[i].Trim()) : string.Empty;
            var needed = new[] { issued, code, outcome }.Max() + 1;
            if (cells.Count < needed)
            {
                Reject($"missing cells: {cells.Count} of at least {needed} (the header has {names.Count})");
                continue;
            }

            if (!TryTime(Cell(issued), zone, out var issuedAt))
            {
                Reject($"issued time \"{Cell(issued)}\" is not a date and time");
                continue;
            }

            var problem = Times(Cell, called, start, end, zone, out var calledAt, out var startAt, out var endAt);

            var outcomeText = Cell(outcome).ToUpperInvariant();
            LoggedOutcome? result = outcomeText switch
            {
                "SERVED" or "办结" or "已办理" or "完成" => LoggedOutcome.Served,
                "NO_SHOW" or "过号" or "未到" => LoggedOutcome.NoShow,
                "CANCELLED" or "CANCELLED_BY_CUSTOMER" or "REMOVED_BY_STAFF" or "取消" => LoggedOutcome.Cancelled,
                "TRANSFERRED" or "转移" => LoggedOutcome.Transferred,
                _ => null,
            };
            problem ??= result is null ? $"unknown outcome \"{Cell(outcome)}\" (expected SERVED, NO_SHOW, CANCELLED, TRANSFERRED)" : null;
            problem ??= Cell(code).Length == 0 ? "service code is empty" : null;
            problem ??= calledAt < issuedAt ? "called before it was issued" : null;
            problem ??= endAt < startAt ? "service ends before it starts" : null;
            problem ??= result == LoggedOutcome.Served && (startAt is null || endAt is null) ? "served without a service start and end" : null;
            problem ??= result is LoggedOutcome.Served or LoggedOutcome.NoShow && calledAt is null ? "served or no-show without a call time" : null;
            if (problem is not null)
            {
                Reject(problem);
                continue;
            }

            var date = DateOnly.FromDateTime(issuedAt);
            var midnight = date.ToDateTime(TimeOnly.MinValue);
            good++;
            accept(new LoggedTicket(
                date,
                (issuedAt - midnight).TotalMinutes,
                calledAt is { } c ? (c - midnight).TotalMinutes : null,
                result == LoggedOutcome.Served ? (endAt!.Value - startAt!.Value).TotalMinutes : null,
                Cell(window),
                Cell(code),
                result!.Value,
                Cell(channel).ToUpperInvariant() is "APPOINTMENT" or "预约") { TicketNumber = Cell(number) });
        }

        return new TicketLogReadResult(line - 1, good, bad, rejected);
    }

    /// <summary>
    /// The encoding, decided over the whole stream (which is rewound): UTF-8 when every line is valid UTF-8 (or the
    /// file starts with its BOM), else GB18030 when every line is valid GB18030 and no line holds UTF-8 text beside
    /// lines that are not UTF-8. A file mixing the two, or valid in neither, is refused with the line numbers.
    /// </summary>
    internal static Encoding DetectEncoding(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return new UTF8Encoding(false);
        }

        var start = stream.Position;
        var bom = new byte[3];
        var n = stream.Read(bom, 0, 3);
        stream.Position = start;
        if (n == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
        {
            return new UTF8Encoding(false);
        }

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        long line = 0, firstUtf8Text = 0, firstNotUtf8 = 0, firstNeither = 0;
        var current = new List<byte>(256);
        void Classify()
        {
            line++;
            if (Ascii.IsValid(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(current)))
            {
                current.Clear();
                return;
            }

            var bytes = current.ToArray();
            current.Clear();

            if (Valid(utf8, bytes))
            {
                firstUtf8Text = firstUtf8Text == 0 ? line : firstUtf8Text;
                return;
            }

            firstNotUtf8 = firstNotUtf8 == 0 ? line : firstNotUtf8;
            if (!Valid(gb, bytes))
            {
                firstNeither = firstNeither == 0 ? line : firstNeither;
            }
        }

        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var from = 0;
            while (from < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', from, read - from);
                var to = newline < 0 ? read : newline;
                current.AddRange(new ArraySegment<byte>(buffer, from, to - from));
                if (newline < 0)
                {
                    break;
                }

                Classify();
                from = newline + 1;
            }
        }

        if (current.Count > 0)
        {
            Classify();
        }

        stream.Position = start;
        if (firstNotUtf8 == 0)
        {
            return new UTF8Encoding(false);
        }

        if (firstNeither != 0)
        {
            throw new ScenarioValidationException("ticket log", [new ValidationProblem($"line {firstNeither}", $"is neither UTF-8 nor GB18030 text (the first line that is not UTF-8 is line {firstNotUtf8}); save the export as UTF-8 or GB18030")]);
        }

        if (firstUtf8Text != 0)
        {
            throw new ScenarioValidationException("ticket log", [new ValidationProblem($"line {firstNotUtf8}", $"is GB18030 text, but line {firstUtf8Text} is UTF-8 text: the file mixes two encodings (its Chinese would be misread); save it in one")]);
        }

        return Encoding.GetEncoding("GB18030");
    }

    private static bool Valid(Encoding encoding, byte[] bytes)
    {
        try
        {
            _ = encoding.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    internal static bool TryTime(string text, TimeZoneInfo zone, out DateTime local)
    {
        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            return true;
        }

        if (text.Length > 19 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            local = TimeZoneInfo.ConvertTime(withOffset, zone).DateTime;
            return true;
        }

        return false;
    }

    /// <summary>The header's column names (trimmed, lower case) and the column map: the one given, else HallSim's own
    /// names when the header has them, else the Chinese preset when it has its issue-time column.</summary>
    internal static (List<string> Names, TicketLogColumns Map) Header(string header, TicketLogColumns? columns)
    {
        var names = Split(header.TrimStart('\uFEFF')).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var map = columns ?? (names.Contains("issued_at") ? new TicketLogColumns() : names.Contains(TicketLogColumns.Chinese.IssuedAt) ? TicketLogColumns.Chinese : new TicketLogColumns());
        return (names, map);
    }

    /// <summary>The call, service start and end times of a row (each may be empty); the first unreadable one's problem,
    /// or null.</summary>
    internal static string? Times(Func<int, string> cell, int called, int start, int end, TimeZoneInfo zone, out DateTime? calledAt, out DateTime? startAt, out DateTime? endAt)
    {
        calledAt = startAt = endAt = null;
        string? problem = null;
        DateTime? Read(int index, string name)
        {
            var text = cell(index);
            if (text.Length == 0)
            {
                return null;
            }

            if (TryTime(text, zone, out var v))
            {
                return v;
            }

            problem ??= $"{name} time \"{text}\" is not a date and time";
            return null;
        }

        calledAt = Read(called, "called");
        startAt = Read(start, "service start");
        endAt = Read(end, "service end");
        return problem;
    }

    /// <summary>Splits one CSV line (RFC 4180 quotes).</summary>
    internal static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}

/// <summary>What reading a ticket log did.</summary>
/// <param name="Rows">Data rows (lines after the header, blank lines not counted as rejected).</param>
/// <param name="Accepted">Good rows handed on.</param>
/// <param name="Rejected">Bad rows, all counted.</param>
/// <param name="RejectedRows">The first of them with line number and reason.</param>
public sealed record TicketLogReadResult(long Rows, long Accepted, long Rejected, IReadOnlyList<RejectedRow> RejectedRows);
