namespace Ganeti.Domain.Jobs;

public static class JobStatuses
{
    public static bool IsFinalized(this JobStatus status) =>
        status is JobStatus.Canceled or JobStatus.Success or JobStatus.Error;

    public static bool IsPending(this JobStatus status) =>
        status is JobStatus.Queued or JobStatus.Waiting or JobStatus.Canceling;

    /// <summary>
    /// A job's status from its opcodes' statuses, by Ganeti's rule: the first error,
    /// canceling or canceled opcode decides; waiting or running opcodes set the status;
    /// all successful gives success; otherwise queued.
    /// </summary>
    public static JobStatus Derive(IEnumerable<JobStatus> opStatuses)
    {
        var status = JobStatus.Queued;
        var all = true;
        var any = false;
        foreach (var op in opStatuses)
        {
            any = true;
            if (op != JobStatus.Success)
            {
                all = false;
            }

            switch (op)
            {
                case JobStatus.Error or JobStatus.Canceling or JobStatus.Canceled:
                    return op;
                case JobStatus.Waiting or JobStatus.Running:
                    status = op;
                    break;
            }
        }

        return any && all ? JobStatus.Success : status;
    }
}
