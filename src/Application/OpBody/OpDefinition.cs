using System.Collections.Frozen;

namespace Ganeti.Application.OpBody;

/// <summary>
/// What an opcode accepts: its id, the Python class name Ganeti uses in messages, and its
/// parameters including the ones every opcode shares.
/// </summary>
public sealed class OpDefinition
{
    public static readonly IReadOnlyList<OpParameter> CommonParameters =
    [
        new("dry_run", ParameterKind.MaybeBool),
        new("debug_level", ParameterKind.MaybeNonNegativeInt),
        new("priority", ParameterKind.Priority),
        new("depends", ParameterKind.Depends),
        new("comment", ParameterKind.MaybeString),
        new("reason", ParameterKind.ReasonTrail),
    ];

    public OpDefinition(string opId, string className, IReadOnlyList<OpParameter> parameters)
    {
        OpId = opId;
        ClassName = className;
        Parameters = [.. CommonParameters, .. parameters];
        ByName = Parameters.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public string OpId { get; }

    public string ClassName { get; }

    public IReadOnlyList<OpParameter> Parameters { get; }

    public FrozenDictionary<string, OpParameter> ByName { get; }
}
