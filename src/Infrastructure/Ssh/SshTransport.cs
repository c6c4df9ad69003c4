using Ganeti.Infrastructure.Luxi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Ganeti.Infrastructure.Ssh;

/// <summary>
/// LUXI over SSH, for a gateway that does not run on the master node. SSH.NET cannot forward
/// to a remote Unix socket, so every LUXI connection is an exec channel running
/// <c>socat - UNIX-CONNECT:&lt;socket&gt;</c> on the master; the channel carries the same frames
/// as the local socket. Channels share one SSH connection (another is opened only when one
/// has as many channels as the server allows). The master is found by asking the configured
/// nodes for <c>ssconf_master_node</c>, and looked up again when its SSH connection cannot be
/// re-established or socat there finds no master socket.
/// </summary>
public sealed class SshTransport : ILuxiTransport, IDisposable
{
    private readonly SshOptions _options;
    private readonly IReadOnlyList<SshNode> _nodes;
    private readonly HostKeyPolicy _hostKeys;
    private readonly ILogger<SshTransport> _logger;
    private readonly string _socatCommand;
    private readonly string _masterQuery;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _sync = new();
    private readonly List<SshConnection> _connections = [];
    private PrivateKeyFile? _key;
    private volatile SshNode? _master;
    private volatile SshNode? _socketGone;
    private volatile bool _rediscover = true;
    private bool _disposed;

    public SshTransport(IOptions<SshOptions> options, ILogger<SshTransport> logger)
    {
        _options = options.Value;
        _nodes = _options.ParseNodes();
        _logger = logger;
        _hostKeys = new HostKeyPolicy(_options.ResolvedKnownHostsFile, _options.TrustOnFirstUse, logger);
        // -t 0: exit as soon as the master closes its end, so a pooled channel shows as closed quickly.
        _socatCommand = "socat -t 0 - " + ShellQuote("UNIX-CONNECT:" + _options.RemoteSocket);
        _masterQuery = "cat -- " + ShellQuote(_options.MasterNodeFile);
    }

    public string Endpoint => $"ssh://{_options.User}@{_master?.ToString() ?? string.Join(",", _nodes)}{_options.RemoteSocket}";

    /// <summary>The node used as master, once one has been found.</summary>
    public SshNode? Master => _master;

    /// <summary>Open SSH connections (to the master, plus retired ones still finishing calls).</summary>
    internal int ConnectionCount
    {
        get
        {
            lock (_sync)
            {
                return _connections.Count;
            }
        }
    }

    public bool IsAlive(Stream stream) => stream is SshChannelStream { IsAlive: true };

