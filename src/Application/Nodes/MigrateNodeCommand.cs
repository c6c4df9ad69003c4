using System.Text.Json.Nodes;
using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Nodes;

/// <summary>
/// POST /2/nodes/{nodeName}/migrate: migrates every primary instance off a node; the body
/// gives <c>mode</c>, <c>live</c>, <c>target_node</c>, <c>iallocator</c>… As in Ganeti, a
/// request with a query string is the legacy form: the body is ignored and the one mode comes
/// from <c>?mode=</c> or <c>?live=</c> (not both). Ganeti then drops <c>?dry-run=</c>, which
/// the service keeps (docs/compatibility.md). The job's result lists the migration jobs it submits.
/// </summary>
[OpResource("nodes_name_migrate")]
public sealed record MigrateNodeCommand(string NodeName) : OpCommand<OpNodeMigrate>, IBodyRewriter
{
    [Query("mode"), NotOpParameter]
    public string? LegacyMode { get; init; }

    [Query("live"), NotOpParameter]
    public bool? LegacyLive { get; init; }

    [Query("dry-run"), NotOpParameter]
    public bool DryRunQuery { get; init; }

    public JsonNode? RewriteBody(out string? error)
    {
        error = null;
        if (LegacyMode is null && LegacyLive is null && Reason is null && !DryRunQuery)
        {
            return Body;
        }

        if (LegacyMode is not null && LegacyLive is not null)
        {
            error = "Only one of 'live' and 'mode' should be passed";
            return null;
        }

        var legacy = new JsonObject();
        var mode = LegacyMode ?? (LegacyLive is { } live ? (live ? "live" : "non-live") : null);
        if (mode is not null)
        {
            legacy["mode"] = mode;
        }

        if (DryRunQuery)
        {
            legacy["dry_run"] = true;
        }

        return legacy;
    }
}
