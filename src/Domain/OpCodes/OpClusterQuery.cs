namespace Ganeti.Domain.OpCodes;

/// <summary>OP_CLUSTER_QUERY: the cluster's configuration as a dict (RAPI's /2/info asks LUXI instead).</summary>
public sealed record OpClusterQuery : OpCode;
