using HallSim.Randomness;

namespace HallSim.Scenarios;

/// <summary>A priority class such as the green channel (绿色通道) or elderly and pregnant citizens.</summary>
/// <param name="Id">Identifier, for example "green".</param>
/// <param name="Share">Share of window tickets in this class, in [0, 1].</param>
/// <param name="Rank">0 is served first; ordinary citizens rank after every class.</param>
public sealed record PriorityClass(string Id, double Share, int Rank);

/// <summary>Balking on the number of tickets ahead: below <see cref="From"/> nobody leaves, at <see cref="All"/> or more
/// everybody does, linearly in between (Xu, Gao and Ou 2007: citizens read the gap between their number and the display).</summary>
/// <param name="From">Tickets ahead at which the first citizens leave without a ticket, at least 0.</param>
/// <param name="All">Tickets ahead at which every citizen leaves; greater than <paramref name="From"/>.</param>
public sealed record Balking(int From, int All);

/// <summary>What happens when a called citizen is not there.</summary>
/// <param name="Calls">How many times the number is called before it is skipped, at least 1 (default 3).</param>
/// <param name="MinutesPerCall">Window minutes lost per call, at least 0 (default 0.5).</param>
public sealed record AbsentWhenCalled(int Calls = 3, double MinutesPerCall = 0.5);

/// <summary>How citizens behave in the queue.</summary>
public sealed record CitizenBehaviour
{
    /// <summary>Priority classes (default: none).</summary>
    public IReadOnlyList<PriorityClass> PriorityClasses { get; init; } = [];

    /// <summary>Balking on tickets ahead; null: nobody balks.</summary>
    public Balking? Balking { get; init; }

    /// <summary>How long a citizen waits before leaving, minutes; null: everybody waits to be called.</summary>
    public Distribution? Patience { get; init; }

    /// <summary>Recalls of absent citizens (default: 3 calls, 0.5 minutes each).</summary>
    public AbsentWhenCalled AbsentWhenCalled { get; init; } = new();
}

/// <summary>Appointments booked ahead: citizens arrive around their slot and are called before walk-ins.</summary>
/// <param name="Share">Share of window demand that books an appointment, in [0, 1].</param>
/// <param name="SlotsPerHour">Appointment slots released per opening hour, at least 0.</param>
public sealed record AppointmentPolicy(double Share, int SlotsPerHour)
{
    /// <summary>Share of booked citizens who do not come, in [0, 1] (default 0.2; 15–33% reported elsewhere; sources in docs/modelling-assumptions.md).</summary>
    public double NoShowShare { get; init; } = 0.2;

    /// <summary>Standard deviation of arrival around the slot start, minutes (default 5).</summary>
    public double PunctualitySdMinutes { get; init; } = 5;

    /// <summary>The rank of appointment holders among the priority classes (default 1).</summary>
    public int Rank { get; init; } = 1;
}
