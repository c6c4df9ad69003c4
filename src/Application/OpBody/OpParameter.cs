namespace Ganeti.Application.OpBody;

/// <summary>One parameter of an opcode: its wire name, its type and whether it must be given.</summary>
public sealed record OpParameter(string Name, ParameterKind Kind, bool Required = false);
