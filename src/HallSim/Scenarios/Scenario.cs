using HallSim.Staffing;

namespace HallSim.Scenarios;

/// <summary>
/// One hall over a range of dates: calendar, service catalogue, demand, windows, self-service machines, citizen
/// behaviour and staff. Immutable; read and written as JSON by <see cref="ScenarioJson"/>; check it with
/// <see cref="Validate"/>, which lists every problem with its path.
/// </summary>
/// <param name="Name">The hall's name.</param>
/// <param name="StartDate">First simulated date; minute 0 of the run is 00:00 local time on this date.</param>
/// <param name="Days">Number of consecutive dates, at least 1.</param>
/// <param name="Categories">Service categories, at least one.</param>
/// <param name="Demand">Arrivals.</param>
/// <param name="Windows">The hall's windows, at least one.</param>
public sealed record Scenario(
    string Name,
    DateOnly StartDate,
    int Days,
    IReadOnlyList<ServiceCategory> Categories,
    Demand Demand,
    IReadOnlyList<Window> Windows)
{
    /// <summary>The schema version this library reads and writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The schema version of the JSON this scenario came from (default: <see cref="CurrentSchemaVersion"/>).</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>IANA time zone of the hall (default "Asia/Shanghai"); times in the scenario are local to it.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>Opening hours, holidays and special days (default: weekdays 09:00–12:00 and 14:00–18:00).</summary>
    public HallCalendar Calendar { get; init; } = new();

    /// <summary>Who a free window calls next (default: priority classes first).</summary>
    public RoutingRule Routing { get; init; } = RoutingRule.PriorityClassesFirst;

    /// <summary>Self-service machines (default: none).</summary>
    public IReadOnlyList<KioskGroup> Kiosks { get; init; } = [];

    /// <summary>Citizen behaviour (default: no priority classes, no balking, infinite patience).</summary>
    public CitizenBehaviour Behaviour { get; init; } = new();

    /// <summary>Appointments; null: walk-ins only.</summary>
    public AppointmentPolicy? Appointments { get; init; }

    /// <summary>Citizen journeys (reception, return visits, transfers, back office and pickup, queue-triggered windows, a
    /// displayed wait); null (default): one ticket at one window per citizen.</summary>
    public Journeys? Journeys { get; init; }

    /// <summary>The hall's staff, for rosters.</summary>
    public IReadOnlyList<StaffMember> Staff { get; init; } = [];

    /// <summary>Shift templates, for rosters.</summary>
    public IReadOnlyList<ShiftTemplate> Shifts { get; init; } = [];

    /// <summary>The last simulated date.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateOnly EndDate => StartDate.AddDays(Math.Max(Days, 1) - 1);

    /// <summary>Every problem in the scenario, each with the path of the field in JSON names; empty when valid.</summary>
    public IReadOnlyList<ValidationProblem> Validate() => ScenarioValidator.Validate(this);

    /// <summary>
    /// Validates this scenario once (every problem at once) and compiles it for simulation; simulate many staffings
    /// and replications from the result without validating again.
    /// </summary>
    /// <returns>The compiled hall.</returns>
    /// <exception cref="ScenarioValidationException">The scenario has problems; every one is listed.</exception>
    public HallSim.Model.CompiledHall Compile() => HallSim.Model.CompiledHall.Compile(this);

    /// <summary>Throws <see cref="ScenarioValidationException"/> listing every problem, if there is any.</summary>
    /// <returns>This scenario.</returns>
    public Scenario EnsureValid()
    {
        var problems = Validate();
        return problems.Count == 0 ? this : throw new ScenarioValidationException($"scenario \"{Name}\"", problems);
    }
}
