namespace Ganeti.Domain.Common;

/// <summary>One element of a reason trail: <c>[source, reason, timestamp_ns]</c>.</summary>
public sealed record ReasonEntry(string Source, string Reason, long TimestampNs);
