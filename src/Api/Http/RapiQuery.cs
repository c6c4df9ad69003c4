using Ganeti.Application.Errors;
using Ganeti.Application.Operations;

namespace Ganeti.Api.Http;

/// <summary>
/// Query-string values read like Ganeti: the first value of a key; integers as Python's
/// <c>int()</c> reads them (sign, surrounding spaces, <c>_</c> between digits); a blank or
/// absent value gives the default; booleans are integers, any non-zero being true.
/// </summary>
public static class RapiQuery
{
    /// <summary>The first non-blank value (Python's parse_qs drops blank ones), or null.</summary>
    public static string? String(HttpContext context, string name) =>
        context.Request.Query[name].FirstOrDefault(v => !string.IsNullOrEmpty(v));

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

    /// <summary>Whether the key appears at all (even blank), as Python's <c>name in queryargs</c> after parse_qs.</summary>
    public static bool Has(HttpContext context, string name) => context.Request.Query[name].Any(v => !string.IsNullOrEmpty(v));

    /// <summary>Every non-blank value of a repeated key (<c>?tag=a&amp;tag=b</c>), in order.</summary>
    public static IReadOnlyList<string> All(HttpContext context, string name) =>
        [.. context.Request.Query[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];

    /// <summary>The keys with a non-blank value, in order (Python's parse_qs drops the others).</summary>
    public static IReadOnlyList<string> Keys(HttpContext context) =>
        [.. context.Request.Query.Where(q => q.Value.Any(v => !string.IsNullOrEmpty(v))).Select(q => q.Key)];

    public static bool TryParsePythonInt(string text, out long value) => PythonInt.TryParse(text, out value);
}
