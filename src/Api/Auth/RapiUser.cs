namespace Ganeti.Api.Auth;

/// <summary>One line of Ganeti's users file: name, password (plain, {CLEARTEXT} or {HA1}) and options.</summary>
public sealed record RapiUser(string Name, string Password, IReadOnlySet<string> Options);
