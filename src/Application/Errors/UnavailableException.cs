namespace Ganeti.Application.Errors;

/// <summary>What was asked for cannot be given now (e.g. the console of an instance that is not running).</summary>
public sealed class UnavailableException(string message) : GanetiException(message);
