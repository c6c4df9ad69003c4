using System.Text.Json.Nodes;
using FluentValidation.TestHelper;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Instances.RebootInstance;
using Ganeti.Application.Mapping;
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
        var handler = new RebootInstanceCommandHandler(_jobs, _clock, ApplicationMapping.Create());
        var body = JsonNode.Parse("""{"shutdown_timeout": 30, "priority": -10, "comment": "c"}""");

        var id = await handler.Handle(new RebootInstanceCommand("web1", "soft", true, true, "maintenance", body), CancellationToken.None);

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
        op.Reason![1].TimestampNs.Should().Be(1_795_000_000L * 1_000_000_000);
    }

    [Fact]
    public async Task Handle_NoType_DefaultsToHard()
    {
        IReadOnlyList<OpCode>? submitted = null;
        _jobs.SubmitAsync(Arg.Do<IReadOnlyList<OpCode>>(ops => submitted = ops), Arg.Any<CancellationToken>()).Returns(new JobId(1));
        var handler = new RebootInstanceCommandHandler(_jobs, _clock, ApplicationMapping.Create());

        await handler.Handle(new RebootInstanceCommand("web1", null, false, false, null, null), CancellationToken.None);

        var op = (OpInstanceReboot)submitted!.Single();
        op.RebootType.Should().Be(RebootType.Hard);
        op.DryRun.Should().BeFalse();
        op.ShutdownTimeout.Should().BeNull();
        op.Reason.Should().ContainSingle();
    }
}

public class RebootInstanceCommandValidatorTests
{
    private readonly RebootInstanceCommandValidator _validator = new();

    private static RebootInstanceCommand Command(string? type = "hard", string body = "null", string name = "web1") =>
        new(name, type, false, false, null, JsonNode.Parse(body));

    [Fact]
    public void Validate_GoodCommand_Passes() =>
        _validator.TestValidate(Command(body: """{"shutdown_timeout": 5}""")).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void Validate_UnknownType_FailsLikeGaneti() =>
        _validator.TestValidate(Command("reset")).ShouldHaveValidationErrorFor(c => c.RebootType)
            .WithErrorMessage("Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.reboot_type' fails validation\", 'wrong_input')");

    [Theory]
    [InlineData("[1]", "Body contents: Type is 'list', but 'dict' is expected")]
    [InlineData("\"x\"", "Body contents: Type is 'str', but 'dict' is expected")]
    [InlineData("""{"dry_run": true}""", "Can't overwrite static parameters {'dry_run'}")]
    [InlineData("""{"bogus": 1}""", "Invalid body parameters: Object OpInstanceReboot doesn't support the parameter 'bogus'")]
    [InlineData("""{"shutdown_timeout": -1}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.shutdown_timeout' fails validation\", 'wrong_input')")]
    [InlineData("""{"shutdown_timeout": "5"}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.shutdown_timeout' fails validation\", 'wrong_input')")]
    [InlineData("""{"priority": 5}""", "Invalid body parameters: (\"Parameter 'OP_INSTANCE_REBOOT.priority' fails validation\", 'wrong_input')")]
    public void Validate_BadBody_GivesGanetiMessage(string body, string message) =>
        _validator.TestValidate(Command(body: body)).ShouldHaveValidationErrorFor("body").WithErrorMessage(message);

    [Fact]
    public void Validate_BadName_Fails() =>
        _validator.TestValidate(Command(name: "a/b")).ShouldHaveValidationErrorFor(c => c.InstanceName);
}
