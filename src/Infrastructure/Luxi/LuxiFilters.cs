using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Luxi;
using static Ganeti.Infrastructure.Luxi.LuxiDecode;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>Job filter rules over LUXI.</summary>
public sealed class LuxiFilters(LuxiClient luxi) : IGanetiFilters
{
    public async ValueTask<string> ReplaceAsync(string? uuid, int priority, JsonArray predicates, JsonNode action, JsonArray reason, CancellationToken ct)
    {
        var result = await luxi.CallAsync(
            LuxiMethods.ReplaceFilter,
            [uuid, priority, predicates.DeepClone(), action.DeepClone(), reason.DeepClone()],
            ct).ConfigureAwait(false);
        return String(LuxiMethods.ReplaceFilter, result);
    }

    public async ValueTask DeleteAsync(string uuid, CancellationToken ct) =>
        await luxi.CallAsync(LuxiMethods.DeleteFilter, [uuid], ct).ConfigureAwait(false);
}
