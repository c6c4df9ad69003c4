using Ganeti.Application.Errors;

namespace Ganeti.Application.Query;

/// <summary>The <c>fields</c> of a query as the query string gives them: comma-separated, each trimmed.</summary>
internal static class QueryFieldList
{
    public static IReadOnlyList<string> Split(string fields) => [.. fields.Split(',').Select(f => f.Trim())];

    public static IReadOnlyList<string> Required(string? fields) =>
        fields is null ? throw new BadRequestException("Missing 'fields' query argument") : Split(fields);
}
