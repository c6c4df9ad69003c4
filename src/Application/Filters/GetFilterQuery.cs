using Ganeti.Application.Reads;

namespace Ganeti.Application.Filters;

/// <summary>GET /2/filters/{filterUuid}: one filter rule.</summary>
public sealed record GetFilterQuery(string FilterUuid) : ResourceItemQuery(RapiResources.Filters, FilterUuid);
