using Ganeti.Application.Operations;
using Mediator;

namespace Ganeti.Application.Reads;

/// <summary>A list read (<c>GET /2/instances</c>…): its handler is generated and runs <see cref="ResourceReader"/>.</summary>
[GeneratedHandler(typeof(ResourceReader))]
public interface IResourceListQuery : IQuery<JsonBody>
{
    RapiResource Resource { get; }

    bool Bulk { get; }

    /// <summary>Passed to the master as <c>use_locking</c> (only instance lists read <c>?lock</c>).</summary>
    bool UseLocking => false;
}

/// <summary>A single-object read (<c>GET /2/instances/{name}</c>…): 404 when the master knows no such object.</summary>
[GeneratedHandler(typeof(ResourceReader))]
public interface IResourceItemQuery : IQuery<JsonBody>
{
    RapiResource Resource { get; }

    /// <summary>The object's name (or uuid, or job id) as the URL gives it.</summary>
    string Name { get; }

    bool UseLocking { get; }
}

/// <summary>The usual base of a list read: the resource, and <c>?bulk</c>.</summary>
public abstract record ResourceListQuery(RapiResource Resource) : IResourceListQuery
{
    [Query("bulk")]
    public bool Bulk { get; init; }
}

/// <summary>The usual base of a single-object read: the resource, the name, and <c>?lock</c>.</summary>
public abstract record ResourceItemQuery(RapiResource Resource, string Name) : IResourceItemQuery
{
    [Query("lock")]
    public bool UseLocking { get; init; }
}
