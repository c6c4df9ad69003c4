using System.Text.Json.Nodes;

namespace Ganeti.Simulator.State;

/// <summary>What every Ganeti config object carries: uuid, serial number, times and tags.</summary>
public abstract class ConfigObject
{
    public string Uuid { get; set; } = Guid.NewGuid().ToString();

    public long SerialNo { get; set; } = 1;

    public double Ctime { get; set; }

    public double Mtime { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>Marks a change: bumps the serial number and the modification time.</summary>
    public void Touch(double now)
    {
        SerialNo++;
        Mtime = now;
    }

    protected static JsonObject Merge(JsonObject? defaults, JsonObject? custom)
    {
        var merged = defaults?.DeepClone().AsObject() ?? [];
        if (custom is not null)
        {
            foreach (var (key, value) in custom)
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }
}
