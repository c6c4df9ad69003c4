using System.Globalization;

namespace Ganeti.Application.Operations;

/// <summary>Python's <c>int()</c> of a string, as Ganeti's handlers apply it to text from the request.</summary>
public static class PythonInt
{
    /// <summary>An optional sign, ASCII digits with single <c>_</c> between them, surrounding spaces; false for anything else or a value beyond 64 bits.</summary>
    public static bool TryParse(string text, out long value)
    {
        value = 0;
        var s = text.Trim();
        if (s.Length == 0 || s.StartsWith('_') || s.EndsWith('_') || s.Contains("__", StringComparison.Ordinal))
        {
            return false;
        }

        var sign = s[0] is '+' or '-' ? s[0].ToString() : string.Empty;
        var digits = s[sign.Length..];
        if (digits.Length == 0 || digits[0] == '_' || !digits.All(c => char.IsAsciiDigit(c) || c == '_'))
        {
            return false;
        }

        return long.TryParse(sign + digits.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
