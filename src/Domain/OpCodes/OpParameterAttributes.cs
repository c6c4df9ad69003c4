namespace Ganeti.Domain.OpCodes;

// The small vocabulary that describes an opcode parameter beyond its C# type, read by
// OpSchema. A positional (constructor) parameter is required; any other parameter is
// optional: without [Default] it may be absent or null (Ganeti's "Maybe"), with [Default]
// the master fills the default when it is absent and an explicit null fails validation.

/// <summary>The value the master uses when the parameter is absent (a number, bool, string or enum member).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class DefaultAttribute(object value) : Attribute
{
    public object Value { get; } = value;

    /// <summary>Whether an explicit null is accepted too (only some of the parameters every opcode shares).</summary>
    public bool AcceptsNull { get; init; }
}

/// <summary>The master uses an empty list (or, for a dictionary, an empty object) when the parameter is absent.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class DefaultEmptyAttribute : Attribute;

/// <summary>A string that must not be empty (Ganeti's <c>NonEmptyString</c>); on a list, each item.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NonEmptyAttribute : Attribute;

/// <summary>An integer that must be zero or more; on a list, each item.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NonNegativeAttribute : Attribute;

/// <summary>An integer that must be one or more.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PositiveAttribute : Attribute;

/// <summary>An integer within <c>[Min, Max]</c>, both inclusive; on a list, each item.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RangeAttribute(long min, long max) : Attribute
{
    public long Min { get; } = min;

    public long Max { get; } = max;
}

/// <summary>An integer that must be one of the given values.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute(params long[] values) : Attribute
{
    public IReadOnlyList<long> Values { get; } = values;
}

/// <summary>A string that must be an address or network of the given kind (Ganeti's <c>IPv4Address</c>, <c>IPv4Network</c>…); on a list, each item.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class AddressAttribute(Networks.AddressKind kind) : Attribute
{
    public Networks.AddressKind Kind { get; } = kind;
}
