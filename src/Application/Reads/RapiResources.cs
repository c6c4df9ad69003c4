using Ganeti.Application.Abstractions;

namespace Ganeti.Application.Reads;

/// <summary>The resources RAPI lists and shows, with Ganeti 3.1's field lists in its order (rapi-spec §3.5, §3.6).</summary>
public static class RapiResources
{
    private static readonly string[] Common = ["ctime", "mtime", "uuid", "serial_no", "tags"];

    private static readonly string[] InstanceFields =
    [
        "name", "admin_state", "os", "pnode", "snodes", "disk_template",
        "nic.ips", "nic.macs", "nic.modes", "nic.uuids", "nic.names", "nic.links",
        "nic.networks", "nic.networks.names", "nic.bridges", "network_port",
        "disk.sizes", "disk.spindles", "disk_usage", "disk.uuids", "disk.names",
        "beparams", "hvparams", "oper_state", "oper_ram", "oper_vcpus", "status",
        "custom_hvparams", "custom_beparams", "custom_nicparams", "custom_osparams",
        .. Common,
    ];

    private static readonly string[] NodeFields =
    [
        "name", "offline", "master_candidate", "drained", "dtotal", "dfree", "sptotal",
        "spfree", "mtotal", "mnode", "mfree", "pinst_cnt", "sinst_cnt", "ctotal", "cnos",
        "cnodes", "csockets", "pip", "sip", "role", "pinst_list", "sinst_list",
        "master_capable", "vm_capable", "ndparams", "group.uuid",
        .. Common,
    ];

    private static readonly string[] GroupFields =
    [
        "alloc_policy", "name", "node_cnt", "node_list", "ipolicy", "custom_ipolicy",
        "diskparams", "custom_diskparams", "ndparams", "custom_ndparams",
        .. Common,
    ];

    private static readonly string[] NetworkFields =
    [
        "name", "network", "gateway", "network6", "gateway6", "mac_prefix", "free_count",
        "reserved_count", "map", "group_list", "inst_list", "external_reservations",
        .. Common,
    ];

    private static readonly string[] FilterFields = ["watermark", "priority", "predicates", "action", "reason_trail", "uuid"];

    private static readonly string[] JobBulkFields = ["id", "ops", "status", "summary", "opstatus", "received_ts", "start_ts", "end_ts"];

    public static readonly RapiResource Instances = new(ClassicQuery.Instances, InstanceFields, InstanceFields, "id", "/2/instances/")
    {
        MemoryAlias = true,
    };

    public static readonly RapiResource Nodes = new(ClassicQuery.Nodes, NodeFields, NodeFields, "id", "/2/nodes/")
    {
        ItemAliases = [("secondary_ip", "sip")],
    };

    public static readonly RapiResource Groups = new(ClassicQuery.Groups, GroupFields, GroupFields, "name", "/2/groups/");

    public static readonly RapiResource Networks = new(ClassicQuery.Networks, NetworkFields, NetworkFields, "name", "/2/networks/");

    public static readonly RapiResource Filters = new(ClassicQuery.Filters, FilterFields, FilterFields, "uuid", "/2/filters/")
    {
        IndexField = "uuid",
    };

    public static readonly RapiResource Jobs = new(ClassicQuery.Jobs, JobBulkFields, [.. JobBulkFields, "oplog", "opresult"], "id", "/2/jobs/")
    {
        IndexField = "id",
        NumericIds = true,
    };
}
