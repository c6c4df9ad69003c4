using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Ganeti.Api.Hosting;

/// <summary>
/// <c>--syslog</c>: each event as one BSD syslog datagram (facility daemon) on the local
/// syslog socket, <c>/dev/log</c>, which rsyslog or journald read. Debug events stay out,
/// as with ganeti-rapi. Served by no package in reach (ADR 0015); a lost datagram is dropped.
/// </summary>
public sealed class SyslogSink(string socketPath, string identifier) : ILogEventSink, IDisposable
{
    public const string DefaultSocket = "/dev/log";

    private const int FacilityDaemon = 3;
    private const int MaxDatagram = 8192;

    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly UnixDomainSocketEndPoint _target = new(socketPath);
    private readonly string _prefix = $"{identifier}[{Environment.ProcessId}]: ";

    public void Emit(LogEvent logEvent)
    {
        var priority = (FacilityDaemon * 8) + Severity(logEvent.Level);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<{priority}>")
            .Append(_prefix)
            .Append(RenderMessage(logEvent));
        if (logEvent.Exception is { } exception)
        {
            text.Append(": ").Append(exception.GetType().Name).Append(": ").Append(exception.Message);
        }

        var bytes = Encoding.UTF8.GetBytes(text.Replace('\n', ' ').Replace('\r', ' ').ToString());
        try
        {
            _socket.SendTo(bytes.AsSpan(0, Math.Min(bytes.Length, MaxDatagram)), SocketFlags.None, _target);
        }
        catch (SocketException e)
        {
            SelfLog.WriteLine("syslog: {0}", e.Message);
        }
    }

    /// <summary>The message with string values unquoted, as the console shows it.</summary>
    private static string RenderMessage(LogEvent logEvent)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        MessageFormatter.Format(logEvent, text);
        return text.ToString();
    }

    private static readonly MessageTemplateTextFormatter MessageFormatter = new("{Message:lj}", CultureInfo.InvariantCulture);

    private static int Severity(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => 2,
        LogEventLevel.Error => 3,
        LogEventLevel.Warning => 4,
        LogEventLevel.Information => 6,
        _ => 7,
    };

    public void Dispose() => _socket.Dispose();
}
