using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Networks;

/// <summary>PUT /2/networks/{networkName}/rename?dry-run=: renames a network; the body gives <c>new_name</c>.</summary>
[OpResource("networks_name_rename")]
public sealed record RenameNetworkCommand(string NetworkName) : OpCommand<OpNetworkRename>
{
    [Query("dry-run")]
    public bool DryRun { get; init; }
}
