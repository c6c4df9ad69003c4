using Ganeti.Domain.Common;

namespace Ganeti.Domain.Jobs;

/// <summary>Job and opcode statuses, in Ganeti's order.</summary>
public enum JobStatus
{
    [WireName("queued")] Queued,
    [WireName("waiting")] Waiting,
    [WireName("canceling")] Canceling,
    [WireName("running")] Running,
    [WireName("canceled")] Canceled,
    [WireName("success")] Success,
    [WireName("error")] Error,
}
