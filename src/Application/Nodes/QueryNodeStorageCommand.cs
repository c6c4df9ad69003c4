using FluentValidation;
using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Nodes;

/// <summary>GET /2/nodes/{nodeName}/storage?output_fields=&amp;storage_type=: submits OP_NODE_QUERY_STORAGE; the job's result is the storage units.</summary>
[OpResource("nodes_name_storage", BodyIgnored = true)]
public sealed record QueryNodeStorageCommand([property: NotOpParameter] string NodeName) : OpCommand<OpNodeQueryStorage>
{
    public IReadOnlyList<string> Nodes => [NodeName];

    [Query("storage_type")]
    public string? StorageType { get; init; }

    [Query("output_fields"), NotOpParameter]
    public string? OutputFieldList { get; init; }

    public IReadOnlyList<string>? OutputFields => OutputFieldList?.Split(',');
}

public sealed partial class QueryNodeStorageCommandValidator
{
    partial void Rules() =>
        RuleFor(c => c.OutputFieldList).NotEmpty().WithMessage("Missing the required 'output_fields' parameter");
}
