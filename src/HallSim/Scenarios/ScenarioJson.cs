using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HallSim.Randomness;

namespace HallSim.Scenarios;

/// <summary>
/// Reads and writes scenarios as JSON (camelCase names, enums as strings, dates "yyyy-MM-dd", times "HH:mm",
/// distributions as <c>{"type": "lognormal", "mean": 8, "sd": 9.6}</c>). The format is documented in
/// docs/scenario-format.md. Reading validates: an invalid file gives one <see cref="ScenarioValidationException"/>
/// that lists every problem with its path, never a partly read scenario.
/// </summary>
public static class ScenarioJson
{
    // Reflection-based metadata, not source generation: for records with a primary constructor the System.Text.Json
    // source generator (.NET 10) resets every init-only property that is absent from the JSON to default(T), which
    // would silently drop each default of a scenario (time zone, calendar, factors). See docs/architecture.md.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // Strict: a number given as a string, a key given twice, or an enum given as a number is an error, not a guess.
        NumberHandling = JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false), new TimeOfDayJsonConverter(), new DistributionJsonConverter() },
    };

    /// <summary>Parses a scenario and validates it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">What the text is, for messages (default "scenario").</param>
    /// <exception cref="ScenarioValidationException">The JSON is malformed or the scenario has problems.</exception>
    public static Scenario Parse(string json, string source = "scenario")
    {
        ArgumentNullException.ThrowIfNull(json);

        // Every misspelt or unknown field at once, each with the fields expected there; then the rest of the document
        // is read without them, so that a typo does not hide the other problems.
        var unknown = new List<ValidationProblem>();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false });
            UnknownFields(document.RootElement, typeof(Scenario), string.Empty, unknown);
        }
        catch (JsonException)
        {
            // Malformed JSON: the serializer below reports where.
        }

        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(json, unknown.Count > 0 ? Lenient : Options);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } p ? p.TrimStart('$', '.') : "(document)";
            var line = ex.LineNumber is { } l ? $" (line {l + 1})" : string.Empty;
            throw new ScenarioValidationException(source, [.. unknown, new ValidationProblem(where.Length == 0 ? "(document)" : where, $"{Clean(ex.Message, where)}{line}")]);
        }

        if (scenario is null)
        {
            throw new ScenarioValidationException(source, [.. unknown, new ValidationProblem("(document)", "is null; expected a scenario object")]);
        }

        var problems = unknown.Concat(scenario.Validate()).ToList();
        return problems.Count == 0 ? scenario : throw new ScenarioValidationException(source, problems);
    }

    /// <summary>The same reading but skipping unknown fields (already reported by <see cref="UnknownFields"/>).</summary>
    private static readonly JsonSerializerOptions Lenient = new(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    /// <summary>Walks the document against the scenario's types and lists every field that no type there has.</summary>
    private static void UnknownFields(JsonElement element, Type type, string path, List<ValidationProblem> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (typeof(Randomness.Distribution).IsAssignableFrom(type))
        {
            return; // distributions are read by their own converter, which names bad parameters itself
        }

        var info = Options.TypeInfoResolver!.GetTypeInfo(type, Options);
        if (info is null)
        {
            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var known = info.Properties.FirstOrDefault(x => string.Equals(x.Name, property.Name, StringComparison.OrdinalIgnoreCase));
                    var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (known is null)
                    {
                        problems.Add(new ValidationProblem(at, $"is not a field here (expected one of {string.Join(", ", info.Properties.Select(x => x.Name))})"));
                    }
                    else
                    {
                        UnknownFields(property.Value, known.PropertyType, at, problems);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array && info.ElementType is { } item:
                var i = 0;
                foreach (var value in element.EnumerateArray())
                {
                    UnknownFields(value, item, $"{path}[{i++}]", problems);
                }

                break;
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object && info.ElementType is { } valueType:
                foreach (var property in element.EnumerateObject())
                {
                    UnknownFields(property.Value, valueType, path.Length == 0 ? property.Name : $"{path}.{property.Name}", problems);
                }

                break;
        }
    }

    /// <summary>Reads and validates a scenario file (UTF-8).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ScenarioValidationException">The file is malformed or the scenario has problems.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Scenario Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Writes a scenario as indented JSON.</summary>
    /// <param name="scenario">The scenario.</param>
    public static string Serialize(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return JsonSerializer.Serialize(scenario, Options);
    }

    /// <summary>Writes a scenario to a file, replacing it only once the whole text is written.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="path">The file.</param>
    public static void Save(Scenario scenario, string path)
    {
        var text = Serialize(scenario);
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    // STJ messages end with "Path: $.x | LineNumber: 3 | BytePositionInLine: 4."; the path is reported separately.
    private static string Clean(string message, string path)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        if (text.StartsWith("Duplicate", StringComparison.Ordinal) || text.Contains("duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "is given twice (each key once)";
        }

        var m = System.Text.RegularExpressions.Regex.Match(text, @"could not be converted to ([^ ]+?)\.?$");
        if (!m.Success)
        {
            // Never a .NET type name for a user.
            return System.Text.RegularExpressions.Regex.Replace(text, @"'?(HallSim|System)\.[\w\.`\[\],= ]+'?", "the value");
        }

        // The type the value had to be: the one at the path when the path names a field, else the one in the message.
        var type = TypeAt(path);
        return $"is not {Expected(type?.FullName ?? m.Groups[1].Value, type)}";
    }

    /// <summary>The .NET type of the field a JSON path names (camelCase names, [i] for list items), from the scenario down.</summary>
    private static Type? TypeAt(string path)
    {
        Type? type = typeof(Scenario);
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Split('[')[0];
            var property = type?.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return null;
            }

            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (part.Contains('[', StringComparison.Ordinal) && type.IsGenericType)
            {
                type = type.GetGenericArguments()[^1];
            }
        }

        return type == typeof(Scenario) ? null : type;
    }

    /// <summary>What a JSON value should have been, in the scenario format's terms rather than a .NET type name.</summary>
    private static string Expected(string typeName, Type? known = null)
    {
        var type = known ?? typeof(Scenario).Assembly.GetType(typeName.TrimEnd('?'));
        if (type is { IsEnum: true })
        {
            return $"one of {string.Join(", ", Enum.GetNames(type).Select(n => $"\"{n}\""))}";
        }

        return typeName switch
        {
            _ when typeName.StartsWith("System.Double", StringComparison.Ordinal) || typeName.StartsWith("System.Int32", StringComparison.Ordinal) || typeName.StartsWith("System.Nullable`1[[System.Double", StringComparison.Ordinal) || typeName.StartsWith("System.Nullable`1[[System.Int32", StringComparison.Ordinal) => "a number (without quotes)",
            _ when typeName.StartsWith("System.DateOnly", StringComparison.Ordinal) || typeName.StartsWith("System.Nullable`1[[System.DateOnly", StringComparison.Ordinal) => "a date \"yyyy-MM-dd\"",
            _ when typeName.StartsWith("System.TimeOnly", StringComparison.Ordinal) => "a time \"HH:mm\"",
            _ when typeName.StartsWith("System.String", StringComparison.Ordinal) => "a text in quotes",
            _ when typeName.StartsWith("System.Boolean", StringComparison.Ordinal) => "true or false",
            _ when typeName.StartsWith("System.Collections.Generic", StringComparison.Ordinal) => "a list [ … ] (or, for dates, an object)",
            _ when type is not null => $"an object {{ … }} ({type.Name})",
            _ => "a value of the expected kind",
        };
    }
}

