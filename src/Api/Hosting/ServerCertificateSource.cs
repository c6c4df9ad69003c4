using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ganeti.Api.Hosting;

/// <summary>
/// The certificate TLS handshakes are served with, read again when its PEM file (or key file)
/// changes and on SIGHUP. A file that does not load (half written, a key that does not match
/// yet, removed) leaves the certificate being served in place, and a warning in the log; the
/// next change is tried again. Works alike for a configured PEM and the one generated into the
/// data directory.
/// </summary>
public sealed partial class ServerCertificateSource : IReloadable, IDisposable
{
    /// <summary>Changes closer together than this are read once, after the last.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    private readonly ILogger<ServerCertificateSource> _logger;
    private readonly Lock _sync = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _settle;
    private volatile X509Certificate2 _current;

    /// <summary>The files' sizes and times when they were last read, so that one change is read (and logged) once.</summary>
    private string _tried;

    public ServerCertificateSource(RapiOptions rapi, TimeProvider time, ILogger<ServerCertificateSource> logger)
    {
        _logger = logger;
        _current = ServerCertificate.Load(rapi);
        CertificatePath = Path.GetFullPath(rapi.SslCert is { Length: > 0 } cert ? cert : Path.Combine(rapi.DataDir, ServerCertificate.GeneratedFileName));
        KeyPath = string.IsNullOrEmpty(rapi.SslCert) || string.IsNullOrEmpty(rapi.SslKey) ? null : Path.GetFullPath(rapi.SslKey);
        _tried = Stamp();
        _settle = time.CreateTimer(_ => ReloadIfChanged(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        foreach (var path in new[] { CertificatePath, KeyPath }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            Watch(path);
        }
    }

    public string CertificatePath { get; }

    public string? KeyPath { get; }

    /// <summary>The certificate to serve now.</summary>
    public X509Certificate2 Current => _current;

    public void Reload(string trigger)
    {
        lock (_sync)
        {
            _tried = Stamp();
            X509Certificate2 loaded;
            try
            {
                loaded = X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                LogNotLoaded(_logger, CertificatePath, trigger, e.Message, _current.Thumbprint);
                return;
            }

            if (loaded.Thumbprint == _current.Thumbprint)
            {
                LogUnchanged(_logger, CertificatePath, trigger, loaded.Thumbprint);
                loaded.Dispose();
                return;
            }

            // The one replaced is not disposed: handshakes that picked it may still be using it.
            _current = loaded;
            LogReloaded(_logger, CertificatePath, trigger, loaded.Subject, loaded.Thumbprint, loaded.NotAfter.ToUniversalTime());
        }
    }

    private void ReloadIfChanged()
    {
        lock (_sync)
        {
            if (Stamp() != _tried)
            {
                Reload("file changed");
            }
        }
    }

    private string Stamp() => string.Join(
        ';',
        new[] { CertificatePath, KeyPath }.OfType<string>().Select(path => new FileInfo(path) is { Exists: true } file
            ? $"{file.Length}@{file.LastWriteTimeUtc.Ticks}"
            : "none"));

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _settle.Dispose();
    }

    /// <summary>
    /// Watches the file's directory for the file being written, created or renamed into place
    /// (an editor's or a deployment tool's atomic replace).
    /// </summary>
    private void Watch(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (directory is null || !Directory.Exists(directory))
        {
            return;
        }

        var watcher = new FileSystemWatcher(directory, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => Changed();
        watcher.Created += (_, _) => Changed();
        watcher.Renamed += (_, _) => Changed();
        watcher.Error += (_, e) => LogWatchFailed(_logger, path, e.GetException().Message);
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    private void Changed() => _settle.Change(Settle, Timeout.InfiniteTimeSpan);

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate {Path} reloaded ({Trigger}): serving {Subject}, thumbprint {Thumbprint}, valid until {NotAfter:u}")]
    private static partial void LogReloaded(ILogger logger, string path, string trigger, string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate {Path} unchanged ({Trigger}): serving thumbprint {Thumbprint}")]
    private static partial void LogUnchanged(ILogger logger, string path, string trigger, string thumbprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate {Path} not reloaded ({Trigger}): {Error}; still serving thumbprint {Thumbprint}")]
    private static partial void LogNotLoaded(ILogger logger, string path, string trigger, string error, string thumbprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate {Path} is no longer watched for changes: {Error}; SIGHUP still reloads it")]
    private static partial void LogWatchFailed(ILogger logger, string path, string error);
}
