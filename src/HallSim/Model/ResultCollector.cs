using HallSim.Scenarios;

namespace HallSim.Model;

/// <summary>
/// Accumulates a run's results as it goes, in memory proportional to the number of result intervals (plus one
/// record per ticket when tickets are kept): counts, wait sums, wait histograms (0.5-minute bins up to 8 hours),
/// and time-weighted queue, open-window and busy-window areas split exactly at interval boundaries.
/// </summary>
internal sealed class ResultCollector
{
    private const double BinMinutes = 0.5;
    private const int Bins = 960; // 8 hours; longer waits go to the last bin

    private readonly Scenario _s;
    private readonly DayPlan[] _days;
    private readonly HallRunOptions _options;
    private readonly IntervalGrid _grid;
    private readonly int[] _arrivals, _issued, _served, _noShows, _balked, _selfServed, _called, _neverCalled, _zeroWaits, _withinTarget, _maxQueue;
    private readonly double[] _waitSum;
    private readonly int[]?[] _histograms;
    private readonly TimeArea _queue, _open, _busy;
    private readonly TimeArea[] _windowBusyArea, _windowOpenArea;
    private readonly double[] _windowBusy, _windowOpen;
    private readonly double[] _windowBusySince, _windowOpenSince;
    private readonly List<TicketRecord>? _tickets;
    private readonly double[] _dayLastService;
    private readonly double[] _dayOvertime;
    private int _servedTotal, _balkedTotal, _noShowTotal, _selfServedTotal, _inProgressTotal, _arrivedTotal, _incompleteTotal, _turnedBackTotal, _transferredTotal;

    internal ResultCollector(Scenario s, DayPlan[] days, HallRunOptions options, int windows)
    {
        _s = s;
        _days = days;
        _options = options;
        var perDay = (int)Math.Round(IntervalGrid.MinutesPerDay / options.IntervalMinutes);
        _grid = new IntervalGrid(0, options.IntervalMinutes, (days.Length + 1) * perDay); // one extra day for overtime past midnight
        var n = _grid.Count;
        _arrivals = new int[n];
        _issued = new int[n];
        _served = new int[n];
        _noShows = new int[n];
        _balked = new int[n];
        _selfServed = new int[n];
        _called = new int[n];
        _neverCalled = new int[n];
        _zeroWaits = new int[n];
        _withinTarget = new int[n];
        _maxQueue = new int[n];
        _waitSum = new double[n];
        _histograms = new int[n][];
        _queue = new TimeArea(_grid);
        _open = new TimeArea(_grid);
        _busy = new TimeArea(_grid);
        _windowBusyArea = Enumerable.Range(0, windows).Select(_ => new TimeArea(_grid)).ToArray();
        _windowOpenArea = Enumerable.Range(0, windows).Select(_ => new TimeArea(_grid)).ToArray();
        _windowBusy = new double[windows];
        _windowOpen = new double[windows];
        _windowBusySince = new double[windows];
        _windowOpenSince = new double[windows];
        _tickets = options.KeepTickets ? [] : null;
        _dayLastService = new double[days.Length];
        _dayOvertime = new double[days.Length];
    }

    /// <summary>A window worked on from <paramref name="from"/> to <paramref name="to"/> after it closed (its staff's
    /// time ended): finishing a service, or serving the queue left after the ticket cut-off. Counted on the day it began.</summary>
    internal void Overtime(double from, double to)
    {
        if (to > from)
        {
            _dayOvertime[Math.Clamp((int)Math.Floor(from / IntervalGrid.MinutesPerDay), 0, _dayOvertime.Length - 1)] += to - from;
        }
    }

    private int Index(double time) => Math.Clamp((int)(time / _grid.Length), 0, _grid.Count - 1);

    internal void Arrival(double now)
    {
        _arrivals[Index(now)]++;
        _arrivedTotal++;
    }

    internal void Issued(HallRun.Ticket ticket, double now, int waiting)
    {
        var i = Index(now);
        _issued[i]++;
        _queue.Set(now, waiting);
        _maxQueue[i] = Math.Max(_maxQueue[i], waiting);
    }

    /// <summary>A ticket of a start state: counted as issued in its own interval; the queue length is set now.</summary>
    internal void Restored(double issuedAt, double now, int waiting)
    {
        var i = Index(issuedAt);
        _issued[i]++;
        _queue.Set(now, waiting);
        var j = Index(now);
        _maxQueue[j] = Math.Max(_maxQueue[j], waiting);
    }

