using HallSim.Monitoring;

namespace HallSim.Kernel;

/// <summary>
/// A continuous or counted amount (fuel, forms, stock) between 0 and <see cref="Capacity"/>. A put waits while the
/// amount would not fit; a get waits until the amount is there. Each queue is served strictly first come, first
/// served: a waiting put or get blocks those behind it (as in SimPy).
/// </summary>
/// <remarks>Not thread-safe: a container belongs to one simulation.</remarks>
public sealed class Container
{
    private readonly Queue<(EventCore Event, double Amount)> _puts = new();
    private readonly Queue<(EventCore Event, double Amount)> _gets = new();

    /// <summary>Creates the container.</summary>
    /// <param name="simulation">The simulation it belongs to.</param>
    /// <param name="capacity">Maximum level, greater than 0 (default +∞).</param>
    /// <param name="initialLevel">Initial level, in [0, <paramref name="capacity"/>] (default 0).</param>
    public Container(Simulation simulation, double capacity = double.PositiveInfinity, double initialLevel = 0)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (!(capacity > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be greater than 0");
        }

        if (!(initialLevel >= 0) || initialLevel > capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(initialLevel), initialLevel, $"must lie in [0, capacity = {capacity}]");
        }

        Simulation = simulation;
        Capacity = capacity;
        Level = initialLevel;
    }

    /// <summary>The simulation the container belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>Maximum level.</summary>
    public double Capacity { get; }

    /// <summary>The current level.</summary>
    public double Level { get; private set; }

    /// <summary>Optional monitor of <see cref="Level"/> over time (default: none).</summary>
    public TimeWeightedMonitor? LevelMonitor { get; set; }

    /// <summary>Adds <paramref name="amount"/>; processed when it fits (at once if it does now and no put waits).</summary>
    /// <param name="amount">Amount, greater than 0 and at most <see cref="Capacity"/>.</param>
    public Event Put(double amount)
    {
        CheckAmount(amount);
        var core = new EventCore(Simulation, EventKind.ContainerPut);
        if (_puts.Count == 0 && Level + amount <= Capacity)
        {
            SetLevel(Level + amount);
            core.CompleteImmediately();
            Balance();
        }
        else
        {
            _puts.Enqueue((core, amount));
        }

        return new Event(core, 0);
    }

    /// <summary>Takes <paramref name="amount"/>; processed when it is there (at once if it is now and no get waits).</summary>
    /// <param name="amount">Amount, greater than 0 and at most <see cref="Capacity"/>.</param>
    public Event Get(double amount)
    {
        CheckAmount(amount);
        var core = new EventCore(Simulation, EventKind.ContainerGet);
        if (_gets.Count == 0 && Level >= amount)
        {
            SetLevel(Level - amount);
            core.CompleteImmediately();
            Balance();
        }
        else
        {
            _gets.Enqueue((core, amount));
        }

        return new Event(core, 0);
    }

    private void CheckAmount(double amount)
    {
        if (!(amount > 0) || amount > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"must be greater than 0 and at most the capacity ({Capacity})");
        }
    }

    private void SetLevel(double level)
    {
        Level = level;
        LevelMonitor?.Update(level);
    }

    private void Balance()
    {
        bool progress;
        do
        {
            progress = false;
            if (_puts.TryPeek(out var put) && Level + put.Amount <= Capacity)
            {
                _puts.Dequeue();
                SetLevel(Level + put.Amount);
                put.Event.TriggerSucceed();
                progress = true;
            }

            if (_gets.TryPeek(out var get) && Level >= get.Amount)
            {
                _gets.Dequeue();
                SetLevel(Level - get.Amount);
                get.Event.TriggerSucceed();
                progress = true;
            }
        }
        while (progress);
    }
}
