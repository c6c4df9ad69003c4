using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Ganeti.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Options;

namespace Ganeti.Api.Auth;

/// <summary>HTTP Basic authentication against Ganeti's users file.</summary>
public sealed partial class RapiAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, RapiUsersFile users,
    AuthFailureBackoff backoff)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GanetiBasic";
    public const string Realm = "Ganeti Remote API";
    public const string OptionClaim = "ganeti:option";

    /// <summary>The category of the one line each failed login writes.</summary>
    public const string AuditCategory = "Ganeti.Api.Audit";

    /// <summary>User names longer than this are cut in the log.</summary>
    private const int MaxLoggedNameLength = 64;

    /// <summary>
    /// Credentials are UTF-8 (RFC 7617); bytes that are not are refused, never replaced, so that
    /// no two different passwords can decode to the same text.
    /// </summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ILogger _audit = logger.CreateLogger(AuditCategory);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await AuthenticateCredentialsAsync().ConfigureAwait(false);
        if (!result.Succeeded)
        {
            // The middleware keeps only successes; the credential guard reads failures here.
            Context.Features.Set<IAuthenticateResultFeature>(new AuthenticateOutcome(result));
        }

        return result;
    }

    private async Task<AuthenticateResult> AuthenticateCredentialsAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || space < 0)
        {
            return await FailAsync(null, "not Basic authentication").ConfigureAwait(false);
        }

        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(Convert.FromBase64String(header[(space + 1)..].Trim()));
        }
        catch (FormatException)
        {
            return await FailAsync(null, "credentials not in base64").ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            return await FailAsync(null, "credentials not in UTF-8").ConfigureAwait(false);
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            // The text may well be a password typed alone: it is not logged.
            return await FailAsync(null, "no colon between user and password").ConfigureAwait(false);
        }

        var name = decoded[..colon];
        var user = users.Find(name);
        if (user is null)
        {
            // A name the users file does not know may be a password typed into the wrong field: not logged.
            return await FailAsync(null, "unknown user").ConfigureAwait(false);
        }

        if (!RapiUsersFile.Verify(user, decoded[(colon + 1)..]))
        {
            return await FailAsync(name, "wrong password").ConfigureAwait(false);
        }

        if (Context.Connection.RemoteIpAddress is { } address)
        {
            backoff.RecordSuccess(address);
        }

        var claims = user.Options.Select(o => new Claim(OptionClaim, o)).Prepend(new Claim(ClaimTypes.Name, user.Name));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>
    /// Logs the failure once (user, address, reason; never the password) and lets its 401 wait
    /// as long as the address's failures call for (<see cref="AuthFailureBackoff"/>).
    /// </summary>
    private async Task<AuthenticateResult> FailAsync(string? name, string reason)
    {
        var address = Context.Connection.RemoteIpAddress;
        var delay = address is null ? TimeSpan.Zero : backoff.RecordFailure(address);
        var shown = name is null ? "-" : name.Length > MaxLoggedNameLength ? name[..MaxLoggedNameLength] + "…" : name;
        LogFailure(_audit, shown, address?.ToString() ?? "-", reason, delay.TotalMilliseconds);
        await backoff.DelayAsync(delay, Context.RequestAborted).ConfigureAwait(false);
        return AuthenticateResult.Fail(reason);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => throw new AuthenticationRequiredException();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => throw new AccessDeniedException();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication failed for {User} from {ClientAddress}: {Reason}; answer delayed {DelayMs:0} ms")]
    private static partial void LogFailure(ILogger logger, string user, string clientAddress, string reason, double delayMs);
}

/// <summary>An authentication outcome kept for the rest of the request.</summary>
internal sealed class AuthenticateOutcome(AuthenticateResult result) : IAuthenticateResultFeature
{
    public AuthenticateResult? AuthenticateResult { get; set; } = result;
}
