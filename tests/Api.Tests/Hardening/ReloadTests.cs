using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Ganeti.Api.Hosting;

namespace Ganeti.Api.Tests.Hardening;

/// <summary>
/// The running service's certificate (the one it generated into its data directory) and users
/// file replaced under it: each change is logged, new TLS connections get the new certificate,
/// a file that does not load leaves the old one served, and SIGHUP reloads both without
/// ending the process.
/// </summary>
public sealed class ReloadTests(ReloadTests.Server server) : IClassFixture<ReloadTests.Server>
{
    [Fact]
    public async Task CertificateReplacedInTheDataDirectory_IsServedToNewConnections()
    {
        var before = await server.ServedThumbprintAsync();
        var (pem, thumbprint) = NewCertificate();

        // Written beside it, then renamed into place, as deployment tools replace files.
        var next = server.CertificatePath + ".new";
        await File.WriteAllTextAsync(next, pem);
        File.Move(next, server.CertificatePath, overwrite: true);
        await server.WaitForLineAsync(line => line.Contains(" INF] Certificate ", StringComparison.Ordinal)
            && line.Contains("reloaded (file changed)", StringComparison.Ordinal) && line.Contains(thumbprint, StringComparison.Ordinal));

        thumbprint.Should().NotBe(before);
        (await server.ServedThumbprintAsync()).Should().Be(thumbprint);
    }

    [Fact]
    public async Task HalfWrittenCertificate_LeavesTheOldOneServed_UntilTheFileIsWhole()
    {
        var before = await server.ServedThumbprintAsync();
        var (pem, thumbprint) = NewCertificate();
        var certificateOnly = pem[..(pem.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + "-----END CERTIFICATE-----".Length)];

        await File.WriteAllTextAsync(server.CertificatePath, certificateOnly);
        var refused = await server.WaitForLineAsync(line => line.Contains("not reloaded (file changed)", StringComparison.Ordinal));

        refused.Should().Contain(" WRN] ").And.Contain("still serving thumbprint " + before);
        (await server.ServedThumbprintAsync()).Should().Be(before);

        await File.WriteAllTextAsync(server.CertificatePath, pem);
        await server.WaitForLineAsync(line => line.Contains("reloaded (file changed)", StringComparison.Ordinal) && line.Contains(thumbprint, StringComparison.Ordinal));
        (await server.ServedThumbprintAsync()).Should().Be(thumbprint);
    }

    [Fact]
    public async Task Sighup_RereadsTheUsersFileEvenWhenItLooksUnchanged_ReloadsTheCertificate_AndTheServiceRunsOn()
    {
        (await server.GetStatusAsync(RawServer.ReadUser, RawServer.ReadPassword)).Should().Be(HttpStatusCode.OK);

        // Same length and the same modification time: only SIGHUP can tell the file changed.
        var users = server.UsersFile;
        var written = File.GetLastWriteTimeUtc(users);
        var text = await File.ReadAllTextAsync(users);
        var renamed = text.Replace("reader readerpass", "audits auditspass", StringComparison.Ordinal);
        renamed.Length.Should().Be(text.Length);
        await File.WriteAllTextAsync(users, renamed);
        File.SetLastWriteTimeUtc(users, written);
        (await server.GetStatusAsync("audits", "auditspass")).Should().Be(HttpStatusCode.Unauthorized);

        await server.SignalAsync("HUP");
        bool usersRead = false, certificateRead = false;
        await server.WaitForLineAsync(line =>
        {
            usersRead |= line.Contains(" INF] Users file ", StringComparison.Ordinal) && line.Contains("read (SIGHUP): 2 users", StringComparison.Ordinal);
            certificateRead |= line.Contains(" INF] Certificate ", StringComparison.Ordinal) && line.Contains("(SIGHUP)", StringComparison.Ordinal);
            return usersRead && certificateRead;
        });

        (await server.GetStatusAsync("audits", "auditspass")).Should().Be(HttpStatusCode.OK);
        (await server.GetStatusAsync(RawServer.ReadUser, RawServer.ReadPassword)).Should().Be(HttpStatusCode.Unauthorized);
        server.HasExited.Should().BeFalse();
    }

    private static (string Pem, string Thumbprint) NewCertificate()
    {
        var pem = ServerCertificate.CreateSelfSignedPem("127.0.0.1");
        using var certificate = X509Certificate2.CreateFromPem(pem);
        return (pem, certificate.Thumbprint);
    }

    /// <summary>The service on TLS with the certificate it generates.</summary>
    public class Server : RawServer
    {
        protected override bool Tls => true;

        public string CertificatePath => Path.Combine(DataDir, ServerCertificate.GeneratedFileName);

        public string UsersFile => Path.Combine(DataDir, "users");

        /// <summary>The thumbprint of the certificate a new TLS connection is served.</summary>
        public async Task<string> ServedThumbprintAsync()
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            });
            return tls.RemoteCertificate!.GetCertHashString();
        }

        public async Task<HttpStatusCode> GetStatusAsync(string user, string password)
        {
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
            using var client = new HttpClient(handler);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{Port}/2/info");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
    }
}

/// <summary>A configured certificate with its key in a file of its own, replaced one file after the other.</summary>
public sealed class SeparateKeyReloadTests(SeparateKeyReloadTests.Server server) : IClassFixture<SeparateKeyReloadTests.Server>
{
    [Fact]
    public async Task CertificateReplacedBeforeItsKey_OldOneServedUntilTheKeyMatches()
    {
        var before = await server.ServedThumbprintAsync();
        var (certificate, key, thumbprint) = Server.NewCertificate();

        await File.WriteAllTextAsync(server.CertificatePath, certificate);
        var refused = await server.WaitForLineAsync(line => line.Contains("not reloaded (file changed)", StringComparison.Ordinal));

        refused.Should().Contain(server.CertificatePath).And.Contain("still serving thumbprint " + before);
        (await server.ServedThumbprintAsync()).Should().Be(before);

        await File.WriteAllTextAsync(server.KeyPath, key);
        await server.WaitForLineAsync(line => line.Contains("reloaded (file changed)", StringComparison.Ordinal) && line.Contains(thumbprint, StringComparison.Ordinal));
        (await server.ServedThumbprintAsync()).Should().Be(thumbprint);
    }

    /// <summary>The service on TLS with <c>--ssl-cert</c> and <c>--ssl-key</c> in a directory of their own.</summary>
    public sealed class Server : ReloadTests.Server
    {
        public Server()
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CertificatePath)!);
            var (certificate, key, _) = NewCertificate();
            File.WriteAllText(CertificatePath, certificate);
            File.WriteAllText(KeyPath, key);
        }

        public new string CertificatePath => Path.Combine(DataDir, "tls", "cert.pem");

        public string KeyPath => Path.Combine(DataDir, "tls", "key.pem");

        protected override IEnumerable<string> ExtraArguments => ["--ssl-cert", CertificatePath, "--ssl-key", KeyPath];

        public static (string Certificate, string Key, string Thumbprint) NewCertificate()
        {
            var pem = ServerCertificate.CreateSelfSignedPem("127.0.0.1");
            var split = pem.IndexOf("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal);
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return (pem[..split], pem[split..], certificate.Thumbprint);
        }
    }
}
