using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Luxi;
using static Ganeti.Infrastructure.Luxi.LuxiDecode;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>Drain flag and watcher pause over LUXI.</summary>
public sealed class LuxiClusterControl(LuxiClient luxi) : IGanetiClusterControl
{
    public async ValueTask SetDrainFlagAsync(bool drained, CancellationToken ct)
    {
        var result = await luxi.CallAsync(LuxiMethods.SetDrainFlag, [drained], ct).ConfigureAwait(false);
        _ = Bool(LuxiMethods.SetDrainFlag, result);
    }

    public async ValueTask<DateTimeOffset?> SetWatcherPauseAsync(DateTimeOffset? until, CancellationToken ct)
    {
        JsonNode? arg = until is null ? null : until.Value.ToUnixTimeMilliseconds() / 1000.0;
        var result = await luxi.CallAsync(LuxiMethods.SetWatcherPause, [arg], ct).ConfigureAwait(false);
        return result switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)(v.GetValue<double>() * 1000)),
            _ => throw Unexpected(LuxiMethods.SetWatcherPause, result),
        };
    }
}
