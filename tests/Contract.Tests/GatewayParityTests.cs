using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ganeti.Contract.Tests;

/// <summary>
/// Our gateway pointed at the real luxid (<c>--luxi-socket</c>) next to the real ganeti-rapi
/// of the same cluster: the same resources must come back with the same JSON shape (keys and
/// value types) and the same identities.
/// </summary>
[Collection(RealGanetiCollection.Name)]
public sealed class GatewayParityTests(RealGanetiFixture cluster) : IDisposable
{
    private const string RealRapi = "https://127.0.0.1:15080";

    private readonly GatewayOnRealLuxi _gateway = new();

    [Theory]
    [InlineData("/2/info")]
    [InlineData("/2/instances?bulk=1")]
    [InlineData("/2/nodes?bulk=1")]
    [InlineData("/2/instances")]
    [InlineData("/2/nodes")]
    [InlineData("/2/features")]
    [InlineData("/version")]
    public async Task Resource_SameShapeAsRealGanetiRapi(string uri)
    {
        _ = cluster;
        var real = await RealAsync(uri);
        var ours = WithoutThreeOneAdditions(JsonNode.Parse(await _gateway.CreateClient().GetStringAsync(uri)));

        Shape(ours).Should().Be(Shape(real), $"{uri} must have the real shape");
        if (uri == "/2/features")
        {
            Identities(ours).Should().BeEquivalentTo(Identities(real), "the feature list is a set");
        }
        else
        {
            Identities(ours).Should().Equal(Identities(real));
        }
    }

    [Fact]
    public async Task Instance_SameValuesAsRealGanetiRapi_ExceptTimesOfLiveState()
    {
        var real = (await RealAsync("/2/instances/inst1.ganeti.test"))!.AsObject();
        var ours = WithoutThreeOneAdditions(JsonNode.Parse(await _gateway.CreateClient().GetStringAsync("/2/instances/inst1.ganeti.test")))!.AsObject();
        ours.Select(p => p.Key).Should().BeEquivalentTo(real.Select(p => p.Key));

        foreach (var (key, value) in real)
        {
            JsonNode.DeepEquals(ours[key], value).Should().BeTrue($"{key}: ours {ours[key]?.ToJsonString()} vs real {value?.ToJsonString()}");
        }
    }

    public void Dispose() => _gateway.Dispose();

    /// <summary>
    /// The real cluster runs Ganeti 3.0, whose RAPI does not yet list <c>custom_osparams</c>
    /// among the instance fields; 3.1, which we implement, does.
    /// </summary>
    private static JsonNode? WithoutThreeOneAdditions(JsonNode? node)
    {
        foreach (var obj in node switch { JsonArray list => list.OfType<JsonObject>(), JsonObject o => [o], _ => [] })
        {
            if (obj.ContainsKey("admin_state"))
            {
                obj.Remove("custom_osparams");
            }
        }

        return node;
    }

    private static async Task<JsonNode?> RealAsync(string uri)
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(RealRapi) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("admin:adminpass")));
        return JsonNode.Parse(await client.GetStringAsync(uri));
    }

    /// <summary>Keys and value kinds, recursively; list items collapse to the shape of their first item.</summary>
    private static string Shape(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Shape(p.Value)}")) + "}",
        JsonArray list => "[" + (list.Count == 0 ? string.Empty : Shape(list[0])) + "]",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Number => "number",
            _ => "string",
        },
        _ => "?",
    };

    private static List<string> Identities(JsonNode? node) => node switch
    {
        JsonArray list => [.. list.Select(i => i is JsonObject o ? (o["name"] ?? o["id"])?.ToJsonString() ?? string.Empty : i?.ToJsonString() ?? string.Empty)],
        JsonObject obj => [obj["name"]?.ToJsonString() ?? string.Empty],
        _ => [node?.ToJsonString() ?? "null"],
    };

    private sealed class GatewayOnRealLuxi : WebApplicationFactory<Program>
    {
        private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "gw-real-" + Guid.NewGuid().ToString("N")[..8]);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Rapi:LuxiSocket", Ganeti.Infrastructure.Luxi.LuxiOptions.DefaultSocketPath);
            builder.UseSetting("Rapi:DataDir", _dataDir);
            builder.UseSetting("Rapi:UsersFile", Path.Combine(_dataDir, "no-users"));
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (Directory.Exists(_dataDir))
            {
                Directory.Delete(_dataDir, recursive: true);
            }
        }
    }
}
