namespace Ganeti.Domain.OpCodes;

/// <summary>OP_INSTANCE_CONSOLE: how to reach an instance's console (RAPI asks LUXI instead).</summary>
public sealed record OpInstanceConsole(string InstanceName) : OpCode
{
    [NonEmpty]
    public string? InstanceUuid { get; init; }
}
