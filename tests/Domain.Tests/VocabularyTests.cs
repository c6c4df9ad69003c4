using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.Nodes;
using Ganeti.Domain.OpCodes;

namespace Ganeti.Domain.Tests;

public class VocabularyTests
{
    [Theory]
    [InlineData("OpInstanceReboot", "OP_INSTANCE_REBOOT")]
    [InlineData("OpNodeEvacuate", "OP_NODE_EVACUATE")]
    [InlineData("OpTestDelay", "OP_TEST_DELAY")]
    public void FromTypeName_OpCodeType_GivesGanetiOpId(string typeName, string expected) =>
        OpIds.FromTypeName(typeName).Should().Be(expected);

    [Fact]
    public void OpId_EveryOpCodeType_MatchesItsName()
    {
        var types = typeof(OpCode).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(OpCode)) && !t.IsAbstract).ToList();
        types.Should().NotBeEmpty();
        foreach (var type in types)
        {
            OpIds.FromTypeName(type.Name).Should().StartWith("OP_").And.NotContain("__");
        }
    }

    [Fact]
    public void SummaryAndReasonNames_StripPrefix() =>
        (OpIds.SummaryName("OP_INSTANCE_REBOOT"), OpIds.ReasonName("OP_INSTANCE_REBOOT")).Should().Be(("INSTANCE_REBOOT", "instance_reboot"));

    [Theory]
    [InlineData(NodeRole.Master, 'M')]
    [InlineData(NodeRole.MasterCandidate, 'C')]
    [InlineData(NodeRole.Drained, 'D')]
    [InlineData(NodeRole.Offline, 'O')]
    [InlineData(NodeRole.Regular, 'R')]
    public void NodeRoleCodes_RoundTrip(NodeRole role, char code)
    {
        role.ToCode().Should().Be(code);
        NodeRoles.TryFromCode(code.ToString(), out var back).Should().BeTrue();
        back.Should().Be(role);
    }

    [Fact]
    public void TryFromCode_UnknownCode_Fails() => NodeRoles.TryFromCode("X", out _).Should().BeFalse();

    [Fact]
    public void FromFlags_FollowsGanetiPrecedence()
    {
        NodeRoles.FromFlags(isMaster: true, masterCandidate: true, drained: false, offline: false).Should().Be(NodeRole.Master);
        NodeRoles.FromFlags(false, true, true, false).Should().Be(NodeRole.MasterCandidate);
        NodeRoles.FromFlags(false, false, true, true).Should().Be(NodeRole.Drained);
        NodeRoles.FromFlags(false, false, false, true).Should().Be(NodeRole.Offline);
        NodeRoles.FromFlags(false, false, false, false).Should().Be(NodeRole.Regular);
    }

    [Fact]
    public void WireNames_UseGanetiStrings()
    {
        WireNames<EvacuationMode>.ToWire(EvacuationMode.PrimaryOnly).Should().Be("primary-only");
        WireNames<NodeRole>.ToWire(NodeRole.MasterCandidate).Should().Be("master-candidate");
        WireNames<InstanceStatus>.ToWire(InstanceStatus.AdminDown).Should().Be("ADMIN_down");
        WireNames<RebootType>.TryParse("soft", out var soft).Should().BeTrue();
        soft.Should().Be(RebootType.Soft);
        WireNames<RebootType>.IsKnown("Soft").Should().BeFalse();
    }

    [Theory]
    [InlineData(new[] { JobStatus.Success, JobStatus.Success }, JobStatus.Success)]
    [InlineData(new[] { JobStatus.Success, JobStatus.Queued }, JobStatus.Queued)]
    [InlineData(new[] { JobStatus.Success, JobStatus.Running, JobStatus.Queued }, JobStatus.Running)]
    [InlineData(new[] { JobStatus.Waiting, JobStatus.Queued }, JobStatus.Waiting)]
    [InlineData(new[] { JobStatus.Success, JobStatus.Error, JobStatus.Error }, JobStatus.Error)]
    [InlineData(new[] { JobStatus.Canceled, JobStatus.Canceled }, JobStatus.Canceled)]
    [InlineData(new JobStatus[0], JobStatus.Queued)]
    public void Derive_OpStatuses_GivesJobStatus(JobStatus[] ops, JobStatus expected) =>
        JobStatuses.Derive(ops).Should().Be(expected);

    [Theory]
    [InlineData("web1", "web1.example.com", true)]
    [InlineData("web1.example.com", "web1.example.com", true)]
    [InlineData("web", "web1.example.com", false)]
    [InlineData("web1.ex", "web1.example.com", false)]
    public void MatchesHostName_ShortNameUpToADot(string name, string full, bool expected) =>
        GanetiName.MatchesHostName(name, full).Should().Be(expected);

    [Theory]
    [InlineData("inst1.example.com", true)]
    [InlineData("a_b-c.d", true)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    public void IsValid_FollowsConnectorPattern(string name, bool expected) => GanetiName.IsValid(name).Should().Be(expected);

    [Theory]
    [InlineData("app:web", null)]
    [InlineData("", "Tags cannot be empty")]
    [InlineData("bad tag", "Tag contains invalid characters")]
    public void TagCheck_GivesGanetiMessages(string tag, string? expected) => Tag.Check(tag).Should().Be(expected);

    [Fact]
    public void TagCheck_TooLong_Refused() => Tag.Check(new string('a', 129)).Should().Be("Tag too long (>128 characters)");

    [Fact]
    public void ForRapi_WithUserReason_PutsUserEntryFirst()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var trail = ReasonTrail.ForRapi("instances_name_reboot", "maintenance", now);
        trail.Should().Equal(
            new ReasonEntry("gnt:user", "maintenance", 1_700_000_000_000_000_000),
            new ReasonEntry("gnt:library:rlib2:instances_name_reboot", string.Empty, 1_700_000_000_000_000_000));
        ReasonTrail.ForRapi("x", null, now).Should().ContainSingle();
    }

    [Theory]
    [InlineData(Ganeti.Domain.Nodes.NodeRole.Regular, false, false, false)]
    [InlineData(Ganeti.Domain.Nodes.NodeRole.MasterCandidate, true, null, null)]
    [InlineData(Ganeti.Domain.Nodes.NodeRole.Drained, null, null, true)]
    [InlineData(Ganeti.Domain.Nodes.NodeRole.Offline, null, true, null)]
    public void NodeRole_ToFlags_IsRapisMapping(Ganeti.Domain.Nodes.NodeRole role, bool? candidate, bool? offline, bool? drained)
    {
        Ganeti.Domain.Nodes.NodeRoles.TryToFlags(role, out var flags).Should().BeTrue();
        flags.Should().Be((candidate, offline, drained));
    }

    [Fact]
    public void NodeRole_Master_CannotBeSet() =>
        Ganeti.Domain.Nodes.NodeRoles.TryToFlags(Ganeti.Domain.Nodes.NodeRole.Master, out _).Should().BeFalse();
}
