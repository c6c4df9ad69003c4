using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// Renders opcode values the way Ganeti's Python code prints them in its messages: the value
/// <c>json.loads</c> gives (a JSON string is a <c>str</c>, an integer literal an <c>int</c>, a
/// literal with a fraction or exponent a <c>float</c>), shown with <c>str()</c> or
/// <c>repr()</c>.
/// </summary>
internal static class PythonText
{
    /// <summary>Python's <c>str()</c>: a string as it is, anything else as <see cref="Repr"/>.</summary>
    public static string Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : Repr(node);

    /// <summary>Python's <c>repr()</c>: <c>'text'</c>, <c>True</c>, <c>None</c>, <c>[1, 'a']</c>, <c>{'k': 2.5}</c>.</summary>
    public static string Repr(JsonNode? node) => node switch
    {
        null => "None",
        JsonArray list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        JsonObject dict => "{" + string.Join(", ", dict.Select(p => Quote(p.Key) + ": " + Repr(p.Value))) + "}",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => Quote(value.GetValue<string>()),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            JsonValueKind.Number when IsInteger(value) => value.ToJsonString(),
            JsonValueKind.Number => Float(value.GetValue<double>()),
            _ => "None",
        },
        _ => "None",
    };

    /// <summary>Whether Python reads the number as an <c>int</c> (no fraction, no exponent).</summary>
    public static bool IsInteger(JsonValue number) => number.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0;

    /// <summary>Python's <c>repr()</c> of a string: single quotes unless the text has one and no double quote.</summary>
    public static string Quote(string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var result = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    result.Append(@"\\");
                    break;
                case '\n':
                    result.Append(@"\n");
                    break;
                case '\r':
                    result.Append(@"\r");
                    break;
                case '\t':
                    result.Append(@"\t");
                    break;
                case var q when q == quote:
                    result.Append('\\').Append(q);
                    break;
                case < ' ' or '\x7f':
                    result.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        return result.Append(quote).ToString();
    }

    /// <summary>Python's <c>repr()</c> of a float: shortest round trip, <c>5.0</c>, <c>1e+16</c>, <c>1.5e-07</c>.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var magnitude = Math.Abs(value);
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        if (exponentAt >= 0 && (magnitude >= 1e16 || magnitude < 1e-4))
        {
            var exponent = int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return $"{text[..exponentAt]}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }

        if (exponentAt >= 0)
        {
            // .NET writes 1e15 as "1E+15"; Python writes it out until 1e16.
            text = ((decimal)value).ToString(CultureInfo.InvariantCulture);
        }

        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>Ganeti's <c>utils.CommaJoin</c>.</summary>
    public static string CommaJoin(IEnumerable<string> items) => string.Join(", ", items);
}
