using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ganeti.Contract.Tests.Interop;

/// <summary>
/// The built service started as its own process, as an operator starts it
/// (<c>dotnet Ganeti.Api.dll --port P --data-dir D …</c>), on a free loopback port with TLS
/// and its generated certificate: on the simulator (jobs instant) or, with
/// <c>--luxi-socket</c>, as a gateway to the real luxid.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly StringBuilder _log = new();
    private Process? _process;

    private ServiceProcess()
    {
    }

    public int Port { get; } = FreePort();

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "interop-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The simulator's LUXI socket, when the service runs on the simulator.</summary>
    public string LuxiSocket => Path.Combine(DataDir, "luxi.sock");

    public string Url => $"https://127.0.0.1:{Port}";

    /// <summary>The service on a fresh simulated demo cluster; <paramref name="users"/> is a Ganeti RAPI users file's text, or null for none.</summary>
    public static Task<ServiceProcess> OnSimulatorAsync(string? users = null) =>
        StartAsync(users, ["--sim-time-scale", "0"], waitForSimulator: true);

    /// <summary>The service as a gateway to the real cluster's luxid on Ganeti's default socket.</summary>
    public static Task<ServiceProcess> OnRealLuxidAsync(string? users = null) =>
        StartAsync(users, ["--luxi-socket"], waitForSimulator: false);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
            _process = null;
        }

        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }

    private static async Task<ServiceProcess> StartAsync(string? users, string[] arguments, bool waitForSimulator)
    {
        var service = new ServiceProcess();
        try
        {
            Directory.CreateDirectory(service.DataDir);
            var usersFile = Path.Combine(service.DataDir, "users");
            if (users is not null)
            {
                await File.WriteAllTextAsync(usersFile, users);
            }

            var dll = typeof(Program).Assembly.Location;
            var start = new ProcessStartInfo("dotnet", [dll, "--port", service.Port.ToString(CultureInfo.InvariantCulture), "--data-dir", service.DataDir, "--users-file", usersFile, .. arguments])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(dll)!,
            };
            service._process = new Process { StartInfo = start };
            service._process.OutputDataReceived += (_, e) => service.Append(e.Data);
            service._process.ErrorDataReceived += (_, e) => service.Append(e.Data);
            service._process.Start();
            service._process.BeginOutputReadLine();
            service._process.BeginErrorReadLine();
            await service.WaitUntilServingAsync(waitForSimulator);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the port accepts connections (and the simulator's socket does), or the process has ended.</summary>
    private async Task WaitUntilServingAsync(bool waitForSimulator)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"the service exited with {_process.ExitCode} before listening:\n{Log()}");
            }

            if (await AcceptsAsync(new IPEndPoint(IPAddress.Loopback, Port)) && (!waitForSimulator || await AcceptsAsync(new UnixDomainSocketEndPoint(LuxiSocket))))
            {
                return;
            }

            // Each refused attempt is one poll; a short pause keeps it from spinning on a busy machine.
            await Task.Delay(50);
        }

        throw new TimeoutException($"the service did not listen on port {Port} within {StartTimeout.TotalSeconds} s:\n{Log()}");
    }

    private static async Task<bool> AcceptsAsync(EndPoint endPoint)
    {
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, endPoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endPoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
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

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
