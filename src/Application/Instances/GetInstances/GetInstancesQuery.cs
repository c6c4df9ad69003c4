using System.Text.Json.Nodes;
using Mediator;

namespace Ganeti.Application.Instances.GetInstances;

/// <summary>GET /2/instances: an index of instances, or every instance in full with <c>bulk</c>.</summary>
public sealed record GetInstancesQuery(bool Bulk, bool UseLocking) : IQuery<JsonArray>;
