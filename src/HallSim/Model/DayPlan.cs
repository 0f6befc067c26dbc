using HallSim.Scenarios;

namespace HallSim.Model;

/// <summary>One piece of the arrival process: a constant rate (citizens per minute) over [Start, End).</summary>
internal readonly record struct RatePiece(double Start, double End, double Rate);

/// <summary>A simulated date, compiled: absolute session times, arrival pieces and category probabilities.</summary>
internal sealed record DayPlan(
    int Index,
    DateOnly Date,
    (double Open, double Close)[] Sessions,
    RatePiece[] Pieces,
    double[] CategoryCumulative,
    double ExpectedArrivals);

/// <summary>Turns a scenario's calendar and demand into day plans (the demand model of <see cref="Demand"/>).</summary>
internal static class DemandCompiler
{
    internal static DayPlan[] Compile(Scenario s)
    {
        var categories = s.Categories;
        var shareTotal = categories.Sum(c => c.Share);
        var open = new bool[s.Days];
        var perCategory = new double[s.Days][];
        for (var d = 0; d < s.Days; d++)
        {
            var date = s.StartDate.AddDays(d);
            open[d] = s.Calendar.SessionsOn(date).Count > 0;
            perCategory[d] = categories.Select(c => DemandIfOpen(s, date, c, shareTotal)).ToArray();
        }

        // Typhoon closures move a share of the lost demand to the following open days.
        var extra = new double[s.Days][];
        for (var d = 0; d < s.Days; d++)
        {
            extra[d] = new double[categories.Count];
        }

        for (var d = 0; d < s.Days; d++)
        {
            var date = s.StartDate.AddDays(d);
            var typhoon = s.Calendar.SpecialDays.FirstOrDefault(x => x.Date == date && x.Kind == SpecialDayKind.Typhoon);
            if (typhoon is null)
            {
                continue;
            }

            var receivers = Enumerable.Range(d + 1, Math.Max(0, s.Days - d - 1)).Where(k => open[k]).Take(typhoon.ShiftedOverDays).ToList();
            foreach (var k in receivers)
            {
                for (var c = 0; c < categories.Count; c++)
                {
                    extra[k][c] += perCategory[d][c] * typhoon.ShiftedShare / typhoon.ShiftedOverDays;
                }
            }
        }

        var plans = new DayPlan[s.Days];
        for (var d = 0; d < s.Days; d++)
        {
            var date = s.StartDate.AddDays(d);
            var dayStart = d * IntervalGrid.MinutesPerDay;
            var sessions = s.Calendar.SessionsOn(date)
                .Select(x => (dayStart + x.Open.ToTimeSpan().TotalMinutes, dayStart + x.Close.ToTimeSpan().TotalMinutes))
                .ToArray();
            var demand = open[d] ? perCategory[d].Zip(extra[d], (a, b) => a + b).ToArray() : new double[categories.Count];
            var total = demand.Sum();
            var cumulative = new double[categories.Count];
            var running = 0.0;
            for (var c = 0; c < demand.Length; c++)
            {
                running += total > 0 ? demand[c] / total : 1.0 / demand.Length;
                cumulative[c] = running;
            }

            cumulative[^1] = 1.0;
            plans[d] = new DayPlan(d, date, sessions, Pieces(s, date, sessions, total), cumulative, total);
        }

        return plans;
    }

    private static double DemandIfOpen(Scenario s, DateOnly date, ServiceCategory c, double shareTotal)
    {
        var demand = s.Demand;
        var weekday = Weekdays.Index(date);
        var month = date.Month - 1;
        var value = demand.ArrivalsPerDay * (c.Share / shareTotal) * demand.WeekdayFactors[weekday] * demand.MonthFactors[month];
        if (c.MonthFactors is { } own)
        {
            value *= own[month];
        }

        foreach (var surge in demand.Surges)
        {
            if (surge.CategoryId is not null && surge.CategoryId != c.Id)
            {
                continue;
            }

            var daysBefore = surge.Deadline.DayNumber - date.DayNumber;
            if (daysBefore >= 0 && daysBefore < surge.DaysBefore)
            {
                // Rises linearly from 1 (DaysBefore days ahead) to PeakFactor on the deadline.
                value *= 1 + ((surge.PeakFactor - 1) * (surge.DaysBefore - daysBefore) / surge.DaysBefore);
            }
        }

        foreach (var special in s.Calendar.SpecialDays)
        {
            if (special.Date == date && special.Kind == SpecialDayKind.HeavyRain)
            {
                value *= special.DemandFactor;
            }
        }

        return value;
    }

    /// <summary>Arrival pieces: ticket-issuing minutes of each session split at hour boundaries, rate ∝ the hour's weight.</summary>
    private static RatePiece[] Pieces(Scenario s, DateOnly date, (double Open, double Close)[] sessions, double total)
    {
        var weights = s.Demand.HourWeights;
        var cutoff = s.Calendar.TicketCutoffMinutes;
        var raw = new List<(double Start, double End, double Weight)>();
        foreach (var (open, close) in sessions)
        {
            var end = close - cutoff;
            var t = open;
            while (t < end)
            {
                var hourEnd = Math.Min(end, (Math.Floor(t / 60) + 1) * 60);
                var hour = (int)(Math.Floor(t / 60) % 24);
                raw.Add((t, hourEnd, weights[hour]));
                t = hourEnd;
            }
        }

        var mass = raw.Sum(p => p.Weight * (p.End - p.Start));
        if (total > 0 && !(mass > 0))
        {
            throw new ScenarioValidationException(
                "scenario",
                [new ValidationProblem("demand.hourWeights", $"is 0 in every hour the hall issues tickets on {date:yyyy-MM-dd}, but {total:0.#} citizens are expected")]);
        }

        return raw.Where(p => p.Weight > 0 && total > 0)
            .Select(p => new RatePiece(p.Start, p.End, total * p.Weight / mass))
            .ToArray();
    }
}
