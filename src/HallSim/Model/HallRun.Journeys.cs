using HallSim.Kernel;
using HallSim.Randomness;
using HallSim.Scenarios;

namespace HallSim.Model;

/// <summary>Citizen journeys (see <see cref="Journeys"/>): reception, incomplete applications and return visits,
/// transfers, back-office work and pickups, queue-triggered windows, the displayed wait. Nothing here runs, and no
/// random number is drawn, when the scenario has no journeys.</summary>
internal sealed partial class HallRun
{
    private Journeys? _journeys;
    private JourneyTally? _tally;
    private int _queueCount; // categories, then one queue per transfer window group, then pickups
    private int _pickupQueue = -1;
    private bool[][]? _extraColumns; // per window: its membership of the transfer groups and the pickup windows
    private double[] _incomplete = [], _incompleteOnReturn = [], _transferShare = [];
    private Distribution?[] _incompleteTime = [], _transferTime = [], _backOfficeTime = [];
    private int[] _transferQueue = [], _dueDays = [], _deadlineDay = [];
    private Resource? _reception;
    private RandomStream? _journeyStream, _receptionStream, _returnStream, _backOfficeStream;
    private int[] _waitingBy = [];
    private List<(double At, Ticket Previous, JourneyStep Step)>[] _scheduled = [];
    private readonly LinkedList<WorkItem> _backlog = new();
    private Worker[] _workers = [];
    private bool _windowStaffHelp;
    private TriggerGroup[] _groups = [];
    private int[] _groupOf = [];
    private bool[][] _sharesWindow = [];
    private double[] _meanService = [];

    private sealed class WorkItem
    {
        public double Remaining;
        public double Due;
        public int Category;
        public Ticket Citizen = null!;
    }

    internal sealed class Worker(int index)
    {
        public readonly string Id = $"back office {index + 1}";
        public bool AtWindow;
        public bool Waiting;
        public bool Idle;
        public Event Signal;
    }

    private sealed class TriggerGroup
    {
        public int[] Windows = [];
        public int[] Categories = [];
        public bool[] Row = [];
        public int OpenAbove;
        public int CloseBelow;
    }

