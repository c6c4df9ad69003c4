namespace Ganeti.Simulator.Query;

/// <summary>
/// Parameter names that have their own query fields (<c>hv/…</c>, <c>be/…</c>, <c>ndp/…</c>),
/// with the titles and kinds Ganeti 3.x gives them; a null title means "the field name".
/// </summary>
internal static class ParameterFields
{
    /// <summary>Hypervisor parameters (all hypervisors, except the cluster-wide migration ones).</summary>
    public static readonly (string Name, string? Title, FieldKind Kind)[] Hypervisor =
    [
        ("acpi", "ACPI", FieldKind.Bool),
        ("blockdev_prefix", null, FieldKind.Other),
        ("boot_order", "Boot_order", FieldKind.Other),
        ("bootloader_args", null, FieldKind.Other),
        ("bootloader_path", null, FieldKind.Other),
        ("cdrom2_image_path", null, FieldKind.Other),
        ("cdrom_disk_type", null, FieldKind.Other),
        ("cdrom_image_path", "CDROM_image_path", FieldKind.Other),
        ("cpu_cap", null, FieldKind.Number),
        ("cpu_cores", null, FieldKind.Number),
        ("cpu_mask", null, FieldKind.Other),
        ("cpu_sockets", null, FieldKind.Number),
        ("cpu_threads", null, FieldKind.Number),
        ("cpu_type", "cpu_type", FieldKind.Other),
        ("cpu_weight", null, FieldKind.Number),
        ("cpuid", null, FieldKind.Other),
        ("device_model", null, FieldKind.Other),
        ("devices", null, FieldKind.Other),
        ("disk_aio", null, FieldKind.Other),
        ("disk_cache", null, FieldKind.Other),
        ("disk_discard", null, FieldKind.Other),
        ("disk_type", "Disk_type", FieldKind.Other),
        ("drop_capabilities", null, FieldKind.Other),
        ("extra_cgroups", null, FieldKind.Other),
        ("extra_config", null, FieldKind.Other),
        ("floppy_image_path", null, FieldKind.Other),
        ("init_script", null, FieldKind.Other),
        ("initrd_path", "Initrd_path", FieldKind.Other),
        ("kernel_args", null, FieldKind.Other),
        ("kernel_path", "Kernel_path", FieldKind.Other),
        ("keymap", null, FieldKind.Other),
        ("kvm_extra", null, FieldKind.Other),
        ("kvm_flag", null, FieldKind.Other),
        ("kvm_path", null, FieldKind.Other),
        ("kvm_pci_reservations", null, FieldKind.Number),
        ("machine_version", null, FieldKind.Other),
        ("mem_path", null, FieldKind.Other),
        ("migration_caps", null, FieldKind.Other),
        ("migration_downtime", null, FieldKind.Number),
        ("nic_type", "NIC_type", FieldKind.Other),
        ("num_ttys", null, FieldKind.Number),
        ("pae", "PAE", FieldKind.Bool),
        ("pci_pass", "pci_pass", FieldKind.Other),
        ("reboot_behavior", null, FieldKind.Other),
        ("root_path", null, FieldKind.Other),
        ("scsi_controller_type", null, FieldKind.Other),
        ("security_domain", null, FieldKind.Other),
        ("security_model", null, FieldKind.Other),
        ("serial_console", null, FieldKind.Bool),
        ("serial_speed", null, FieldKind.Number),
        ("soundhw", null, FieldKind.Other),
        ("spice_bind", null, FieldKind.Other),
        ("spice_image_compression", null, FieldKind.Other),
        ("spice_ip_version", null, FieldKind.Number),
        ("spice_jpeg_wan_compression", null, FieldKind.Other),
        ("spice_password_file", null, FieldKind.Other),
        ("spice_playback_compression", null, FieldKind.Bool),
        ("spice_streaming_video", null, FieldKind.Other),
        ("spice_tls_ciphers", null, FieldKind.Other),
        ("spice_use_tls", null, FieldKind.Bool),
        ("spice_use_vdagent", null, FieldKind.Bool),
        ("spice_zlib_glz_wan_compression", null, FieldKind.Other),
        ("startup_timeout", null, FieldKind.Number),
        ("usb_devices", null, FieldKind.Other),
        ("usb_mouse", null, FieldKind.Other),
        ("use_bootloader", null, FieldKind.Bool),
        ("use_chroot", null, FieldKind.Bool),
        ("use_guest_agent", null, FieldKind.Bool),
        ("use_localtime", null, FieldKind.Bool),
        ("user_shutdown", null, FieldKind.Bool),
        ("vga", null, FieldKind.Other),
        ("vhost_net", null, FieldKind.Bool),
        ("vif_script", null, FieldKind.Other),
        ("vif_type", null, FieldKind.Other),
        ("viridian", null, FieldKind.Bool),
        ("virtio_net_queues", null, FieldKind.Number),
        ("vnc_bind_address", "VNC_bind_address", FieldKind.Other),
        ("vnc_password_file", null, FieldKind.Other),
        ("vnc_tls", null, FieldKind.Bool),
        ("vnc_x509_path", null, FieldKind.Other),
        ("vnc_x509_verify", null, FieldKind.Bool),
        ("vnet_hdr", null, FieldKind.Bool),
    ];

    /// <summary>Backend parameters (<c>be/memory</c> and <c>vcpus</c> are aliases added separately).</summary>
    public static readonly (string Name, string? Title, FieldKind Kind)[] Backend =
    [
        ("always_failover", null, FieldKind.Bool),
        ("auto_balance", "Auto_balance", FieldKind.Bool),
        ("maxmem", "ConfigMaxMem", FieldKind.Unit),
        ("minmem", "ConfigMinMem", FieldKind.Unit),
        ("spindle_use", null, FieldKind.Number),
        ("vcpus", "ConfigVCPUs", FieldKind.Number),
    ];

    /// <summary>Node parameters.</summary>
    public static readonly (string Name, string? Title, FieldKind Kind)[] Node =
    [
        ("cpu_speed", null, FieldKind.Float),
        ("exclusive_storage", "ExclusiveStorage", FieldKind.Bool),
        ("oob_program", "OutOfBandProgram", FieldKind.Other),
        ("ovs", "OpenvSwitch", FieldKind.Bool),
        ("ovs_link", "OpenvSwitchLink", FieldKind.Other),
        ("ovs_name", "OpenvSwitchName", FieldKind.Other),
        ("spindle_count", "SpindleCount", FieldKind.Number),
        ("ssh_port", null, FieldKind.Number),
    ];

    /// <summary>Hypervisor parameters that are cluster-wide and left out of an instance's hvparams.</summary>
    public static readonly IReadOnlySet<string> HypervisorGlobals = new HashSet<string>(StringComparer.Ordinal)
    {
        "migration_bandwidth", "migration_mode", "migration_port",
    };

    /// <summary>Adds <c>prefix/name</c> fields; <paramref name="getter"/> makes the getter of one parameter.</summary>
    public static void AddParameterFields<T>(
        this FieldList<T> fields,
        string prefix,
        string groupName,
        (string Name, string? Title, FieldKind Kind)[] parameters,
        Func<string, Func<T, FieldValue>> getter,
        FieldFamily<T>? family = null)
    {
        foreach (var (name, title, kind) in parameters)
        {
            var fieldName = prefix + "/" + name;
            fields.Add(new QueryField<T>(new FieldDefinition(fieldName, title ?? fieldName, kind, $"The \"{name}\" {groupName} parameter"), getter(name), FilterMode.Normal, null, family));
        }
    }
}
