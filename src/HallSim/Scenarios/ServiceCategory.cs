using HallSim.Randomness;

namespace HallSim.Scenarios;

/// <summary>A group of service items that share a queue skill and a service-time distribution (for example rental registration).</summary>
/// <param name="Id">Short identifier used by windows, kiosks and staff skills (for example "rental").</param>
/// <param name="Share">Share of the day's tickets in this category on an ordinary day; shares are normalised over all categories.</param>
/// <param name="ServiceTime">Minutes at the window.</param>
public sealed record ServiceCategory(string Id, double Share, Distribution ServiceTime)
{
    /// <summary>Display name (default: the id).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The service items in this category, for documentation and reports.</summary>
    public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>Optional factor per month (12 values, January first) on this category's demand, on top of the hall's month factors
    /// (the January–March rental peak is such a factor).</summary>
    public IReadOnlyList<double>? MonthFactors { get; init; }
}

/// <summary>A window (counter) of the hall and the categories it can take.</summary>
/// <param name="Id">Identifier, for example "W01".</param>
/// <param name="Categories">Category ids this window serves; <c>["*"]</c> is a comprehensive window (无差别综合窗口) that serves every category.</param>
public sealed record Window(string Id, IReadOnlyList<string> Categories)
{
    /// <summary>The wildcard that makes a window comprehensive.</summary>
    public const string AnyCategory = "*";

    /// <summary>True if this window serves <paramref name="categoryId"/>.</summary>
    /// <param name="categoryId">A category id.</param>
    public bool Serves(string categoryId) => Categories.Contains(AnyCategory) || Categories.Contains(categoryId);
}

/// <summary>Who a free window calls next.</summary>
public enum RoutingRule
{
    /// <summary>The longest-waiting ticket the window can serve, whatever its priority class.</summary>
    PooledFifo,

    /// <summary>The most urgent priority class first (green channel, then elderly/pregnant, appointments, then everyone else), longest-waiting within a class.</summary>
    PriorityClassesFirst,

    /// <summary>Priority classes first; within a class, tickets of the window's first-listed category before the others.</summary>
    SkillPriority,
}

/// <summary>A group of identical self-service machines.</summary>
/// <param name="Id">Identifier, for example "etax".</param>
/// <param name="Count">Number of machines, at least 0.</param>
/// <param name="Categories">Category ids whose citizens may use these machines.</param>
/// <param name="UseShare">Share of those citizens who go to a machine first, in [0, 1].</param>
/// <param name="ServiceTime">Minutes at the machine.</param>
public sealed record KioskGroup(string Id, int Count, IReadOnlyList<string> Categories, double UseShare, Distribution ServiceTime)
{
    /// <summary>Display name (default: the id).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Share of machine users who fail and then take a window ticket, in [0, 1] (default 0.1).</summary>
    public double FailureShare { get; init; } = 0.1;
}
