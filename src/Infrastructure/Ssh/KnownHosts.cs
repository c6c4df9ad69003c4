using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ganeti.Infrastructure.Ssh;

public enum HostKeyStatus
{
    /// <summary>A line for the host lists exactly this key.</summary>
    Trusted,

    /// <summary>No line names the host at all.</summary>
    Unknown,

    /// <summary>The host has a key of the same type recorded, and it is a different one.</summary>
    Changed,

    /// <summary>The host has keys recorded, but only of other types.</summary>
    OtherTypesOnly,

    /// <summary>The key is marked <c>@revoked</c>.</summary>
    Revoked,
}

/// <summary>The result of looking a presented key up; <see cref="Line"/> is the relevant line (1-based) if any.</summary>
public sealed record HostKeyCheck(HostKeyStatus Status, IReadOnlyList<string> KnownTypes, int? Line);

/// <summary>
/// OpenSSH known_hosts files: <c>[@marker] patterns keytype base64 [comment]</c> lines, where
/// patterns are comma-separated host names, <c>[host]:port</c> for other ports than 22,
/// wildcards (<c>*</c>, <c>?</c>), negations (<c>!</c>) and hashed names
/// (<c>|1|base64 salt|base64 HMAC-SHA1(salt, name)</c>).
/// </summary>
public static class KnownHosts
{
    private const string HashPrefix = "|1|";

    public static HostKeyCheck Check(IEnumerable<string> lines, string lookupName, byte[] keyBlob)
    {
        var keyType = KeyType(keyBlob);
        var name = lookupName.ToLowerInvariant();
        var knownTypes = new List<string>();
        int? trustedLine = null;
        int? sameTypeLine = null;
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            if (Parse(raw) is not { } entry || entry.Marker == "@cert-authority" || !HostMatches(entry.Patterns, name))
            {
                continue;
            }

            var same = entry.Blob.AsSpan().SequenceEqual(keyBlob);
            if (entry.Marker == "@revoked")
            {
                if (same)
                {
                    return new HostKeyCheck(HostKeyStatus.Revoked, knownTypes, number);
                }

                continue;
            }

            if (entry.Marker is not null)
            {
                continue;
            }

            if (!knownTypes.Contains(entry.KeyType, StringComparer.Ordinal))
            {
                knownTypes.Add(entry.KeyType);
            }

            if (same && entry.KeyType == keyType)
            {
                trustedLine ??= number;
            }
            else if (entry.KeyType == keyType)
            {
                sameTypeLine ??= number;
            }
        }

        if (trustedLine is not null)
        {
            return new HostKeyCheck(HostKeyStatus.Trusted, knownTypes, trustedLine);
        }

        if (sameTypeLine is not null)
        {
            return new HostKeyCheck(HostKeyStatus.Changed, knownTypes, sameTypeLine);
        }

        return new HostKeyCheck(knownTypes.Count == 0 ? HostKeyStatus.Unknown : HostKeyStatus.OtherTypesOnly, knownTypes, null);
    }

    /// <summary>The key types recorded for a host (without markers), in file order.</summary>
    public static IReadOnlyList<string> KnownTypes(IEnumerable<string> lines, string lookupName)
    {
        var name = lookupName.ToLowerInvariant();
        return [.. lines.Select(Parse).OfType<Entry>().Where(e => e.Marker is null && HostMatches(e.Patterns, name)).Select(e => e.KeyType).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The line to append for a key (plain host name, like <c>ssh -o HashKnownHosts=no</c>).</summary>
    public static string FormatLine(string lookupName, byte[] keyBlob) =>
        $"{lookupName.ToLowerInvariant()} {KeyType(keyBlob)} {Convert.ToBase64String(keyBlob)}";

    /// <summary>A hashed host name for <paramref name="name"/>, with a random salt unless one is given.</summary>
    public static string HashName(string name, byte[]? salt = null)
    {
        salt ??= RandomNumberGenerator.GetBytes(20);
        return HashPrefix + Convert.ToBase64String(salt) + "|" + Convert.ToBase64String(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name.ToLowerInvariant())));
    }

    /// <summary>The key type named inside an SSH public key blob (its first string).</summary>
    public static string KeyType(byte[] keyBlob)
    {
        if (keyBlob.Length < 4)
        {
            return "unknown";
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(keyBlob);
        return length <= keyBlob.Length - 4 ? Encoding.ASCII.GetString(keyBlob, 4, (int)length) : "unknown";
    }

    /// <summary>The fingerprint OpenSSH shows: <c>SHA256:</c> and unpadded base64.</summary>
    public static string Fingerprint(byte[] keyBlob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>Whether a comma-separated pattern list matches a (lower-case) host name; a matching negation wins.</summary>
    public static bool HostMatches(string patterns, string name)
    {
        var matched = false;
        foreach (var item in patterns.Split(','))
        {
            var negated = item.StartsWith('!');
            var pattern = negated ? item[1..] : item;
            if (pattern.Length == 0)
            {
                continue;
            }

            var hit = pattern.StartsWith(HashPrefix, StringComparison.Ordinal) ? HashedMatches(pattern, name) : WildcardMatches(pattern.ToLowerInvariant(), name);
            if (hit && negated)
            {
                return false;
            }

            matched |= hit;
        }

        return matched;
    }

    private static bool HashedMatches(string pattern, string name)
    {
        var parts = pattern[HashPrefix.Length..].Split('|');
        if (parts.Length != 2)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[0]);
            var expected = Convert.FromBase64String(parts[1]);
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool WildcardMatches(string pattern, string name)
    {
        int p = 0, n = 0, starP = -1, starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starN = n;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                n = ++starN;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static Entry? Parse(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.StartsWith('#'))
        {
            return null;
        }

        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var marker = fields[0].StartsWith('@') ? fields[0] : null;
        var offset = marker is null ? 0 : 1;
        if (fields.Length < offset + 3)
        {
            return null;
        }

        try
        {
            return new Entry(marker, fields[offset], fields[offset + 1], Convert.FromBase64String(fields[offset + 2]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed record Entry(string? Marker, string Patterns, string KeyType, byte[] Blob);
}
