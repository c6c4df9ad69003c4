using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;

namespace Ganeti.Application.Reads;

/// <summary>Runs the list and single-object reads of every <see cref="RapiResource"/>.</summary>
public sealed class ResourceReader(IGanetiQueries queries)
{
    private readonly SharedListReads _lists = new(queries);

    public async ValueTask<JsonBody> RunAsync(IResourceListQuery query, CancellationToken ct)
    {
        var resource = query.Resource;
        var all = resource.Query is ClassicQuery.Jobs or ClassicQuery.Filters ? null : Array.Empty<string>();
        if (query.Bulk)
        {
            return await _lists.ReadAsync(resource, query.UseLocking, ct).ConfigureAwait(false);
        }

        var ids = await queries.QueryRowsRawAsync(resource.Query, all, [resource.IndexField], query.UseLocking, ct).ConfigureAwait(false);
        return new IndexListBody(ids, resource.IndexKey, resource.UriPrefix, resource.NumericIds);
    }

    public async ValueTask<JsonBody> RunAsync(IResourceItemQuery query, CancellationToken ct)
    {
        var resource = query.Resource;
        var rows = await queries.QueryRowsRawAsync(resource.Query, [query.Name], resource.ItemFields, query.UseLocking, ct).ConfigureAwait(false);
        if (RowsBody.IsEmpty(rows))
        {
            rows.Dispose();
            throw new NotFoundException(string.Empty);
        }

        return RowsBody.Single(rows, resource.ItemFields, resource.MemoryAlias, resource.ItemAliases);
    }
}
