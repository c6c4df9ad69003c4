using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>
/// PUT /2/instances/{instanceName}/modify: changes an instance's devices and parameters (the
/// body is OP_INSTANCE_SET_PARAMS'; <c>custom_beparams</c> and <c>custom_hvparams</c> name
/// <c>beparams</c> and <c>hvparams</c>; spaces in <c>hvparams.usb_devices</c> become commas,
/// Ganeti's older separator). The body is required.
/// </summary>
[OpResource("instances_name_modify", Renames = ["custom_beparams:beparams", "custom_hvparams:hvparams"])]
public sealed record ModifyInstanceCommand(string InstanceName) : OpCommand<OpInstanceSetParams>, IBodyRewriter
{
    public JsonNode? RewriteBody(out string? error)
    {
        error = null;
        if (Body is not JsonObject body)
        {
            error = $"Body contents: Type is '{OpInput.PythonTypeName(Body)}', but 'dict' is expected";
            return null;
        }

        if (body["hvparams"] is JsonObject { } hvparams && hvparams["usb_devices"] is JsonValue usb && usb.GetValueKind() == JsonValueKind.String)
        {
            var converted = (JsonObject)body.DeepClone();
            converted["hvparams"]!["usb_devices"] = usb.GetValue<string>().Replace(' ', ',');
            return converted;
        }

        return body;
    }
}

public sealed partial class ModifyInstanceCommandValidator
{
    partial void Rules() =>
        RuleFor(c => c).Custom((command, context) =>
        {
            // Ganeti checks the parameters in the opcode's order: report the modification
            // lists only when everything the generic check reads first is in order.
            if (OpInput.Check(command) is not null || command.RewriteBody(out _) is not JsonObject body)
            {
                return;
            }

            foreach (var (key, kind) in new[] { ("nics", DeviceModifications.Kind.Nic), ("disks", DeviceModifications.Kind.Disk) })
            {
                if (!DeviceModifications.IsValid(body[key], kind))
                {
                    context.AddFailure("body", $"Invalid body parameters: (\"Parameter 'OP_INSTANCE_SET_PARAMS.{key}' fails validation\", 'wrong_input')");
                    return;
                }
            }
        });
}
