using HallSim.Kernel;
using HallSim.Randomness;
using HallSim.Scenarios;
using HallSim.Staffing;

namespace HallSim.Model;

/// <summary>One replication of the hall model. Not thread-safe; one instance per run.</summary>
internal sealed partial class HallRun
{
    private readonly Scenario _s;
    private readonly StaffingPlan _staffing;
    private readonly HallRunOptions _options;
    private readonly Simulation _sim;
    private readonly DayPlan[] _days;
    private readonly ResultCollector _results;
    private readonly List<WorkSegment> _segments;
    private readonly double[] _appointmentShare; // per day, computed once

    // Compiled scenario.
    private readonly int _categories;
    private readonly bool[][] _serves; // [window][category]
    private readonly int[] _homeCategory; // first listed category of a window, −1 for comprehensive
    private readonly Distribution[] _serviceTimes;
    private readonly int[] _kioskOf; // per category: kiosk group index or −1
    private readonly Resource?[] _kiosks;
    private readonly int[] _ranks; // distinct priority ranks, ordinary last
    private readonly PriorityClass[] _classes;
    private readonly double[] _classCumulative;

    // Random streams, one per source of randomness.
    private readonly RandomStream _arrivalStream, _categoryStream, _serviceStream, _priorityStream, _patienceStream, _kioskStream, _balkStream, _appointmentStream;

    // Queue state.
    private readonly Queue<Ticket>[][] _queues; // [rank index][category]
    private readonly WindowState[] _windows;
    private int _waiting;
    private long _nextId;
    private int _dayTicketNumber;
    private int _currentDay = -1;

    // Start from a state (intraday): no walk-ins before _startAt on day 0, the state put in place at _startAt, the
    // rest of day 0's walk-in demand scaled by this replication's draw of the re-forecast.
    private readonly HallState? _state;
    private readonly double _startAt;
    private readonly double _restOfDayFactor = 1;

    // Same-day changes: windows opened by extra staff (index, from, to), and per category the time it stops issuing.
    private readonly List<(int Window, double From, double To)> _extraWindows = [];
    private readonly double[] _stopIssuing;

    internal HallRun(CompiledStaffing compiled, ulong seed, int replication, HallRunOptions options)
    {
        var scenario = compiled.Hall.Scenario;
        _segments = compiled.Segments;
        _s = scenario;
        _staffing = compiled.Staffing;
        _options = options;
        _sim = new Simulation(seed, replication);
        _days = compiled.Hall.Days;
        _categories = scenario.Categories.Count;
        var categoryIndex = scenario.Categories.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _serves = scenario.Windows.Select(w => scenario.Categories.Select(c => w.Serves(c.Id)).ToArray()).ToArray();
        _homeCategory = scenario.Windows.Select(w => w.Categories.Contains(Window.AnyCategory) ? -1 : categoryIndex[w.Categories[0]]).ToArray();
        _serviceTimes = scenario.Categories.Select(c => c.ServiceTime).ToArray();
        _kiosks = scenario.Kiosks.Select(k => k.Count > 0 ? new Resource(_sim, k.Count, k.Id) : null).ToArray();
        _kioskOf = scenario.Categories
            .Select(c => scenario.Kiosks.Select((k, i) => (k, i)).FirstOrDefault(x => x.k.Count > 0 && x.k.Categories.Contains(c.Id), (null!, -1)).Item2)
            .ToArray();
        _classes = scenario.Behaviour.PriorityClasses.ToArray();
        _classCumulative = new double[_classes.Length];
        var running = 0.0;
        for (var i = 0; i < _classes.Length; i++)
        {
            running += _classes[i].Share;
            _classCumulative[i] = running;
        }

        var ranks = _classes.Select(c => c.Rank).Append(int.MaxValue);
        if (scenario.Appointments is { } appointments)
        {
            ranks = ranks.Append(appointments.Rank);
        }

        _ranks = ranks.Distinct().Order().ToArray();
        var queueCount = InitJourneys(scenario);
        _waitingBy = new int[queueCount];
        _serves = _serves.Select((row, w) => Row(w, row)).ToArray();
        CompileSharing();
        _queues = _ranks.Select(_ => Enumerable.Range(0, queueCount).Select(_ => new Queue<Ticket>()).ToArray()).ToArray();
        _windows = scenario.Windows.Select((w, i) => new WindowState(i, w.Id)).ToArray();
        _arrivalStream = _sim.Stream("arrivals");
        _categoryStream = _sim.Stream("category");
        _serviceStream = _sim.Stream("service");
        _priorityStream = _sim.Stream("priority");
        _patienceStream = _sim.Stream("patience");
        _kioskStream = _sim.Stream("kiosk");
        _balkStream = _sim.Stream("balking");
        _appointmentStream = _sim.Stream("appointments");
        _results = new ResultCollector(scenario, _days, options, _windows.Length);
        _appointmentShare = _days.Select(AppointmentShare).ToArray();
        _stopIssuing = Enumerable.Repeat(double.PositiveInfinity, _categories).ToArray();
        if (options.StartFrom is { } state)
        {
            _state = state;
            _startAt = Minutes(state.At);
            if (state.AbsentStaff.Count > 0)
            {
                // Their roster time after the state's moment is dropped (cut at the moment if it spans it).
                var absent = state.AbsentStaff.ToHashSet(StringComparer.Ordinal);
                _segments = _segments
                    .Where(x => !absent.Contains(scenario.Staff[x.Staff].Id) || x.Start < _startAt)
                    .Select(x => absent.Contains(scenario.Staff[x.Staff].Id) && x.End > _startAt ? x with { End = _startAt } : x)
                    .Where(x => x.End > x.Start)
                    .ToList();
            }

            if (options.RestOfDayDemand is { } demand)
            {
                _restOfDayFactor = new GammaDistribution(demand.Shape, 1 / demand.Rate).Sample(_sim.Stream("reforecast"));
            }
        }

        if (options.Today is { } today)
        {
            PlaceSameDayChanges(today);
        }
    }