    internal void Called(double now, int waiting, int window, bool busy)
    {
        _queue.Set(now, waiting);
        _busy.Add(now, busy ? 1 : -1);
        _windowBusyArea[window].Set(now, busy ? 1 : 0);
        if (busy)
        {
            _windowBusySince[window] = now;
        }
        else
        {
            _windowBusy[window] += now - _windowBusySince[window];
        }
    }

    internal void OpenChanged(double now, int delta, int window)
    {
        _open.Add(now, delta);
        _windowOpenArea[window].Set(now, delta > 0 ? 1 : 0);
        if (delta > 0)
        {
            _windowOpenSince[window] = now;
        }
        else
        {
            _windowOpen[window] += now - _windowOpenSince[window];
        }
    }

    internal void Finish(HallRun.Ticket t, TicketOutcome outcome, double? calledAt, int calls, string? windowId, double? start, double? end, double now, string? staffId = null)
    {
        switch (outcome)
        {
            case TicketOutcome.Served:
                _servedTotal++;
                break;
            case TicketOutcome.NoShow:
                _noShowTotal++;
                break;
            case TicketOutcome.Balked:
                _balkedTotal++;
                _balked[Index(now)]++;
                break;
            case TicketOutcome.SelfService:
                _selfServedTotal++;
                _selfServed[Index(now)]++;
                break;
            case TicketOutcome.Incomplete:
                _incompleteTotal++;
                break;
            case TicketOutcome.TurnedBack:
                _turnedBackTotal++;
                break;
            case TicketOutcome.Transferred:
                _transferredTotal++;
                break;
            default:
                _inProgressTotal++;
                break;
        }

        var issued = double.IsNaN(t.IssuedAt) ? (double?)null : t.IssuedAt;
        if (issued is { } at)
        {
            var i = Index(at);
            if (outcome is TicketOutcome.Served or TicketOutcome.Incomplete or TicketOutcome.Transferred)
            {
                _served[i]++;
                _dayLastService[t.Day] = Math.Max(_dayLastService[t.Day], now);
            }
            else if (outcome == TicketOutcome.NoShow)
            {
                _noShows[i]++;
            }
            else if (outcome == TicketOutcome.InProgress && calledAt is null)
            {
                _neverCalled[i]++;
            }

            if (calledAt is { } called)
            {
                var wait = called - at;
                _called[i]++;
                _waitSum[i] += wait;
                if (wait <= _options.WaitTargetMinutes)
                {
                    _withinTarget[i]++;
                }

                var h = _histograms[i] ??= new int[Bins];
                h[Math.Min(Bins - 1, (int)(wait / BinMinutes))]++;
                _zeroWaits[i] += wait <= 0 ? 1 : 0; // called at once: exact, not spread over the first bin
            }
        }

        if (_tickets is not null)
        {
            var left = outcome == TicketOutcome.NoShow ? issued + t.Patience : null;
            _tickets.Add(new TicketRecord(
                t.Id,
                issued is null ? string.Empty : $"{(char)('A' + (t.Category % 26))}{t.Number:000}",
                t.Step == JourneyStep.Pickup ? _s.Journeys!.BackOffice!.PickupCode : _s.Categories[t.Category].Id,
                t.ArrivedAt,
                issued,
                calledAt,
                calls,
                windowId,
                start,
                end,
                outcome,
                t.Channel,
                t.Channel == TicketChannel.Appointment ? "appointment" : t.ClassIndex >= 0 ? _s.Behaviour.PriorityClasses[t.ClassIndex].Id : null,
                left)
            {
                StaffId = staffId,
                JourneyId = t.JourneyId < 0 ? t.Id : t.JourneyId,
                Step = t.Step,
                ReceptionStart = double.IsNaN(t.ReceptionStart) ? null : t.ReceptionStart,
                ReceptionEnd = double.IsNaN(t.ReceptionEnd) ? null : t.ReceptionEnd,
                DisplayedWait = double.IsNaN(t.Displayed) ? null : t.Displayed,
            });
        }
    }

