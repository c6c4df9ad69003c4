using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ganeti.Api.Hosting;

/// <summary>The TLS certificate: the configured PEM (key in the same file or apart), or one generated on first start.</summary>
public static class ServerCertificate
{
    public const string GeneratedFileName = "rapi.pem";

    public static X509Certificate2 Load(RapiOptions options)
    {
        if (options.SslCert is { Length: > 0 } certPath)
        {
            return X509Certificate2.CreateFromPemFile(certPath, string.IsNullOrEmpty(options.SslKey) ? null : options.SslKey);
        }

        var path = Path.Combine(options.DataDir, GeneratedFileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(options.DataDir);
            File.WriteAllText(path, CreateSelfSignedPem(options.Bind));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return X509Certificate2.CreateFromPemFile(path);
    }

    /// <summary>The intermediate certificates of <c>--ssl-chain</c>, sent along with the server's.</summary>
    public static X509Certificate2Collection LoadChain(string path)
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(path);
        return chain.Count > 0 ? chain : throw new CryptographicException("the file holds no PEM certificate");
    }

    /// <summary>A self-signed certificate and its key in one PEM, like Ganeti's rapi.pem.</summary>
    public static string CreateSelfSignedPem(string bind)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + Dns.GetHostName(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Dns.GetHostName());
        names.AddIpAddress(IPAddress.Loopback);
        if (IPAddress.TryParse(bind, out var address) && !address.Equals(IPAddress.Any))
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        return cert.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }
}