    private void PlaceSameDayChanges(SameDayChanges today)
    {
        foreach (var c in today.StopIssuing)
        {
            var i = _s.Categories.Select((x, k) => (x, k)).First(x => x.x.Id == c.ServiceCode).k;
            _stopIssuing[i] = Math.Min(_stopIssuing[i], Minutes(c.From));
        }

        for (var k = 0; k < today.ExtraWindows.Count; k++)
        {
            var x = today.ExtraWindows[k];
            var (from, to) = (Minutes(x.From), Minutes(x.To));
            int window;
            if (x.WindowId is { } id)
            {
                window = Array.FindIndex(_windows, w => w.Id == id);
                if (Busy(from, to)[window])
                {
                    _problems.Add(new($"options.today.extraWindows[{k}].windowId", $"window '{id}' is staffed at some time from {x.From:HH:mm} to {x.To:HH:mm}; an extra person needs a window nobody staffs then (leave windowId empty to take one)"));
                    continue;
                }
            }
            else
            {
                var busy = Busy(from, to);
                window = Enumerable.Range(0, _windows.Length).Where(i => !busy[i]).OrderByDescending(i => _serves[i].Count(b => b)).ThenBy(i => i).DefaultIfEmpty(-1).First();
            }

            if (window >= 0)
            {
                _extraWindows.Add((window, from, to));
            }
            else
            {
                _problems.Add(new($"options.today.extraWindows[{k}]", $"no window is free of staff for the whole of {x.From:HH:mm} to {x.To:HH:mm}: the hall has no room for another person then"));
            }
        }
    }

    /// <summary>Windows that someone staffs (by the roster, by the count of open windows, or by an extra window placed
    /// before) at some time in [from, to), in minutes from the scenario start.</summary>
    internal bool[] Busy(double from, double to)
    {
        var busy = new bool[_windows.Length];
        foreach (var seg in _segments.Where(seg => seg.Start < to && seg.End > from))
        {
            busy[seg.Window] = true;
        }

        if (_staffing.Roster is null)
        {
            var most = _days[0].Sessions.Length == 0 ? 0 : (_staffing.ByDate is not null && _staffing.ByDate.TryGetValue(_days[0].Date, out var own) ? own : _staffing.Daily ?? []).Select(e => e.Windows).DefaultIfEmpty(0).Max();
            for (var i = 0; i < Math.Min(most, busy.Length); i++)
            {
                busy[i] = true;
            }
        }

        foreach (var e in _extraWindows.Where(e => e.From < to && e.To > from))
        {
            busy[e.Window] = true;
        }

        return busy;
    }

    private readonly List<HallSim.Scenarios.ValidationProblem> _problems = [];

    /// <summary>The same-day changes' problems against this staffing (explicit windows someone staffs, no free window).</summary>
    internal static List<HallSim.Scenarios.ValidationProblem> SameDayProblems(CompiledStaffing compiled, HallRunOptions options) =>
        new HallRun(compiled, 0, 0, options)._problems;

    /// <summary>Windows nobody staffs for the whole of [from, to) (local times), given the options' state (absent staff)
    /// and same-day changes.</summary>
    internal static int FreeWindows(CompiledStaffing compiled, HallRunOptions options, DateTime from, DateTime to)
    {
        var run = new HallRun(compiled, 0, 0, options);
        return run.Busy(run.Minutes(from), run.Minutes(to)).Count(b => !b);
    }

    private IEnumerable<Event> ExtraWindows()
    {
        var changes = _extraWindows
            .SelectMany(x => new[] { (Time: x.To, Open: false, x.Window), (Time: x.From, Open: true, x.Window) })
            .OrderBy(c => c.Time)
            .ThenBy(c => c.Open)
            .ToList();
        foreach (var (time, open, window) in changes)
        {
            if (_sim.Now < time)
            {
                yield return _sim.Timeout(time - _sim.Now);
            }

            var w = _windows[window];
            if (open)
            {
                _serves[window] = Row(window, _s.Categories.Select(c => _s.Windows[window].Serves(c.Id)).ToArray());
                w.StaffId = "extra";
            }

            w.Extra = open; // the staffing's own changes leave an extra person's window alone
            SetWindowOpen(w, open);
        }
    }

    /// <summary>Minutes from the start of the scenario (00:00 of its first date) to a local time.</summary>
    private double Minutes(DateTime t) => (t - _s.StartDate.ToDateTime(TimeOnly.MinValue)).TotalMinutes;

