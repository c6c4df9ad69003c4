using System.Net;
using System.Security.Cryptography;
using Ganeti.Infrastructure.Ssh;

namespace Ganeti.Api.Hosting;

/// <summary>
/// Checks the merged settings (flags, environment, appsettings) before the host starts, so a
/// bad value ends the program with one line naming its flag instead of a stack trace.
/// </summary>
public static class SettingsCheck
{
    /// <summary>The settings, or the problem with them as one line.</summary>
    public static RapiOptions Read(IConfiguration configuration, out string? problem)
    {
        RapiOptions rapi;
        SshOptions ssh;
        try
        {
            rapi = configuration.GetSection(RapiOptions.SectionName).Get<RapiOptions>() ?? new RapiOptions();
            ssh = configuration.GetSection(SshOptions.SectionName).Get<SshOptions>() ?? new SshOptions();
        }
        catch (InvalidOperationException e)
        {
            problem = OneLine(e.Message);
            return new RapiOptions();
        }

        var syslog = configuration.GetValue("Logging:Syslog", "no");
        if (syslog is not ("no" or "yes" or "only"))
        {
            problem = $"--syslog: '{syslog}' is not one of no, yes, only";
            return rapi;
        }

        problem = Check(rapi, ssh, syslog, configuration.GetValue("Logging:SyslogSocket", SyslogSink.DefaultSocket)!);
        return rapi;
    }

    private static string? Check(RapiOptions rapi, SshOptions ssh, string syslog, string syslogSocket)
    {
        if (rapi.Port is < 1 or > 65535)
        {
            return $"-p/--port: '{rapi.Port}' is not a TCP port (1-65535)";
        }

        if (!IPAddress.TryParse(rapi.Bind, out _))
        {
            return $"-b/--bind: '{rapi.Bind}' is not an IP address";
        }

        if (rapi.MaxClients < 1)
        {
            return $"--max-clients: '{rapi.MaxClients}' is not a number of connections (at least 1)";
        }

        if (ssh.IsEnabled && !string.IsNullOrEmpty(rapi.LuxiSocket))
        {
            return "--ssh-nodes and --luxi-socket exclude each other: the master is reached either over SSH or on a local socket";
        }

        if (rapi.RequireAuthentication && !File.Exists(rapi.UsersFile))
        {
            return $"--users-file: '{rapi.UsersFile}' does not exist, and --require-authentication admits only the users it lists";
        }

        if (syslog is "yes" or "only" && !File.Exists(syslogSocket))
        {
            return $"--syslog: there is no syslog socket at '{syslogSocket}'";
        }

        if (rapi.NoSsl)
        {
            return null;
        }

        if (rapi.SslCert is { Length: > 0 } cert)
        {
            var flag = string.IsNullOrEmpty(rapi.SslKey) ? "-C/--ssl-cert" : "-C/--ssl-cert, -K/--ssl-key";
            var problem = Attempt(() => ServerCertificate.Load(rapi).Dispose());
            if (problem is not null)
            {
                return $"{flag}: cannot load '{cert}'{(string.IsNullOrEmpty(rapi.SslKey) ? string.Empty : $" with key '{rapi.SslKey}'")}: {problem}";
            }
        }

        if (rapi.SslChain is { Length: > 0 } chain)
        {
            var problem = Attempt(() =>
            {
                foreach (var certificate in ServerCertificate.LoadChain(chain))
                {
                    certificate.Dispose();
                }
            });
            if (problem is not null)
            {
                return $"--ssl-chain: cannot load '{chain}': {problem}";
            }
        }

        return null;
    }

    private static string? Attempt(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return OneLine(e.Message);
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
