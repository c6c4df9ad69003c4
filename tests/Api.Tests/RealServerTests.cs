using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Ganeti.Api.Tests;

/// <summary>The built service started as its own process: real Kestrel, real TLS, real simulator.</summary>
public sealed class RealServerTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "rapi-real-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _port = FreePort();
    private Process? _process;

    public async Task InitializeAsync()
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", _dataDir, "--sim-time-scale", "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Until the port answers or the process ends (on a loaded machine a start can take a
        // while; the deadline only keeps a broken start from hanging the run).
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!_process.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException(_process.HasExited ? $"the service exited with {_process.ExitCode}" : "the service did not start");
    }

    [Fact]
    public async Task Https_WithGeneratedCertificate_ServesTheSimulatedCluster()
    {
        X509Certificate2? seen = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                seen = cert is null ? null : X509CertificateLoader.LoadCertificate(cert.RawData);
                return true;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{_port}") };

        (await client.GetStringAsync("/version")).Should().Be("2\n");
        (await client.GetStringAsync("/2/instances")).Should().Contain("/2/instances/web1.example.com");

        var stored = X509Certificate2.CreateFromPemFile(Path.Combine(_dataDir, "rapi.pem"));
        seen.Should().NotBeNull();
        seen!.Thumbprint.Should().Be(stored.Thumbprint);
        stored.HasPrivateKey.Should().BeTrue();
    }

    /// <summary>
    /// HTTP/1.1 only, like ganeti-rapi: a client offering HTTP/2 through ALPN is answered in
    /// HTTP/1.1, where a NUL in the path is a 400 (over HTTP/2 it reset the stream).
    /// </summary>
    [Fact]
    public async Task Https_ClientOfferingHttp2_IsServedHttp11_AndANulInThePathIsA400()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler)
        {
            BaseAddress = new Uri($"https://127.0.0.1:{_port}"),
            DefaultRequestVersion = System.Net.HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        using var version = await client.GetAsync("/version");
        using var nul = await client.GetAsync("/2/instances/%00");

        version.Version.Should().Be(System.Net.HttpVersion.Version11);
        ((int)nul.StatusCode).Should().Be(400);
        nul.Version.Should().Be(System.Net.HttpVersion.Version11);
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
