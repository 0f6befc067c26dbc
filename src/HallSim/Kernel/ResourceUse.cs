namespace HallSim.Kernel;

/// <summary>
/// A handle to a use of a resource (<see cref="Resource.Use"/>, <see cref="PriorityResource.Use"/>): one unit
/// requested, held for a fixed time once granted, then released — the request, the timeout and the release of the
/// commonest customer ("seize, delay, release") in one event. Yield it to wait until the hold has ended.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> A use granted at once books its hold end at once; a use granted from the queue gets a grant
/// entry at that moment, as a request does, and books its hold end when that entry fires — where a
/// request/timeout/release customer would resume and book its timeout. The use's event is processed when the hold
/// ends: the unit is released and the next waiting request granted first, then the waiting process resumes. So grants,
/// waits and releases come out as with request, timeout and release, in the same calendar order; the use saves the
/// process's resume at the grant and the timeout object, not calendar entries.</para>
/// <para><b>Leaving the queue.</b> <see cref="Dispose"/> withdraws a use that still waits (a citizen who gives up); once
/// granted, a use runs its whole hold (to cut a service short, use <see cref="Resource.Request"/> and release it).</para>
/// <para><b>Handles.</b> Uses are pooled: once the single process that waited on it has moved on — or at the hold's
/// end when no process waits on it then (unlike a timeout; a process that was interrupted while it waited and wants
/// the use's end later must keep it in <see cref="Simulation.AnyOf"/> or read it before) — the handle goes stale and
/// reading it throws. Read <see cref="GrantedAt"/> right after the yield. A use passed to
/// <see cref="Simulation.AnyOf"/> or <see cref="Simulation.AllOf"/> is recycled only if it is withdrawn.</para>
/// </remarks>
public readonly struct ResourceUse : IDisposable, IEquatable<ResourceUse>
{
    private readonly RequestCore _core;
    private readonly int _version;

    internal ResourceUse(RequestCore core)
    {
        _core = core;
        _version = core.Version;
    }

    /// <summary>True once the unit has been granted (also after the hold ended).</summary>
    public bool IsGranted => Valid.RequestState is RequestState.Granted or RequestState.Released;

    /// <summary>True while the use waits in the resource's queue.</summary>
    public bool IsWaiting => Valid.RequestState == RequestState.Queued;

    /// <summary>True once the hold has ended and the unit is released.</summary>
    public bool IsReleased => Valid.RequestState == RequestState.Released;

    /// <summary>Minutes at which the use was asked for.</summary>
    public double RequestedAt => Valid.RequestedAt;

    /// <summary>Minutes at which the unit was granted (meaningful once <see cref="IsGranted"/>).</summary>
    public double GrantedAt => Valid.UsageSince;

    /// <summary>How long the unit is held once granted, in minutes.</summary>
    public double HoldMinutes => Valid.HoldMinutes;

    /// <summary>The priority the use was asked with (0 on a plain <see cref="Resource"/>).</summary>
    public int Priority => Valid.Priority;

    private RequestCore Valid => _core is not null && _core.Version == _version
        ? _core
        : throw new InvalidOperationException(_core is null
            ? "This is default(ResourceUse), which is no use of a resource."
            : "Stale handle: this use was recycled (once the process that waited on it moved on, or when it was withdrawn). Read what you need right after the yield.");

    /// <summary>Withdraws the use if it still waits; does nothing once it is granted, ended or recycled.</summary>
    public void Dispose()
    {
        if (_core is not null && _core.Version == _version && _core.RequestState == RequestState.Queued)
        {
            _core.Resource.Finish(_core);
        }
    }

    /// <summary>The use as an event to yield: processed when the hold has ended.</summary>
    /// <param name="use">The use.</param>
    public static implicit operator Event(ResourceUse use) => new(use._core, use._version);

    /// <inheritdoc />
    public bool Equals(ResourceUse other) => ReferenceEquals(_core, other._core) && _version == other._version;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ResourceUse other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_core, _version);

    /// <summary>Equality of handles.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    public static bool operator ==(ResourceUse left, ResourceUse right) => left.Equals(right);

    /// <summary>Inequality of handles.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    public static bool operator !=(ResourceUse left, ResourceUse right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => _core is null ? "(no use)" : _core.Describe();
}
