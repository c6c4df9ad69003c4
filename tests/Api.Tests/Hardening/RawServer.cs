using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Ganeti.Api.Tests.Hardening;

/// <summary>
/// The built service as its own process on plain HTTP (real Kestrel, real simulator), with its
/// console log read line by line, for requests only a raw socket can send.
/// </summary>
public class RawServer : IAsyncLifetime
{
    protected string DataDir { get; } = Path.Combine(Path.GetTempPath(), "rapi-raw-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private Process? _process;

    public int Port { get; } = Hosting.ApiProcess.FreePort();

    /// <summary>The service's process id.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("not started");

    /// <summary>The embedded simulator's LUXI socket.</summary>
    public string LuxiSocket => Path.Combine(DataDir, "luxi.sock");

    /// <summary>More command-line arguments of a derived fixture.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Whether the service serves TLS (with the certificate it generates into the data directory).</summary>
    protected virtual bool Tls => false;

    /// <summary>More environment of a derived fixture (configuration as <c>Section__Key</c>).</summary>
    protected virtual IEnumerable<(string Name, string Value)> ExtraEnvironment => [];

    public const string WriteUser = "admin";
    public const string WritePassword = "adminpass";
    public const string ReadUser = "reader";
    public const string ReadPassword = "readerpass";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        var users = Path.Combine(DataDir, "users");
        await File.WriteAllTextAsync(users, $"{WriteUser} {WritePassword} write\n{ReadUser} {ReadPassword} read\n");
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, .. Tls ? Array.Empty<string>() : ["--no-ssl"], "--port", Port.ToString(CultureInfo.InvariantCulture), "--data-dir", DataDir, "--sim-time-scale", "0", "--users-file", users, .. ExtraArguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            Environment =
            {
                ["Rapi__BodyIdleTimeout"] = "00:00:01",

                // Storms of generated requests send wrong passwords from one address: their
                // answers are not delayed here (AuditLogTests turn the backoff on).
                ["Rapi__AuthBackoff__MaxDelay"] = "00:00:00",
            },
        };
        foreach (var (name, value) in ExtraEnvironment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _lines.Writer.TryWrite(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _lines.Writer.TryWrite(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // On a loaded machine a start can take a while; the deadline only keeps a broken start from hanging the run.
        if (!await Hosting.ApiProcess.PortAnswersAsync(_process, Port, TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException(_process.HasExited ? $"the service exited with {_process.ExitCode}" : "the service did not start");
        }
    }

    /// <summary>Sends the bytes on a new connection and reads until the server closes it or <paramref name="readFor"/> passes.</summary>
    public async Task<string> ExchangeAsync(byte[] request, TimeSpan readFor)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // The server answered before the whole request was sent (a body over the limit) and
            // closed its side: its answer is still there to read.
        }

        return await ReadAllAsync(stream, readFor);
    }

    public static async Task<string> ReadAllAsync(NetworkStream stream, TimeSpan readFor)
    {
        using var cancel = new CancellationTokenSource(readFor);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancel.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            received.Write("\n<still open>"u8);
        }
        catch (IOException)
        {
            received.Write("\n<reset>"u8);
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    /// <summary>
    /// Sends a request for a path no one else uses and returns every log line written up to
    /// and including the one that logs it: the lines of all requests made before it.
    /// </summary>
    public async Task<IReadOnlyList<string>> LogUpToMarkerAsync()
    {
        var marker = "/marker-" + Guid.NewGuid().ToString("N");
        await ExchangeAsync(Encoding.ASCII.GetBytes($"GET {marker} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var line in _lines.Reader.ReadAllAsync(cancel.Token))
        {
            _seen.Add(line);
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return [.. _seen];
            }
        }

        throw new InvalidOperationException("the log ended");
    }

    /// <summary>Reads the log on from where it was last read, up to the first line that matches.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var line in _lines.Reader.ReadAllAsync(cancel.Token))
        {
            _seen.Add(line);
            if (match(line))
            {
                return line;
            }
        }

        throw new InvalidOperationException("the log ended");
    }

    /// <summary>Sends a signal to the service's process, as <c>kill -SIGNAL pid</c> would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process!.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        kill.ExitCode.Should().Be(0);
    }

    public bool HasExited => _process!.HasExited;

    public static string BasicAuth(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }
}