    public async ValueTask<Stream> ConnectAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var round = 1; ; round++)
        {
            var connection = await AcquireAsync(ct).ConfigureAwait(false);
            try
            {
                var (command, execution) = await StartAsync(connection, _socatCommand, ct).ConfigureAwait(false);
                return new SshChannelStream(command, execution, connection, _options.RemoteSocket, OnSocketUnreachable);
            }
            catch (LuxiConnectException) when (round == 1 && !connection.IsConnected)
            {
                // The connection died while idle and nothing was sent: connect again.
            }
        }
    }

    public void Dispose()
    {
        List<SshConnection> connections;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connections = [.. _connections];
            _connections.Clear();
        }

        foreach (var connection in connections)
        {
            connection.Dispose();
        }

        _key?.Dispose();
    }

    internal static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The key type whose keys a host key algorithm uses (the RSA signature variants share ssh-rsa keys).</summary>
    internal static string KeyTypeOf(string algorithm) => algorithm is "rsa-sha2-256" or "rsa-sha2-512" ? "ssh-rsa" : algorithm;

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;

    /// <summary>A connection to the master with a channel slot reserved for the caller.</summary>
    private async ValueTask<SshConnection> AcquireAsync(CancellationToken ct)
    {
        if (!_rediscover && TryReserveExisting() is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            PruneDead();
            var discovered = false;
            if (_rediscover || _master is null)
            {
                await DiscoverAsync(ct).ConfigureAwait(false);
                discovered = true;
            }

            while (true)
            {
                if (TryReserveExisting() is { } existing)
                {
                    return existing;
                }

                SshConnection fresh;
                try
                {
                    fresh = await OpenConnectionAsync(_master!, ct).ConfigureAwait(false);
                }
                catch (LuxiConnectException ex) when (!discovered)
                {
                    // The master cannot be reached any more; find out which node is master now.
                    SshLog.DiscoveryStep(_logger, ex.Message);
                    await DiscoverAsync(ct).ConfigureAwait(false);
                    discovered = true;
                    continue;
                }

                if (!fresh.TryReserve())
                {
                    fresh.Dispose();
                    throw new LuxiConnectException($"SSH connection to {fresh.Node} closed right after it was opened");
                }

                int count;
                lock (_sync)
                {
                    _connections.Add(fresh);
                    count = _connections.Count;
                }

                SshLog.Connected(_logger, fresh.Node.ToString(), count);
                return fresh;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private SshConnection? TryReserveExisting()
    {
        lock (_sync)
        {
            return _connections.FirstOrDefault(c => c.Node == _master && c.TryReserve());
        }
    }

    private void PruneDead()
    {
        lock (_sync)
        {
            foreach (var dead in _connections.Where(c => !c.IsConnected).ToList())
            {
                _connections.Remove(dead);
                dead.Retire();
            }
        }
    }

    /// <summary>
    /// Asks the last known master, then every configured node, which node is master; the named
    /// node must agree before it is used. A node where socat just found no master socket is
    /// asked last: its own ssconf may be stale.
    /// </summary>
    private async Task DiscoverAsync(CancellationToken ct)
    {
        // A key that cannot be loaded fails every node alike: said once, not once per node.
        _key ??= LoadKey();
        var failures = new List<string>();
        var previous = _master;
        var suspect = _socketGone;
        List<SshNode> candidates = previous is null ? [.. _nodes] : [previous, .. _nodes.Where(n => n != previous)];
        if (suspect is not null && candidates.Remove(suspect))
        {
            candidates.Add(suspect);
        }
        foreach (var candidate in candidates)
        {
            var asked = await AskMasterAsync(candidate, failures, ct).ConfigureAwait(false);
            if (asked is null)
            {
                continue;
            }

            var named = SshNode.Resolve(asked.Name, _nodes, _options.DefaultPort);
            if (named == candidate)
            {
                Adopt(asked, candidate);
                return;
            }

            asked.Release();
            var confirmation = await AskMasterAsync(named, failures, ct).ConfigureAwait(false);
            if (confirmation is null)
            {
                failures.Add($"{candidate} names {asked.Name} as master, which could not be asked");
                continue;
            }

            if (SshNode.Resolve(confirmation.Name, _nodes, _options.DefaultPort) == named)
            {
                Adopt(confirmation, candidate);
                return;
            }

            confirmation.Release();
            failures.Add($"{candidate} names {asked.Name} as master, but {named} names {confirmation.Name}");
        }

        throw new LuxiConnectException($"No Ganeti master found over SSH: {string.Join("; ", failures)}");
    }

    private void Adopt(Answer answer, SshNode askedNode)
    {
        var master = answer.Connection.Node;
        List<SshConnection> retired;
        lock (_sync)
        {
            retired = [.. _connections.Where(c => c.Node != master)];
            foreach (var connection in retired)
            {
                _connections.Remove(connection);
            }

            if (answer.Owned)
            {
                _connections.Add(answer.Connection);
            }

            var previous = _master;
            _master = master;
            _socketGone = null;
            _rediscover = false;
            if (previous is not null && previous != master)
            {
                SshLog.MasterChanged(_logger, previous.ToString(), master.ToString());
            }
        }

        foreach (var connection in retired)
        {
            connection.Retire();
        }

        SshLog.MasterFound(_logger, master.ToString(), askedNode.ToString(), answer.Name);
    }

    /// <summary>Reads a node's ssconf master name; null (with the reason in <paramref name="failures"/>) when it cannot be asked.</summary>
    private async Task<Answer?> AskMasterAsync(SshNode node, List<string> failures, CancellationToken ct)
    {
        SshConnection? connection;
        lock (_sync)
        {
            connection = _connections.FirstOrDefault(c => c.Node == node && c.IsConnected);
        }

        var owned = false;
        try
        {
            if (connection is null || !connection.TryReserve())
            {
                connection = await OpenConnectionAsync(node, ct).ConfigureAwait(false);
                owned = true;
                if (!connection.TryReserve())
                {
                    throw new LuxiConnectException($"{node}: the connection closed right after it was opened");
                }
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(_options.ConnectTimeout);
            string output, error;
            int? status;
            try
            {
                var (command, execution) = await StartAsync(connection, _masterQuery, limit.Token, releaseOnFailure: false).ConfigureAwait(false);
                using (command)
                {
                    await execution.WaitAsync(limit.Token).ConfigureAwait(false);
                    (output, error, status) = (command.Result, command.Error, command.ExitStatus);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new LuxiConnectException($"{node}: reading {_options.MasterNodeFile} timed out");
            }
            finally
            {
                connection.Release();
            }

            var name = FirstLine(output);
            if (status != 0 || name.Length == 0)
            {
                throw new LuxiConnectException($"{node}: cannot read {_options.MasterNodeFile} (exit status {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: {FirstLine(error)})");
            }

            return new Answer(connection, owned, name);
        }
        catch (LuxiConnectException ex)
        {
            if (owned)
            {
                connection?.Dispose();
            }

            // Every reason names its node: those of connecting and of opening a channel say
            // which node they tried, those of the query above start with it. (The key is
            // loaded before any node is asked.)
            failures.Add(ex.Message);
            SshLog.DiscoveryStep(_logger, ex.Message);
            return null;
        }
    }

    /// <summary>Starts a command on a reserved channel slot; returns once the channel is open and the command started.</summary>
    private static async Task<(SshCommand Command, Task Execution)> StartAsync(SshConnection connection, string commandText, CancellationToken ct, bool releaseOnFailure = true)
    {
        SshCommand? command = null;
        Task<Task>? start = null;
        try
        {
            command = connection.Client.CreateCommand(commandText);
            var created = command;

            // ExecuteAsync opens the channel and sends the exec request synchronously.
            start = Task.Factory.StartNew(() => created.ExecuteAsync(CancellationToken.None), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
            var execution = await start.WaitAsync(ct).ConfigureAwait(false);
            return (command, execution);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested && start is not null)
        {
            var abandoned = command!;
            _ = start.ContinueWith(
                _ =>
                {
                    abandoned.Dispose();
                    if (releaseOnFailure)
                    {
                        connection.Release();
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
            throw;
        }
        catch (Exception ex) when (ex is SshException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            command?.Dispose();
            if (releaseOnFailure)
            {
                connection.Release();
            }

            throw new LuxiConnectException($"Can't open an SSH channel on {connection.Node}: {ex.Message}", ex);
        }
    }

    private async Task<SshConnection> OpenConnectionAsync(SshNode node, CancellationToken ct)
    {
        var key = _key ??= LoadKey();
        var client = new SshClient(node.Host, node.Port, _options.User, key);
        client.ConnectionInfo.Timeout = _options.ConnectTimeout;
        client.ConnectionInfo.MaxSessions = _options.MaxChannelsPerConnection;
        client.KeepAliveInterval = _options.KeepAliveInterval > TimeSpan.Zero ? _options.KeepAliveInterval : Timeout.InfiniteTimeSpan;
        PreferKnownHostKeyTypes(client.ConnectionInfo, node);
        string? refusal = null;
        client.HostKeyReceived += (_, e) =>
        {
            refusal = _hostKeys.Verify(node, e.HostKey);
            e.CanTrust = refusal is null;
        };

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(_options.ConnectTimeout);
        try
        {
            await client.ConnectAsync(limit.Token).ConfigureAwait(false);
            return new SshConnection(node, client, _options.MaxChannelsPerConnection);
        }
        catch (Exception ex)
        {
            client.Dispose();
            if (ex is OperationCanceledException && ct.IsCancellationRequested)
            {
                throw;
            }

            if (refusal is not null)
            {
                throw new LuxiConnectException(refusal, ex);
            }

            throw ex switch
            {
                OperationCanceledException => new LuxiConnectException($"Can't connect to {node} over SSH: no answer within {_options.ConnectTimeout.TotalSeconds:0.###} s", ex),
                SshAuthenticationException => new LuxiConnectException($"SSH login as {_options.User} on {node} with key {_options.ResolvedKeyFile} was refused: {ex.Message}", ex),
                SshException or System.Net.Sockets.SocketException or IOException or TimeoutException => new LuxiConnectException($"Can't connect to {node} over SSH: {ex.Message}", ex),
                _ => ex,
            };
        }
    }

    /// <summary>
    /// Plain keys only (known_hosts lines are checked, not host certificates), and the key types
    /// known_hosts has for this node first, so the server presents one that can be verified.
    /// </summary>
    private void PreferKnownHostKeyTypes(ConnectionInfo info, SshNode node)
    {
        var algorithms = info.HostKeyAlgorithms;
        foreach (var certificate in algorithms.Keys.Where(k => k.Contains("-cert-", StringComparison.Ordinal)).ToList())
        {
            algorithms.Remove(certificate);
        }

        var known = _hostKeys.KnownTypes(node);
        var position = 0;
        foreach (var algorithm in algorithms.Keys.ToList())
        {
            if (known.Contains(KeyTypeOf(algorithm), StringComparer.Ordinal))
            {
                algorithms.SetPosition(algorithm, position++);
            }
        }
    }

    private PrivateKeyFile LoadKey()
    {
        var path = _options.ResolvedKeyFile ?? throw new LuxiConnectException("No SSH key configured (--ssh-key)");
        try
        {
            return _options.LoadKey(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SshException or ArgumentException)
        {
            throw new LuxiConnectException($"Can't load the SSH key {path}: {ex.Message}", ex);
        }
    }

    private void OnSocketUnreachable(SshNode node, string reason)
    {
        if (node == _master)
        {
            _socketGone = node;
            _rediscover = true;
        }

        SshLog.MasterSocketGone(_logger, node.ToString(), reason);
    }

    /// <summary>A node's answer to "who is master", and the connection it came over.</summary>
    private sealed record Answer(SshConnection Connection, bool Owned, string Name)
    {
        /// <summary>Closes the connection if it was opened just to ask.</summary>
        public void Release()
        {
            if (Owned)
            {
                Connection.Dispose();
            }
        }
    }
}
