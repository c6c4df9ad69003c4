using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Renci.SshNet;

namespace Ganeti.Infrastructure.Ssh;

/// <summary>Checks the SSH settings at start, so a typo fails the service instead of every request.</summary>
public sealed partial class SshOptionsValidator : IValidateOptions<SshOptions>
{
    public ValidateOptionsResult Validate(string? name, SshOptions options)
    {
        if (!options.IsEnabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        try
        {
            options.ParseNodes();
        }
        catch (FormatException ex)
        {
            failures.Add($"Ssh:Nodes (--ssh-nodes): {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(options.User))
        {
            failures.Add("Ssh:User (--ssh-user) must not be empty");
        }

        var key = options.ResolvedKeyFile;
        if (key is null)
        {
            failures.Add("Ssh:KeyFile (--ssh-key): a private key file is required");
        }
        else if (!File.Exists(key))
        {
            failures.Add($"Ssh:KeyFile (--ssh-key): {key} does not exist");
        }
        else
        {
            try
            {
                using var loaded = options.LoadKey(key);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add($"Ssh:KeyFile (--ssh-key): {key} is not a usable private key: {ex.Message}");
            }
        }

        var knownHosts = options.ResolvedKnownHostsFile;
        if (!options.TrustOnFirstUse && !File.Exists(knownHosts))
        {
            failures.Add($"Ssh:KnownHostsFile (--ssh-known-hosts): {knownHosts} does not exist; record the nodes' host keys there (ssh-keyscan, after checking the fingerprints) or allow --ssh-trust-on-first-use");
        }

        if (!SocketPath().IsMatch(options.RemoteSocket))
        {
            failures.Add($"Ssh:RemoteSocket (--ssh-remote-socket): '{options.RemoteSocket}' must be an absolute path of letters, digits and . _ - + / @ =");
        }

        if (!options.MasterNodeFile.StartsWith('/') || options.MasterNodeFile.Contains('\n', StringComparison.Ordinal))
        {
            failures.Add($"Ssh:MasterNodeFile: '{options.MasterNodeFile}' must be an absolute path");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add("Ssh:ConnectTimeout must be positive");
        }

        if (options.KeepAliveInterval < TimeSpan.Zero)
        {
            failures.Add("Ssh:KeepAliveInterval must not be negative");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // socat parses its address argument (':' and ',' are special), the shell the quotes.
    [GeneratedRegex(@"^/[A-Za-z0-9._+/@=-]+$")]
    private static partial Regex SocketPath();
}
