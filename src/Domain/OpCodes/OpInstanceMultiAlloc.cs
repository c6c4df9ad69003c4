namespace Ganeti.Domain.OpCodes;

/// <summary>
/// OP_INSTANCE_MULTI_ALLOC: allocate several instances at once. Each element of
/// <see cref="Instances"/> travels as a complete opcode (with its own <c>OP_ID</c>).
/// </summary>
public sealed record OpInstanceMultiAlloc : OpCode
{
    [Default(false)]
    public bool? OpportunisticLocking { get; init; }

    [NonEmpty]
    public string? Iallocator { get; init; }

    [DefaultEmpty]
    public IReadOnlyList<OpInstanceCreate>? Instances { get; init; }
}
