using System.Security.Cryptography;
using System.Text;
using Ganeti.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Ganeti.Api.Auth;

/// <summary>
/// Ganeti's RAPI users file, re-read whenever it changes on disk (looked at once a second at
/// most, when a request needs it) and on SIGHUP. A missing or unreadable file means no users.
/// Only the number of users read is logged, never the file's contents.
/// </summary>
public sealed partial class RapiUsersFile(IOptions<RapiOptions> options, TimeProvider time, ILogger<RapiUsersFile> logger) : IReloadable
{
    private readonly Lock _sync = new();
    /// <summary>What was read: the file's stamp, or length -1 for no file, -2 for an unreadable one, -3 before the first look.</summary>
    private (DateTime Stamp, long Length) _loaded = (DateTime.MinValue, -3);
    private IReadOnlyDictionary<string, RapiUser> _users = new Dictionary<string, RapiUser>();
    private DateTimeOffset _checked = DateTimeOffset.MinValue;

    public RapiUser? Find(string name)
    {
        Refresh(force: null);
        return _users.GetValueOrDefault(name);
    }

    /// <summary>Reads the file now, changed or not.</summary>
    public void Reload(string trigger) => Refresh(force: trigger);

    /// <summary>Parses the file format: <c>user password [option,…]</c>, <c>#</c> comments, later lines win.</summary>
    public static IReadOnlyDictionary<string, RapiUser> Parse(string text)
    {
        var users = new Dictionary<string, RapiUser>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                continue;
            }

            var opts = parts.Length == 3
                ? parts[2].Split(',').Select(o => o.Trim()).Where(o => o.Length > 0).ToHashSet(StringComparer.Ordinal)
                : [];
            users[parts[0]] = new RapiUser(parts[0], parts[1], opts);
        }

        return users;
    }

    /// <summary>Checks a password the way Ganeti does: cleartext, <c>{CLEARTEXT}</c> or <c>{HA1}</c> (MD5 of user:realm:password).</summary>
    public static bool Verify(RapiUser user, string password)
    {
        var stored = user.Password;
        if (!stored.StartsWith('{'))
        {
            return FixedEquals(stored, password);
        }

        var close = stored.IndexOf('}', StringComparison.Ordinal);
        if (close < 2)
        {
            return false;
        }

        var scheme = stored[1..close].ToUpperInvariant();
        var value = stored[(close + 1)..];
        return scheme switch
        {
            "CLEARTEXT" => FixedEquals(value, password),
            "HA1" => FixedEquals(value.ToLowerInvariant(), Ha1(user.Name, password)),
            _ => false,
        };
    }

    public static string Ha1(string user, string password) =>
#pragma warning disable CA5351 // Ganeti's {HA1} format is defined as MD5.
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{user}:{RapiAuthentication.Realm}:{password}")));
#pragma warning restore CA5351

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>Reads the file if it changed (checked once a second at most), or now when <paramref name="force"/> names why.</summary>
    private void Refresh(string? force)
    {
        lock (_sync)
        {
            var now = time.GetUtcNow();
            if (force is null && now - _checked < TimeSpan.FromSeconds(1))
            {
                return;
            }

            _checked = now;
            force ??= _loaded.Length == -3 ? "first read" : null;
            var path = options.Value.UsersFile;
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    if (_loaded.Length != -1 || force is not null)
                    {
                        LogMissing(logger, path, force ?? "file removed");
                    }

                    _users = new Dictionary<string, RapiUser>();
                    _loaded = (DateTime.MinValue, -1);
                    return;
                }

                var stamp = (info.LastWriteTimeUtc, info.Length);
                if (stamp != _loaded || force is not null)
                {
                    _users = Parse(File.ReadAllText(path));
                    _loaded = stamp;
                    LogRead(logger, path, force ?? "file changed", _users.Count);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _users = new Dictionary<string, RapiUser>();
                if (_loaded.Length != -2 || force is not null)
                {
                    LogUnreadable(logger, path, ex.Message);
                }

                _loaded = (DateTime.MinValue, -2);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Users file {Path} read ({Trigger}): {Count} users")]
    private static partial void LogRead(ILogger logger, string path, string trigger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No users file at {Path} ({Trigger}): only anonymous reads are served")]
    private static partial void LogMissing(ILogger logger, string path, string trigger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Users file {Path} cannot be read: {Error}; no users until it can")]
    private static partial void LogUnreadable(ILogger logger, string path, string error);
}
