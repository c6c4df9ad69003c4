using System.Runtime.InteropServices;

namespace Ganeti.Api.Hosting;

/// <summary>
/// SIGHUP reloads the users file and the certificate, as ganeti-rapi reloads its users file;
/// the service keeps running (without this, SIGHUP ends a .NET process).
/// </summary>
public sealed partial class HangupReload(IEnumerable<IReloadable> files, ILogger<HangupReload> logger) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnHangup);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _registration?.Dispose();
        _registration = null;
    }

    private void OnHangup(PosixSignalContext context)
    {
        context.Cancel = true;
        LogHangup(logger);
        foreach (var file in files)
        {
            file.Reload("SIGHUP");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SIGHUP: reloading the users file and the certificate")]
    private static partial void LogHangup(ILogger logger);
}
