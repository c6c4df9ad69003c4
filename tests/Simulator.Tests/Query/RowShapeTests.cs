using System.Text.Json.Nodes;
using Ganeti.Simulator.Query;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Tests.Query;

/// <summary>
/// Rows are written with runs of list fields (<c>disk.size/0…15</c>) as blocks: every cell
/// must still be what the field's own getter says, in the requested order.
/// </summary>
public class RowShapeTests
{
    private static readonly ClusterState State = WithLists();

    public static TheoryData<string[]> FieldLists => new()
    {
        // Every field, nicely sorted (the runs are whole families).
        InstanceFields.Create(State).Sorted().Select(f => f.Name).ToArray(),

        // Runs cut short, out of order, repeated, interleaved, and aliases of list items.
        new[]
        {
            "disk.size/1", "disk.size/2", "disk.size/3", "name", "disk.size/0", "disk.size/0", "nic.mac/2", "nic.mac/1", "nic.mac/0",
            "nic.ip/1", "nic.ip/2", "nic.mode/2", "nic.mode/3", "sda_size", "sdb_size", "mac", "ip", "disk.size/15", "nic.link/7", "no-such-field",
        },

        // Runs of hypervisor parameters, written once per set of defaults when an instance has none of its own.
        new[] { "hv/kernel_path", "hv/kernel_args", "hv/root_path", "name", "hv/kernel_path", "hv/no-such-param", "hv/acpi", "hv/boot_order", "hvparams" },
    };

    [Theory]
    [MemberData(nameof(FieldLists))]
    public void QueryRows_AreTheGettersValues(string[] fields)
    {
        var source = InstanceFields.Source(State);
        var selected = source.Table.Resolve(fields);

        var written = JsonNode.Parse(QueryRunner.Query(source, fields, QueryFilter.None))!["data"]!.AsArray();

        var expected = new JsonArray([.. NiceOrder.Of(State.Instances, i => i.Name).Select(i => (JsonNode)new JsonArray([.. selected.Select(f => (JsonNode)Cell(f.Get(i)))]))]);
        written.ToJsonString().Should().Be(expected.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(FieldLists))]
    public void ClassicRows_AreTheGettersValues(string[] fields)
    {
        var source = InstanceFields.Source(State);
        var known = fields.Where(f => source.Table.TryGet(f, out _)).ToArray();
        var selected = source.Table.Select(known);

        var written = JsonNode.Parse(QueryRunner.ClassicUtf8(source, known, QueryFilter.None))!.AsArray();

        var expected = new JsonArray([.. NiceOrder.Of(State.Instances, i => i.Name).Select(i => (JsonNode)FieldTable<Instance>.Row(i, selected))]);
        written.ToJsonString().Should().Be(expected.ToJsonString());
    }

    [Fact]
    public void SlotField_BeyondTheList_IsUnavailable_AndWithinItIsTheItem()
    {
        var table = InstanceFields.Create(State);
        var withDisks = State.Instances.Values.Single(i => i.Name.StartsWith("lists.", StringComparison.Ordinal));

        table.TryGet("disk.size/2", out var third).Should().BeTrue();
        table.TryGet("disk.size/3", out var fourth).Should().BeTrue();

        third!.Get(withDisks).ToNode()!.GetValue<long>().Should().Be(3072);
        fourth!.Get(withDisks).Status.Should().Be(ResultStatus.Unavailable);
        third.Slot.Should().Be(new FieldSlot<Instance>("disk.size", 2, third.Slot!.Count));
    }

    private static JsonArray Cell(FieldValue value) =>
        value.IsNormal ? new JsonArray(0, value.ToNode()) : new JsonArray((int)value.Status, null);

    /// <summary>The demo cluster plus an instance with three disks, three NICs and hypervisor parameters of its own, and instances of other hypervisors.</summary>
    private static ClusterState WithLists()
    {
        var state = DemoCluster.Create(DateTimeOffset.UnixEpoch.AddYears(50));
        var template = state.Instances.Values.OrderBy(i => i.Name, StringComparer.Ordinal).First();
        var lists = new Instance
        {
            Name = "lists.example.com",
            PrimaryNodeUuid = template.PrimaryNodeUuid,
            Os = template.Os,
            Hypervisor = template.Hypervisor,
            Disks = [new Disk { Size = 1024, Name = "root" }, new Disk { Size = 2048 }, new Disk { Size = 3072, Spindles = 2 }],
            Nics = [new Nic { Mac = "aa:00:00:00:00:01", Ip = "192.0.2.10" }, new Nic { Mac = "aa:00:00:00:00:02", Name = "second" }, new Nic { Mac = "aa:00:00:00:00:03", Mode = "routed" }],
            Hvparams = new JsonObject { ["kernel_path"] = "/boot/vmlinuz-custom", ["acpi"] = false },
        };
        state.Instances[lists.Uuid] = lists;

        // Instances of other hypervisors, without parameters of their own, between the others
        // in name order: the hypervisor runs change defaults from row to row.
        foreach (var (name, hypervisor) in new[] { ("kvm1.example.com", "kvm"), ("xen1.example.com", "xen-pvm"), ("kvm2.example.com", "kvm") })
        {
            var other = new Instance { Name = name, PrimaryNodeUuid = template.PrimaryNodeUuid, Os = template.Os, Hypervisor = hypervisor, Nics = [new Nic { Mac = "aa:00:00:00:01:01" }] };
            state.Instances[other.Uuid] = other;
        }

        return state;
    }
}
