using System.Globalization;

namespace HallSim.Cli;

/// <summary>Options of <c>hallsim demo</c>, parsed with every problem reported at once.</summary>
internal sealed record DemoOptions(int Windows, double TicketsPerDay, int Replications, ulong Seed, double MeanServiceMinutes)
{
    public static readonly DemoOptions Default = new(Windows: 16, TicketsPerDay: 700, Replications: 20, Seed: 1, MeanServiceMinutes: 8);

    public static (DemoOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args)
    {
        var errors = new List<string>();
        var o = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--windows" or "--tickets" or "--replications" or "--seed" or "--service"))
            {
                errors.Add($"{name}: unknown option (expected --windows, --tickets, --replications, --seed or --service)");
                continue;
            }

            if (i + 1 >= args.Count)
            {
                errors.Add($"{name}: missing value");
                break;
            }

            var value = args[++i];
            switch (name)
            {
                case "--windows":
                    if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) && w is >= 1 and <= 1000)
                    {
                        o = o with { Windows = w };
                    }
                    else
                    {
                        errors.Add($"--windows: \"{value}\" is not a whole number of windows from 1 to 1000");
                    }

                    break;
                case "--tickets":
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is > 0 and <= 100_000)
                    {
                        o = o with { TicketsPerDay = t };
                    }
                    else
                    {
                        errors.Add($"--tickets: \"{value}\" is not a number of tickets per day above 0 and at most 100000");
                    }

                    break;
                case "--replications":
                    if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) && r is >= 2 and <= 10_000)
                    {
                        o = o with { Replications = r };
                    }
                    else
                    {
                        errors.Add($"--replications: \"{value}\" is not a whole number from 2 to 10000");
                    }

                    break;
                case "--seed":
                    if (ulong.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
                    {
                        o = o with { Seed = s };
                    }
                    else
                    {
                        errors.Add($"--seed: \"{value}\" is not a whole number from 0 to {ulong.MaxValue}");
                    }

                    break;
                default:
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m is > 0 and <= 480)
                    {
                        o = o with { MeanServiceMinutes = m };
                    }
                    else
                    {
                        errors.Add($"--service: \"{value}\" is not a mean service time in minutes above 0 and at most 480");
                    }

                    break;
            }
        }

        return errors.Count == 0 ? (o, errors) : (null, errors);
    }
}
