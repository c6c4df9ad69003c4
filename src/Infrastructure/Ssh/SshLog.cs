using Microsoft.Extensions.Logging;

namespace Ganeti.Infrastructure.Ssh;

internal static partial class SshLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Trusted on first use: recorded the {KeyType} key {Fingerprint} of {Host} port {Port} in {KnownHostsFile}")]
    public static partial void HostKeyRecorded(ILogger logger, string host, int port, string keyType, string fingerprint, string knownHostsFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Master node is {Master} (asked {AskedNode}, which names {MasterName})")]
    public static partial void MasterFound(ILogger logger, string master, string askedNode, string masterName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Master node changed from {OldMaster} to {NewMaster}")]
    public static partial void MasterChanged(ILogger logger, string oldMaster, string newMaster);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Master discovery: {Reason}")]
    public static partial void DiscoveryStep(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSH connection to {Node} established ({Connections} open)")]
    public static partial void Connected(ILogger logger, string node, int connections);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The master daemon socket on {Node} is not reachable ({Reason}); the master will be looked up again")]
    public static partial void MasterSocketGone(ILogger logger, string node, string reason);
}