    internal HallRunResult Execute()
    {
        _sim.Process(Door(), "door");
        if (_s.Appointments is { Share: > 0, SlotsPerHour: > 0 })
        {
            _sim.Process(AppointmentArrivals(), "appointments");
        }

        _sim.Process(Staffing(), "staffing");
        if (_journeys is not null)
        {
            _sim.Process(ScheduledVisits(), "return and pickup visits");
            if (_journeys.BackOffice is not null)
            {
                _sim.Process(BacklogByDay(), "backlog");
                foreach (var worker in _workers)
                {
                    _sim.Process(BackOfficeWorker(worker), worker.Id);
                }
            }
        }

        if (_state is not null)
        {
            _sim.Process(RestoreState(), "state");
        }

        if (_extraWindows.Count > 0)
        {
            _sim.Process(ExtraWindows(), "extra windows");
        }

        if (_options.NumberInSystemSamplesPerInterval > 0)
        {
            _sim.Process(SampleNumberInSystem(), "sampler");
        }

        foreach (var w in _windows)
        {
            _sim.Process(WindowLoop(w), $"window {w.Id}");
        }

        _sim.Run();
        foreach (var rankQueues in _queues)
        {
            foreach (var q in rankQueues)
            {
                foreach (var t in q)
                {
                    _results.Finish(t, TicketOutcome.InProgress, null, 0, null, null, null, _sim.Now);
                }
            }
        }

        var result = _results.Build(_sim.Now);
        if (_tally is not null)
        {
            FinishJourneys();
            result = result with { Journeys = _tally.ToResult() };
        }

        return _numberInSystem is null ? result : result with { NumberInSystem = _numberInSystem };
    }

    private int[]? _numberInSystem;

