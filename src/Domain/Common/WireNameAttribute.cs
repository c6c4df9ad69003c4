namespace Ganeti.Domain.Common;

/// <summary>The exact string Ganeti uses on the wire for an enum member.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class WireNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
