using System.Globalization;

namespace HallSim.Cli;

/// <summary>
/// A command's option values as System.CommandLine split them, checked in HallSim's terms: every problem at once —
/// unknown options, missing values and values that do not parse or are out of range, each naming the option, the
/// value and what was expected.
/// </summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private Options()
    {
    }

    public List<string> Errors { get; } = [];

    public List<string> Positional { get; } = [];

    /// <summary>The options System.CommandLine split (<see cref="CliSpec.Parse"/>), with its problems in HallSim's words.</summary>
    public static Options From(IReadOnlyDictionary<string, string> values, IEnumerable<string> flags, IEnumerable<string> errors, IEnumerable<string> positional)
    {
        var o = new Options();
        foreach (var (k, v) in values)
        {
            o._values[k] = v;
        }

        o._flags.UnionWith(flags);
        o.Errors.AddRange(errors);
        o.Positional.AddRange(positional);
        return o;
    }

    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>An interval length in minutes that divides a day.</summary>
    public int IntervalMinutes(string name, int fallback)
    {
        var interval = Int(name, fallback, 5, 1440);
        if (!HallSim.IntervalGrid.DividesDay(interval))
        {
            Errors.Add($"{name}: \"{interval}\" does not divide a day of 1440 minutes (use 15, 30 or 60)");
        }

        return interval;
    }

    /// <summary>Every argument that is not an option is a problem.</summary>
    public void RejectPositional()
    {
        foreach (var p in Positional)
        {
            Errors.Add($"{p}: unexpected argument");
        }
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
        {
            return v;
        }

        Errors.Add($"{name}: \"{text}\" is not a whole number from {min} to {max}");
        return fallback;
    }

    public ulong ULong(string name, ulong fallback)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        Errors.Add($"{name}: \"{text}\" is not a whole number from 0 to {ulong.MaxValue}");
        return fallback;
    }

    public DateOnly? Date(string name)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        Errors.Add($"{name}: \"{text}\" is not a date (expected yyyy-MM-dd, for example 2026-03-18)");
        return null;
    }
}
