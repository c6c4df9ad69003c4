using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests.Hardening;

/// <summary>Paths, methods and credentials spelled the way careless or hostile clients spell them.</summary>
public sealed class RequestHardeningTests : IClassFixture<GanetiApiFactory>
{
    private readonly GanetiApiFactory _factory;

    public RequestHardeningTests(GanetiApiFactory factory)
    {
        _factory = factory;
        // A user whose password is not ASCII, and one whose password holds a literal '?'.
        File.AppendAllText(factory.UsersFile, "rené pässwörd read\nquestion p?ss read\n", Encoding.UTF8);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string uri, string method = "GET", byte[]? credentials = null)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(credentials));
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/2/INSTANCES")]
    [InlineData("/2/Info")]
    [InlineData("/2/instances/web1.example.com/TAGS")]
    [InlineData("/2/Jobs/1")]
    public async Task Paths_AreCaseSensitiveLikeGanetis(string uri)
    {
        var (status, body) = await GetAsync(uri);

        status.Should().Be(HttpStatusCode.NotFound);
        body!["code"]!.GetValue<int>().Should().Be(404);
    }

    [Fact]
    public async Task LowerCaseMethod_IsServedLikeGanetiServesIt()
    {
        var (status, body) = await GetAsync("/2/info", method: "get");

        status.Should().Be(HttpStatusCode.OK);
        body!["name"]!.GetValue<string>().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Credentials_AreUtf8_ANonAsciiPasswordWorks()
    {
        var (status, _) = await GetAsync("/2/info", credentials: Encoding.UTF8.GetBytes("rené:pässwörd"));

        status.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'q', (byte)'u', (byte)'e', (byte)'s', (byte)'t', (byte)'i', (byte)'o', (byte)'n', (byte)':', (byte)'p', 0xff, (byte)'s', (byte)'s' })]
    [InlineData(new byte[] { (byte)'r', (byte)'e', (byte)'n', 0xe9, (byte)':', (byte)'p', 0xe4, (byte)'s', (byte)'s', (byte)'w', 0xf6, (byte)'r', (byte)'d' })]
    public async Task Credentials_ThatAreNotUtf8_AreRefused_NeverReadAsAnotherPassword(byte[] credentials)
    {
        // The first would once decode to "question:p?ss" and log in.
        var (status, body) = await GetAsync("/2/info", credentials: credentials);

        status.Should().Be(HttpStatusCode.Unauthorized);
        body!["code"]!.GetValue<int>().Should().Be(401);
    }

    /// <summary>Found by fuzzing: invalid UTF-8 inside a JSON string was a 500; Ganeti cannot decode it either.</summary>
    [Theory]
    [InlineData("PUT", "/2/groups/default/modify")]
    [InlineData("GET", "/2/jobs/1")]
    public async Task Body_WithInvalidUtf8InAString_IsA400_UnableToParseJsonData(string method, string uri)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), uri)
        {
            Content = new ByteArrayContent([.. "{\"alloc_policy\": \"last_"u8, 0xff, .. "resort\"}"u8]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:adminpass"u8.ToArray()));

        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body!["message"]!.GetValue<string>().Should().Be("Unable to parse JSON data");
    }
}
