using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Query;

/// <summary>
/// Reads numbers from <see cref="JsonValue"/>s whatever CLR type backs them (a value built
/// from an <c>int</c> does not answer <c>TryGetValue&lt;long&gt;</c>).
/// </summary>
public static class JsonNumbers
{
    public static bool TryGet(JsonNode? node, out long integer, out double real, out bool isInteger)
    {
        integer = 0;
        real = 0;
        isInteger = false;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetValue(out long l) || TryInt(value, out l))
        {
            (integer, real, isInteger) = (l, l, true);
            return true;
        }

        if (value.TryGetValue(out double d))
        {
            real = d;
            return true;
        }

        var text = value.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l))
        {
            (integer, real, isInteger) = (l, l, true);
            return true;
        }

        real = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>The value as an integer (fractions truncated), or <paramref name="fallback"/>.</summary>
    public static long Int64(JsonNode? node, long fallback = 0) =>
        TryGet(node, out var integer, out var real, out var isInteger) ? (isInteger ? integer : (long)real) : fallback;

    private static bool TryInt(JsonValue value, out long result)
    {
        if (value.TryGetValue(out int i))
        {
            result = i;
            return true;
        }

        if (value.TryGetValue(out short s))
        {
            result = s;
            return true;
        }

        if (value.TryGetValue(out uint u))
        {
            result = u;
            return true;
        }

        result = 0;
        return false;
    }
}
