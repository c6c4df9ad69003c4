using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ganeti.Simulator.Execution;

/// <summary>The value types of Ganeti's parameter dicts (<c>constants.VTYPE_*</c>).</summary>
internal enum ParameterType
{
    String,
    MaybeString,
    Bool,
    Size,
    Int,
    Float,
}

/// <summary>
/// Ganeti's parameter-type tables (<c>constants.BES_PARAMETER_TYPES</c>, <c>NDS_…</c>,
/// <c>NICS_…</c>, <c>DISK_DT_TYPES</c>, <c>HVS_…</c>, <c>ISPECS_…</c>) and
/// <c>utils.ForceDictType</c>, which checks a dict against one and converts its values in place.
/// </summary>
internal static partial class ParameterTypes
{
    private const ParameterType S = ParameterType.String;
    private const ParameterType B = ParameterType.Bool;
    private const ParameterType I = ParameterType.Int;

    /// <summary>A disk's parameters in a creation, recreation or modification (<c>constants.IDISK_PARAMS_TYPES</c>).</summary>
    public static readonly IReadOnlyDictionary<string, ParameterType> InstanceDisk = new Dictionary<string, ParameterType>(StringComparer.Ordinal)
    {
        ["size"] = ParameterType.Size,
        ["spindles"] = I,
        ["mode"] = S,
        ["adopt"] = S,
        ["vg"] = S,
        ["metavg"] = S,
        ["provider"] = S,
        ["name"] = ParameterType.MaybeString,
        ["access"] = S,
    };

    public static readonly IReadOnlyDictionary<string, ParameterType> Backend = new Dictionary<string, ParameterType>(StringComparer.Ordinal)
    {
        ["always_failover"] = B,
        ["auto_balance"] = B,
        ["maxmem"] = ParameterType.Size,
        ["minmem"] = ParameterType.Size,
        ["spindle_use"] = I,
        ["vcpus"] = I,
    };

    public static readonly IReadOnlyDictionary<string, ParameterType> Node = new Dictionary<string, ParameterType>(StringComparer.Ordinal)
    {
        ["cpu_speed"] = ParameterType.Float,
        ["exclusive_storage"] = B,
        ["oob_program"] = S,
        ["ovs"] = B,
        ["ovs_link"] = ParameterType.MaybeString,
        ["ovs_name"] = ParameterType.MaybeString,
        ["spindle_count"] = I,
        ["ssh_port"] = I,
    };

    public static readonly IReadOnlyDictionary<string, ParameterType> Nic = new Dictionary<string, ParameterType>(StringComparer.Ordinal)
    {
        ["link"] = S,
        ["mode"] = S,
        ["vlan"] = S,
    };

    public static readonly IReadOnlyDictionary<string, ParameterType> Disk = new Dictionary<string, ParameterType>(StringComparer.Ordinal)
    {
        ["access"] = S,
        ["c-delay-target"] = I,
        ["c-fill-target"] = I,
        ["c-max-rate"] = I,
        ["c-min-rate"] = I,
        ["c-plan-ahead"] = I,
        ["data-stripes"] = I,
        ["disk-barriers"] = S,
        ["disk-custom"] = S,
        ["dynamic-resync"] = B,
        ["host"] = S,
        ["meta-barriers"] = B,
        ["meta-stripes"] = I,
        ["metavg"] = S,
        ["net-custom"] = S,
        ["pool"] = S,
        ["port"] = I,
        ["protocol"] = S,
        ["resync-rate"] = I,
        ["stripes"] = I,
        ["volume"] = S,
    };

    public static readonly IReadOnlyDictionary<string, ParameterType> InstanceSpec = new Dictionary<string, ParameterType>(StringComparer.Ordinal)
    {
        ["cpu-count"] = I,
        ["disk-count"] = I,
        ["disk-size"] = I,
        ["memory-size"] = I,
        ["nic-count"] = I,
        ["spindle-use"] = I,
    };

    /// <summary>Every hypervisor parameter of every hypervisor, with its type.</summary>
    public static readonly IReadOnlyDictionary<string, ParameterType> Hypervisor = HypervisorTable();

    /// <summary>
    /// <c>utils.ForceDictType</c>: every key must be in <paramref name="types"/> and every value
    /// convertible to its type; values are converted in place (<c>"2"</c> to 2, <c>"1G"</c> to
    /// 1024 for sizes, <c>"true"</c> to true). Fails with Ganeti's TypeEnforcementError.
    /// </summary>
    public static void Force(JsonObject target, IReadOnlyDictionary<string, ParameterType> types)
    {
        foreach (var key in target.Select(p => p.Key).ToList())
        {
            if (!types.TryGetValue(key, out var type))
            {
                throw TypeError($"Unknown parameter '{key}'");
            }

            target[key] = Convert(key, target[key], type);
        }
    }

    /// <summary>Forces a value that must be a dict (<c>"Expected dictionary, got '…'"</c> otherwise).</summary>
    public static JsonObject ForceDict(JsonNode? node, IReadOnlyDictionary<string, ParameterType> types)
    {
        if (node is not JsonObject dict)
        {
            throw TypeError($"Expected dictionary, got '{PythonText.Str(node)}'");
        }

        Force(dict, types);
        return dict;
    }

