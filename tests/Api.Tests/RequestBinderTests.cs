using System.Text.Json.Nodes;
using Ganeti.Api.Routing;
using Ganeti.Application.Errors;
using Ganeti.Application.Instances;
using Ganeti.Application.Operations;
using Ganeti.Application.Tags;
using Ganeti.Domain.Tags;
using Microsoft.AspNetCore.Http;

namespace Ganeti.Api.Tests;

/// <summary>How a request becomes a command: route values, Ganeti's query-string rules and the body.</summary>
public class RequestBinderTests
{
    private static HttpContext Request(string query, params (string Key, string Value)[] route)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        foreach (var (key, value) in route)
        {
            context.Request.RouteValues[key] = value;
        }

        return context;
    }

    private static T Bind<T>(string query, JsonNode? body = null, IReadOnlyDictionary<string, object?>? values = null, params (string Key, string Value)[] route) =>
        (T)RequestBinder.For(typeof(T), route.Select(r => r.Key).ToHashSet(StringComparer.OrdinalIgnoreCase), values ?? new Dictionary<string, object?>())
            .Bind(Request(query, route), body);

    [Fact]
    public void RouteQueryAndBody_FillTheCommand()
    {
        var body = JsonNode.Parse("""{"shutdown_timeout": 1}""");

        var command = Bind<RebootInstanceCommand>("?type=soft&ignore_secondaries=1&dry-run=0&reason=why", body, route: ("instanceName", "web1"));

        command.Should().BeEquivalentTo(new RebootInstanceCommand("web1") { RebootType = "soft", IgnoreSecondaries = true, DryRun = false, Reason = "why", Body = body });
    }

    [Theory]
    [InlineData("", "hard")]
    [InlineData("?type=", "hard")]
    [InlineData("?type=&type=full", "full")]
    [InlineData("?type=soft&type=full", "soft")]
    public void String_FirstNonBlankValue_OrTheDefault(string query, string type) =>
        Bind<RebootInstanceCommand>(query, route: ("instanceName", "web1")).RebootType.Should().Be(type);

    [Theory]
    [InlineData("?dry-run=1", true)]
    [InlineData("?dry-run=0", false)]
    [InlineData("?dry-run=-3", true)]
    [InlineData("?dry-run=%201_0%20", true)]
    [InlineData("?dry-run=", false)]
    [InlineData("", false)]
    public void Flag_IsAnIntegerAndNonZeroIsTrue(string query, bool expected) =>
        Bind<RebootInstanceCommand>(query, route: ("instanceName", "web1")).DryRun.Should().Be(expected);

    [Theory]
    [InlineData("?dry-run=yes")]
    [InlineData("?dry-run=true")]
    [InlineData("?dry-run=1.0")]
    public void Flag_NotAnInteger_IsGanetisError(string query)
    {
        var act = () => Bind<RebootInstanceCommand>(query, route: ("instanceName", "web1"));

        act.Should().Throw<BadRequestException>().WithMessage("Invalid value for the 'dry-run' parameter");
    }

    [Fact]
    public void RepeatedKey_GivesEveryNonBlankValueInOrder()
    {
        var values = new Dictionary<string, object?> { ["Kind"] = TagKind.Node };

        var command = Bind<AddTagsCommand>("?tag=b&tag=&tag=a&tag=b", values: values, route: ("name", "node1"));

        command.Tags.Should().Equal("b", "a", "b");
        command.Kind.Should().Be(TagKind.Node);
        command.Name.Should().Be("node1");
    }

    [Fact]
    public void ValuesFixedByTheRouteTable_WinOverNothing()
    {
        var values = new Dictionary<string, object?> { ["Kind"] = TagKind.Cluster, ["Name"] = null };

        var command = Bind<DeleteTagsCommand>("?tag=x", values: values);

        command.Name.Should().BeNull();
        command.Kind.Should().Be(TagKind.Cluster);
    }

    [Fact]
    public void ConstructorParameterWithoutASource_FailsWhenTheRouteIsMapped()
    {
        var act = () => RequestBinder.For(typeof(RebootInstanceCommand), new HashSet<string>(), new Dictionary<string, object?>());

        act.Should().Throw<InvalidOperationException>().WithMessage("*InstanceName*");
    }

    [Fact]
    public void OptionalBoolean_IsNullWhenAbsent()
    {
        Bind<OptionalFlagCommand>("").Allocatable.Should().BeNull();
        Bind<OptionalFlagCommand>("?allocatable=0").Allocatable.Should().BeFalse();
        Bind<OptionalFlagCommand>("?allocatable=1").Allocatable.Should().BeTrue();
    }

    [OpResource("test")]
    private sealed record OptionalFlagCommand : OpCommand<Domain.OpCodes.OpClusterRedistConf>
    {
        [Query("allocatable"), NotOpParameter]
        public bool? Allocatable { get; init; }
    }
}
