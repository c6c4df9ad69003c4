using System.Text.Json.Nodes;

namespace Ganeti.Application.Abstractions;

/// <summary>The job queue's filter rules.</summary>
public interface IGanetiFilters
{
    /// <summary>Adds (uuid null) or replaces a rule; answers its uuid.</summary>
    ValueTask<string> ReplaceAsync(string? uuid, int priority, JsonArray predicates, JsonNode action, JsonArray reason, CancellationToken ct);

    ValueTask DeleteAsync(string uuid, CancellationToken ct);
}
