using System.Globalization;
using Ganeti.Application.Errors;

namespace Ganeti.Api.Http;

/// <summary>
/// Query-string values read like Ganeti: the first value of a key; integers as Python's
/// <c>int()</c> reads them (sign, surrounding spaces, <c>_</c> between digits); a blank or
/// absent value gives the default; booleans are integers, any non-zero being true.
/// </summary>
public static class RapiQuery
{
    public static string? String(HttpContext context, string name)
    {
        var values = context.Request.Query[name];
        return values.Count == 0 || string.IsNullOrEmpty(values[0]) ? null : values[0];
    }

    public static long Int(HttpContext context, string name, long defaultValue = 0)
    {
        var text = String(context, name);
        if (text is null)
        {
            return defaultValue;
        }

        return TryParsePythonInt(text, out var value)
            ? value
            : throw new BadRequestException($"Invalid value for the '{name}' parameter");
    }

    public static bool Flag(HttpContext context, string name) => Int(context, name) != 0;

    public static bool TryParsePythonInt(string text, out long value)
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
