using Ganeti.Application.Abstractions;

namespace Ganeti.Application.Reads;

/// <summary>
/// How RAPI lists and shows one kind of object: the master's query, the fields of a bulk list
/// and of a single object, the index list's key and URI prefix, and the aliases Ganeti adds.
/// </summary>
public sealed record RapiResource(ClassicQuery Query, IReadOnlyList<string> BulkFields, IReadOnlyList<string> ItemFields, string IndexKey, string UriPrefix)
{
    /// <summary>The field the index list is made of (<c>name</c>, <c>id</c>, <c>uuid</c>).</summary>
    public string IndexField { get; init; } = "name";

    /// <summary>Index ids are numbers, sorted numerically (jobs).</summary>
    public bool NumericIds { get; init; }

    /// <summary><c>beparams.memory</c> = <c>beparams.maxmem</c> in lists and objects (instances).</summary>
    public bool MemoryAlias { get; init; }

    /// <summary>Aliases added to a single object, appended after its fields: alias and source field.</summary>
    public IReadOnlyList<(string Alias, string Source)> ItemAliases { get; init; } = [];
}
