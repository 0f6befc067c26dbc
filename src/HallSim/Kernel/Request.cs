namespace HallSim.Kernel;

/// <summary>
/// A handle to a request for one unit of a resource. Yield it to wait until it is granted; dispose it (a
/// <c>using</c> block) to release the unit, or to withdraw the request if it is still waiting (reneging).
/// </summary>
/// <remarks>
/// Requests are pooled: once released, cancelled or preempted, the handle is stale. <see cref="Dispose"/> on a
/// stale handle does nothing (so <c>using</c> after an explicit release is safe); every other member throws.
/// </remarks>
public readonly struct Request : IDisposable, IEquatable<Request>
{
    private readonly RequestCore _core;
    private readonly int _version;

    internal Request(RequestCore core)
    {
        _core = core;
        _version = core.Version;
    }

    internal RequestCore? LiveCore => _core is not null && _core.Version == _version ? _core : null;

    internal bool IsStale => _core is not null && _core.Version != _version;

    internal bool IsNone => _core is null;

    /// <summary>True once the unit has been granted to this request.</summary>
    public bool IsGranted => Valid.RequestState == RequestState.Granted;

    /// <summary>True while the request waits in the resource's queue.</summary>
    public bool IsWaiting => Valid.RequestState == RequestState.Queued;

    /// <summary>The request's priority (lower is served first; 0 for a plain <see cref="Resource"/>).</summary>
    public int Priority => Valid.Priority;

    /// <summary>Minutes at which the request was made.</summary>
    public double RequestedAt => Valid.RequestedAt;

    /// <summary>Minutes at which the unit was granted (meaningful once <see cref="IsGranted"/>).</summary>
    public double GrantedAt => Valid.UsageSince;

    private RequestCore Valid => LiveCore ?? throw new InvalidOperationException(
        _core is null ? "This is default(Request), which is no request." : "Stale handle: this request was already released, cancelled or preempted.");

    /// <summary>Releases the unit if granted, withdraws the request if waiting, and does nothing if already done.</summary>
    public void Dispose()
    {
        if (LiveCore is { } core)
        {
            core.Resource.Finish(core);
        }
    }

    /// <summary>The request as an event to yield.</summary>
    /// <param name="request">The request.</param>
    public static implicit operator Event(Request request) => new(request._core, request._version);

    /// <inheritdoc />
    public bool Equals(Request other) => ReferenceEquals(_core, other._core) && _version == other._version;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Request other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_core, _version);

    /// <summary>Equality of handles.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    public static bool operator ==(Request left, Request right) => left.Equals(right);

    /// <summary>Inequality of handles.</summary>
    /// <param name="left">A handle.</param>
    /// <param name="right">Another handle.</param>
    public static bool operator !=(Request left, Request right) => !left.Equals(right);
}
