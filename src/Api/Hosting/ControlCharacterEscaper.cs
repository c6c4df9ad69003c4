using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace Ganeti.Api.Hosting;

/// <summary>
/// Rewrites every text value of a log event so that it holds no control character: a request
/// path or user name decoded from the URL must not start a new, forged line in the log.
/// Control characters become <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\uXXXX</c>.
/// </summary>
public sealed class ControlCharacterEscaper : ILogEventEnricher
{
    /// <summary>Line breaks outside the C0 range: DEL and C1 controls (NEL among them), and the Unicode line and paragraph separators.</summary>
    private static readonly System.Buffers.SearchValues<char> OtherBreaks = System.Buffers.SearchValues.Create(
        "\u007f\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f"
        + "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f\u2028\u2029");

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var escaped = Escape(value);
            if (!ReferenceEquals(escaped, value))
            {
                (changed ??= []).Add(new LogEventProperty(name, escaped));
            }
        }

        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The text with its control characters written out; the same instance when there are none.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 && !text.AsSpan().ContainsAny(OtherBreaks))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => result.Append("\\n"),
                '\r' => result.Append("\\r"),
                '\t' => result.Append("\\t"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => result.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => result.Append(c),
            };
        }

        return result.ToString();
    }

    private static LogEventPropertyValue Escape(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } when Escape(text) is var escaped && !ReferenceEquals(escaped, text) => new ScalarValue(escaped),
        SequenceValue sequence when sequence.Elements.Select(Escape).ToList() is var elements
            && elements.Where((e, i) => !ReferenceEquals(e, sequence.Elements[i])).Any() => new SequenceValue(elements),
        StructureValue structure when structure.Properties.Select(p => new LogEventProperty(p.Name, Escape(p.Value))).ToList() is var properties
            && properties.Where((p, i) => !ReferenceEquals(p.Value, structure.Properties[i].Value)).Any() => new StructureValue(properties, structure.TypeTag),
        _ => value,
    };
}
