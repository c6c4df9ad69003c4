namespace Ganeti.Domain.Jobs;

/// <summary>The priorities a client may give an opcode at submit time.</summary>
public static class OpPriority
{
    public const int Low = 10;
    public const int Normal = 0;
    public const int High = -10;

    public static bool IsSubmittable(long value) => value is Low or Normal or High;
}
