using System.Text.Json;
using FluentValidation;
using Ganeti.Application.Operations;
using Ganeti.Domain.Common;
using Ganeti.Domain.Nodes;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Nodes;

/// <summary>
/// PUT /2/nodes/{nodeName}/role?force=&amp;auto-promote= with a JSON string body
/// (<c>"master-candidate"</c>, <c>"regular"</c>, <c>"drained"</c>, <c>"offline"</c>): sets the
/// flags of OP_NODE_SET_PARAMS that give the role.
/// </summary>
[OpResource("nodes_name_role", BodyIgnored = true)]
public sealed record SetNodeRoleCommand(string NodeName) : OpCommand<OpNodeSetParams>
{
    [Query("force")]
    public bool Force { get; init; }

    [Query("auto-promote")]
    public bool AutoPromote { get; init; }

    public bool? MasterCandidate => Flags.MasterCandidate;

    public bool? Offline => Flags.Offline;

    public bool? Drained => Flags.Drained;

    private (bool? MasterCandidate, bool? Offline, bool? Drained) Flags =>
        Body is System.Text.Json.Nodes.JsonValue v && v.GetValueKind() == JsonValueKind.String
            && WireNames<NodeRole>.TryParse(v.GetValue<string>(), out var role) && NodeRoles.TryToFlags(role, out var flags)
            ? flags
            : (null, null, null);
}

public sealed partial class SetNodeRoleCommandValidator
{
    partial void Rules() =>
        RuleFor(c => c.Body).Custom((body, context) =>
        {
            if (body is not System.Text.Json.Nodes.JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                context.AddFailure("body", $"Body contents: Type is '{OpInput.PythonTypeName(body)}', but 'str' is expected");
            }
            else if (!WireNames<NodeRole>.TryParse(value.GetValue<string>(), out var role) || !NodeRoles.TryToFlags(role, out _))
            {
                context.AddFailure("body", $"Can't set '{value.GetValue<string>()}' role");
            }
        });
}
