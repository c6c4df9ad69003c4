using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ganeti.Api.Routing;
using Ganeti.Application.Operations;
using Ganeti.Domain.Common;
using Ganeti.Domain.OpCodes;
using Mediator;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace Ganeti.Api.Documentation;

/// <summary>
/// Describes every RAPI method and path in the OpenAPI document from the route table itself:
/// the endpoints' <see cref="RapiOperation"/> metadata, their route parameters, the messages'
/// <see cref="QueryAttribute"/> properties, and for opcode commands the opcode's parameters the
/// body may set (<see cref="OpInput.BodyParameters"/>). Errors are Ganeti's <c>{code, message, explain}</c>.
/// </summary>
public sealed partial class RapiDocumentTransformer(EndpointDataSource endpoints) : IOpenApiDocumentTransformer
{
    public const string ErrorSchema = "GanetiError";
    private const string BasicScheme = "basic";

    /// <summary>Statuses every operation may answer with Ganeti's error body.</summary>
    private static readonly (int Status, string Description)[] Errors =
    [
        (400, "Bad request: a parameter or the body is not valid, or the master refused the operation's input."),
        (401, "Credentials are needed, or the ones sent are wrong."),
        (403, "The user lacks the option the operation needs, or a parameter RAPI may not set was given."),
        (404, "No such object, or no such path."),
        (501, "The path exists but not with this method."),
        (502, "The master could not be reached or answered something invalid."),
        (503, "The master or its job queue cannot take the request now."),
        (504, "The master did not answer in time."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Ganeti RAPI",
            Version = "2",
            Description = "Ganeti's remote API (RAPI v2): JSON over HTTPS. GETs are anonymous unless the service requires authentication; "
                + "PUT, POST and DELETE need a user with the write option (HTTP Basic, Ganeti's users file). Successful answers are status 200 "
                + "with the bare value; operations that submit a job answer its id. Every error has the body {code, message, explain}.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ErrorSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Ganeti's error body.",
            Required = new HashSet<string> { "code", "message", "explain" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status." },
                ["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong, in Ganeti's words." },
                ["explain"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The status's standard explanation." },
            },
        };
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BasicScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "A user of Ganeti's RAPI users file.",
        };
        document.Paths ??= [];
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<RapiOperation>() is not { } operation)
            {
                continue;
            }

            var path = PathOf(endpoint.RoutePattern);
            if (!document.Paths.TryGetValue(path, out var item) || item is not OpenApiPathItem pathItem)
            {
                pathItem = new OpenApiPathItem();
                document.Paths[path] = pathItem;
            }

