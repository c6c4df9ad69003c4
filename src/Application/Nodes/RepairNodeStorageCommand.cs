using FluentValidation;
using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Nodes;

/// <summary>PUT /2/nodes/{nodeName}/storage/repair?storage_type=&amp;name=: repairs a storage unit (the body is ignored).</summary>
[OpResource("nodes_name_storage_repair", BodyIgnored = true)]
public sealed record RepairNodeStorageCommand(string NodeName) : OpCommand<OpRepairNodeStorage>
{
    [Query("storage_type")]
    public string? StorageType { get; init; }

    [Query("name")]
    public string? Name { get; init; }
}

public sealed partial class RepairNodeStorageCommandValidator
{
    partial void Rules() =>
        RuleFor(c => c.Name).NotEmpty().WithMessage("Missing the required 'name' parameter");
}
