using System.Text.Json.Nodes;

namespace Ganeti.Application.Instances;

internal static class InstanceFieldsFixup
{
    /// <summary>RAPI adds <c>beparams.memory</c> (= <c>maxmem</c>) for clients of the 2.0 format.</summary>
    public static JsonObject AddMemoryAlias(JsonObject instance)
    {
        if (instance["beparams"] is JsonObject beparams && beparams.TryGetPropertyValue("maxmem", out var maxmem))
        {
            beparams["memory"] = maxmem?.DeepClone();
        }

        return instance;
    }
}
