namespace HallSim.Kernel;

internal enum RequestState : byte
{
    Free,
    Queued,
    Granted,
    Cancelled,

    /// <summary>A use whose hold has ended: the unit is released, the handle still readable until recycled.</summary>
    Released,
}

/// <summary>A pooled resource request.</summary>
internal sealed class RequestCore : EventCore
{
    internal readonly ResourceBase Resource;
    internal ProcessCore? Owner;
    internal int OwnerVersion;
    internal RequestState RequestState;
    internal int Priority;
    internal bool Preempt;
    internal long Sequence;
    internal double RequestedAt;
    internal double UsageSince;

    /// <summary>Minutes a use holds its unit once granted (uses only).</summary>
    internal double HoldMinutes;

    /// <summary>A use whose hold end is in the calendar (false while its grant entry is still to fire).</summary>
    internal bool HoldStarted;

    internal RequestCore(Simulation sim, ResourceBase resource, EventKind kind = EventKind.Request)
        : base(sim, kind) => Resource = resource;

    internal override string Describe() => Kind == EventKind.Use ? $"Use({Resource.Name})" : $"Request({Resource.Name})";

    internal override void ResetForPool()
    {
        base.ResetForPool();
        Owner = null;
        HoldStarted = false;
        RequestState = RequestState.Free;
    }
}
