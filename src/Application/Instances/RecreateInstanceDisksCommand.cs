using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>POST /2/instances/{instanceName}/recreate-disks: recreates an instance's disks (the body gives <c>disks</c>, <c>nodes</c>, <c>iallocator</c>).</summary>
[OpResource("instances_name_recreate_disks")]
public sealed record RecreateInstanceDisksCommand(string InstanceName) : OpCommand<OpInstanceRecreateDisks>;

public sealed partial class RecreateInstanceDisksCommandValidator
{
    /// <summary>
    /// <c>disks</c> is a list of indices or of <c>[index, {params}]</c> pairs. Ganeti tries the
    /// second form on a list that is not all indices, and a number in it then fails with
    /// Python's own words (<c>len()</c> of a number).
    /// </summary>
    partial void Rules() =>
        RuleFor(c => c).Custom((command, context) =>
        {
            if (command.Body is not JsonObject body || body["disks"] is not JsonArray disks
                || disks.All(d => OpValues.TryInteger(d, out var index) && index >= 0))
            {
                return;
            }

            if (disks.FirstOrDefault(d => d is JsonValue v && v.GetValueKind() == JsonValueKind.Number) is { } number)
            {
                context.AddFailure("body", $"Invalid body parameters: object of type '{OpInput.PythonTypeName(number)}' has no len()");
            }
        });
}