    /// <summary>Counts citizens present (waiting and not yet gone, plus being served) at k points of every interval.</summary>
    private IEnumerable<Event> SampleNumberInSystem()
    {
        var k = _options.NumberInSystemSamplesPerInterval;
        var length = _options.IntervalMinutes;
        var count = (int)Math.Round(_days.Length * IntervalGrid.MinutesPerDay / length);
        _numberInSystem = new int[count * k];
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var at = (i * length) + ((j + 0.5) * length / k);
                yield return _sim.Timeout(at - _sim.Now);
                var now = _sim.Now;
                var present = 0;
                foreach (var rank in _queues)
                {
                    foreach (var q in rank)
                    {
                        foreach (var t in q)
                        {
                            present += now - t.IssuedAt <= t.Patience ? 1 : 0;
                        }
                    }
                }

                _numberInSystem[(i * k) + j] = present + _windows.Count(w => w.Busy);
            }
        }
    }

    // ---- arrivals ------------------------------------------------------------------------------------------------

    private IEnumerable<Event> Door()
    {
        foreach (var day in _days)
        {
            foreach (var piece in day.Pieces)
            {
                // From a state: the day's walk-ins begin at the state's moment (memorylessness makes that exact).
                var start = _state is not null && day.Index == 0 ? Math.Max(piece.Start, _startAt) : piece.Start;
                if (start >= piece.End)
                {
                    continue;
                }

                if (_sim.Now < start)
                {
                    yield return _sim.Timeout(start - _sim.Now);
                }

                // Exponential gaps at the piece's rate; memorylessness makes restarting at the next piece exact.
                var rate = piece.Rate * (1 - _appointmentShare[day.Index]) * (day.Index == 0 ? _restOfDayFactor : 1);
                while (rate > 0)
                {
                    var gap = -Math.Log(_arrivalStream.NextDoubleNonZero()) / rate;
                    if (_sim.Now + gap >= piece.End)
                    {
                        break;
                    }

                    yield return _sim.Timeout(gap);
                    Arrive(day);
                }
            }
        }
    }

    /// <summary>The share of a day's demand that comes by appointment: the policy's share, capped by the slots released.</summary>
    private double AppointmentShare(DayPlan day)
    {
        if (_s.Appointments is not { Share: > 0, SlotsPerHour: > 0 } a || day.ExpectedArrivals <= 0)
        {
            return 0;
        }

        return Math.Min(a.Share, Slots(day).Count / day.ExpectedArrivals);
    }

    /// <summary>Slot start times of a day: <c>SlotsPerHour</c> evenly spaced slots in each hour of ticket-issuing time.</summary>
    private List<double> Slots(DayPlan day)
    {
        var a = _s.Appointments!;
        var slots = new List<double>();
        var spacing = 60.0 / a.SlotsPerHour;
        foreach (var (open, close) in day.Sessions)
        {
            for (var t = open; t < close - _s.Calendar.TicketCutoffMinutes - 1e-9; t += spacing)
            {
                slots.Add(t);
            }
        }

        return slots;
    }

    private IEnumerable<Event> AppointmentArrivals()
    {
        var a = _s.Appointments!;
        foreach (var day in _days)
        {
            var slots = Slots(day);
            if (slots.Count == 0 || day.ExpectedArrivals <= 0)
            {
                continue;
            }

            // Each slot is booked with the probability that makes the expected bookings equal the appointment demand;
            // a booked citizen comes with probability 1 − noShowShare, around the slot start (normal, punctuality sd),
            // within the session's ticket hours. Three draws per slot, whatever happens (common random numbers).
            var bookProbability = Math.Min(1, _appointmentShare[day.Index] * day.ExpectedArrivals / slots.Count);
            var arrivals = new List<double>();
            foreach (var slot in slots)
            {
                var booked = _appointmentStream.NextDouble() < bookProbability;
                var comes = _appointmentStream.NextDouble() >= a.NoShowShare;
                var offset = a.PunctualitySdMinutes * _appointmentStream.NextStandardNormal();
                if (booked && comes)
                {
                    var (open, close) = day.Sessions.First(x => slot >= x.Open && slot < x.Close);
                    arrivals.Add(Math.Clamp(slot + offset, open, close - _s.Calendar.TicketCutoffMinutes - 1e-6));
                }
            }

            arrivals.Sort();
            if (_state is not null && day.Index == 0)
            {
                arrivals.RemoveAll(at => at < _startAt); // they came before the state's moment: in the state, or gone
            }

            foreach (var at in arrivals)
            {
                if (_sim.Now < at)
                {
                    yield return _sim.Timeout(at - _sim.Now);
                }

                Arrive(day, appointment: true);
            }
        }
    }

    private void Arrive(DayPlan day, bool appointment = false, Ticket? previous = null, JourneyStep step = JourneyStep.FirstVisit)
    {
        // Every attribute is drawn now, whatever happens next (common random numbers).
        var category = 0;
        if (previous is not null)
        {
            category = previous.Category; // a return or pickup visit: the same application
        }
        else
        {
            var u = _categoryStream.NextDouble();
            while (category < _categories - 1 && u >= day.CategoryCumulative[category])
            {
                category++;
            }
        }

        var service = step == JourneyStep.Pickup ? _journeys!.BackOffice!.PickupServiceTime!.Sample(_serviceStream) : _serviceTimes[category].Sample(_serviceStream);
        var uClass = _priorityStream.NextDouble();
        var classIndex = -1;
        for (var i = 0; i < _classes.Length; i++)
        {
            if (uClass < _classCumulative[i])
            {
                classIndex = i;
                break;
            }
        }

        var patience = _s.Behaviour.Patience?.Sample(_patienceStream) ?? double.PositiveInfinity;
        var uKiosk = _kioskStream.NextDouble();
        var uKioskFail = _kioskStream.NextDouble();
        var kioskGroup = _kioskOf[category];
        var kioskTime = kioskGroup >= 0 ? _s.Kiosks[kioskGroup].ServiceTime.Sample(_kioskStream) : 0;
        var uBalk = _balkStream.NextDouble();

        var ticket = new Ticket
        {
            Id = _nextId++,
            Category = category,
            Queue = step == JourneyStep.Pickup ? _pickupQueue : category,
            ServiceTime = service,
            Patience = patience,
            ArrivedAt = _sim.Now,
            RankIndex = Array.IndexOf(_ranks, appointment ? _s.Appointments!.Rank : classIndex >= 0 ? _classes[classIndex].Rank : int.MaxValue),
            ClassIndex = appointment ? -1 : classIndex,
            BalkDraw = uBalk,
            Day = day.Index,
        };
        _results.Arrival(_sim.Now);
        if (appointment)
        {
            ticket.Channel = TicketChannel.Appointment;
        }

        if (_tally is not null)
        {
            if (previous is not null)
            {
                ticket.JourneyId = previous.JourneyId < 0 ? previous.Id : previous.JourneyId;
            }

            ticket.Step = step;
            ticket.FirstVisit = step == JourneyStep.FirstVisit;
            switch (step)
            {
                case JourneyStep.ReturnVisit:
                    _tally.ReturnVisits++;
                    _tally.ReturnsByDay[day.Index]++;
                    break;
                case JourneyStep.Pickup:
                    _tally.PickupVisits++;
                    break;
                default:
                    _tally.FirstVisits++;
                    break;
            }

            DrawJourney(ticket, returning: step == JourneyStep.ReturnVisit);
            if (step == JourneyStep.Pickup)
            {
                ticket.Incomplete = ticket.Transfer = false;
                TakeTicket(ticket); // straight to a pickup ticket
                return;
            }

            if (_reception is not null && !appointment)
            {
                _sim.Process(AtReception(ticket, kioskGroup, uKiosk, kioskTime, uKioskFail < (kioskGroup >= 0 ? _s.Kiosks[kioskGroup].FailureShare : 0)));
                return;
            }
        }

        if (appointment)
        {
            TakeTicket(ticket);
            return;
        }

        if (kioskGroup >= 0 && uKiosk < _s.Kiosks[kioskGroup].UseShare)
        {
            ticket.Channel = TicketChannel.SelfServiceFirst;
            _sim.Process(Kiosk(ticket, _kiosks[kioskGroup]!, kioskTime, uKioskFail < _s.Kiosks[kioskGroup].FailureShare));
            return;
        }

        TakeTicket(ticket);
    }

    private IEnumerable<Event> Kiosk(Ticket ticket, Resource kiosk, double minutes, bool fails)
    {
        using (var machine = kiosk.Request())
        {
            yield return machine;
            yield return _sim.Timeout(minutes);
        }

        if (fails)
        {
            TakeTicket(ticket);
        }
        else
        {
            _results.Finish(ticket, TicketOutcome.SelfService, null, 0, null, null, null, _sim.Now);
        }
    }

    private void TakeTicket(Ticket ticket)
    {
        var now = _sim.Now;
        if (!CanIssue(now, ticket.Day))
        {
            // Back from a machine after the cut-off: no ticket any more today.
            _results.Finish(ticket, TicketOutcome.Balked, null, 0, null, null, null, now);
            return;
        }

        if (now >= _stopIssuing[ticket.Category] && ticket.Channel != TicketChannel.Appointment && ticket.Day == 0)
        {
            // The category stopped issuing tickets today: turned away at the ticket machine.
            _results.Finish(ticket, TicketOutcome.Balked, null, 0, null, null, null, now);
            return;
        }

        if (_journeys?.DisplayedWait is { } display && ticket.Channel != TicketChannel.Appointment)
        {
            ticket.Displayed = Displayed(ticket.Queue);
            var p = Math.Clamp((ticket.Displayed - display.FromMinutes) / (display.AllMinutes - display.FromMinutes), 0, 1);
            if (ticket.BalkDraw < p)
            {
                _results.Finish(ticket, TicketOutcome.Balked, null, 0, null, null, null, now);
                _tally!.BalkedOnDisplay++;
                return;
            }
        }
        else if (_s.Behaviour.Balking is { } balk && ticket.Channel != TicketChannel.Appointment)
        {
            var p = Math.Clamp((double)(_waiting - balk.From) / (balk.All - balk.From), 0, 1);
            if (ticket.BalkDraw < p)
            {
                _results.Finish(ticket, TicketOutcome.Balked, null, 0, null, null, null, now);
                return;
            }
        }

        if (ticket.Day != _currentDay)
        {
            _currentDay = ticket.Day;
            _dayTicketNumber = 0;
        }

        ticket.IssuedAt = now;
        ticket.Number = ++_dayTicketNumber;
        Enqueue(ticket);
    }

    /// <summary>An issued ticket joins its queue; an idle open window that serves it is woken.</summary>
    private void Enqueue(Ticket ticket)
    {
        var queue = ticket.Queue;
        _queues[ticket.RankIndex][queue].Enqueue(ticket);
        _waiting++;
        _waitingBy[queue]++;
        _results.Issued(ticket, _sim.Now, _waiting);
        foreach (var w in _windows)
        {
            if (w.Idle && w.Open && _serves[w.Index][queue])
            {
                w.Wake();
                break;
            }
        }

        if (_groups.Length > 0 && _groupOf[queue] >= 0)
        {
            TryOpenTriggered(_groupOf[queue]);
        }
    }

    private bool CanIssue(double now, int day)
    {
        foreach (var (open, close) in _days[day].Sessions)
        {
            if (now >= open && now < close - _s.Calendar.TicketCutoffMinutes)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True once the current session issues no more tickets (at or after its cut-off), until the next session opens.</summary>
    private bool PastCutoff(double now)
    {
        var day = (int)Math.Floor(now / IntervalGrid.MinutesPerDay);
        return day < 0 || day >= _days.Length || !CanIssue(now, day);
    }

    // ---- starting from a state ----------------------------------------------------------------------------------

    /// <summary>At the state's moment: the citizens in service take their windows, those at machines their machines,
    /// and the waiting tickets the queue, in order of issue.</summary>
    private IEnumerable<Event> RestoreState()
    {
        var state = _state!;
        if (_sim.Now < _startAt)
        {
            yield return _sim.Timeout(_startAt - _sim.Now);
        }

        var now = _sim.Now;
        var categoryIndex = _s.Categories.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var ordinary = Array.IndexOf(_ranks, int.MaxValue);
        _currentDay = 0;
        foreach (var c in state.InService.OrderBy(x => x.ServiceStart))
        {
            var w = _windows.First(x => x.Id == c.WindowId);
            var category = categoryIndex[c.ServiceCode];
            var started = Minutes(c.ServiceStart);
            var elapsed = now - started;
            var total = Beyond(_serviceTimes[category], _serviceStream, elapsed);
            double? issued = c.IssuedAt is { } i ? Minutes(i) : null;
            var ticket = new Ticket
            {
                Id = _nextId++,
                Category = category,
                Queue = category,
                ServiceTime = total - elapsed,
                Patience = double.PositiveInfinity,
                ArrivedAt = issued ?? started,
                IssuedAt = issued ?? double.NaN,
                Number = issued is null ? 0 : ++_dayTicketNumber,
                RankIndex = ordinary,
                ClassIndex = -1,
                Day = 0,
                StartedAt = started,
            };
            _results.Arrival(ticket.ArrivedAt);
            if (issued is { } at)
            {
                _results.Restored(at, now, _waiting);
            }

            w.Pinned = ticket;
            w.StaffId ??= c.StaffId;
            if (w.Idle)
            {
                w.Wake();
            }
        }

        foreach (var k in state.AtKiosks.OrderBy(x => x.Since))
        {
            var group = _s.Kiosks.Select((x, i) => (x, i)).First(x => x.x.Id == k.KioskId).i;
            var category = categoryIndex[k.ServiceCode];
            var since = Minutes(k.Since);
            var elapsed = now - since;
            var total = Beyond(_s.Kiosks[group].ServiceTime, _kioskStream, elapsed);
            var fails = _kioskStream.NextDouble() < _s.Kiosks[group].FailureShare;
            var ticket = new Ticket
            {
                Id = _nextId++,
                Category = category,
                Queue = category,
                ServiceTime = _serviceTimes[category].Sample(_serviceStream),
                Patience = _s.Behaviour.Patience?.Sample(_patienceStream) ?? double.PositiveInfinity,
                ArrivedAt = since,
                RankIndex = ordinary,
                ClassIndex = -1,
                BalkDraw = _balkStream.NextDouble(),
                Day = 0,
                Channel = TicketChannel.SelfServiceFirst,
            };
            _results.Arrival(since);
            _sim.Process(Kiosk(ticket, _kiosks[group]!, total - elapsed, fails));
        }

        foreach (var c in state.Waiting.OrderBy(x => x.IssuedAt))
        {
            var category = categoryIndex[c.ServiceCode];
            var issued = Minutes(c.IssuedAt);
            var classIndex = c.PriorityClass is { } pc ? Array.FindIndex(_classes, x => x.Id == pc) : -1;
            var rank = c.Appointment ? _s.Appointments!.Rank : classIndex >= 0 ? _classes[classIndex].Rank : int.MaxValue;
            var ticket = new Ticket
            {
                Id = _nextId++,
                Category = category,
                Queue = category,
                ServiceTime = _serviceTimes[category].Sample(_serviceStream),
                Patience = _s.Behaviour.Patience is not { } patience ? double.PositiveInfinity
                    : c.Present ? Beyond(patience, _patienceStream, now - issued)
                    : patience.Sample(_patienceStream), // unknown whether still here: may have left already
                ArrivedAt = issued,
                IssuedAt = issued,
                Number = ++_dayTicketNumber,
                RankIndex = Array.IndexOf(_ranks, rank),
                ClassIndex = c.Appointment ? -1 : classIndex,
                Day = 0,
                Channel = c.Appointment ? TicketChannel.Appointment : TicketChannel.WalkIn,
            };
            _results.Arrival(issued);
            _queues[ticket.RankIndex][category].Enqueue(ticket);
            _waiting++;
            _waitingBy[category]++;
            _results.Restored(issued, now, _waiting);
        }

        foreach (var w in _windows)
        {
            // A window that closed at or after the cut-off of the current closure (lunch, or the evening) would be
            // serving the queue left at its closing, as in a run from opening: it works on for the restored queue.
            if (!w.Open && PastCutoff(now) && w.ClosedPastCutoffDay == 0 && ClosedSinceCutoff(w, now))
            {
                w.Overtime = true;
                if (w.OvertimeSince < 0 && w.Pinned is null)
                {
                    w.OvertimeSince = now; // its overtime from the moment on is counted
                }
            }

            if (w.Idle && (w.Open || w.Overtime))
            {
                w.Wake(); // it looks at the restored queue; with nothing it can serve it goes idle again
            }
        }
    }

    /// <summary>True when the window's last closing past a cut-off lies in the current closure (since the last session's
    /// cut-off before <paramref name="now"/>).</summary>
    private bool ClosedSinceCutoff(WindowState w, double now)
    {
        var cutoff = double.NegativeInfinity;
        foreach (var (_, close) in _days[0].Sessions)
        {
            var c = close - _s.Calendar.TicketCutoffMinutes;
            if (c <= now)
            {
                cutoff = Math.Max(cutoff, c);
            }
        }

        return w.LastClosedAt >= cutoff;
    }

    /// <summary>A draw of <paramref name="d"/> conditioned on exceeding <paramref name="elapsed"/> (rejection, up to
    /// 1,000 draws; past that the elapsed time plus a fresh draw).</summary>
    private static double Beyond(Distribution d, RandomStream stream, double elapsed)
    {
        for (var i = 0; i < 1000; i++)
        {
            var x = d.Sample(stream);
            if (x > elapsed)
            {
                return x;
            }
        }

        return elapsed + d.Sample(stream);
    }

    // ---- staffing and windows -----------------------------------------------------------------------------------

    private IEnumerable<Event> Staffing() => _staffing.Roster is not null ? RosterStaffing() : CountStaffing();

    /// <summary>Named staff: each work segment (placed during validation) opens its window with the person's skills and closes it at its end.</summary>
    private IEnumerable<Event> RosterStaffing()
    {
        var changes = _segments
            .SelectMany(x => new[] { (Time: x.End, Open: false, Segment: x), (Time: x.Start, Open: true, Segment: x) })
            .OrderBy(c => c.Time)
            .ThenBy(c => c.Open) // closings before openings at the same instant (a hand-over at one window)
            .ToList();
        foreach (var (time, open, segment) in changes)
        {
            if (_sim.Now < time)
            {
                yield return _sim.Timeout(time - _sim.Now);
            }

            var w = _windows[segment.Window];
            if (w.Extra || w.Triggered)
            {
                continue; // an extra person works this window now (it was free of the roster for the whole time)
            }

            if (open)
            {
                _serves[segment.Window] = Row(segment.Window, RosterPlacement.Serves(_s, _s.Windows[segment.Window], _s.Staff[segment.Staff]));
                w.StaffId = _s.Staff[segment.Staff].Id;
                SetWindowOpen(w, true);
            }
            else
            {
                SetWindowOpen(w, false);
            }
        }
    }

    private IEnumerable<Event> CountStaffing()
    {
        foreach (var day in _days)
        {
            if (day.Sessions.Length == 0)
            {
                continue;
            }

            var list = _staffing.ByDate is not null && _staffing.ByDate.TryGetValue(day.Date, out var own) ? own : _staffing.Daily ?? [];
            var dayStart = day.Index * IntervalGrid.MinutesPerDay;
            foreach (var entry in list.OrderBy(e => e.From))
            {
                var from = dayStart + entry.From.ToTimeSpan().TotalMinutes;
                var to = dayStart + entry.To.ToTimeSpan().TotalMinutes;
                if (_sim.Now < from)
                {
                    yield return _sim.Timeout(from - _sim.Now);
                }

                SetOpen(entry.Windows);
                if (_sim.Now < to)
                {
                    yield return _sim.Timeout(to - _sim.Now);
                }

                SetOpen(0);
            }
        }
    }

    private void SetOpen(int count)
    {
        for (var i = 0; i < _windows.Length; i++)
        {
            if (!_windows[i].Extra && !_windows[i].Triggered)
            {
                SetWindowOpen(_windows[i], i < count);
            }
        }
    }

    private void SetWindowOpen(WindowState w, bool open)
    {
        if (open == w.Open)
        {
            return;
        }

        w.Open = open;
        if (!open)
        {
            w.LastClosedAt = _sim.Now;
        }

        _results.OpenChanged(_sim.Now, open ? +1 : -1, w.Index);
        if (open && w.OvertimeSince >= 0)
        {
            _results.Overtime(w.OvertimeSince, _sim.Now);
            w.OvertimeSince = -1;
        }
        else if (!open && w.Busy)
        {
            w.OvertimeSince = _sim.Now; // the service in progress runs on past the window's time
        }

        if (open && w.Idle)
        {
            w.Wake();
        }
        else if (!open && w.DoingBackOffice && w.Idle && !PastCutoff(_sim.Now))
        {
            w.Wake(); // leaves its back-office work with the window
        }
        else if (!open && PastCutoff(_sim.Now))
        {
            // Staffed at or after the cut-off: the window works on while tickets it can serve are waiting.
            w.Overtime = true;
            w.ClosedPastCutoffDay = (int)Math.Floor(_sim.Now / IntervalGrid.MinutesPerDay);
            if (!w.Busy && w.OvertimeSince < 0)
            {
                w.OvertimeSince = _sim.Now; // idle, or woken and about to call: it works on from now
            }

            if (w.Idle)
            {
                w.Wake();
            }
        }
    }

    private IEnumerable<Event> WindowLoop(WindowState w)
    {
        var absent = _s.Behaviour.AbsentWhenCalled;
        while (true)
        {
            if (w.Pinned is { } pinned)
            {
                // From a state: the service in progress at the state's moment runs its remaining time first.
                w.Pinned = null;
                w.Busy = true;
                _results.Called(_sim.Now, _waiting, w.Index, busy: true);
                yield return _sim.Timeout(pinned.ServiceTime);
                _results.Finish(pinned, TicketOutcome.Served, pinned.StartedAt, 1, w.Id, pinned.StartedAt, _sim.Now, _sim.Now, w.StaffId);
                w.Busy = false;
                _results.Called(_sim.Now, _waiting, w.Index, busy: false);
                w.Overtime = !w.Open;
                continue;
            }

            if (w.Triggered && GroupWaiting(w.Group) < _groups[w.Group].CloseBelow)
            {
                CloseTriggered(w); // a queue-triggered window closes when the group's queue is short again
            }

            Ticket? ticket = null;
            if (w.Open || PastCutoff(_sim.Now))
            {
                // A closed window only works on in overtime: after the cut-off, if it closed after the cut-off or was
                // serving when it closed.
                ticket = w.Open || w.Overtime ? Take(w.Index) : null;
            }

            if (ticket is null)
            {
                if (w.OvertimeSince >= 0)
                {
                    _results.Overtime(w.OvertimeSince, _sim.Now);
                    w.OvertimeSince = -1;
                }

                w.Overtime = false;
                if (w.Triggered)
                {
                    CloseTriggered(w); // nothing to call
                }

                if (_windowStaffHelp && w.Open && _backlog.Count > 0)
                {
                    // Nothing to call: back-office work until the next ticket (or the window's closing).
                    var item = _backlog.First!.Value;
                    _backlog.RemoveFirst();
                    var start = _sim.Now;
                    w.Idle = true;
                    w.DoingBackOffice = true;
                    w.WakeEvent = _sim.Event();
                    yield return _sim.AnyOf(w.WakeEvent, _sim.Timeout(item.Remaining));
                    w.Idle = false;
                    w.DoingBackOffice = false;
                    Worked(item, _sim.Now - start, byWindowStaff: true);
                    continue;
                }

                w.Idle = true;
                w.WakeEvent = _sim.Event();
                yield return w.WakeEvent;
                w.Idle = false;
                continue;
            }

            _waiting--;
            _waitingBy[ticket.Queue]--;
            w.Busy = true;
            _results.Called(_sim.Now, _waiting, w.Index, busy: true);
            var calledAt = _sim.Now;
            if (calledAt - ticket.IssuedAt > ticket.Patience)
            {
                // The holder left: the number is called several times, then skipped.
                var lost = absent.Calls * absent.MinutesPerCall;
                var lastCall = calledAt + ((absent.Calls - 1) * absent.MinutesPerCall);
                if (lost > 0)
                {
                    yield return _sim.Timeout(lost);
                }

                _results.Finish(ticket, TicketOutcome.NoShow, lastCall, absent.Calls, w.Id, null, null, _sim.Now, w.StaffId);
            }
            else if (ticket.Incomplete)
            {
                // Found incomplete after a short look: sent home (a real log shows it as served).
                yield return _sim.Timeout(ticket.IncompleteTime);
                _results.Finish(ticket, TicketOutcome.Incomplete, calledAt, 1, w.Id, calledAt, _sim.Now, _sim.Now, w.StaffId);
                _tally!.IncompleteAtWindow++;
                SentHome(ticket);
            }
            else
            {
                yield return _sim.Timeout(ticket.ServiceTime);
                if (ticket.Transfer)
                {
                    _results.Finish(ticket, TicketOutcome.Transferred, calledAt, 1, w.Id, calledAt, _sim.Now, _sim.Now, w.StaffId);
                    Transfer(ticket);
                }
                else
                {
                    _results.Finish(ticket, TicketOutcome.Served, calledAt, 1, w.Id, calledAt, _sim.Now, _sim.Now, w.StaffId);
                    if (_tally is not null)
                    {
                        Resolved(ticket);
                    }
                }
            }

            w.Busy = false;
            _results.Called(_sim.Now, _waiting, w.Index, busy: false);
            w.Overtime = !w.Open; // closed while serving: finish the queue if past the cut-off
        }
    }

    private Ticket? Take(int window)
    {
        var serves = _serves[window];
        var home = _homeCategory[window];
        for (var r = 0; r < _ranks.Length; r++)
        {
            var queues = _queues[r];
            Ticket? best = null;
            var bestQueue = -1;
            if (_s.Routing == RoutingRule.SkillPriority && home >= 0 && queues[home].Count > 0)
            {
                return queues[home].Dequeue();
            }

            for (var c = 0; c < queues.Length; c++)
            {
                if (serves[c] && queues[c].Count > 0 && (best is null || queues[c].Peek().Id < best.Id))
                {
                    best = queues[c].Peek();
                    bestQueue = c;
                }
            }

            if (best is not null && _s.Routing != RoutingRule.PooledFifo)
            {
                return queues[bestQueue].Dequeue();
            }

            if (best is not null)
            {
                // Pooled FIFO ignores classes: compare with the heads of the other ranks too.
                var bestRank = r;
                for (var r2 = r + 1; r2 < _ranks.Length; r2++)
                {
                    for (var c = 0; c < queues.Length; c++)
                    {
                        if (serves[c] && _queues[r2][c].Count > 0 && _queues[r2][c].Peek().Id < best.Id)
                        {
                            best = _queues[r2][c].Peek();
                            bestRank = r2;
                            bestQueue = c;
                        }
                    }
                }

                return _queues[bestRank][bestQueue].Dequeue();
            }
        }

        return null;
    }

    internal sealed class Ticket
    {
        public long Id;
        public int Category;
        public double ServiceTime;
        public double Patience;
        public double ArrivedAt;
        public double IssuedAt = double.NaN;
        public int Number;
        public int ClassIndex;
        public int RankIndex;
        public double BalkDraw;
        public int Day;
        public TicketChannel Channel = TicketChannel.WalkIn;

        /// <summary>The queue the ticket waits in: its category, a transfer group's, or pickups'.</summary>
        public int Queue;

        /// <summary>The journey's attributes, allocated only when the scenario has journeys (a ticket without them
        /// stays as small as before); the properties below read their defaults without it.</summary>
        private JourneyData? _journey;

        private JourneyData Journey => _journey ??= new JourneyData();

        public long JourneyId { get => _journey?.JourneyId ?? -1; set => Journey.JourneyId = value; }

        public JourneyStep Step { get => _journey?.Step ?? JourneyStep.FirstVisit; set => Journey.Step = value; }

        public bool FirstVisit { get => _journey?.FirstVisit ?? true; set => Journey.FirstVisit = value; }

        public bool Incomplete { get => _journey?.Incomplete ?? false; set => Journey.Incomplete = value; }

        public bool Caught { get => _journey?.Caught ?? false; set => Journey.Caught = value; }

        public bool Transfer { get => _journey?.Transfer ?? false; set => Journey.Transfer = value; }

        public double IncompleteTime { get => _journey?.IncompleteTime ?? 0; set => Journey.IncompleteTime = value; }

        public double TransferTime { get => _journey?.TransferTime ?? 0; set => Journey.TransferTime = value; }

        public double ReceptionTime { get => _journey?.ReceptionTime ?? 0; set => Journey.ReceptionTime = value; }

        public double TransferPatience { get => _journey?.TransferPatience ?? double.PositiveInfinity; set => Journey.TransferPatience = value; }

        public double ReceptionStart { get => _journey?.ReceptionStart ?? double.NaN; set => Journey.ReceptionStart = value; }

        public double ReceptionEnd { get => _journey?.ReceptionEnd ?? double.NaN; set => Journey.ReceptionEnd = value; }

        public double Displayed { get => _journey?.Displayed ?? double.NaN; set => Journey.Displayed = value; }

        private sealed class JourneyData
        {
            public long JourneyId = -1;
            public JourneyStep Step;
            public bool FirstVisit = true;
            public bool Incomplete, Caught, Transfer;
            public double IncompleteTime, TransferTime, ReceptionTime;
            public double TransferPatience = double.PositiveInfinity;
            public double ReceptionStart = double.NaN, ReceptionEnd = double.NaN, Displayed = double.NaN;
        }

        /// <summary>From a state: when the service in progress at the state's moment began.</summary>
        public double StartedAt = double.NaN;
    }

    internal sealed class WindowState(int index, string id)
    {
        public readonly int Index = index;
        public readonly string Id = id;
        public bool Open;
        public bool Idle;
        public bool Overtime;
        public bool Busy;

        /// <summary>When the window began working after it closed; −1 while it is not.</summary>
        public double OvertimeSince = -1;
        public string? StaffId;
        public Event WakeEvent;

        /// <summary>From a state: the service in progress at the state's moment, served before anything else.</summary>
        public Ticket? Pinned;

        /// <summary>An extra person (same-day change) works the window now.</summary>
        public bool Extra;

        // Queue-triggered window: open for group Group since TriggeredSince, staffed by Worker (null: standby), with
        // the window's own served queues kept in SavedServes.
        public bool Triggered;
        public int Group;
        public double TriggeredSince;
        public Worker? Worker;
        public bool[]? SavedServes;

        /// <summary>The window's staff do back-office work while nothing is to be called.</summary>
        public bool DoingBackOffice;

        /// <summary>The day on which the window last closed at or after a session's ticket cut-off (−1: never): such a
        /// window works on while tickets it can serve are waiting, also for a queue restored from a state.</summary>
        public int ClosedPastCutoffDay = -1;

        /// <summary>When the window last closed (−∞: never).</summary>
        public double LastClosedAt = double.NegativeInfinity;

        public void Wake()
        {
            Idle = false;
            WakeEvent.Succeed();
        }
    }
}
