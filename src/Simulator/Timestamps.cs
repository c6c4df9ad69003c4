using System.Text.Json.Nodes;

namespace Ganeti.Simulator;

/// <summary>Ganeti's time encodings: <c>[seconds, microseconds]</c> and float seconds.</summary>
public static class Timestamps
{
    public static JsonArray Pair(DateTimeOffset time)
    {
        var micros = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        return [micros / 1_000_000, micros % 1_000_000];
    }

    /// <summary>The time a <c>[seconds, microseconds]</c> pair stands for.</summary>
    public static DateTimeOffset FromPair(JsonArray pair) =>
        DateTimeOffset.UnixEpoch.AddTicks((pair[0]!.GetValue<long>() * 1_000_000 + pair[1]!.GetValue<long>()) * 10);

    public static double Seconds(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
}
