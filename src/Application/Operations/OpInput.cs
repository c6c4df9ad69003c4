using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Domain.Common;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Operations;

/// <summary>
/// Turns an opcode command into its opcode with the rules of Ganeti's generic RAPI handler
/// (rapi-spec §3.2–§3.4): parameters RAPI may not set are refused (403); the body must be an
/// object or absent; renames apply; the body may not repeat a static parameter (those the URL
/// and query set, and the reason trail); every key must be a parameter of the opcode; every
/// parameter must pass its check, required ones must be present. Failures carry Ganeti's
/// messages.
/// </summary>
public static class OpInput
{
    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    /// <summary>The first problem with the command's input, or null; throws <see cref="ForbiddenException"/> for a forbidden parameter.</summary>
    public static string? Check(IOpRequest command) => TryBuild(command, DateTimeOffset.UnixEpoch, out _);

    /// <summary>The opcode for the command, with a reason trail stamped <paramref name="now"/>.</summary>
    public static OpCode Build(IOpRequest command, DateTimeOffset now) =>
        TryBuild(command, now, out var op) is { } error ? throw new BadRequestException(error) : op!;

    /// <summary>The static parameters of a command as JSON, keyed by opcode parameter (the reason trail included).</summary>
    public static JsonObject Statics(IOpRequest command, DateTimeOffset now)
    {
        var shape = ShapeOf(command.GetType());
        var statics = new JsonObject
        {
            ["reason"] = OpValues.ToJson(ReasonTrail.ForRapi((command as IReasonResource)?.ReasonResource ?? shape.Resource, command.Reason, now)),
        };
        foreach (var (name, property) in shape.Statics)
        {
            statics[name] = OpValues.ToJson(property.GetValue(command));
        }

        return statics;
    }

    /// <summary>
    /// Builds an opcode from an object of parameters; <paramref name="error"/> is Ganeti's
    /// message for the first key the opcode lacks or the first parameter that fails its check.
    /// </summary>
    public static bool TryCreate(OpSchema schema, JsonObject parameters, out OpCode? op, out string? error)
    {
        op = null;
        foreach (var (key, _) in parameters)
        {
            if (!schema.ByName.ContainsKey(key))
            {
                error = $"Invalid body parameters: Object {schema.ClassName} doesn't support the parameter '{key}'";
                return false;
            }
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in schema.Parameters)
        {
            if (parameters.TryGetPropertyValue(parameter.Name, out var node))
            {
                object? value = null;
                if (node is null ? !parameter.AcceptsNull : !OpValues.TryRead(parameter, node, out value))
                {
                    error = FailsValidation(schema, parameter);
                    return false;
                }

                values[parameter.Name] = value;
            }
            else if (parameter.Required)
            {
                error = FailsValidation(schema, parameter);
                return false;
            }
        }

        op = schema.Create(values);
        error = null;
        return true;
    }

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

    private static string? TryBuild(IOpRequest command, DateTimeOffset now, out OpCode? op)
    {
        op = null;
        var shape = ShapeOf(command.GetType());
        var requestBody = command.Body;
        if (command is IBodyRewriter rewriter)
        {
            requestBody = rewriter.RewriteBody(out var rewriteError);
            if (rewriteError is not null)
            {
                return rewriteError;
            }
        }

        CheckForbidden(shape, requestBody);

        JsonObject parameters;
        if (shape.BodyIgnored)
        {
            parameters = [];
            if (requestBody is JsonObject request && request["depends"] is { } depends && IsTruthy(depends))
            {
                parameters["depends"] = depends.DeepClone();
            }
        }
        else if (requestBody is null)
        {
            parameters = [];
        }
        else if (requestBody is JsonObject body)
        {
            parameters = (JsonObject)body.DeepClone();
        }
        else
        {
            return $"Body contents: Type is '{PythonTypeName(requestBody)}', but 'dict' is expected";
        }

        foreach (var (old, renamed) in shape.Renames)
        {
            if (parameters.ContainsKey(old) && parameters.ContainsKey(renamed))
            {
                return $"Parameter '{old}' was renamed to '{renamed}', but both are specified";
            }

            if (parameters.Remove(old, out var value))
            {
                parameters[renamed] = value;
            }
        }

        var statics = Statics(command, now);
        var overwritten = parameters.Select(p => p.Key).Where(statics.ContainsKey).Order(StringComparer.Ordinal).ToList();
        if (overwritten.Count > 0)
        {
            return "Can't overwrite static parameters {" + string.Join(", ", overwritten.Select(k => $"'{k}'")) + "}";
        }

        foreach (var (key, value) in statics.ToList())
        {
            statics.Remove(key);
            parameters[key] = value;
        }

        return TryCreate(shape.Schema, parameters, out op, out var error) ? null : error;
    }

