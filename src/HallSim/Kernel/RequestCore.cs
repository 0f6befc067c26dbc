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
    internal ResourceBase? Resource;
    internal ProcessCore? Owner;
    internal RequestState RequestState;
    internal int Priority;
    internal bool Preempt;
    internal long Sequence;
    internal double RequestedAt;
    internal double UsageSince;

    internal RequestCore(Simulation sim)
        : base(sim, EventKind.Request)
    {
    }

    internal override string Describe() => Resource is null ? "Request" : $"Request({Resource.Name})";

    internal override void ResetForPool()
    {
        base.ResetForPool();
        Resource = null;
        Owner = null;
        RequestState = RequestState.Free;
    }
}