/// <summary>Times of day as "HH:mm" (seconds accepted on reading).</summary>
internal sealed class TimeOfDayJsonConverter : JsonConverter<TimeOnly>
{
    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        throw new JsonException($"\"{text}\" is not a time of day; expected \"HH:mm\" such as \"09:00\"");
    }

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(value.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture));
}

/// <summary>
/// Distributions as <c>{"type": ..., parameters}</c>. Bad parameters do not throw: they become an
/// <see cref="InvalidDistribution"/> that validation reports with its path, so that every problem is listed at once.
/// </summary>
internal sealed class DistributionJsonConverter : JsonConverter<Distribution>
{
    private const string Expected = "constant {value}, exponential {mean}, uniform {min, max}, triangular {min, mode, max}, normal {mean, sd}, lognormal {mean, sd}, gamma {shape, scale} or {mean, sd}, erlang {phases, mean}, weibull {shape, scale}, empirical {values, weights}";

    public override Distribution Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected a distribution object such as {{\"type\": \"lognormal\", \"mean\": 8, \"sd\": 9.6}}");
        }

        string? type = null;
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        List<double>? values = null, weights = null;
        var unknown = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "type":
                    type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    break;
                case "values":
                case "weights":
                    var list = new List<double>();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            list.Add(reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : double.NaN);
                        }
                    }

                    if (name == "values")
                    {
                        values = list;
                    }
                    else
                    {
                        weights = list;
                    }

                    break;
                default:
                    if (reader.TokenType == JsonTokenType.Number)
                    {
                        numbers[name] = reader.GetDouble();
                    }
                    else
                    {
                        reader.Skip();
                        unknown.Add(name);
                    }

                    break;
            }
        }

        if (unknown.Count > 0)
        {
            return new InvalidDistribution($"{string.Join(", ", unknown.Select(u => $"\"{u}\""))} must be numbers");
        }

        try
        {
            return type switch
            {
                "constant" => Only(numbers, new ConstantDistribution(Need(numbers, "value")), "value"),
                "exponential" => Only(numbers, new ExponentialDistribution(Need(numbers, "mean")), "mean"),
                "uniform" => Only(numbers, new UniformDistribution(Need(numbers, "min"), Need(numbers, "max")), "min", "max"),
                "triangular" => Only(numbers, new TriangularDistribution(Need(numbers, "min"), Need(numbers, "mode"), Need(numbers, "max")), "min", "mode", "max"),
                "normal" => Only(numbers, new NormalDistribution(Need(numbers, "mean"), Need(numbers, "sd")), "mean", "sd"),
                "lognormal" => Only(numbers, new LogNormalDistribution(Need(numbers, "mean"), Need(numbers, "sd")), "mean", "sd"),
                "gamma" when numbers.ContainsKey("shape") => Only(numbers, new GammaDistribution(Need(numbers, "shape"), Need(numbers, "scale")), "shape", "scale"),
                "gamma" => Only(numbers, GammaDistribution.FromMeanSd(Need(numbers, "mean"), Need(numbers, "sd")), "mean", "sd"),
                "erlang" => Only(numbers, new ErlangDistribution(NeedInt(numbers, "phases"), Need(numbers, "mean")), "phases", "mean"),
                "weibull" => Only(numbers, new WeibullDistribution(Need(numbers, "shape"), Need(numbers, "scale")), "shape", "scale"),
                "empirical" => Only(numbers, new EmpiricalDistribution(values ?? throw new ArgumentException("\"values\" is missing"), weights)),
                null => new InvalidDistribution($"\"type\" is missing; expected one of: {Expected}"),
                _ => new InvalidDistribution($"unknown type \"{type}\"; expected one of: {Expected}"),
            };
        }
        catch (ArgumentException ex)
        {
            return new InvalidDistribution($"{type}: {FirstLine(ex.Message)}");
        }
    }

    public override void Write(Utf8JsonWriter writer, Distribution value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case ConstantDistribution c:
                Write(writer, "constant", ("value", c.Value));
                break;
            case ExponentialDistribution e:
                Write(writer, "exponential", ("mean", e.MeanValue));
                break;
            case UniformDistribution u:
                Write(writer, "uniform", ("min", u.Min), ("max", u.Max));
                break;
            case TriangularDistribution t:
                Write(writer, "triangular", ("min", t.Min), ("mode", t.Mode), ("max", t.Max));
                break;
            case NormalDistribution n:
                Write(writer, "normal", ("mean", n.MeanValue), ("sd", n.Sd));
                break;
            case LogNormalDistribution l:
                Write(writer, "lognormal", ("mean", l.MeanValue), ("sd", l.Sd));
                break;
            case GammaDistribution g:
                Write(writer, "gamma", ("shape", g.Shape), ("scale", g.Scale));
                break;
            case ErlangDistribution r:
                Write(writer, "erlang", ("phases", r.Phases), ("mean", r.MeanValue));
                break;
            case WeibullDistribution w:
                Write(writer, "weibull", ("shape", w.Shape), ("scale", w.Scale));
                break;
            case EmpiricalDistribution m:
                writer.WriteString("type", "empirical");
                WriteArray(writer, "values", m.Values);
                WriteArray(writer, "weights", m.Probabilities);
                break;
            default:
                throw new JsonException($"cannot write a {value.GetType().Name}");
        }

        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, string type, params (string Name, double Value)[] parameters)
    {
        writer.WriteString("type", type);
        foreach (var (name, v) in parameters)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IReadOnlyList<double> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }

    private static double Need(Dictionary<string, double> numbers, string name) =>
        numbers.TryGetValue(name, out var v) ? v : throw new ArgumentException($"\"{name}\" is missing");

    private static int NeedInt(Dictionary<string, double> numbers, string name)
    {
        var v = Need(numbers, name);
        return v == Math.Floor(v) && v is >= 1 and <= 1000 ? (int)v : throw new ArgumentException($"\"{name}\" must be a whole number from 1 to 1000, not {v}");
    }

    private static Distribution Only(Dictionary<string, double> numbers, Distribution d, params string[] allowed)
    {
        var extra = numbers.Keys.Where(k => !allowed.Contains(k)).ToList();
        return extra.Count == 0 ? d : new InvalidDistribution($"unexpected parameter{(extra.Count > 1 ? "s" : string.Empty)} {string.Join(", ", extra.Select(e => $"\"{e}\""))}");
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
