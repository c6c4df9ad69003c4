using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Ganeti.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ganeti.Api.Auth;

/// <summary>HTTP Basic authentication against Ganeti's users file.</summary>
public sealed class RapiAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, RapiUsersFile users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GanetiBasic";
    public const string Realm = "Ganeti Remote API";
    public const string OptionClaim = "ganeti:option";

    /// <summary>
    /// Credentials are UTF-8 (RFC 7617); bytes that are not are refused, never replaced, so that
    /// no two different passwords can decode to the same text.
    /// </summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || space < 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unsupported authentication"));
        }

        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(Convert.FromBase64String(header[(space + 1)..].Trim()));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Bad credentials"));
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("Bad credentials"));
        }

        var user = users.Find(decoded[..colon]);
        if (user is null || !RapiUsersFile.Verify(user, decoded[(colon + 1)..]))
        {
            return Task.FromResult(AuthenticateResult.Fail("Bad credentials"));
        }

        var claims = user.Options.Select(o => new Claim(OptionClaim, o)).Prepend(new Claim(ClaimTypes.Name, user.Name));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => throw new AuthenticationRequiredException();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => throw new AccessDeniedException();
}
