using Ganeti.Application.Reads;

namespace Ganeti.Application.Instances;

/// <summary>GET /2/instances/{instanceName}[?lock=1]: one instance in full.</summary>
public sealed record GetInstanceQuery(string InstanceName) : ResourceItemQuery(RapiResources.Instances, InstanceName);
