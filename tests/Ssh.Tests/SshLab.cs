using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Ganeti.Domain.Jobs;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Infrastructure.Ssh;
using Ganeti.Simulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ganeti.Ssh.Tests;

/// <summary>
/// A temporary directory with a throwaway client key, real OpenSSH servers started from it,
/// and simulated masters. Everything listens on loopback or in mount namespaces this lab
/// creates; everything is removed on dispose. Missing prerequisites (root, sshd, socat,
/// unshare) make the test fail with the reason.
/// </summary>
public sealed class SshLab : IAsyncDisposable
{
    private readonly List<SshServer> _servers = [];
    private readonly List<SimulatedMaster> _masters = [];
    private readonly List<IDisposable> _disposables = [];
    private readonly ILoggerFactory _logs;

    public SshLab(ILoggerFactory? logs = null)
    {
        _logs = logs ?? NullLoggerFactory.Instance;
        RequireTools();
        Root = Path.Combine(Path.GetTempPath(), "ganeti-ssh-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
        ClientKey = Path.Combine(Root, "client_ed25519");
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "ganeti-rapi-test", "-f", ClientKey);
        AuthorizedKeys = Path.Combine(Root, "authorized_keys");
        File.Copy(ClientKey + ".pub", AuthorizedKeys);
        KnownHosts = Path.Combine(Root, "known_hosts");
    }

    public string Root { get; }

    public string ClientKey { get; }

    public string AuthorizedKeys { get; }

    /// <summary>The known_hosts file the tests' transports use (not created until written).</summary>
    public string KnownHosts { get; }

    public static string User => Environment.UserName;

    /// <summary>Fails (never skips) when the machine cannot run a real sshd as root.</summary>
    public static void RequireTools(bool namespaces = false)
    {
        var missing = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            missing.Add("Linux");
        }

        if (Environment.UserName != "root")
        {
            missing.Add($"root (running as {Environment.UserName}; sshd must run as root to log in with a key)");
        }

        foreach (var tool in new[] { "/usr/sbin/sshd", "ssh-keygen", "socat" }.Concat(namespaces ? ["unshare", "mount"] : []))
        {
            if (Which(tool) is null)
            {
                missing.Add($"{tool} (apt-get install openssh-server socat)");
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException("These SSH tests need a real OpenSSH server; missing: " + string.Join("; ", missing));
        }
    }

    public static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(Which(file) ?? file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Result
            : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
    }

