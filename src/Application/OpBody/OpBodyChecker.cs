using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ganeti.Application.OpBody;

/// <summary>
/// Checks a request body the way Ganeti's generic RAPI handler turns it into an opcode:
/// the body must be an object (or absent), must not repeat parameters that the URL or query
/// already set, may only name the opcode's parameters, and each value must have the
/// parameter's type; required parameters must be present (in the body or as statics).
/// Returns Ganeti's message for the first problem, or null.
/// </summary>
public static class OpBodyChecker
{
    public static string? Check(JsonNode? body, OpDefinition op, IReadOnlyCollection<string> statics)
    {
        if (body is not null and not JsonObject)
        {
            return $"Body contents: Type is '{PythonTypeName(body)}', but 'dict' is expected";
        }

        var obj = body as JsonObject;
        if (obj is not null)
        {
            var overwritten = obj.Select(p => p.Key).Where(statics.Contains).Order(StringComparer.Ordinal).ToList();
            if (overwritten.Count > 0)
            {
                return "Can't overwrite static parameters {" + string.Join(", ", overwritten.Select(k => $"'{k}'")) + "}";
            }

            foreach (var (key, _) in obj)
            {
                if (!op.ByName.ContainsKey(key))
                {
                    return $"Invalid body parameters: Object {op.ClassName} doesn't support the parameter '{key}'";
                }
            }
        }

        foreach (var parameter in op.Parameters)
        {
            if (statics.Contains(parameter.Name))
            {
                continue;
            }

            if (obj is not null && obj.TryGetPropertyValue(parameter.Name, out var value))
            {
                if (!parameter.Kind.Accepts(value))
                {
                    return FailsValidation(op, parameter);
                }
            }
            else if (parameter.Required)
            {
                return FailsValidation(op, parameter);
            }
        }

        return null;
    }

    private static string FailsValidation(OpDefinition op, OpParameter parameter) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid body parameters: (\"Parameter '{op.OpId}.{parameter.Name}' fails validation\", 'wrong_input')");

    /// <summary>The Python type name of a JSON value, as Ganeti's messages show it.</summary>
    public static string PythonTypeName(JsonNode? node) => node switch
    {
        null => "NoneType",
        JsonObject => "dict",
        JsonArray => "list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "str",
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Number => v.TryGetValue<long>(out _) ? "int" : "float",
            _ => "NoneType",
        },
        _ => "object",
    };
}
