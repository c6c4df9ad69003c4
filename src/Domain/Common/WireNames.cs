using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Ganeti.Domain.Common;

/// <summary>Wire names of enum values whose type is known only at run time.</summary>
public static class WireNames
{
    public static string ToWire(Enum value)
    {
        var field = value.GetType().GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)
            ?? throw new ArgumentOutOfRangeException(nameof(value), value, null);
        return field.GetCustomAttribute<WireNameAttribute>()?.Name ?? field.Name.ToLowerInvariant();
    }

    /// <summary>Parses a wire name of <paramref name="enumType"/>; false when it names no member.</summary>
    public static bool TryParse(Type enumType, string? wire, out Enum? value)
    {
        value = enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => (f.GetCustomAttribute<WireNameAttribute>()?.Name ?? f.Name.ToLowerInvariant()) == wire)
            .Select(f => (Enum?)f.GetValue(null))
            .FirstOrDefault();
        return value is not null;
    }
}

/// <summary>Maps enums to and from Ganeti's wire strings, read from <see cref="WireNameAttribute"/>.</summary>
public static class WireNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> ToWireMap;
    private static readonly FrozenDictionary<string, TEnum> FromWireMap;

    static WireNames()
    {
        var pairs = typeof(TEnum)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (Value: (TEnum)f.GetValue(null)!, Name: f.GetCustomAttribute<WireNameAttribute>()?.Name ?? f.Name.ToLowerInvariant()))
            .ToList();
        ToWireMap = pairs.ToFrozenDictionary(p => p.Value, p => p.Name);
        FromWireMap = pairs.ToFrozenDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        All = [.. pairs.Select(p => p.Name)];
    }

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; }

    public static string ToWire(TEnum value) =>
        ToWireMap.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    public static bool TryParse(string? wire, out TEnum value)
    {
        if (wire is not null && FromWireMap.TryGetValue(wire, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    public static TEnum Parse(string wire) =>
        TryParse(wire, out var value) ? value : throw new FormatException($"'{wire}' is not a valid {typeof(TEnum).Name}");

    public static bool IsKnown([NotNullWhen(true)] string? wire) => wire is not null && FromWireMap.ContainsKey(wire);
}
