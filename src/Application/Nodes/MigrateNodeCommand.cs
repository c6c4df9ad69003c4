using System.Text.Json.Nodes;
using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Nodes;

/// <summary>
/// POST /2/nodes/{nodeName}/migrate: migrates every primary instance off a node; the body
/// gives <c>mode</c>, <c>live</c>, <c>target_node</c>, <c>iallocator</c>… The legacy form
/// <c>?mode=</c> or <c>?live=</c> replaces the body with that one mode (not both at once).
/// The job's result lists the migration jobs it submits.
/// </summary>
[OpResource("nodes_name_migrate")]
public sealed record MigrateNodeCommand(string NodeName) : OpCommand<OpNodeMigrate>, IBodyRewriter
{
    [Query("mode"), NotOpParameter]
    public string? LegacyMode { get; init; }

    [Query("live"), NotOpParameter]
    public bool? LegacyLive { get; init; }

    public JsonNode? RewriteBody(out string? error)
    {
        error = null;
        if (LegacyMode is null && LegacyLive is null)
        {
            return Body;
        }

        if (LegacyMode is not null && LegacyLive is not null)
        {
            error = "Only one of 'live' and 'mode' should be passed";
            return null;
        }

        return new JsonObject { ["mode"] = LegacyMode ?? (LegacyLive == true ? "live" : "non-live") };
    }
}
