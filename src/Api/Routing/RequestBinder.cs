using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Ganeti.Api.Http;
using Ganeti.Application.Operations;

namespace Ganeti.Api.Routing;

/// <summary>
/// Builds a command or query from a request, by its declaration: constructor parameters and
/// init properties named like a route parameter take the route value; those marked
/// <see cref="QueryAttribute"/> take the query string, read by their type (<c>bool</c> as
/// Ganeti's 0/1 integers, integers, the first string, every string of a repeated key); one
/// named <c>Body</c> takes the JSON body, one named <c>QueryKeys</c> the query string's keys; values fixed by the route table come last.
/// Everything is worked out once per message type and route, when the route is mapped.
/// </summary>
public sealed class RequestBinder
{
    private static readonly ConcurrentDictionary<Type, (ConstructorInfo Constructor, PropertyInfo[] Properties)> Members = new();

    /// <summary>What a query reader gives for a key that is absent or blank: the member keeps its default.</summary>
    private static readonly object Absent = new();

    private readonly ConstructorInfo _constructor;
    private readonly Func<HttpContext, JsonNode?, object?>[] _arguments;
    private readonly (PropertyInfo Property, Func<HttpContext, JsonNode?, object?> Read)[] _properties;

    private RequestBinder(Type type, IReadOnlySet<string> routeParameters, IReadOnlyDictionary<string, object?> fixedValues)
    {
        var (constructor, properties) = Members.GetOrAdd(type, t => (
            t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First(),
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }).ToArray()));
        _constructor = constructor;
        var parameters = constructor.GetParameters();
        _arguments = [.. parameters.Select(p =>
        {
            var property = properties.FirstOrDefault(q => string.Equals(q.Name, p.Name, StringComparison.Ordinal));
            return SourceOf(p.Name!, p.ParameterType, property?.GetCustomAttribute<QueryAttribute>(), routeParameters, fixedValues)
                ?? throw new InvalidOperationException($"{type.Name}({p.Name}) has no source in the route, query string, body or route table");
        })];
        var bound = parameters.Select(p => p.Name!).ToHashSet(StringComparer.Ordinal);
        _properties = [.. properties
            .Where(p => !bound.Contains(p.Name))
            .Select(p => (p, SourceOf(p.Name, p.PropertyType, p.GetCustomAttribute<QueryAttribute>(), routeParameters, fixedValues)))
            .Where(b => b.Item2 is not null)
            .Select(b => (b.p, b.Item2!))];
    }

    public static RequestBinder For(Type type, IReadOnlySet<string> routeParameters, IReadOnlyDictionary<string, object?> fixedValues) =>
        new(type, routeParameters, fixedValues);

    public object Bind(HttpContext context, JsonNode? body)
    {
        var parameters = _constructor.GetParameters();
        var arguments = new object?[_arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            var value = _arguments[i](context, body);
            arguments[i] = value != Absent ? value : parameters[i].ParameterType.IsValueType ? Activator.CreateInstance(parameters[i].ParameterType) : null;
        }

        var message = _constructor.Invoke(arguments);
        foreach (var (property, read) in _properties)
        {
            var value = read(context, body);
            if (value != Absent)
            {
                property.SetValue(message, value);
            }
        }

        return message;
    }

    private static Func<HttpContext, JsonNode?, object?>? SourceOf(
        string name, Type type, QueryAttribute? query, IReadOnlySet<string> routeParameters, IReadOnlyDictionary<string, object?> fixedValues)
    {
        if (fixedValues.TryGetValue(name, out var value))
        {
            return (_, _) => value;
        }

        if (query is not null)
        {
            var read = QueryReader(query.Name, type);
            return (context, _) => read(context);
        }

        if (name == "Body" && type == typeof(JsonNode))
        {
            return (_, body) => body;
        }

        if (name == "QueryKeys" && type == typeof(IReadOnlyList<string>))
        {
            return (context, _) => RapiQuery.Keys(context);
        }

        var route = routeParameters.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));
        if (route is null)
        {
            return null;
        }

        return type switch
        {
            _ when type == typeof(string) => (context, _) => (string)context.Request.RouteValues[route]!,
            _ when type == typeof(long) => (context, _) => long.Parse((string)context.Request.RouteValues[route]!, NumberStyles.None, CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"Route parameter {route} cannot bind a {type.Name}"),
        };
    }

    /// <summary>The query-string binding types: each reads its key the way Ganeti's handlers do.</summary>
    private static Func<HttpContext, object?> QueryReader(string key, Type type) => type switch
    {
        _ when type == typeof(bool) => context => RapiQuery.Flag(context, key),
        _ when type == typeof(bool?) => context => RapiQuery.Has(context, key) ? RapiQuery.Int(context, key, defaultValue: 1) != 0 : Absent,
        _ when type == typeof(long) => context => RapiQuery.Int(context, key),
        _ when type == typeof(string) => context => RapiQuery.String(context, key) ?? Absent,
        _ when type == typeof(IReadOnlyList<string>) => context => RapiQuery.All(context, key),
        _ => throw new InvalidOperationException($"No query-string binding for {type.Name}"),
    };
}
