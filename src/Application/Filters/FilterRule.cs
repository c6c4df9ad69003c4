using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Application.Operations;

namespace Ganeti.Application.Filters;

/// <summary>
/// A filter rule as RAPI takes it in a body: only <c>priority</c> (integer, default 0),
/// <c>predicates</c> (list, default []), <c>action</c> (default "CONTINUE") and <c>reason</c>
/// (list, default []); deeper checks are the master's, as in Ganeti.
/// </summary>
public sealed record FilterRule(int Priority, JsonArray Predicates, JsonNode Action, JsonArray Reason)
{
    private static readonly string[] Allowed = ["priority", "predicates", "action", "reason"];

    /// <summary>Ganeti's message for what is wrong with a body, or null.</summary>
    public static string? Check(JsonNode? body)
    {
        try
        {
            FromBody(body);
            return null;
        }
        catch (BadRequestException ex)
        {
            return ex.Message;
        }
    }

    public static FilterRule FromBody(JsonNode? body)
    {
        if (body is not JsonObject obj)
        {
            throw new BadRequestException("Invalid body contents, not a dictionary");
        }

        foreach (var (key, _) in obj)
        {
            if (!Allowed.Contains(key))
            {
                throw new BadRequestException($"Invalid body parameters: filter rule doesn't support the parameter '{key}'");
            }
        }

        var priority = 0L;
        if (obj.TryGetPropertyValue("priority", out var p) && !OpValues.TryInteger(p, out priority))
        {
            throw WrongType("priority", p, "int");
        }

        if (priority is < int.MinValue or > int.MaxValue)
        {
            throw new BadRequestException("Invalid value for the 'priority' parameter");
        }

        return new FilterRule((int)priority, ListOf(obj, "predicates"), obj.TryGetPropertyValue("action", out var action) && action is not null ? action.DeepClone() : "CONTINUE", ListOf(obj, "reason"));
    }

    private static JsonArray ListOf(JsonObject obj, string name) =>
        !obj.TryGetPropertyValue(name, out var value) ? []
        : value is JsonArray list ? (JsonArray)list.DeepClone()
        : throw WrongType(name, value, "list");

    private static BadRequestException WrongType(string name, JsonNode? value, string expected) =>
        new($"'{name}' parameter: Type is '{OpInput.PythonTypeName(value)}', but '{expected}' is expected");
}
