using Ganeti.Application.Reads;

namespace Ganeti.Application.Filters;

/// <summary>GET /2/filters[?bulk=1]: the job queue's filter rules, by uuid.</summary>
public sealed record GetFiltersQuery() : ResourceListQuery(RapiResources.Filters);
