using Ganeti.Application.Operations;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Application.Instances;

/// <summary>GET /2/instances/{instanceName}/info[?static=1]: submits OP_INSTANCE_QUERY_DATA; the job's result is the instance's details.</summary>
[OpResource("instances_name_info", BodyIgnored = true)]
public sealed record RequestInstanceInfoCommand([property: NotOpParameter] string InstanceName) : OpCommand<OpInstanceQueryData>
{
    public IReadOnlyList<string> Instances => [InstanceName];

    [Query("static")]
    public bool Static { get; init; }
}
