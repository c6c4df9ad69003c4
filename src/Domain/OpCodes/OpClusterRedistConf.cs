namespace Ganeti.Domain.OpCodes;

/// <summary>OP_CLUSTER_REDIST_CONF: push the configuration and ancillary files to every node.</summary>
public sealed record OpClusterRedistConf : OpCode;
