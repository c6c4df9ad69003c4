using Ganeti.Api.Auth;
using Ganeti.Api.Http;
using Ganeti.Application.Tags;
using Ganeti.Domain.Tags;
using Mediator;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Ganeti.Api.Routing;

/// <summary>Who may call an operation (rapi-spec §2): anyone, <c>write</c> users, or <c>read</c> and <c>write</c> users.</summary>
public enum RapiAccess
{
    Anonymous,
    Write,
    ReadWrite,
}

/// <summary>
/// The route table's vocabulary: one line maps a method and a path to the command or query it
/// builds (<see cref="RequestBinder"/>), sends it and writes the answer. GETs are anonymous and
/// PUT, POST and DELETE need a <c>write</c> user unless the line says otherwise.
/// </summary>
public static class RapiRoutes
{
    /// <summary>An object name in a path: <c>[\w._-]+</c>, as Ganeti's connector.</summary>
    public const string Name = ":" + GanetiNameRouteConstraint.Name;

    public static IEndpointConventionBuilder Get<TMessage>(this IEndpointRouteBuilder routes, string pattern, RapiAccess access = RapiAccess.Anonymous, IReadOnlyDictionary<string, object?>? values = null) =>
        routes.Map<TMessage>(HttpMethods.Get, pattern, access, values);

    public static IEndpointConventionBuilder Put<TMessage>(this IEndpointRouteBuilder routes, string pattern, RapiAccess access = RapiAccess.Write, IReadOnlyDictionary<string, object?>? values = null) =>
        routes.Map<TMessage>(HttpMethods.Put, pattern, access, values);

    public static IEndpointConventionBuilder Post<TMessage>(this IEndpointRouteBuilder routes, string pattern, RapiAccess access = RapiAccess.Write, IReadOnlyDictionary<string, object?>? values = null) =>
        routes.Map<TMessage>(HttpMethods.Post, pattern, access, values);

    public static IEndpointConventionBuilder Delete<TMessage>(this IEndpointRouteBuilder routes, string pattern, RapiAccess access = RapiAccess.Write, IReadOnlyDictionary<string, object?>? values = null) =>
        routes.Map<TMessage>(HttpMethods.Delete, pattern, access, values);

    /// <summary>
    /// The three tag operations of one kind of object from one declaration: GET lists the tags,
    /// PUT and DELETE add and remove <c>?tag=</c> values. The path names the object as
    /// <c>{name}</c> (the cluster's has none).
    /// </summary>
    public static IEndpointRouteBuilder MapTags(this IEndpointRouteBuilder routes, string pattern, TagKind kind)
    {
        var values = new Dictionary<string, object?> { ["Kind"] = kind };
        if (kind == TagKind.Cluster)
        {
            values["Name"] = null;
        }

        routes.Get<GetTagsQuery>(pattern, values: values);
        routes.Put<AddTagsCommand>(pattern, values: values);
        routes.Delete<DeleteTagsCommand>(pattern, values: values);
        return routes;
    }

    /// <summary>Maps a method and path to a message; <paramref name="values"/> fix members the path does not carry.</summary>
    public static IEndpointConventionBuilder Map<TMessage>(this IEndpointRouteBuilder routes, string method, string pattern, RapiAccess access, IReadOnlyDictionary<string, object?>? values)
    {
        var parameters = RoutePatternFactory.Parse(pattern).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var binder = RequestBinder.For(typeof(TMessage), parameters, values ?? new Dictionary<string, object?>());
        var endpoint = routes.MapMethods(pattern, [method], async context =>
        {
            var body = await RapiBody.BindAsync(context).ConfigureAwait(false);
            var message = binder.Bind(context, body.Value);
            var sender = context.RequestServices.GetRequiredService<ISender>();
            var answer = await sender.Send(message, context.RequestAborted).ConfigureAwait(false);
            await RapiResults.WriteAsync(context, answer).ConfigureAwait(false);
        });
        endpoint.WithMetadata(new RapiOperation(typeof(TMessage), method, access));
        return access switch
        {
            RapiAccess.Write => endpoint.RequireAuthorization(RapiPolicies.Write),
            RapiAccess.ReadWrite => endpoint.RequireAuthorization(RapiPolicies.ReadOrWrite),
            _ => endpoint,
        };
    }
}

/// <summary>Endpoint metadata: the message an endpoint sends and who may call it (read by tests and documentation).</summary>
public sealed record RapiOperation(Type Message, string Method, RapiAccess Access);
