namespace Ganeti.Application.Operations;

/// <summary>
/// Declares an opcode resource the way Ganeti's rlib2 does: the name its reason trail gives
/// (<c>gnt:library:rlib2:&lt;Resource&gt;</c>), body renames, whether the body is ignored
/// (only <c>depends</c> is then taken from it) and parameters RAPI may not set.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OpResourceAttribute(string resource) : Attribute
{
    /// <summary>The rlib2 resource name, e.g. <c>instances_name_reboot</c>.</summary>
    public string Resource { get; } = resource;

    /// <summary>Body renames, each <c>"old:new"</c> (e.g. <c>"name:group_name"</c>).</summary>
    public string[] Renames { get; init; } = [];

    /// <summary>The resource ignores the body (Ganeti passes <c>{}</c>; a truthy <c>depends</c> still counts).</summary>
    public bool BodyIgnored { get; init; }

    /// <summary>Parameters RAPI refuses with 403, in the query string or the body.</summary>
    public string[] Forbidden { get; init; } = [];
}

/// <summary>A property bound from the query string: <c>bool</c> as Ganeti's 0/1 integers, numbers as integers, strings as the first value, string lists as every value.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class QueryAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>The opcode parameter a property sets, when its name is not the property's in snake_case.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OpParameterAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>A property of an opcode command that is bound from the request but is not an opcode parameter.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotOpParameterAttribute : Attribute;

/// <summary>
/// Messages of types implementing the marked interface get a generated Mediator handler that
/// passes them to <see cref="Runner"/>'s <c>RunAsync</c>, and, with <see cref="Validator"/>, a
/// generated validator deriving from it.
/// </summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class GeneratedHandlerAttribute(Type runner) : Attribute
{
    public Type Runner { get; } = runner;

    public Type? Validator { get; init; }
}