    public static int FreePort(string address)
    {
        using var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts an sshd; with <paramref name="view"/> it runs in its own mount namespace where Source is bind-mounted on Target.</summary>
    public async Task<SshServer> StartServerAsync(string name, string address = "127.0.0.1", (string Source, string Target)? view = null)
    {
        var server = await SshServer.StartAsync(this, Path.Combine(Root, name), address, view);
        _servers.Add(server);
        return server;
    }

    public SimulatedMaster StartMaster(string socketPath, string? dataDir = null)
    {
        var master = SimulatedMaster.Start(
            new SimulatorOptions { DataDirectory = dataDir ?? Path.Combine(Root, "cluster"), SocketPath = socketPath, TimeScale = 0, MaxRunningJobs = 4 },
            TimeProvider.System,
            NullLoggerFactory.Instance);
        _masters.Add(master);
        return master;
    }

    public async Task StopMasterAsync(SimulatedMaster master)
    {
        _masters.Remove(master);
        await master.DisposeAsync();
    }

    public void TrustAll(params SshServer[] servers) =>
        File.WriteAllLines(KnownHosts, servers.Select(s => s.KnownHostsLine));

    public SshOptions Options(string nodes, string remoteSocket, string masterNodeFile, bool trustOnFirstUse = false) => new()
    {
        Nodes = nodes,
        User = User,
        KeyFile = ClientKey,
        KnownHostsFile = KnownHosts,
        TrustOnFirstUse = trustOnFirstUse,
        RemoteSocket = remoteSocket,
        MasterNodeFile = masterNodeFile,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>A transport and a LUXI client on it; both are disposed with the lab.</summary>
    public (SshTransport Transport, LuxiClient Client) Connect(SshOptions ssh, LuxiOptions? luxi = null, ILoggerFactory? logs = null)
    {
        logs ??= _logs;
        var transport = new SshTransport(Microsoft.Extensions.Options.Options.Create(ssh), logs.CreateLogger<SshTransport>());
        var client = new LuxiClient(
            transport,
            Microsoft.Extensions.Options.Options.Create(luxi ?? new LuxiOptions { ConnectRetryDelay = TimeSpan.FromMilliseconds(50), ReadWriteTimeout = TimeSpan.FromSeconds(30) }),
            logs.CreateLogger<LuxiClient>());
        _disposables.Add(transport);
        return (transport, client);
    }

    /// <summary>
    /// Follows a job with WaitForJobChange until it ends, the way Ganeti's clients do: passing
    /// the job info and the highest log serial seen, and bounded by a deadline in time rather
    /// than a number of answers. Answers its final status.
    /// </summary>
    public static async Task<string> WaitForEndAsync(LuxiJobQueue jobs, JobId id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        JsonArray? previous = null;
        long? logSerial = null;
        var status = "(none)";
        while (DateTime.UtcNow < deadline)
        {
            var change = await jobs.WaitForChangeAsync(id, ["status"], previous, logSerial, TimeSpan.FromSeconds(5), CancellationToken.None);
            if (change.Log.Count > 0)
            {
                logSerial = Math.Max(logSerial ?? 0, change.Log.Max(e => e.Serial));
            }

            status = change.Info[0]!.GetValue<string>();
            if (status is "success" or "error" or "canceled")
            {
                return status;
            }

            previous = new JsonArray(change.Info[0]!.DeepClone());
        }

        throw new TimeoutException($"job {id.Value} did not end in time (last status {status})");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        foreach (var master in _masters)
        {
            await master.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? Which(string tool)
    {
        if (tool.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(tool) ? tool : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':').Append("/usr/sbin").Append("/sbin").Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }
}

/// <summary>A real sshd (<c>-D -e</c>) on a loopback address and a free port, with a throwaway ed25519 host key.</summary>
public sealed class SshServer : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly string _config;
    private readonly (string Source, string Target)? _view;
    private Process? _process;

    private SshServer(string directory, string address, int port, string config, (string Source, string Target)? view)
    {
        Directory = directory;
        Address = address;
        Port = port;
        _config = config;
        _view = view;
        HostPublicKey = string.Join(' ', File.ReadAllText(Path.Combine(directory, "host_ed25519.pub")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));
    }

    public string Directory { get; }

    public string Address { get; }

    public int Port { get; }

    /// <summary><c>ssh-ed25519 AAAA…</c></summary>
    public string HostPublicKey { get; }

    public byte[] HostKeyBlob => Convert.FromBase64String(HostPublicKey.Split(' ')[1]);

    public string KnownHostsLine => $"[{Address}]:{Port} {HostPublicKey}";

    public SshNode Node => new(Address, Port);

    /// <summary>Everything sshd logged so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<SshServer> StartAsync(SshLab lab, string directory, string address, (string Source, string Target)? view)
    {
        System.IO.Directory.CreateDirectory(directory);
        System.IO.Directory.CreateDirectory("/run/sshd"); // sshd's privilege separation directory
        SshLab.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "test-host", "-f", Path.Combine(directory, "host_ed25519"));
        var port = SshLab.FreePort(address);
        var config = Path.Combine(directory, "sshd_config");
        File.WriteAllText(config, $"""
            Port {port}
            ListenAddress {address}
            HostKey {directory}/host_ed25519
            PidFile {directory}/sshd.pid
            AuthorizedKeysFile {lab.AuthorizedKeys}
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            PermitRootLogin prohibit-password
            UseDNS no
            PrintMotd no

            """);
        SshLab.Run("/usr/sbin/sshd", "-t", "-f", config);
        var server = new SshServer(directory, address, port, config, view);
        await server.StartAsync();
        return server;
    }

    /// <summary>Kills the per-connection sshd processes (children of the listener); the listener keeps running.</summary>
    public int KillSessions()
    {
        var listener = _process?.Id ?? throw new InvalidOperationException("sshd is not running");
        var killed = 0;
        foreach (var pid in ChildrenOf(listener))
        {
            try
            {
                using var child = Process.GetProcessById(pid);
                child.Kill();
                killed++;
            }
            catch (ArgumentException)
            {
            }
        }

        return killed;
    }

    /// <summary>Waits until a process named <paramref name="command"/> runs in one of this server's sessions.</summary>
    public async Task WaitForCommandAsync(string command, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!Descendants(_process?.Id ?? 0).Any(pid => Comm(pid) == command))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {command} started under sshd on {Address}:{Port}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The number of per-connection sshd processes (one per SSH connection).</summary>
    public int SessionCount => _process is null ? 0 : ChildrenOf(_process.Id).Count;

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async Task StartAsync()
    {
        var start = _view is { } view
            ? new ProcessStartInfo("unshare")
            {
                ArgumentList =
                {
                    "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                    $"mount --bind '{view.Source}' '{view.Target}' && exec /usr/sbin/sshd -D -e -f '{_config}'",
                },
            }
            : new ProcessStartInfo("/usr/sbin/sshd") { ArgumentList = { "-D", "-e", "-f", _config } };
        var logFrom = Log.Length;
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"sshd on {Address}:{Port} exited with {process.ExitCode}{(_view is null ? string.Empty : " (in a mount namespace: unshare/mount need root)")}: {Log}");
            }

            if (Log.IndexOf("Server listening", logFrom, StringComparison.Ordinal) >= 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"sshd on {Address}:{Port} did not start: {Log}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }

        return children;
    }

    private static IEnumerable<int> Descendants(int root)
    {
        foreach (var child in ChildrenOf(root))
        {
            yield return child;
            foreach (var grandchild in Descendants(child))
            {
                yield return grandchild;
            }
        }
    }

    private static string Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
