namespace Ganeti.Domain.Common;

/// <summary>Builds the reason trail that RAPI attaches to every opcode it submits.</summary>
public static class ReasonTrail
{
    public const string UserSource = "gnt:user";
    public const string RapiSourcePrefix = "gnt:library:rlib2:";
    public const string OpCodeSourcePrefix = "gnt:opcode:";

    /// <summary>
    /// The trail for a RAPI resource: an optional user entry (only when a reason text was
    /// given), then the library entry naming the resource, e.g. <c>instances_name_reboot</c>.
    /// </summary>
    public static IReadOnlyList<ReasonEntry> ForRapi(string resource, string? userReason, DateTimeOffset now)
    {
        var ns = ToNanoseconds(now);
        var trail = new List<ReasonEntry>(2);
        if (!string.IsNullOrEmpty(userReason))
        {
            trail.Add(new ReasonEntry(UserSource, userReason, ns));
        }

        trail.Add(new ReasonEntry(RapiSourcePrefix + resource, string.Empty, ns));
        return trail;
    }

    public static long ToNanoseconds(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