    /// <summary>Compiles the journeys and returns the number of queues per priority rank.</summary>
    private int InitJourneys(Scenario s)
    {
        _queueCount = _categories;
        if (s.Journeys is not { } j)
        {
            return _queueCount;
        }

        _journeys = j;
        _tally = new JourneyTally(_days.Length);
        var categoryIndex = s.Categories.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var windowIndex = s.Windows.Select((w, i) => (w.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var n = _categories;
        _incomplete = new double[n];
        _incompleteOnReturn = new double[n];
        _transferShare = new double[n];
        _incompleteTime = new Distribution?[n];
        _transferTime = new Distribution?[n];
        _backOfficeTime = new Distribution?[n];
        _transferQueue = Enumerable.Repeat(-1, n).ToArray();
        _dueDays = new int[n];
        _deadlineDay = Enumerable.Repeat(int.MaxValue, n).ToArray();
        var groups = new List<string>();
        var groupWindows = new List<int[]>();
        foreach (var c in j.Categories)
        {
            var i = categoryIndex[c.Category];
            _incomplete[i] = c.IncompleteShare;
            _incompleteOnReturn[i] = c.IncompleteShareOnReturn ?? c.IncompleteShare;
            _incompleteTime[i] = c.IncompleteServiceTime;
            _transferShare[i] = c.TransferShare;
            _transferTime[i] = c.TransferServiceTime ?? _serviceTimes[i];
            _backOfficeTime[i] = c.BackOfficeTime;
            _dueDays[i] = c.DueDays;
            if (c.Deadline is { } deadline)
            {
                _deadlineDay[i] = deadline.DayNumber - s.StartDate.DayNumber;
            }

            if (c.TransferShare > 0)
            {
                var key = string.Join("\u0001", c.TransferWindows.Distinct().Order(StringComparer.Ordinal));
                var g = groups.IndexOf(key);
                if (g < 0)
                {
                    groups.Add(key);
                    groupWindows.Add(c.TransferWindows.Select(id => windowIndex[id]).Distinct().ToArray());
                    g = groups.Count - 1;
                }

                _transferQueue[i] = n + g;
            }
        }

        _queueCount = n + groups.Count;
        if (j.BackOffice is { PickupServiceTime: not null } pickup)
        {
            _pickupQueue = _queueCount++;
        }

        _extraColumns = s.Windows.Select((w, wi) =>
        {
            var row = new bool[_queueCount - n];
            for (var g = 0; g < groups.Count; g++)
            {
                row[g] = groupWindows[g].Contains(wi);
            }

            if (_pickupQueue >= 0)
            {
                row[^1] = j.BackOffice!.PickupWindows.Count == 0 || j.BackOffice.PickupWindows.Contains(w.Id);
            }

            return row;
        }).ToArray();

        _journeyStream = _sim.Stream("journeys");
        _returnStream = _sim.Stream("returns");
        if (j.Reception is { } reception)
        {
            _reception = new Resource(_sim, reception.Desks, "reception");
            _receptionStream = _sim.Stream("reception");
        }

        _scheduled = Enumerable.Range(0, _days.Length).Select(_ => new List<(double, Ticket, JourneyStep)>()).ToArray();
        if (j.BackOffice is { } office)
        {
            _backOfficeStream = _sim.Stream("back office");
            _workers = Enumerable.Range(0, office.Staff).Select(i => new Worker(i)).ToArray();
            _windowStaffHelp = office.WindowStaffHelp;
        }

        _groupOf = Enumerable.Repeat(-1, _queueCount).ToArray();
        _groups = j.QueueTriggeredWindows.Select((q, g) =>
        {
            var categories = q.Categories.Count == 0 ? Enumerable.Range(0, n).ToArray() : q.Categories.Select(c => categoryIndex[c]).Distinct().ToArray();
            var row = new bool[_queueCount];
            foreach (var c in categories)
            {
                row[c] = true;
                _groupOf[c] = g;
            }

            return new TriggerGroup
            {
                Windows = q.Windows.Select(id => windowIndex[id]).ToArray(),
                Categories = categories,
                Row = row,
                OpenAbove = q.OpenAbove,
                CloseBelow = q.CloseBelow,
            };
        }).ToArray();

        _meanService = new double[_queueCount];
        for (var q = 0; q < _queueCount; q++)
        {
            _meanService[q] = q < n ? _serviceTimes[q].Mean
                : q == _pickupQueue ? j.BackOffice!.PickupServiceTime!.Mean
                : Enumerable.Range(0, n).Where(c => _transferQueue[c] == q).Select(c => _transferTime[c]!.Mean).First();
        }

        return _queueCount;
    }

    /// <summary>A window's row of served queues: its categories, then the transfer groups and pickups it belongs to.</summary>
    private bool[] Row(int window, bool[] categories)
    {
        if (_extraColumns is null)
        {
            return categories;
        }

        var row = new bool[_queueCount];
        Array.Copy(categories, row, _categories);
        Array.Copy(_extraColumns[window], 0, row, _categories, _queueCount - _categories);
        return row;
    }

    /// <summary>Per pair of queues: whether some window of the scenario serves both (for the displayed wait).</summary>
    private void CompileSharing()
    {
        if (_journeys?.DisplayedWait is null)
        {
            return;
        }

        _sharesWindow = Enumerable.Range(0, _queueCount)
            .Select(a => Enumerable.Range(0, _queueCount).Select(b => a == b || _serves.Any(row => row[a] && row[b])).ToArray())
            .ToArray();
    }

    /// <summary>The journey's draws of a new visit, the same number whatever happens (common random numbers).</summary>
    private void DrawJourney(Ticket t, bool returning)
    {
        var stream = _journeyStream!;
        var uIncomplete = stream.NextDouble();
        t.Caught = stream.NextDouble() < (_journeys!.Reception?.CatchShare ?? 0);
        var uTransfer = stream.NextDouble();
        var c = t.Category;
        t.Incomplete = uIncomplete < (returning ? _incompleteOnReturn[c] : _incomplete[c]);
        t.IncompleteTime = _incompleteTime[c]?.Sample(stream) ?? 0;
        t.Transfer = uTransfer < _transferShare[c];
        t.TransferTime = _transferShare[c] > 0 ? _transferTime[c]!.Sample(stream) : 0;
        t.TransferPatience = _transferShare[c] > 0 ? _s.Behaviour.Patience?.Sample(stream) ?? double.PositiveInfinity : double.PositiveInfinity;
        t.ReceptionTime = _reception is not null ? _journeys.Reception!.ServiceTime.Sample(_receptionStream!) : 0;
    }

    /// <summary>At the reception desk: seen in order of arrival, then turned back, sent to a machine, or to the ticket machine.</summary>
    private IEnumerable<Event> AtReception(Ticket ticket, int kioskGroup, double uKiosk, double kioskTime, bool kioskFails)
    {
        var arrived = _sim.Now;
        yield return _reception!.Use(ticket.ReceptionTime); // one event: the desk, the minutes at it, the desk freed
        ticket.ReceptionEnd = _sim.Now;
        ticket.ReceptionStart = Math.Max(arrived, _sim.Now - ticket.ReceptionTime);
        _tally!.ReceptionServed++;
        _tally.ReceptionWaitSum += ticket.ReceptionStart - arrived;

        if (ticket.Incomplete && ticket.Caught)
        {
            _results.Finish(ticket, TicketOutcome.TurnedBack, null, 0, null, null, null, _sim.Now);
            _tally.TurnedBack++;
            SentHome(ticket);
            yield break;
        }

        var share = _journeys!.Reception!.KioskShare ?? (kioskGroup >= 0 ? _s.Kiosks[kioskGroup].UseShare : 0);
        if (kioskGroup >= 0 && uKiosk < share)
        {
            ticket.Channel = TicketChannel.SelfServiceFirst;
            _sim.Process(Kiosk(ticket, _kiosks[kioskGroup]!, kioskTime, kioskFails));
            yield break;
        }

        TakeTicket(ticket);
    }

    /// <summary>Sent home with incomplete papers: the decision is counted and the return visit, if any, is booked.</summary>
    private void SentHome(Ticket t)
    {
        _tally!.Decide(t.Step == JourneyStep.FirstVisit, resolved: false);
        var stream = _returnStream!;
        var u = stream.NextDouble();
        if (_journeys!.Returns is not { } returns)
        {
            _tally.NotReturning++;
            return;
        }

        var delay = returns.DelayDays.Sample(stream);
        if (u >= returns.ReturnShare)
        {
            _tally.NotReturning++;
            return;
        }

        var day = OpenDayFrom(Today() + Math.Max(1, (int)Math.Ceiling(delay - 1e-9)));
        if (day < 0)
        {
            _tally.ReturnsBeyondRun++;
        }
        else if (day > _deadlineDay[t.Category])
        {
            _tally.LostAfterDeadline++;
        }
        else
        {
            _scheduled[day].Add((TimeOfDay(_days[day], stream), t, JourneyStep.ReturnVisit));
        }
    }

    private int Today() => Math.Clamp((int)Math.Floor(_sim.Now / IntervalGrid.MinutesPerDay), 0, _days.Length - 1);

    /// <summary>The first day at or after <paramref name="day"/> on which tickets are issued; −1 past the run.</summary>
    private int OpenDayFrom(int day)
    {
        for (var d = day; d < _days.Length; d++)
        {
            if (_days[d].Sessions.Any(x => x.Close - _s.Calendar.TicketCutoffMinutes > x.Open))
            {
                return d;
            }
        }

        return -1;
    }

    /// <summary>A time on an open day drawn from its walk-in arrival profile (uniform over its ticket hours when it
    /// expects no walk-ins).</summary>
    private double TimeOfDay(DayPlan day, RandomStream stream)
    {
        var u = stream.NextDouble();
        var total = day.Pieces.Sum(p => p.Rate * (p.End - p.Start));
        if (total > 0)
        {
            var target = u * total;
            foreach (var p in day.Pieces)
            {
                var mass = p.Rate * (p.End - p.Start);
                if (target < mass && mass > 0)
                {
                    return p.Start + (target / mass * (p.End - p.Start));
                }

                target -= mass;
            }

            var last = day.Pieces.Last(p => p.Rate > 0);
            return last.End - 1e-6;
        }

        var spans = day.Sessions.Select(x => (x.Open, End: x.Close - _s.Calendar.TicketCutoffMinutes)).Where(x => x.End > x.Open).ToArray();
        var length = spans.Sum(x => x.End - x.Open) * u;
        foreach (var (open, end) in spans)
        {
            if (length < end - open)
            {
                return open + length;
            }

            length -= end - open;
        }

        return spans[^1].End - 1e-6;
    }

    /// <summary>Return and pickup visits, day by day (each day's visits are all booked before it begins).</summary>
    private IEnumerable<Event> ScheduledVisits()
    {
        for (var d = 0; d < _days.Length; d++)
        {
            var start = d * IntervalGrid.MinutesPerDay;
            if (_sim.Now < start)
            {
                yield return _sim.Timeout(start - _sim.Now);
            }

            var list = _scheduled[d];
            list.Sort((a, b) => a.At.CompareTo(b.At));
            foreach (var (at, previous, step) in list)
            {
                if (_sim.Now < at)
                {
                    yield return _sim.Timeout(at - _sim.Now);
                }

                Arrive(_days[d], previous: previous, step: step);
            }

            list.Clear();
        }
    }

    /// <summary>The first service of a transferred ticket ended: the citizen waits again for the group's windows, with
    /// the same ticket number.</summary>
    private void Transfer(Ticket first)
    {
        _tally!.Transfers++;
        var t = new Ticket
        {
            Id = _nextId++,
            Category = first.Category,
            Queue = _transferQueue[first.Category],
            ServiceTime = first.TransferTime,
            Patience = first.TransferPatience,
            ArrivedAt = _sim.Now,
            Number = first.Number,
            RankIndex = first.RankIndex,
            ClassIndex = first.ClassIndex,
            Day = first.Day,
            Channel = first.Channel,
            JourneyId = first.JourneyId < 0 ? first.Id : first.JourneyId,
            Step = JourneyStep.Transfer,
            FirstVisit = first.FirstVisit,
        };
        t.IssuedAt = _sim.Now;
        Enqueue(t);
    }

    /// <summary>A visit served to the end: counted, and its back-office work (if any) joins the backlog.</summary>
    private void Resolved(Ticket t)
    {
        if (t.Step == JourneyStep.Pickup)
        {
            return;
        }

        _tally!.Decide(t.FirstVisit, resolved: true);
        if (_backOfficeTime[t.Category] is not { } work)
        {
            return;
        }

        _tally.Accepted++;
        _backlog.AddLast(new WorkItem { Remaining = work.Sample(_backOfficeStream!), Due = DueTime(Today(), _dueDays[t.Category]), Category = t.Category, Citizen = t });
        NotifyBacklog();
    }

    /// <summary>The last closing of the <paramref name="dueDays"/>-th open day from <paramref name="day"/> (0: that day);
    /// +∞ past the run.</summary>
    private double DueTime(int day, int dueDays)
    {
        var count = 0;
        for (var d = day; d < _days.Length; d++)
        {
            if (_days[d].Sessions.Length == 0)
            {
                continue;
            }

            if (count++ == dueDays)
            {
                return _days[d].Sessions[^1].Close;
            }
        }

        return double.PositiveInfinity;
    }

    /// <summary>New back-office work: an idle back-office worker takes it, else an idle open window (when window staff help).</summary>
    private void NotifyBacklog()
    {
        foreach (var w in _workers)
        {
            if (w.Idle && !w.AtWindow)
            {
                Signal(w);
                return;
            }
        }

        if (!_windowStaffHelp)
        {
            return;
        }

        foreach (var w in _windows)
        {
            if (w.Idle && w.Open && !w.DoingBackOffice && !w.Triggered)
            {
                w.Wake();
                return;
            }
        }
    }

    private static void Signal(Worker w)
    {
        if (w.Waiting)
        {
            w.Waiting = false;
            w.Idle = false;
            w.Signal.Succeed();
        }
    }

    /// <summary>Minutes of work done on an item; finished, or its rest back at the head of the backlog.</summary>
    private void Worked(WorkItem item, double minutes, bool byWindowStaff)
    {
        if (byWindowStaff)
        {
            _tally!.WindowMinutes += minutes;
        }
        else
        {
            _tally!.StaffMinutes += minutes;
        }

        item.Remaining -= minutes;
        if (item.Remaining > 1e-9)
        {
            _backlog.AddFirst(item);
            return;
        }

        _tally.Completed++;
        _tally.Late += _sim.Now > item.Due + 1e-9 ? 1 : 0;
        var office = _journeys!.BackOffice!;
        if (office.PickupServiceTime is null)
        {
            return;
        }

        var stream = _backOfficeStream!;
        var u = stream.NextDouble();
        var delay = office.PickupDelayDays.Sample(stream);
        if (u >= office.PickupShare)
        {
            return;
        }

        var day = OpenDayFrom(Today() + Math.Max(1, (int)Math.Ceiling(delay - 1e-9)));
        if (day < 0)
        {
            _tally.PickupsBeyondRun++;
        }
        else
        {
            _scheduled[day].Add((TimeOfDay(_days[day], stream), item.Citizen, JourneyStep.Pickup));
        }
    }

    /// <summary>A dedicated back-office worker: works the backlog in the opening sessions, leaving it to staff a
    /// queue-triggered window when one opens.</summary>
    private IEnumerable<Event> BackOfficeWorker(Worker me)
    {
        foreach (var day in _days)
        {
            foreach (var (open, close) in day.Sessions)
            {
                if (_sim.Now < open)
                {
                    yield return _sim.Timeout(open - _sim.Now);
                }

                while (_sim.Now < close || me.AtWindow)
                {
                    me.Signal = _sim.Event();
                    me.Waiting = true;
                    if (me.AtWindow)
                    {
                        yield return me.Signal;
                        continue;
                    }

                    if (_backlog.Count == 0)
                    {
                        me.Idle = true;
                        yield return _sim.AnyOf(me.Signal, _sim.Timeout(close - _sim.Now));
                        me.Idle = false;
                        me.Waiting = false;
                        continue;
                    }

                    var item = _backlog.First!.Value;
                    _backlog.RemoveFirst();
                    var start = _sim.Now;
                    yield return _sim.AnyOf(me.Signal, _sim.Timeout(Math.Min(item.Remaining, close - start)));
                    me.Waiting = false;
                    Worked(item, _sim.Now - start, byWindowStaff: false);
                }
            }
        }
    }

    /// <summary>Unfinished work at the end of each day's last closing.</summary>
    private IEnumerable<Event> BacklogByDay()
    {
        foreach (var day in _days)
        {
            var at = day.Sessions.Length > 0 ? day.Sessions[^1].Close : (day.Index + 1) * IntervalGrid.MinutesPerDay - 1;
            if (_sim.Now < at)
            {
                yield return _sim.Timeout(at - _sim.Now);
            }

            _tally!.BacklogByDay[day.Index] = _tally.Accepted - _tally.Completed;
        }
    }

    private int GroupWaiting(int g)
    {
        var sum = 0;
        foreach (var c in _groups[g].Categories)
        {
            sum += _waitingBy[c];
        }

        return sum;
    }

    /// <summary>After a ticket of the group joined the queue: one more of its windows opens when more than the
    /// threshold wait, tickets are being issued, a window of the group is free and someone can staff it.</summary>
    private void TryOpenTriggered(int g)
    {
        var group = _groups[g];
        var now = _sim.Now;
        if (GroupWaiting(g) <= group.OpenAbove || !CanIssue(now, Today()))
        {
            return;
        }

        WindowState? window = null;
        foreach (var i in group.Windows)
        {
            var w = _windows[i];
            if (!w.Open && !w.Busy && !w.Extra && !w.Triggered && w.Pinned is null && !w.Overtime)
            {
                window = w;
                break;
            }
        }

        if (window is null)
        {
            return;
        }

        Worker? worker = null;
        if (_workers.Length > 0)
        {
            worker = _workers.FirstOrDefault(x => !x.AtWindow && x.Idle) ?? _workers.FirstOrDefault(x => !x.AtWindow && now < SessionClose(now));
            if (worker is null)
            {
                return;
            }

            worker.AtWindow = true;
            Signal(worker);
        }

        window.Worker = worker;
        window.StaffId = worker?.Id ?? "standby";
        window.SavedServes = _serves[window.Index];
        _serves[window.Index] = group.Row;
        window.Triggered = true;
        window.Group = g;
        window.TriggeredSince = now;
        _tally!.Openings++;
        _tally.OpeningsByDay[Today()]++;
        SetWindowOpen(window, true);
    }

    /// <summary>The closing time of the session open at <paramref name="now"/> (−∞ when none is).</summary>
    private double SessionClose(double now)
    {
        foreach (var (open, close) in _days[Today()].Sessions)
        {
            if (now >= open && now < close)
            {
                return close;
            }
        }

        return double.NegativeInfinity;
    }

    /// <summary>A queue-triggered window closes; its back-office worker goes back to the backlog.</summary>
    private void CloseTriggered(WindowState w)
    {
        w.Triggered = false;
        _serves[w.Index] = w.SavedServes!;
        w.Open = false;
        w.LastClosedAt = _sim.Now;
        _results.OpenChanged(_sim.Now, -1, w.Index);
        _tally!.OpenMinutes += _sim.Now - w.TriggeredSince;
        if (w.Worker is { } worker)
        {
            worker.AtWindow = false;
            Signal(worker);
            w.Worker = null;
        }
    }

    /// <summary>The expected wait shown at issue for a ticket of <paramref name="queue"/>, minutes.</summary>
    private double Displayed(int queue)
    {
        var ahead = 0;
        var shares = _sharesWindow[queue];
        for (var q = 0; q < _queueCount; q++)
        {
            ahead += shares[q] ? _waitingBy[q] : 0;
        }

        var open = 0;
        foreach (var w in _windows)
        {
            open += w.Open && _serves[w.Index][queue] ? 1 : 0;
        }

        return ahead * _meanService[queue] / Math.Max(1, open);
    }

    /// <summary>After the run: back-office work still unfinished whose due time has passed.</summary>
    private void FinishJourneys()
    {
        foreach (var item in _backlog)
        {
            _tally!.OverdueAtEnd += item.Due < _sim.Now ? 1 : 0;
        }
    }
}
