using System.Security.Cryptography.X509Certificates;

namespace Ganeti.Api.Tests;

/// <summary>The built service started as its own process: real Kestrel, real TLS, real simulator.</summary>
public sealed class RealServerTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "rapi-real-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _port = Hosting.ApiProcess.FreePort();
    private Hosting.ApiProcess? _process;

    public async Task InitializeAsync()
    {
        _process = Hosting.ApiProcess.StartService(["--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", _dataDir, "--sim-time-scale", "0"]);
        // On a loaded machine a start can take a while; the deadline only keeps a broken start from hanging the run.
        await _process.WaitForPortAsync(_port, TimeSpan.FromMinutes(2));
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
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
