using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Ganeti.Api.Tests;

public sealed class RequireAuthenticationTests : IDisposable
{
    private readonly GanetiApiFactory _factory = new() { RequireAuthentication = true };

    [Theory]
    [InlineData("/2/info")]
    [InlineData("/2/nosuchthing")]
    public async Task NoCredentials_401EvenForReadsAndUnknownPaths(string uri)
    {
        using var response = await _factory.CreateClient().GetAsync(uri);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"code\":401");
    }

    [Fact]
    public async Task PlainUser_MayRead()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("plain:plainpass")));
        (await client.GetAsync("/2/info")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/2/nosuchthing")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    public void Dispose() => _factory.Dispose();
}
