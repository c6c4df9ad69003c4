using Ganeti.Domain.Groups;
using Ganeti.Domain.Instances;

namespace Ganeti.Domain.OpCodes;

/// <summary>OP_GROUP_SET_PARAMS: change a node group's policy and parameters.</summary>
public sealed record OpGroupSetParams([NonEmpty] string GroupName) : OpCode
{
    public AllocPolicy? AllocPolicy { get; init; }

    public IReadOnlyDictionary<string, object?>? Ndparams { get; init; }

    public IReadOnlyDictionary<DiskTemplate, IReadOnlyDictionary<string, object?>>? Diskparams { get; init; }

    public IReadOnlyDictionary<string, object?>? HvState { get; init; }

    public IReadOnlyDictionary<string, object?>? DiskState { get; init; }

    public IReadOnlyDictionary<string, object?>? Ipolicy { get; init; }
}
