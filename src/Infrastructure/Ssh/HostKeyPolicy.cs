using Microsoft.Extensions.Logging;

namespace Ganeti.Infrastructure.Ssh;

/// <summary>
/// Decides whether a node's host key is trusted: it must be in the known_hosts file. With
/// trust on first use, the key of a host the file does not mention at all is accepted and
/// appended; a changed, revoked or other-type key is refused whatever the setting.
/// </summary>
public sealed class HostKeyPolicy(string knownHostsFile, bool trustOnFirstUse, ILogger logger)
{
    private static readonly Lock FileLock = new();

    /// <summary>Null when the key is trusted (recording it first under trust on first use), else why not.</summary>
    public string? Verify(SshNode node, byte[] keyBlob)
    {
        lock (FileLock)
        {
            var check = KnownHosts.Check(ReadLines(), node.KnownHostsName, keyBlob);
            var type = KnownHosts.KeyType(keyBlob);
            var fingerprint = KnownHosts.Fingerprint(keyBlob);
            var prefix = $"Host key verification failed for {node.Host} port {node.Port}";
            switch (check.Status)
            {
                case HostKeyStatus.Trusted:
                    return null;
                case HostKeyStatus.Unknown when trustOnFirstUse:
                    Append(KnownHosts.FormatLine(node.KnownHostsName, keyBlob));
                    SshLog.HostKeyRecorded(logger, node.Host, node.Port, type, fingerprint, knownHostsFile);
                    return null;
                case HostKeyStatus.Unknown:
                    return $"{prefix}: {knownHostsFile} has no key for this host (it presented {type} {fingerprint}). "
                        + $"Check the fingerprint on the node (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and add the key, "
                        + $"e.g. ssh-keyscan -p {node.Port} {node.Host} >> {knownHostsFile}, or start with --ssh-trust-on-first-use";
                case HostKeyStatus.Changed:
                    return $"{prefix}: its {type} key {fingerprint} differs from the one recorded in {knownHostsFile} line {check.Line}. "
                        + "The host key has changed: the node was reinstalled, or someone is intercepting the connection. "
                        + $"If the change is expected, remove the old key (ssh-keygen -R '{node.KnownHostsName}' -f {knownHostsFile}) and record the new one";
                case HostKeyStatus.OtherTypesOnly:
                    return $"{prefix}: it presented a {type} key ({fingerprint}) but {knownHostsFile} only has {string.Join(", ", check.KnownTypes)} keys for it; "
                        + $"add its {type} key after checking the fingerprint";
                default:
                    return $"{prefix}: its {type} key {fingerprint} is marked @revoked in {knownHostsFile} line {check.Line}";
            }
        }
    }

    /// <summary>The key types known_hosts has for a node, so the connection can ask for one of those first.</summary>
    public IReadOnlyList<string> KnownTypes(SshNode node)
    {
        lock (FileLock)
        {
            return KnownHosts.KnownTypes(ReadLines(), node.KnownHostsName);
        }
    }

    private string[] ReadLines()
    {
        try
        {
            return File.ReadAllLines(knownHostsFile);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }

    private void Append(string line)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(knownHostsFile));
        if (directory is not null && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var exists = File.Exists(knownHostsFile);
        var needsNewline = exists && new FileInfo(knownHostsFile).Length > 0 && !EndsWithNewline();
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
        if (!exists && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(knownHostsFile, options);
        writer.Write((needsNewline ? "\n" : string.Empty) + line + "\n");
    }

    private bool EndsWithNewline()
    {
        using var stream = File.OpenRead(knownHostsFile);
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }
}
