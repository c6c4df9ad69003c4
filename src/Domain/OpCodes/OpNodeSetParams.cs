namespace Ganeti.Domain.OpCodes;

/// <summary>OP_NODE_SET_PARAMS: change a node's flags (its role) and parameters.</summary>
public sealed record OpNodeSetParams([NonEmpty] string NodeName) : OpCode
{
    [NonEmpty]
    public string? NodeUuid { get; init; }

    [Default(false)]
    public bool? Force { get; init; }

    public IReadOnlyDictionary<string, object?>? HvState { get; init; }

    public IReadOnlyDictionary<string, object?>? DiskState { get; init; }

    public bool? MasterCandidate { get; init; }

    public bool? Offline { get; init; }

    public bool? Drained { get; init; }

    [Default(false)]
    public bool? AutoPromote { get; init; }

    public bool? MasterCapable { get; init; }

    public bool? VmCapable { get; init; }

    [NonEmpty]
    public string? SecondaryIp { get; init; }

    public IReadOnlyDictionary<string, object?>? Ndparams { get; init; }

    public bool? Powered { get; init; }
}