    internal HallRunResult Build(double end)
    {
        _queue.Close(end);
        _open.Close(end);
        _busy.Close(end);
        foreach (var area in _windowBusyArea.Concat(_windowOpenArea))
        {
            area.Close(end);
        }

        // Per window and interval: busy time ÷ open time (0 when the window was closed the whole interval).
        var windowUtilisation = _windowBusyArea
            .Select((busy, w) => (IReadOnlyList<double>)Enumerable.Range(0, _grid.Count)
                .Select(i => _windowOpenArea[w].Average(i) > 0 ? Math.Min(1, busy.Average(i) / _windowOpenArea[w].Average(i)) : 0)
                .ToArray())
            .ToArray();
        var intervals = new IntervalResult[_grid.Count];
        for (var i = 0; i < _grid.Count; i++)
        {
            var h = _histograms[i];
            intervals[i] = new IntervalResult(
                _grid.IntervalStart(i),
                _arrivals[i],
                _issued[i],
                _served[i],
                _noShows[i],
                _balked[i],
                _selfServed[i],
                _called[i] > 0 ? _waitSum[i] / _called[i] : 0,
                Percentile(h, _zeroWaits[i], _called[i], 0.50),
                Percentile(h, _zeroWaits[i], _called[i], 0.90),
                Percentile(h, _zeroWaits[i], _called[i], 0.95),
                _issued[i] > 0 ? (double)_withinTarget[i] / _issued[i] : 1,
                _issued[i] > 0 ? (double)_noShows[i] / _issued[i] : 0,
                _queue.Average(i),
                _maxQueue[i],
                _open.Average(i),
                _busy.Average(i));
        }

        var perDay = (int)Math.Round(IntervalGrid.MinutesPerDay / _grid.Length);
        var days = _days.Select(d =>
        {
            var range = Enumerable.Range(d.Index * perDay, perDay).ToList();
            var issued = range.Sum(i => _issued[i]);
            var called = range.Sum(i => _called[i]);
            var lastClose = d.Sessions.Length > 0 ? d.Sessions[^1].Close : 0;
            return new DayResult(
                d.Date,
                range.Sum(i => _arrivals[i]),
                issued,
                called > 0 ? range.Sum(i => _waitSum[i]) / called : 0,
                issued > 0 ? (double)range.Sum(i => _withinTarget[i]) / issued : 1,
                Math.Max(0, _dayLastService[d.Index] - lastClose))
            {
                NeverCalled = range.Sum(i => _neverCalled[i]),
                StaffOvertimeMinutes = _dayOvertime[d.Index],
            };
        }).ToArray();

        var utilisation = _windowBusy.Select((busy, w) => _windowOpen[w] > 0 ? Math.Min(1, busy / _windowOpen[w]) : 0).ToArray();
        var totals = new OutcomeCounts(_arrivedTotal, _servedTotal, _balkedTotal, _noShowTotal, 0, _selfServedTotal, _inProgressTotal)
        {
            Incomplete = _incompleteTotal,
            TurnedBack = _turnedBackTotal,
            Transferred = _transferredTotal,
        };
        var tickets = _tickets?.OrderBy(t => t.TicketId).ToArray();
        return new HallRunResult(_grid, intervals, days, utilisation, totals, tickets) { WindowUtilisationByInterval = windowUtilisation };
    }

    private static double Percentile(int[]? histogram, int zeros, int count, double p)
    {
        if (histogram is null || count == 0)
        {
            return 0;
        }

        // Waits of exactly 0 are counted apart: a quantile among them is 0, not a point inside the first bin. Above
        // them, linear within the bin that holds the p-quantile.
        var target = p * count;
        if (target <= zeros)
        {
            return 0;
        }

        var cumulative = zeros;
        for (var b = 0; b < histogram.Length; b++)
        {
            var inBin = histogram[b] - (b == 0 ? zeros : 0);
            if (inBin == 0)
            {
                continue;
            }

            if (cumulative + inBin >= target)
            {
                var within = (target - cumulative) / inBin;
                return (b + within) * BinMinutes;
            }

            cumulative += inBin;
        }

        return histogram.Length * BinMinutes;
    }

    /// <summary>The time integral of a piecewise-constant quantity, split exactly at interval boundaries.</summary>
    private sealed class TimeArea(IntervalGrid grid)
    {
        private readonly double[] _area = new double[grid.Count];
        private double _value;
        private double _since;

        public void Add(double now, double delta) => Set(now, _value + delta);

        public void Set(double now, double value)
        {
            Accumulate(now);
            _value = value;
        }

        public void Close(double now) => Accumulate(now);

        public double Average(int i) => _area[i] / grid.Length;

        private void Accumulate(double now)
        {
            var t = _since;
            while (t < now)
            {
                var i = Math.Min((int)(t / grid.Length), grid.Count - 1);
                var end = Math.Min(now, (i + 1) * grid.Length);
                if (i == grid.Count - 1)
                {
                    end = now;
                }

                _area[i] += _value * (end - t);
                t = end;
            }

            _since = now;
        }
    }
}
