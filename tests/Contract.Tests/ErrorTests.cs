using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Domain.Errors;

namespace Ganeti.Contract.Tests;

/// <summary>How luxid refuses calls, and which of our exceptions each refusal becomes.</summary>
[Collection(RealGanetiCollection.Name)]
public sealed class ErrorTests(RealGanetiFixture real)
{
    [Fact]
    public async Task QueryInstances_UnknownField_IsOpPrereqInvalid()
    {
        var act = () => real.Queries.QueryInstancesAsync([], ["name", "nosuchfield"], false, CancellationToken.None).AsTask();

        var error = (await act.Should().ThrowAsync<OpPrereqException>()).Which;
        error.Code.Should().Be(ErrorCode.Invalid);
        error.Message.Should().Be("Unknown output fields selected: nosuchfield");
    }

    [Fact]
    public async Task QueryNodes_WithLocking_IsOpPrereqInvalid()
    {
        var act = () => real.Queries.QueryNodesAsync([], ["name"], true, CancellationToken.None).AsTask();

        var error = (await act.Should().ThrowAsync<OpPrereqException>()).Which;
        error.Code.Should().Be(ErrorCode.Invalid);
        error.Message.Should().Be("Sync queries are not allowed");
    }

    [Fact]
    public async Task UnknownMethod_IsMasterProtocolError()
    {
        var act = () => real.CallAsync("NoSuchMethod");

        (await act.Should().ThrowAsync<MasterProtocolException>())
            .WithMessage("Failed to parse request:*\"NoSuchMethod\"*");
    }

    [Fact]
    public async Task QueryInstances_WrongArity_IsMasterProtocolError()
    {
        var act = () => real.CallAsync("QueryInstances", new JsonArray());

        (await act.Should().ThrowAsync<MasterProtocolException>())
            .WithMessage("Failed to parse request:*Unable to read Triple*");
    }

    [Fact]
    public async Task Query_UnknownResource_IsMasterProtocolError()
    {
        var act = () => real.CallAsync("Query", "nosuch", new JsonArray("name"), null);

        (await act.Should().ThrowAsync<MasterProtocolException>()).WithMessage("*Can't parse value 'nosuch'*");
    }

    [Fact]
    public async Task SubmitJob_UnknownOpcode_IsMasterProtocolError()
    {
        var act = () => real.CallAsync("SubmitJob", new JsonArray(RealGanetiFixture.Op("OP_NO_SUCH_OPCODE", new JsonObject())));

        (await act.Should().ThrowAsync<MasterProtocolException>()).WithMessage("*Unknown opcode OP_NO_SUCH_OPCODE*");
    }

    [Fact]
    public async Task SubmitJob_OpcodeWithoutReason_IsRefusedByLuxid()
    {
        // Unlike the Python master, luxid parses opcodes strictly: "reason" may be empty, never absent.
        var op = new JsonObject { ["OP_ID"] = "OP_TEST_DELAY", ["duration"] = 0.1 };

        var act = () => real.CallAsync("SubmitJob", new JsonArray(op));

        (await act.Should().ThrowAsync<MasterProtocolException>()).WithMessage("*key 'reason' not found*");
    }

    [Fact]
    public async Task WaitForJobChange_UnknownJob_IsJobLost()
    {
        var act = () => real.CallAsync("WaitForJobChange", 987654321, new JsonArray("status"), null, null, 1);

        var error = (await act.Should().ThrowAsync<GanetiErrorException>()).Which;
        error.ErrorClass.Should().Be("JobLost");
    }
}
