using System.Text.Json.Nodes;
using FluentValidation;
using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>
/// POST /2/instances?dry-run=: creates an instance. The body is a request of version 1
/// (<c>"__version__": 1</c>, the feature <c>instance-create-reqv1</c>) holding OP_INSTANCE_CREATE's
/// parameters, with <c>name</c> and <c>os</c> for <c>instance_name</c> and <c>os_type</c>; the
/// job's result is the list of the instance's nodes.
/// </summary>
[OpResource("instances", Renames = ["os:os_type", "name:instance_name"])]
public sealed record CreateInstanceCommand : OpCommand<OpInstanceCreate>, IBodyRewriter
{
    [Query("dry-run")]
    public bool DryRun { get; init; }

    public JsonNode? RewriteBody(out string? error)
    {
        error = InstanceRequests.VersionError(Body);
        return error is null ? InstanceRequests.CreateBody(Body) : null;
    }
}

public sealed partial class CreateInstanceCommandValidator
{
    // The disks and NICs once the rest of the body makes an opcode (Ganeti checks them in its turn).
    partial void Rules() =>
        RuleFor(c => c).Custom((command, context) =>
        {
            if (OpInput.Check(command) is null && InstanceRequests.DeviceError(command.RewriteBody(out _)) is { } error)
            {
                context.AddFailure("body", error);
            }
        });
}
