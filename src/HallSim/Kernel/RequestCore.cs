namespace HallSim.Kernel;

internal enum RequestState : byte
{
    Free,
    Queued,
    Granted,
    Cancelled,
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

    internal RequestCore(Simulation sim, ResourceBase resource)
        : base(sim, EventKind.Request) => Resource = resource;

    internal override string Describe() => $"Request({Resource.Name})";

    internal override void ResetForPool()
    {
        base.ResetForPool();
        Owner = null;
        RequestState = RequestState.Free;
    }
}