    private static void CheckForbidden(Shape shape, JsonNode? body)
    {
        if (shape.Forbidden.Count == 0 || body is not JsonObject obj)
        {
            return;
        }

        foreach (var (key, _) in obj)
        {
            var name = shape.Renames.FirstOrDefault(r => r.Old == key).New ?? key;
            if (shape.Forbidden.Contains(name))
            {
                throw new ForbiddenException($"The parameter {name} cannot be set via RAPI");
            }
        }
    }

    /// <summary>Python's truth value of a JSON value.</summary>
    public static bool IsTruthy(JsonNode? node) => node is not null && IsTruthyValue(node);

    private static bool IsTruthyValue(JsonNode node) => node switch
    {
        JsonArray list => list.Count > 0,
        JsonObject obj => obj.Count > 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => v.GetValue<double>() != 0,
            _ => true,
        },
        _ => true,
    };

    private static string FailsValidation(OpSchema schema, OpParameter parameter) =>
        string.Create(CultureInfo.InvariantCulture, $"Invalid body parameters: (\"Parameter '{schema.OpId}.{parameter.Name}' fails validation\", 'wrong_input')");

    /// <summary>What an opcode command declares, read once per command type.</summary>
    /// <summary>
    /// What the body of an opcode command may set, for documentation: each key as a client
    /// sends it (before Ganeti's renames) with its opcode parameter; none when the body is ignored.
    /// </summary>
    public static IReadOnlyList<(string Key, OpParameter Parameter)> BodyParameters(Type commandType)
    {
        var shape = ShapeOf(commandType);
        if (shape.BodyIgnored)
        {
            return [];
        }

        var statics = shape.Statics.Select(s => s.Name).Append("reason").ToHashSet(StringComparer.Ordinal);
        var sentAs = shape.Renames.ToDictionary(r => r.New, r => r.Old, StringComparer.Ordinal);
        return [.. shape.Schema.Parameters
            .Where(p => !statics.Contains(p.Name) && !shape.Forbidden.Contains(p.Name))
            .Select(p => (sentAs.GetValueOrDefault(p.Name, p.Name), p))];
    }

    /// <summary>Whether the command's resource ignores its body (only <c>depends</c> is taken).</summary>
    public static bool IgnoresBody(Type commandType) => ShapeOf(commandType).BodyIgnored;

    internal static Shape ShapeOf(Type commandType) => Shapes.GetOrAdd(commandType, Shape.Read);

    internal sealed record Shape(
        OpSchema Schema,
        string Resource,
        bool BodyIgnored,
        IReadOnlyList<(string Old, string New)> Renames,
        IReadOnlySet<string> Forbidden,
        IReadOnlyList<(string Name, PropertyInfo Property)> Statics)
    {
        public static Shape Read(Type type)
        {
            var opType = type.GetInterfaces()
                .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IOpCommand<>))
                .GetGenericArguments()[0];
            var resource = type.GetCustomAttribute<OpResourceAttribute>()
                ?? throw new InvalidOperationException($"{type.Name} needs [OpResource]");
            var statics = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.Name is not (nameof(IOpRequest.Body) or nameof(IOpRequest.Reason) or nameof(IReasonResource.ReasonResource) or "EqualityContract"))
                .Where(p => p.GetCustomAttribute<NotOpParameterAttribute>() is null)
                .Select(p => (p.GetCustomAttribute<OpParameterAttribute>()?.Name ?? SnakeCase.From(p.Name), p))
                .ToList();
            var renames = resource.Renames.Select(r => r.Split(':', 2)).Select(r => (r[0], r[1])).ToList();
            return new Shape(OpSchema.Of(opType), resource.Resource, resource.BodyIgnored, renames, resource.Forbidden.ToHashSet(StringComparer.Ordinal), statics);
        }
    }
}
