using System.Globalization;
using System.Text;
using System.Text.Json;
using HallSim.Model;
using HallSim.Scenarios;

namespace HallSim.Intraday;

/// <summary>
/// A hall state as a JSON snapshot, for halls whose floor system reports who waits, who is served and who is at the
/// machines (which a ticket log cannot show):
/// <code>
/// { "at": "2026-03-18T10:30:00",
///   "waiting":   [ { "serviceCode": "rental", "issuedAt": "2026-03-18T10:02:00", "priorityClass": null, "appointment": false, "present": true } ],
///   "inService": [ { "windowId": "W03", "serviceCode": "tax", "serviceStart": "2026-03-18T10:21:00", "issuedAt": "2026-03-18T10:05:00", "staffId": "S04" } ],
///   "atKiosks":  [ { "kioskId": "etax", "serviceCode": "tax", "since": "2026-03-18T10:27:00" } ],
///   "absentStaff": [ "S03" ] }
/// </code>
/// Times are local hall time, <c>yyyy-MM-ddTHH:mm[:ss[.fffffff]]</c> (a space for the T is accepted). Only <c>at</c> is
/// required.
/// </summary>
public static class HallStateJson
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"];

    /// <summary>Reads a snapshot; every bad field is named with its path, once.</summary>
    /// <param name="stream">UTF-8 JSON.</param>
    /// <exception cref="ScenarioValidationException">The JSON is malformed or has bad fields (every one listed).</exception>
    public static HallState Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new ScenarioValidationException("state", [new ValidationProblem(ex.LineNumber is { } l ? $"line {l + 1}" : "$", "is not valid JSON: " + FirstSentence(ex.Message))]);
        }

        using (doc)
        {
            var problems = new List<ValidationProblem>();
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ScenarioValidationException("state", [new ValidationProblem("$", "must be an object with \"at\" and the lists of citizens")]);
            }

            var known = new HashSet<string>(StringComparer.Ordinal) { "at", "waiting", "inService", "atKiosks", "absentStaff" };
            foreach (var p in root.EnumerateObject().Where(p => !known.Contains(p.Name)))
            {
                problems.Add(new($"$.{p.Name}", $"is not a field of a state (expected: {string.Join(", ", known)})"));
            }

            var at = Time(root, "at", "$", problems, required: true) ?? default;
            var waiting = List(root, "waiting", problems, (e, path) => new WaitingCitizen(
                Text(e, "serviceCode", path, problems, required: true) ?? string.Empty,
                Time(e, "issuedAt", path, problems, required: true) ?? default,
                Text(e, "priorityClass", path, problems, required: false),
                Bool(e, "appointment", path, problems),
                Bool(e, "present", path, problems)));
            var inService = List(root, "inService", problems, (e, path) => new CitizenInService(
                Text(e, "windowId", path, problems, required: true) ?? string.Empty,
                Text(e, "serviceCode", path, problems, required: true) ?? string.Empty,
                Time(e, "serviceStart", path, problems, required: true) ?? default,
                Time(e, "issuedAt", path, problems, required: false),
                Text(e, "staffId", path, problems, required: false)));
            var kiosks = List(root, "atKiosks", problems, (e, path) => new CitizenAtKiosk(
                Text(e, "kioskId", path, problems, required: true) ?? string.Empty,
                Text(e, "serviceCode", path, problems, required: true) ?? string.Empty,
                Time(e, "since", path, problems, required: true) ?? default));
            var absent = List(root, "absentStaff", problems, (e, path) =>
            {
                if (e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } id)
                {
                    return id;
                }

                problems.Add(new(path, $"{Show(e)} is not a staff id (expected a non-empty string)"));
                return string.Empty;
            });
            if (problems.Count > 0)
            {
                throw new ScenarioValidationException("state", problems);
            }

            return new HallState { At = at, Waiting = waiting, InService = inService, AtKiosks = kiosks, AbsentStaff = absent };
        }
    }

    /// <summary>Writes a snapshot in the form <see cref="Read"/> reads.</summary>
    /// <param name="state">The state.</param>
    public static string Write(HallState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            static string T(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture); // exact: reads back equal
            w.WriteStartObject();
            w.WriteString("at", T(state.At));
            w.WriteStartArray("waiting");
            foreach (var c in state.Waiting)
            {
                w.WriteStartObject();
                w.WriteString("serviceCode", c.ServiceCode);
                w.WriteString("issuedAt", T(c.IssuedAt));
                if (c.PriorityClass is { } pc)
                {
                    w.WriteString("priorityClass", pc);
                }

                w.WriteBoolean("appointment", c.Appointment);
                w.WriteBoolean("present", c.Present);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("inService");
            foreach (var c in state.InService)
            {
                w.WriteStartObject();
                w.WriteString("windowId", c.WindowId);
                w.WriteString("serviceCode", c.ServiceCode);
                w.WriteString("serviceStart", T(c.ServiceStart));
                if (c.IssuedAt is { } i)
                {
                    w.WriteString("issuedAt", T(i));
                }

                if (c.StaffId is { } s)
                {
                    w.WriteString("staffId", s);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("atKiosks");
            foreach (var k in state.AtKiosks)
            {
                w.WriteStartObject();
                w.WriteString("kioskId", k.KioskId);
                w.WriteString("serviceCode", k.ServiceCode);
                w.WriteString("since", T(k.Since));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("absentStaff");
            foreach (var a in state.AbsentStaff)
            {
                w.WriteStringValue(a);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<T> List<T>(JsonElement root, string name, List<ValidationProblem> problems, Func<JsonElement, string, T> item)
    {
        if (!root.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new($"$.{name}", $"{Show(list)} is not a list"));
            return [];
        }

        var result = new List<T>();
        var i = 0;
        foreach (var e in list.EnumerateArray())
        {
            var path = $"$.{name}[{i++}]";
            if (typeof(T) != typeof(string) && e.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(path, $"{Show(e)} is not an object"));
                continue;
            }

            result.Add(item(e, path));
        }

        return result;
    }

    private static string? Text(JsonElement e, string name, string path, List<ValidationProblem> problems, bool required)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add(new($"{path}.{name}", "is missing"));
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: > 0 } text)
        {
            problems.Add(new($"{path}.{name}", $"{Show(v)} is not a non-empty string"));
            return null;
        }

        return text;
    }

    private static DateTime? Time(JsonElement e, string name, string path, List<ValidationProblem> problems, bool required)
    {
        var text = Text(e, name, path, problems, required);
        if (text is null)
        {
            return null;
        }

        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return t;
        }

        problems.Add(new($"{path}.{name}", $"\"{text}\" is not a local date and time (expected yyyy-MM-ddTHH:mm:ss)"));
        return null;
    }

    private static bool Bool(JsonElement e, string name, string path, List<ValidationProblem> problems)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }

        problems.Add(new($"{path}.{name}", $"{Show(v)} is not true or false"));
        return false;
    }

    private static string Show(JsonElement e) => e.ValueKind == JsonValueKind.String ? $"\"{e.GetString()}\"" : e.GetRawText();

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..(i + 1)] : message;
    }
}
