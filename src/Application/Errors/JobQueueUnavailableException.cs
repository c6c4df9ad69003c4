namespace Ganeti.Application.Errors;

/// <summary>The job queue does not accept jobs now (drained or full).</summary>
public sealed class JobQueueUnavailableException(string message) : GanetiException(message);
