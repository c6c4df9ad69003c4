namespace Ganeti.Application.Common;

/// <summary>The field lists RAPI asks the master for, in RAPI's order.</summary>
public static class RapiFields
{
    private static readonly string[] CommonFields = ["ctime", "mtime", "uuid", "serial_no", "tags"];

    public static readonly IReadOnlyList<string> Instance =
    [
        "name", "admin_state", "os", "pnode", "snodes", "disk_template",
        "nic.ips", "nic.macs", "nic.modes", "nic.uuids", "nic.names", "nic.links",
        "nic.networks", "nic.networks.names", "nic.bridges", "network_port",
        "disk.sizes", "disk.spindles", "disk_usage", "disk.uuids", "disk.names",
        "beparams", "hvparams", "oper_state", "oper_ram", "oper_vcpus", "status",
        "custom_hvparams", "custom_beparams", "custom_nicparams", "custom_osparams",
        .. CommonFields,
    ];

    public static readonly IReadOnlyList<string> Node =
    [
        "name", "offline", "master_candidate", "drained", "dtotal", "dfree", "sptotal",
        "spfree", "mtotal", "mnode", "mfree", "pinst_cnt", "sinst_cnt", "ctotal", "cnos",
        "cnodes", "csockets", "pip", "sip", "role", "pinst_list", "sinst_list",
        "master_capable", "vm_capable", "ndparams", "group.uuid",
        .. CommonFields,
    ];

    public static readonly IReadOnlyList<string> JobBulk =
        ["id", "ops", "status", "summary", "opstatus", "received_ts", "start_ts", "end_ts"];

    public static readonly IReadOnlyList<string> Job = [.. JobBulk, "oplog", "opresult"];
}
