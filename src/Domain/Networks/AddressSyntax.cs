using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ganeti.Domain.Networks;

/// <summary>The four kinds of address text Ganeti's opcodes check (its <c>IPv4Address</c>, <c>IPv4Network</c>, <c>IPv6Address</c> and <c>IPv6Network</c> types).</summary>
public enum AddressKind
{
    IPv4Address,
    IPv4Network,
    IPv6Address,
    IPv6Network,
}

/// <summary>
/// How a network given as text reads, the way Python's <c>ipaddress</c> module (which Ganeti
/// uses) reads it: <see cref="Valid"/>, or not an address at all (<see cref="NotAnAddress"/>,
/// Python's <c>AddressValueError</c>, which Ganeti's opcode check turns into "fails
/// validation"), or an address with a bad prefix or host bits set (Python's other
/// <c>ValueError</c>s, which escape Ganeti's check: <see cref="Problem"/> is their message).
/// </summary>
public readonly record struct NetworkText(bool Valid, bool NotAnAddress, string? Problem, UInt128 Address, int PrefixLength, string Canonical)
{
    internal static NetworkText Invalid => new(false, true, null, 0, 0, string.Empty);

    internal static NetworkText Error(string problem) => new(false, false, problem, 0, 0, string.Empty);
}

/// <summary>
/// Address and network notation as Python 3's <c>ipaddress</c> accepts it: IPv4 addresses are
/// four decimal octets without leading zeros; networks are <c>address/prefix</c> (IPv4 also
/// <c>address/netmask</c> or <c>address/hostmask</c>, or a bare address for a single host) and
/// must have no host bits set.
/// </summary>
public static class AddressSyntax
{
    /// <summary>Whether <paramref name="text"/> passes Ganeti's opcode check for <paramref name="kind"/>.</summary>
    public static bool IsValid(string text, AddressKind kind) => kind switch
    {
        AddressKind.IPv4Address => TryParseIPv4(text, out _),
        AddressKind.IPv6Address => TryParseIPv6(text, out _),
        AddressKind.IPv4Network => ParseIPv4Network(text).Valid,
        AddressKind.IPv6Network => ParseIPv6Network(text).Valid,
        _ => false,
    };

    /// <summary>An IPv4 address as Python's <c>IPv4Address</c> reads it.</summary>
    public static bool TryParseIPv4(string text, out uint address)
    {
        address = 0;
        var octets = text.Split('.');
        if (octets.Length != 4)
        {
            return false;
        }

        foreach (var octet in octets)
        {
            if (octet.Length is 0 or > 3 || !octet.All(char.IsAsciiDigit) || (octet.Length > 1 && octet[0] == '0'))
            {
                return false;
            }

            var value = uint.Parse(octet, NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }

            address = (address << 8) | value;
        }

        return true;
    }

    /// <summary>An IPv6 address as Python's <c>IPv6Address</c> reads it (a scope id after <c>%</c> allowed).</summary>
    public static bool TryParseIPv6(string text, out UInt128 address)
    {
        address = 0;
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        var bare = percent < 0 ? text : text[..percent];
        if (percent >= 0 && (percent == text.Length - 1 || text.IndexOf('%', percent + 1) >= 0))
        {
            return false;
        }

        if (bare.Length == 0 || !bare.Contains(':', StringComparison.Ordinal) || bare.Any(c => !(char.IsAsciiHexDigit(c) || c is ':' or '.'))
            || !IPAddress.TryParse(bare, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var embedded = bare.LastIndexOf(':');
        if (bare.IndexOf('.', StringComparison.Ordinal) > 0 && !TryParseIPv4(bare[(embedded + 1)..], out _))
        {
            return false;
        }

        address = new UInt128(0, 0);
        foreach (var b in parsed.GetAddressBytes())
        {
            address = (address << 8) | b;
        }

        return true;
    }

    /// <summary>An IPv4 network as Python's <c>IPv4Network(text)</c> (strict) reads it.</summary>
    public static NetworkText ParseIPv4Network(string text)
    {
        var parts = text.Split('/');
        if (parts.Length > 2 || !TryParseIPv4(parts[0], out var address))
        {
            return NetworkText.Invalid;
        }

        int prefix;
        if (parts.Length == 1)
        {
            prefix = 32;
        }
        else if (PrefixOf(parts[1], 32) is { } length)
        {
            prefix = length;
        }
        else if (TryParseIPv4(parts[1], out var mask) && (MaskPrefix(mask) ?? MaskPrefix(~mask)) is { } fromMask)
        {
            prefix = fromMask;
        }
        else
        {
            return NetworkText.Error($"{PythonRepr(parts[1])} is not a valid netmask");
        }

        var canonical = $"{parts[0]}/{prefix.ToString(CultureInfo.InvariantCulture)}";
        var hostBits = prefix == 32 ? 0u : uint.MaxValue >> prefix;
        return (address & hostBits) != 0
            ? NetworkText.Error($"{canonical} has host bits set")
            : new NetworkText(true, false, null, address, prefix, canonical);
    }

    /// <summary>An IPv6 network as Python's <c>IPv6Network(text)</c> (strict) reads it.</summary>
    public static NetworkText ParseIPv6Network(string text)
    {
        var parts = text.Split('/');
        if (parts.Length > 2 || !TryParseIPv6(parts[0], out var address))
        {
            return NetworkText.Invalid;
        }

        var prefix = 128;
        if (parts.Length == 2)
        {
            if (PrefixOf(parts[1], 128) is not { } length)
            {
                return NetworkText.Error($"{PythonRepr(parts[1])} is not a valid netmask");
            }

            prefix = length;
        }

        var canonical = $"{parts[0]}/{prefix.ToString(CultureInfo.InvariantCulture)}";
        var hostBits = prefix == 128 ? UInt128.Zero : UInt128.MaxValue >> prefix;
        return (address & hostBits) != UInt128.Zero
            ? NetworkText.Error($"{canonical} has host bits set")
            : new NetworkText(true, false, null, address, prefix, canonical);
    }

    /// <summary>Whether an IPv6 address lies in a network (Python's <c>address in network</c>).</summary>
    public static bool Contains(NetworkText network, UInt128 address)
    {
        var hostBits = network.PrefixLength == 128 ? UInt128.Zero : UInt128.MaxValue >> network.PrefixLength;
        return (address & ~hostBits) == network.Address;
    }

    /// <summary>An IPv4 address as text.</summary>
    public static string FormatIPv4(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");

    /// <summary>A prefix length in ASCII decimal digits (leading zeros allowed, as Python's <c>int</c> reads them), within 0..<paramref name="max"/>.</summary>
    private static int? PrefixOf(string text, int max)
    {
        var digits = text.TrimStart('0');
        return text.Length > 0 && text.All(char.IsAsciiDigit) && digits.Length <= 3
            && (digits.Length == 0 ? 0 : int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)) is var n && n <= max
            ? n
            : null;
    }

    /// <summary>The prefix length of a netmask (leading ones, then zeros), or null.</summary>
    private static int? MaskPrefix(uint mask)
    {
        var prefix = System.Numerics.BitOperations.PopCount(mask);
        return prefix == 0 || mask == uint.MaxValue << (32 - prefix) ? prefix : null;
    }

    /// <summary>Python's <c>repr</c> of a plain string: in single quotes, or double quotes when it holds a single quote.</summary>
    private static string PythonRepr(string text) =>
        text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? $"\"{text}\"" : $"'{text.Replace("'", "\\'", StringComparison.Ordinal)}'";
}
