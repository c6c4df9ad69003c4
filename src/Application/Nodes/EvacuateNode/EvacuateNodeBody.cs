using System.Text.Json.Nodes;
using Ganeti.Application.OpBody;
using Ganeti.Domain.Nodes;

namespace Ganeti.Application.Nodes.EvacuateNode;

public static class EvacuateNodeBody
{
    public static readonly OpDefinition Definition = new("OP_NODE_EVACUATE", "OpNodeEvacuate",
    [
        new("early_release", ParameterKind.Bool),
        new("node_name", ParameterKind.NonEmptyString, Required: true),
        new("node_uuid", ParameterKind.MaybeNonEmptyString),
        new("remote_node", ParameterKind.MaybeNonEmptyString),
        new("remote_node_uuid", ParameterKind.MaybeNonEmptyString),
        new("iallocator", ParameterKind.MaybeNonEmptyString),
        new("mode", ParameterKind.OneOf<EvacuationMode>(), Required: true),
        new("ignore_soft_errors", ParameterKind.MaybeBool),
    ]);

    public static readonly IReadOnlyCollection<string> Statics = ["node_name", "dry_run", "reason"];

    public const string Resource = "nodes_name_evacuate";

    public static EvacuationMode ModeOf(JsonNode? body) =>
        Domain.Common.WireNames<EvacuationMode>.Parse(body!["mode"]!.GetValue<string>());
}
