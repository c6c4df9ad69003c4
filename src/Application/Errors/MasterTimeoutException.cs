namespace Ganeti.Application.Errors;

/// <summary>The master did not answer in time (connect or read/write timeout).</summary>
public sealed class MasterTimeoutException(string message) : GanetiException(message);
