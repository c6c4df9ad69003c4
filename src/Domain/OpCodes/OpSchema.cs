using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using Ganeti.Domain.Common;

namespace Ganeti.Domain.OpCodes;

/// <summary>
/// What an opcode accepts, read once from its record: each parameter's wire name, C# type,
/// whether it is required (a constructor parameter), its default and its constraints. This is
/// the one description of an opcode's parameters; body checks, body-to-opcode conversion and
/// the simulated master's defaults all come from it.
/// </summary>
public sealed class OpSchema
{
    private static readonly ConcurrentDictionary<Type, OpSchema> Cache = new();

    private static readonly Lazy<FrozenDictionary<string, OpSchema>> ByOpId = new(() =>
        typeof(OpCode).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(OpCode)) && !t.IsAbstract)
            .Select(Of)
            .ToFrozenDictionary(s => s.OpId, StringComparer.Ordinal));

    private OpSchema(Type type)
    {
        Type = type;
        ClassName = type.Name;
        OpId = OpIds.FromTypeName(type.Name);
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        Constructor = constructor;
        var positional = constructor.GetParameters().Select(p => p.Name!).ToHashSet(StringComparer.Ordinal);
        var own = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.CanWrite)
            .Select(p => OpParameter.From(p, positional.Contains(p.Name), constructor.GetParameters().FirstOrDefault(c => c.Name == p.Name)));
        var common = typeof(OpCode).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.CanWrite)
            .Select(p => OpParameter.From(p, required: false, parameter: null));
        Parameters = [.. own, .. common];
        Own = [.. Parameters.Where(p => p.Property.DeclaringType == type)];
        ByName = Parameters.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>Every opcode record of the domain, by OP_ID.</summary>
    public static IReadOnlyDictionary<string, OpSchema> All => ByOpId.Value;

    public Type Type { get; }

    /// <summary>The opcode's class name in Ganeti, which its messages use (<c>OpInstanceReboot</c>).</summary>
    public string ClassName { get; }

    public string OpId { get; }

    public ConstructorInfo Constructor { get; }

    /// <summary>The opcode's own parameters in declaration order, then the ones every opcode shares.</summary>
    public IReadOnlyList<OpParameter> Parameters { get; }

    /// <summary>The opcode's own parameters (without the shared ones).</summary>
    public IReadOnlyList<OpParameter> Own { get; }

    public FrozenDictionary<string, OpParameter> ByName { get; }

    public static OpSchema Of(Type type) =>
        type.IsSubclassOf(typeof(OpCode)) && !type.IsAbstract
            ? Cache.GetOrAdd(type, t => new OpSchema(t))
            : throw new ArgumentException($"{type.Name} is not an opcode record", nameof(type));

    public static OpSchema Of<TOp>()
        where TOp : OpCode => Of(typeof(TOp));

    /// <summary>
    /// Builds the opcode from values keyed by wire name (already of each parameter's type);
    /// absent optional parameters stay unset.
    /// </summary>
    public OpCode Create(IReadOnlyDictionary<string, object?> values)
    {
        var arguments = Constructor.GetParameters()
            .Select(p => values.TryGetValue(SnakeCase.From(p.Name!), out var v) ? v : null)
            .ToArray();
        var op = (OpCode)Constructor.Invoke(arguments);
        foreach (var parameter in Parameters)
        {
            if (!parameter.Required && values.TryGetValue(parameter.Name, out var value) && value is not null)
            {
                parameter.Property.SetValue(op, value);
            }
        }

        return op;
    }
}

/// <summary>One parameter of an opcode, as <see cref="OpSchema"/> reads it from the record.</summary>
public sealed record OpParameter
{
    /// <summary>The wire name (<c>shutdown_timeout</c>).</summary>
    public required string Name { get; init; }

    public required PropertyInfo Property { get; init; }

    /// <summary>The parameter's type without <see cref="Nullable{T}"/>.</summary>
    public required Type ValueType { get; init; }

    /// <summary>A constructor parameter: it must be given and must not be null.</summary>
    public required bool Required { get; init; }

    /// <summary>Whether the master fills a default when the parameter is absent.</summary>
    public bool HasDefault => DefaultValue is not null || DefaultEmpty;

    /// <summary>The default (a bool, number, string or enum member), or null.</summary>
    public object? DefaultValue { get; init; }

    /// <summary>The default is an empty list or object.</summary>
    public bool DefaultEmpty { get; init; }

    /// <summary>Whether an explicit null passes: optional parameters without a default, and a few shared ones.</summary>
    public required bool AcceptsNull { get; init; }

    public bool NonEmpty { get; init; }

    public long? Min { get; init; }

    public long? Max { get; init; }

    public IReadOnlyList<long>? OneOf { get; init; }

    /// <summary>The address notation a string must be in, or null.</summary>
    public Networks.AddressKind? Address { get; init; }

    internal static OpParameter From(PropertyInfo property, bool required, ParameterInfo? parameter)
    {
        T? Attribute<T>()
            where T : Attribute => property.GetCustomAttribute<T>() ?? parameter?.GetCustomAttribute<T>();

        var @default = Attribute<DefaultAttribute>();
        var empty = Attribute<DefaultEmptyAttribute>() is not null;
        var range = Attribute<RangeAttribute>();
        long? min = Attribute<NonNegativeAttribute>() is not null ? 0 : Attribute<PositiveAttribute>() is not null ? 1 : range?.Min;
        return new OpParameter
        {
            Name = SnakeCase.From(property.Name),
            Property = property,
            ValueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType,
            Required = required,
            DefaultValue = @default?.Value,
            DefaultEmpty = empty,
            AcceptsNull = !required && (@default is null && !empty || @default is { AcceptsNull: true }),
            NonEmpty = Attribute<NonEmptyAttribute>() is not null,
            Min = min,
            Max = range?.Max,
            OneOf = Attribute<OneOfAttribute>()?.Values,
            Address = Attribute<AddressAttribute>()?.Kind,
        };
    }
}