    /// <summary>Ganeti's <c>utils.ParseUnit</c>: a size with an optional unit (m, g, t), in MiB rounded up to a multiple of 4.</summary>
    public static long ParseUnit(string text)
    {
        var match = UnitFormat().Match(text);
        if (!match.Success)
        {
            throw new FormatException("Invalid format");
        }

        if (!double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            // Python's float() fails outside ParseUnit's handler: the job ends with the bare ValueError.
            throw SimError.Exec($"could not convert string to float: {PythonText.Quote(match.Groups[1].Value)}");
        }

        value *= match.Groups[2].Value.ToLowerInvariant() switch
        {
            "" or "m" or "mb" or "mib" => 1,
            "g" or "gb" or "gib" => 1024,
            "t" or "tb" or "tib" => 1024 * 1024,
            _ => throw new FormatException($"Unknown unit: {match.Groups[2].Value}"),
        };
        var size = (long)Math.Ceiling(value);
        return size % 4 == 0 ? size : size + 4 - (size % 4);
    }

    /// <summary>Python's <c>int()</c> of a JSON value, or null where it raises.</summary>
    public static long? PythonInt(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return PythonText.IsInteger(v) ? long.Parse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : (long)Math.Truncate(v.GetValue<double>());
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return v.GetValueKind() == JsonValueKind.True ? 1 : 0;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>().Trim().Replace("_", string.Empty, StringComparison.Ordinal);
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            default:
                return null;
        }
    }

    /// <summary>Python's <c>float()</c> of a JSON value, or null where it raises.</summary>
    public static double? PythonFloat(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return v.GetValue<double>();
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return v.GetValueKind() == JsonValueKind.True ? 1 : 0;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>().Trim().ToLowerInvariant();
                return text switch
                {
                    "inf" or "+inf" or "infinity" or "+infinity" => double.PositiveInfinity,
                    "-inf" or "-infinity" => double.NegativeInfinity,
                    "nan" or "+nan" or "-nan" => double.NaN,
                    _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
                };
            default:
                return null;
        }
    }

    /// <summary>Python's truth value of a JSON value.</summary>
    public static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonArray list => list.Count > 0,
        JsonObject dict => dict.Count > 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => v.GetValue<double>() != 0,
            _ => false,
        },
        _ => false,
    };

    private static JsonNode? Convert(string key, JsonNode? value, ParameterType type)
    {
        var shown = PythonText.Str(value);
        switch (type)
        {
            case ParameterType.String or ParameterType.MaybeString:
                if (value is null && type == ParameterType.MaybeString)
                {
                    return null;
                }

                if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String)
                {
                    return value.DeepClone();
                }

                return value is JsonValue f && f.GetValueKind() == JsonValueKind.False
                    ? string.Empty
                    : throw TypeError($"'{key}' (value {shown}) is not a valid string");
            case ParameterType.Bool:
                if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.GetValue<string>().Length > 0)
                {
                    return text.GetValue<string>().ToLowerInvariant() switch
                    {
                        "false" => false,
                        "true" => true,
                        _ => throw TypeError($"'{key}' (value {shown}) is not a valid boolean"),
                    };
                }

                return Truthy(value);
            case ParameterType.Size:
                try
                {
                    return ParseUnit(shown);
                }
                catch (FormatException e)
                {
                    throw TypeError($"'{key}' (value {shown}) is not a valid size. error: {e.Message}");
                }

            case ParameterType.Int:
                return PythonInt(value) ?? throw TypeError($"'{key}' (value {shown}) is not a valid integer");
            default:
                return PythonFloat(value) ?? throw TypeError($"'{key}' (value {shown}) is not a valid float");
        }
    }

    private static SimError TypeError(string message) => SimError.Of("TypeEnforcementError", message);

    [GeneratedRegex(@"^([.\d]+)\s*([a-zA-Z]+)?$")]
    private static partial Regex UnitFormat();

    private static Dictionary<string, ParameterType> HypervisorTable()
    {
        var table = new Dictionary<string, ParameterType>(StringComparer.Ordinal);
        string[] booleans =
        [
            "acpi", "pae", "serial_console", "spice_playback_compression", "spice_use_tls", "spice_use_vdagent", "use_bootloader",
            "use_chroot", "use_guest_agent", "use_localtime", "user_shutdown", "vhost_net", "viridian", "vnc_tls", "vnc_x509_verify", "vnet_hdr",
        ];
        string[] integers =
        [
            "cpu_cap", "cpu_cores", "cpu_sockets", "cpu_threads", "cpu_weight", "kvm_pci_reservations", "migration_bandwidth", "migration_downtime",
            "migration_port", "num_ttys", "serial_speed", "spice_ip_version", "startup_timeout", "virtio_net_queues",
        ];
        string[] strings =
        [
            "blockdev_prefix", "boot_order", "bootloader_args", "bootloader_path", "cdrom2_image_path", "cdrom_disk_type", "cdrom_image_path",
            "cpu_mask", "cpu_type", "cpuid", "device_model", "devices", "disk_aio", "disk_cache", "disk_discard", "disk_type", "drop_capabilities",
            "extra_cgroups", "extra_config", "floppy_image_path", "init_script", "initrd_path", "kernel_args", "kernel_path", "keymap", "kvm_extra",
            "kvm_flag", "kvm_path", "machine_version", "mem_path", "migration_caps", "migration_mode", "nic_type", "pci_pass", "reboot_behavior",
            "scsi_controller_type", "security_domain", "security_model", "soundhw", "spice_bind", "spice_image_compression",
            "spice_jpeg_wan_compression", "spice_password_file", "spice_streaming_video", "spice_tls_ciphers", "spice_zlib_glz_wan_compression",
            "usb_devices", "usb_mouse", "vga", "vif_script", "vif_type", "vnc_bind_address", "vnc_password_file", "vnc_x509_path", "xen_cmd",
        ];
        foreach (var (names, type) in new[] { (booleans, B), (integers, I), (strings, S) })
        {
            foreach (var name in names)
            {
                table[name] = type;
            }
        }

        table["root_path"] = ParameterType.MaybeString;
        return table;
    }
}
