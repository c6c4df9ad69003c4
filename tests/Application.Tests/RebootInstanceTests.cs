using System.Text.Json.Nodes;
using FluentValidation.TestHelper;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Instances;
using Ganeti.Application.Operations;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Ganeti.Application.Tests;

public class RebootInstanceCommandHandlerTests
{
    private readonly IGanetiJobQueue _jobs = Substitute.For<IGanetiJobQueue>();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_795_000_000));

    [Fact]
    public async Task Handle_QueryAndBody_SubmitsOneRebootOpcode()
    {
        IReadOnlyList<OpCode>? submitted = null;
        _jobs.SubmitAsync(Arg.Do<IReadOnlyList<OpCode>>(ops => submitted = ops), Arg.Any<CancellationToken>()).Returns(new JobId(6146));
        var handler = new RebootInstanceCommandHandler(new OpCommandRunner(_jobs, _clock));
        var command = new RebootInstanceCommand("web1")
        {
            RebootType = "soft",
            IgnoreSecondaries = true,
            DryRun = true,
            Reason = "maintenance",
            Body = JsonNode.Parse("""{"shutdown_timeout": 30, "priority": -10, "comment": "c"}"""),
        };

        var id = await handler.Handle(command, CancellationToken.None);

        id.Should().Be(new JobId(6146));
        var op = submitted.Should().ContainSingle().Which.Should().BeOfType<OpInstanceReboot>().Subject;
        op.InstanceName.Should().Be("web1");
        op.RebootType.Should().Be(RebootType.Soft);
        op.IgnoreSecondaries.Should().BeTrue();
        op.DryRun.Should().BeTrue();
        op.ShutdownTimeout.Should().Be(30);
        op.Priority.Should().Be(-10);
        op.Comment.Should().Be("c");
        op.Reason!.Select(r => r.Source).Should().Equal("gnt:user", "gnt:library:rlib2:instances_name_reboot");
        op.Reason![0].Reason.Should().Be("maintenance");
        op.Reason![1].TimestampNs.Should().Be(1_795_000_000L * 1_000_000_000);
    }

    [Fact]
    public async Task Handle_NoType_DefaultsToHard()
    {
        IReadOnlyList<OpCode>? submitted = null;
        _jobs.SubmitAsync(Arg.Do<IReadOnlyList<OpCode>>(ops => submitted = ops), Arg.Any<CancellationToken>()).Returns(new JobId(1));
        var handler = new RebootInstanceCommandHandler(new OpCommandRunner(_jobs, _clock));

        await handler.Handle(new RebootInstanceCommand("web1"), CancellationToken.None);

        var op = (OpInstanceReboot)submitted!.Single();
        op.RebootType.Should().Be(RebootType.Hard);
        op.DryRun.Should().BeFalse();
        op.ShutdownTimeout.Should().BeNull();
        op.Reason.Should().ContainSingle();
    }

    [Fact]
    public async Task Handle_InvalidInputWithoutTheValidator_IsStillRefusedBeforeSubmitting()
    {
        var handler = new RebootInstanceCommandHandler(new OpCommandRunner(_jobs, _clock));

        var act = async () => await handler.Handle(new RebootInstanceCommand("web1") { RebootType = "reset" }, CancellationToken.None);

        await act.Should().ThrowAsync<Errors.BadRequestException>();
        await _jobs.DidNotReceiveWithAnyArgs().SubmitAsync(default!, default);
    }
}

public class RebootInstanceCommandValidatorTests
{
    private readonly RebootInstanceCommandValidator _validator = new();

    private static RebootInstanceCommand Command(string type = "hard", string body = "null") =>
        new("web1") { RebootType = type, DryRun = true, Body = JsonNode.Parse(body) };

    [Fact]
    public void Validate_GoodCommand_Passes() =>
        _validator.TestValidate(Command(body: """{"shutdown_timeout": 5}""")).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void Validate_UnknownType_FailsLikeGaneti() =>
        _validator.TestValidate(Command("reset")).ShouldHaveValidationErrorFor("body")
            .WithErrorMessage("Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.reboot_type' fails validation\", 'wrong_input')");

    [Theory]
    [InlineData("[1]", "Body contents: Type is 'list', but 'dict' is expected")]
    [InlineData("\"x\"", "Body contents: Type is 'str', but 'dict' is expected")]
    [InlineData("""{"dry_run": true}""", "Can't overwrite static parameters {'dry_run'}")]
    [InlineData("""{"reason": [], "instance_name": "x"}""", "Can't overwrite static parameters {'instance_name', 'reason'}")]
    [InlineData("""{"bogus": 1}""", "Invalid body parameters: Object OpInstanceReboot doesn't support the parameter 'bogus'")]
    [InlineData("""{"shutdown_timeout": -1}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.shutdown_timeout' fails validation\", 'wrong_input')")]
    [InlineData("""{"shutdown_timeout": "5"}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.shutdown_timeout' fails validation\", 'wrong_input')")]
    [InlineData("""{"shutdown_timeout": null}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.shutdown_timeout' fails validation\", 'wrong_input')")]
    [InlineData("""{"shutdown_timeout": 1.5}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.shutdown_timeout' fails validation\", 'wrong_input')")]
    [InlineData("""{"instance_uuid": ""}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.instance_uuid' fails validation\", 'wrong_input')")]
    [InlineData("""{"priority": 5}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.priority' fails validation\", 'wrong_input')")]
    [InlineData("""{"debug_level": -1}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.debug_level' fails validation\", 'wrong_input')")]
    [InlineData("""{"depends": [[1, ["running"]]]}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.depends' fails validation\", 'wrong_input')")]
    public void Validate_BadBody_GivesGanetiMessage(string body, string message) =>
        _validator.TestValidate(Command(body: body)).ShouldHaveValidationErrorFor("body").WithErrorMessage(message);

    [Theory]
    [InlineData("""{"instance_uuid": null, "debug_level": null, "comment": null, "depends": null}""")]
    [InlineData("""{"depends": [[12, ["success", "error"]], [-1, []], ["7", ["canceled"]]]}""")]
    [InlineData("""{"shutdown_timeout": 0}""")]
    public void Validate_ValuesGanetiAccepts_Pass(string body) =>
        new RebootInstanceCommandValidator().TestValidate(new RebootInstanceCommand("web1") { Body = JsonNode.Parse(body) }).ShouldNotHaveAnyValidationErrors();
}