            pathItem.Operations ??= [];
            pathItem.Operations[new HttpMethod(operation.Method)] = Describe(document, endpoint, operation, path);
        }

        if (document.Paths.TryGetValue("/readyz", out var ready) && ready.Operations?.GetValueOrDefault(HttpMethod.Get) is { } probe)
        {
            probe.Responses ??= [];
            probe.Responses["503"] = ErrorResponse(document, "The master does not answer.");
        }

        return Task.CompletedTask;
    }

    /// <summary>The OpenAPI path of a route: parameters without their constraints.</summary>
    public static string PathOf(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => string.Empty,
        })));
        return "/" + string.Join('/', segments);
    }

    private static OpenApiOperation Describe(OpenApiDocument document, RouteEndpoint endpoint, RapiOperation operation, string path)
    {
        var message = operation.Message;
        var described = new OpenApiOperation
        {
            OperationId = operation.Method.ToLowerInvariant() + string.Concat(path.Split('/', '-', '{', '}').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..])),
            Summary = message == typeof(void) ? "The API's root: null." : Words(message.Name),
            Tags = new HashSet<OpenApiTagReference> { new(TagOf(path), document) },
            Parameters = [.. PathParameters(endpoint.RoutePattern), .. QueryParameters(message)],
            Responses = Responses(document, message),
        };
        if (BodyOf(message) is { } body)
        {
            described.RequestBody = body;
        }

        if (operation.Access != RapiAccess.Anonymous)
        {
            described.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BasicScheme, document)] = [] }];
            described.Description = operation.Access == RapiAccess.Write ? "Needs a user with the write option." : "Needs a user with the read or write option.";
        }

        return described;
    }

    private static string TagOf(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == "2" && parts[1] is "instances" or "instances-multi-alloc" or "nodes" or "groups" or "networks" or "jobs" or "filters" or "query"
            ? parts[1] == "instances-multi-alloc" ? "instances" : parts[1]
            : "cluster";
    }

    private static IEnumerable<IOpenApiParameter> PathParameters(RoutePattern pattern) =>
        pattern.Parameters.Select(p => (IOpenApiParameter)new OpenApiParameter
        {
            Name = p.Name,
            In = ParameterLocation.Path,
            Required = true,
            Schema = p.ParameterPolicies.Any(c => c.Content == JobIdRouteConstraint.Name)
                ? new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]+$", Description = "A non-negative integer." }
                : new OpenApiSchema { Type = JsonSchemaType.String, Pattern = @"^[\w._-]+$" },
        });

    private static IEnumerable<IOpenApiParameter> QueryParameters(Type message) =>
        message == typeof(void)
            ? []
            : message.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => (Property: p, Query: p.GetCustomAttribute<QueryAttribute>()))
                .Where(p => p.Query is not null)
                .OrderBy(p => p.Query!.Name, StringComparer.Ordinal)
                .Select(p => (IOpenApiParameter)new OpenApiParameter
                {
                    Name = p.Query!.Name,
                    In = ParameterLocation.Query,
                    Schema = QuerySchema(p.Property.PropertyType),
                    Explode = true,
                    Style = ParameterStyle.Form,
                });

    private static OpenApiSchema QuerySchema(Type type) => type switch
    {
        _ when type == typeof(bool) || type == typeof(bool?) => new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "A flag: 0 or 1 (any non-zero integer is true)." },
        _ when type == typeof(long) => new OpenApiSchema { Type = JsonSchemaType.Integer },
        _ when type == typeof(IReadOnlyList<string>) => new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = "The key may be repeated." },
        _ => new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiRequestBody? BodyOf(Type message)
    {
        var body = message.GetProperty("Body", BindingFlags.Public | BindingFlags.Instance);
        if (body is null || body.PropertyType != typeof(JsonNode) || body.SetMethod is not { IsPublic: true })
        {
            return null;
        }

        OpenApiSchema schema;
        if (message.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IOpCommand<>)))
        {
            schema = OpInput.IgnoresBody(message)
                ? new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Ignored, except a truthy depends." }
                : OpCodeBody(OpInput.BodyParameters(message));
        }
        else
        {
            schema = new OpenApiSchema { Description = "A JSON value, as Ganeti's RAPI takes it for this resource." };
        }

        return new OpenApiRequestBody
        {
            Required = false,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    private static OpenApiSchema OpCodeBody(IReadOnlyList<(string Key, OpParameter Parameter)> parameters) => new()
    {
        Type = JsonSchemaType.Object,
        Description = "The opcode's other parameters; unknown keys and keys the URL already sets are refused.",
        AdditionalPropertiesAllowed = false,
        Required = parameters.Where(p => p.Parameter.Required && !p.Parameter.HasDefault).Select(p => p.Key).ToHashSet(StringComparer.Ordinal),
        Properties = parameters.ToDictionary(p => p.Key, p => (IOpenApiSchema)ValueSchema(p.Parameter), StringComparer.Ordinal),
    };

    private static OpenApiSchema ValueSchema(OpParameter parameter)
    {
        var schema = TypeSchema(parameter.ValueType);
        if (parameter.AcceptsNull && schema.Type is { } type)
        {
            schema.Type = type | JsonSchemaType.Null;
        }

        if (parameter.Min is { } min)
        {
            schema.Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (parameter.Max is { } max)
        {
            schema.Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return schema;
    }

    private static OpenApiSchema TypeSchema(Type type)
    {
        if (type == typeof(string))
        {
            return new OpenApiSchema { Type = JsonSchemaType.String };
        }

        if (type == typeof(bool))
        {
            return new OpenApiSchema { Type = JsonSchemaType.Boolean };
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new OpenApiSchema { Type = JsonSchemaType.Integer };
        }

        if (type == typeof(double))
        {
            return new OpenApiSchema { Type = JsonSchemaType.Number };
        }

        if (type.IsEnum)
        {
            return new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. Enum.GetValues(type).Cast<Enum>().Select(v => (JsonNode)JsonValue.Create(WireNames.ToWire(v)))],
            };
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is { } generic
            && (generic == typeof(IReadOnlyList<>) || generic == typeof(IList<>) || generic == typeof(List<>)))
        {
            return new OpenApiSchema { Type = JsonSchemaType.Array, Items = TypeSchema(type.GetGenericArguments()[0]) };
        }

        return new OpenApiSchema();
    }

    private static OpenApiResponses Responses(OpenApiDocument document, Type message)
    {
        var submitsJob = message.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)
            && i.GetGenericArguments()[0] == typeof(Domain.Jobs.JobId));
        var responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = submitsJob ? "The id of the job submitted." : "The answer, as Ganeti's RAPI gives it.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = submitsJob ? new OpenApiSchema { Type = JsonSchemaType.Integer } : new OpenApiSchema() },
                },
            },
        };
        foreach (var (status, description) in Errors)
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ErrorResponse(document, description);
        }

        return responses;
    }

    private static OpenApiResponse ErrorResponse(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(ErrorSchema, document) } },
    };

    /// <summary>A message's name as words: <c>RenameGroupCommand</c> → "Rename group".</summary>
    private static string Words(string name)
    {
        var stem = name.EndsWith("Command", StringComparison.Ordinal) ? name[..^7] : name.EndsWith("Query", StringComparison.Ordinal) ? name[..^5] : name;
        var words = WordStart().Replace(stem, " $1").Trim().ToLowerInvariant();
        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex WordStart();
}
