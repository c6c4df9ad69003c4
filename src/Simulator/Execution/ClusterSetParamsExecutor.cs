using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ganeti.Domain.Common;
using Ganeti.Domain.Errors;
using Ganeti.Domain.Instances;
using Ganeti.Simulator.Seed;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_CLUSTER_SET_PARAMS (<c>gnt-cluster modify</c>, RAPI's <c>PUT /2/modify</c>) with the
/// checks and the order of Ganeti's LUClusterSetParams: the opcode's arguments, then every
/// prerequisite against the cluster, then the changes in three saves of the cluster object,
/// as Ganeti's <c>cfg.Update</c> calls make them (a failure late in Exec keeps the first two).
/// The result is null. What a simulation cannot do is left out and said where it happens:
/// there are no node daemons to ask (hypervisor, volume group and DRBD helper checks on the
/// nodes, the master IP), and the only iallocator script installed is <c>hail</c>.
/// </summary>
public sealed partial class ClusterSetParamsExecutor : IOpExecutor
{
    /// <summary>Every node group, node and instance (Ganeti takes them shared; the simulator's locks are exclusive).</summary>
    public IEnumerable<string> Locks(JsonObject op, ClusterState state) =>
        ["groups", "nodes", .. state.Nodes.Values.Select(n => "node/" + n.Name), .. state.Instances.Values.Select(i => "instance/" + i.Name)];

    public async Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var change = new Change(ctx);
        lock (ctx.State.Sync)
        {
            change.CheckArguments();
            change.CheckPrereq();
        }

        if (ctx.DryRun)
        {
            return null;
        }

        await ctx.DelayAsync(ct).ConfigureAwait(false);
        lock (ctx.State.Sync)
        {
            change.Exec();
        }

        return null;
    }

    [GeneratedRegex("^[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$", RegexOptions.IgnoreCase)]
    private static partial Regex MacPrefix();

    [GeneratedRegex("^[-_a-zA-Z0-9]+$")]
    private static partial Regex ToolName();

    [GeneratedRegex("^(https?|ftps?)://")]
    private static partial Regex Url();

    /// <summary>One run of the opcode: what it asks for, and what Ganeti computes from it before changing anything.</summary>
    private sealed class Change(OpContext ctx)
    {
        private const string OpId = "OP_CLUSTER_SET_PARAMS";
        private const long UidMin = 0;
        private const long UidMax = 4294967295;
        private const string DefaultDrbdHelper = "/bin/true";

        /// <summary>The iallocator scripts the simulated master has in its search path.</summary>
        private static readonly string[] InstalledIallocators = ["hail"];

        private static readonly string[] DiskAccessModes = ["kernelspace", "userspace"];
        private static readonly string[] NicModes = ["bridged", "openvswitch", "pool", "routed"];
        private static readonly string[] MigrationModes = ["live", "non-live"];
        private static readonly string[] LvmTemplates = ["drbd", "plain"];
        private static readonly string[] AccessTemplates = ["ext", "gluster", "rbd"];
        private static readonly JsonObject Builtin = ClusterDefaults.Load();

        private readonly ClusterState _state = ctx.State;
        private readonly JsonObject _op = ctx.Op;

        private List<(long Lower, long Higher)>? _uidPool;
        private List<(long Lower, long Higher)>? _addUids;
        private List<(long Lower, long Higher)>? _removeUids;
        private List<string> _templates = [];
        private List<string>? _hypervisors;
        private JsonObject? _beparams;
        private JsonObject? _ndparams;
        private JsonObject? _nicparams;
        private JsonObject? _ipolicy;
        private JsonObject _hvparams = [];
        private JsonObject _diskparams = [];
        private JsonObject _osHvp = [];
        private JsonObject _osparams = [];

        private ClusterConfig Cluster => _state.Cluster;

        private JsonObject Parameters => Cluster.Parameters;

        /// <summary>LUClusterSetParams.CheckArguments: uid ranges, MAC prefix, netmask, disk parameters, install image.</summary>
        public void CheckArguments()
        {
            _uidPool = UidRanges("uid_pool");
            _addUids = UidRanges("add_uids");
            _removeUids = UidRanges("remove_uids");
            foreach (var ranges in new[] { _uidPool, _addUids, _removeUids })
            {
                CheckUidPool(ranges ?? []);
            }

            if (String("mac_prefix") is { Length: > 0 } mac)
            {
                if (!MacPrefix().IsMatch(mac))
                {
                    throw SimError.Prereq($"Invalid MAC address prefix '{mac}'", ErrorCode.Invalid);
                }

                _op["mac_prefix"] = mac.ToLowerInvariant();
            }

            if (Integer("master_netmask") is { } netmask)
            {
                if (netmask < 0)
                {
                    throw Invalid("master_netmask");
                }

                var bits = JsonNumber(Parameters["primary_ip_version"]) == 6 ? 128 : 32;
                if (netmask <= 0 || netmask > bits)
                {
                    throw SimError.Prereq($"CIDR netmask ({netmask}) not valid", ErrorCode.Invalid);
                }
            }

            if (Dict("diskparams") is { Count: > 0 } diskparams)
            {
                foreach (var (_, parameters) in diskparams)
                {
                    ParameterTypes.ForceDict(parameters, ParameterTypes.Disk);
                }

                var unsupported = UnknownKeys(string.Empty, diskparams, Builtin["diskparams"]!.AsObject());
                if (unsupported.Count > 0)
                {
                    // Ganeti wraps the OpPrereqError it caught, shown as Python shows its args.
                    var inner = $"Provided option keys not supported: {PythonText.CommaJoin(unsupported)}";
                    throw SimError.Prereq($"While verify diskparams options: ({PythonText.Quote(inner)}, 'wrong_input')", ErrorCode.Invalid);
                }

                foreach (var (template, parameters) in diskparams)
                {
                    var access = AccessOf(parameters!.AsObject());
                    if (!DiskAccessModes.Contains(access))
                    {
                        throw SimError.Prereq(
                            $"While verify diskparams options: Invalid value of '{template}:access': '{access}' (expected one of {PythonText.CommaJoin(DiskAccessModes)})",
                            ErrorCode.Invalid);
                    }
                }
            }

            if (String("install_image") is { } image && !IsImage(image))
            {
                throw SimError.Prereq("Install image must be an absolute path or a URL");
            }
        }

        /// <summary>LUClusterSetParams.CheckPrereq, in Ganeti's order.</summary>
        public void CheckPrereq()
        {
            var enabled = Cluster.EnabledDiskTemplates;
            var wanted = Names("enabled_disk_templates", WireNames<DiskTemplate>.All);
            List<string> newlyEnabled = [];
            if (wanted is { Count: > 0 })
            {
                _templates = wanted;
                newlyEnabled = [.. wanted.Distinct().Except(enabled)];
                CheckInstancesOfDisabledDiskTemplates([.. enabled.Except(wanted)]);
            }
            else
            {
                _templates = [.. enabled];
            }

            CheckVgName();
            CheckFileStorageDir("file_storage_dir", "file");
            CheckFileStorageDir("shared_file_storage_dir", "sharedfile");
            CheckDrbdHelper(newlyEnabled.Contains("drbd"));

            if (Dict("diskparams") is { } changedDiskparams && changedDiskparams.ContainsKey("drbd"))
            {
                Warn("Changing DRBD parameters only affects devices created in the future, not existing ones");
                Warn("You need to shutdown and start (not reboot!) existing instances to adopt the changes");
                Warn("Alternatively you can swap the secondary node by running `gnt-instance replace-disks --new-secondary $instance`");
            }

            if (Dict("beparams") is { Count: > 0 } beparams)
            {
                // objects.UpgradeBeParams: the old "memory" sets both bounds.
                if (beparams.Remove("memory", out var memory))
                {
                    beparams["maxmem"] = memory?.DeepClone();
                    beparams["minmem"] = memory?.DeepClone();
                }

                ParameterTypes.Force(beparams, ParameterTypes.Backend);
                _beparams = Fill(Cluster.Defaults("beparams")?["default"] as JsonObject, beparams);
            }

            if (Dict("ndparams") is { Count: > 0 } ndparams)
            {
                ParameterTypes.Force(ndparams, ParameterTypes.Node);
                _ndparams = Fill(Cluster.Defaults("ndparams"), ndparams);
            }

            CheckIpolicy();
            CheckNicparams();

            _hvparams = Clone(Cluster.Defaults("hvparams"));
            var hvparams = Dict("hvparams");
            foreach (var (hypervisor, parameters) in hvparams ?? [])
            {
                MergeInto(_hvparams, hypervisor, parameters);
            }

            _diskparams = Clone(Cluster.Defaults("diskparams"));
            if (Dict("diskparams") is { Count: > 0 } diskparams)
            {
                foreach (var (template, parameters) in diskparams)
                {
                    MergeInto(_diskparams, template, parameters);
                }

                CheckDiskAccessModeConsistency(diskparams);
            }

            _osHvp = Clone(Cluster.Defaults("os_hvp"));
            var osHvp = Dict("os_hvp");
            if (osHvp is { Count: > 0 })
            {
                MergeOsHvp(osHvp);
            }

            BuildOsParams();

            _hypervisors = Names("enabled_hypervisors", WireNames<Hypervisor>.All);
            foreach (var hypervisor in _hypervisors ?? [])
            {
                var filled = Fill(Builtin["hvparams"]![hypervisor] as JsonObject, _hvparams[hypervisor] as JsonObject);
                ParameterTypes.Force(filled, ParameterTypes.Hypervisor);
                _hvparams[hypervisor] = filled;
            }

            if (hvparams is { Count: > 0 } || _hypervisors is not null)
            {
                foreach (var (hypervisor, parameters) in _hvparams)
                {
                    if ((hvparams?.ContainsKey(hypervisor) ?? false) || (_hypervisors?.Contains(hypervisor) ?? false))
                    {
                        var known = HypervisorParameters(hypervisor);
                        var forced = ParameterTypes.ForceDict(parameters, ParameterTypes.Hypervisor);
                        CheckHypervisorSyntax(forced, known);
                    }
                }
            }

            if (osHvp is { Count: > 0 })
            {
                foreach (var (_, perHypervisor) in _osHvp)
                {
                    foreach (var (hypervisor, parameters) in perHypervisor as JsonObject ?? [])
                    {
                        var forced = ParameterTypes.ForceDict(parameters, ParameterTypes.Hypervisor);
                        var filled = Fill(_hvparams[hypervisor] as JsonObject, forced);
                        CheckHypervisorSyntax(filled, HypervisorParameters(hypervisor));
                    }
                }
            }

            // utils.FindFile in the iallocator search path; only hail is installed here.
            if (String("default_iallocator") is { Length: > 0 } iallocator && !InstalledIallocators.Contains(iallocator))
            {
                throw SimError.Prereq($"Invalid default iallocator script '{iallocator}' specified", ErrorCode.Invalid);
            }

            if (String("instance_communication_network") is { Length: > 0 } network && FindNetwork(network) is { } existing)
            {
                CheckInstanceCommunicationNetwork(existing);
            }

            if (StringList("compression_tools") is { Count: > 0 } tools)
            {
                CheckCompressionTools(tools);
            }

            // Validated at parse time by luxid; read here so a wrong type fails before anything changes.
            _ = Bool("maintain_node_health");
            _ = Bool("prealloc_wipe_disks");
            _ = Bool("modify_etc_hosts");
            _ = Bool("use_external_mip_script");
            _ = Bool("enabled_user_shutdown");
            foreach (var key in new[] { "candidate_pool_size", "max_running_jobs", "max_tracked_jobs" })
            {
                if (Integer(key) is <= 0)
                {
                    throw Invalid(key);
                }
            }

            _ = Dict("default_iallocator_params");
            _ = StringList("reserved_lvs");
            _ = String("master_netdev");
            _ = String("zeroing_image");
            _ = OsModifications("hidden_os");
            _ = OsModifications("blacklisted_os");
            _ = CollectorValues("enabled_data_collectors", v => v.GetValueKind() is JsonValueKind.True or JsonValueKind.False);
            _ = CollectorValues("data_collector_interval", v => v.GetValueKind() == JsonValueKind.Number && PythonText.IsInteger(v));
        }

        /// <summary>LUClusterSetParams.Exec: the changes, logged as Ganeti's feedback function does.</summary>
        public void Exec()
        {
            var now = ctx.Now;
            var cluster = Cluster;

            // First cfg.Update: the disk templates. Then the volume group and the file storage
            // directories, saved by the second; the DRBD helper is set on its own.
            if (Names("enabled_disk_templates", WireNames<DiskTemplate>.All) is { Count: > 0 } templates)
            {
                cluster.EnabledDiskTemplates = templates;
            }

            cluster.Touch(now);
            if (String("vg_name") is { } vg)
            {
                var volumeGroup = vg.Length == 0 ? null : vg;
                if (volumeGroup != cluster.VolumeGroupName)
                {
                    cluster.VolumeGroupName = volumeGroup;
                    cluster.SerialNo++;
                }
                else
                {
                    ctx.Log("Cluster LVM configuration already in desired state, not changing");
                }
            }

            SetStorageDir("file_storage_dir", "Global file storage dir");
            SetStorageDir("shared_file_storage_dir", "Global shared file storage dir");
            cluster.Touch(now);
            if (String("drbd_helper") is { } helper)
            {
                if (!cluster.EnabledDiskTemplates.Contains("drbd"))
                {
                    ctx.Log("Note that you specified a drbd user helper, but did not enable the drbd disk template.");
                }

                var drbdHelper = helper.Length == 0 ? null : helper;
                if (drbdHelper != cluster.DrbdUsermodeHelper)
                {
                    cluster.DrbdUsermodeHelper = drbdHelper;
                    cluster.SerialNo++;
                }
                else
                {
                    ctx.Log("Cluster DRBD helper already in desired state, not changing");
                }
            }

            ctx.Store.SaveObjects([cluster]);

            // Everything else goes into a copy, saved by the last cfg.Update; an error on the
            // way leaves the cluster as the first two saves made it.
            var p = Parameters.DeepClone().AsObject();
            SetCollectors(p, "enabled_data_collectors");
            SetCollectors(p, "data_collector_interval");
            if (Dict("hvparams") is { Count: > 0 } || _hypervisors is not null)
            {
                p["hvparams"] = _hvparams.DeepClone();
            }

            if (Dict("os_hvp") is { Count: > 0 })
            {
                p["os_hvp"] = _osHvp.DeepClone();
            }

            if (_beparams is not null)
            {
                p["beparams"] = new JsonObject { ["default"] = _beparams.DeepClone() };
            }

            if (_nicparams is not null)
            {
                p["nicparams"] = new JsonObject { ["default"] = _nicparams.DeepClone() };
            }

            if (_ipolicy is not null)
            {
                p["ipolicy"] = _ipolicy.DeepClone();
            }

            if (Dict("osparams") is { Count: > 0 })
            {
                p["osparams"] = _osparams.DeepClone();
            }

            if (_ndparams is not null)
            {
                p["ndparams"] = _ndparams.DeepClone();
            }

            if (Dict("diskparams") is { Count: > 0 })
            {
                p["diskparams"] = _diskparams.DeepClone();
            }

            if (Integer("candidate_pool_size") is { } poolSize)
            {
                p["candidate_pool_size"] = poolSize;
                AdjustCandidatePool((int)poolSize, now);
            }

            foreach (var key in new[] { "max_running_jobs", "max_tracked_jobs" })
            {
                if (Integer(key) is { } value)
                {
                    p[key] = value;
                }
            }

            foreach (var key in new[] { "maintain_node_health", "modify_etc_hosts", "prealloc_wipe_disks" })
            {
                if (Bool(key) is { } value)
                {
                    p[key] = value;
                }
            }

            SetUidPool(p);
            if (String("default_iallocator") is { } iallocator)
            {
                p["default_iallocator"] = iallocator;
            }

            if (Dict("default_iallocator_params") is { } iallocatorParams)
            {
                p["default_iallocator_params"] = iallocatorParams.DeepClone();
            }

            if (StringList("reserved_lvs") is { } reservedLvs)
            {
                p["reserved_lvs"] = Query.Json.Strings(reservedLvs);
            }

            if (Bool("use_external_mip_script") is { } mipScript)
            {
                p["use_external_mip_script"] = mipScript;
            }

            if (Bool("enabled_user_shutdown") is { } userShutdown)
            {
                p["enabled_user_shutdown"] = userShutdown;
            }

            ModifyOsList(p, "hidden_os", "hidden");
            ModifyOsList(p, "blacklisted_os", "blacklisted");
            if (String("mac_prefix") is { Length: > 0 } mac)
            {
                p["mac_prefix"] = mac;
            }

            var netdev = String("master_netdev");
            if (netdev is { Length: > 0 })
            {
                var current = p["master_netdev"]?.GetValue<string>();
                ctx.Log($"Shutting down master ip on the current netdev ({current})");
                ctx.Log($"Changing master_netdev from {current} to {netdev}");
                p["master_netdev"] = netdev;
            }

            if (Integer("master_netmask") is { } netmask and not 0)
            {
                ctx.Log($"Changing master IP netmask to {netmask}");
                p["master_netmask"] = netmask;
            }

            if (String("install_image") is { Length: > 0 } installImage)
            {
                p["install_image"] = installImage;
            }

            if (String("zeroing_image") is { } zeroingImage)
            {
                if (!IsImage(zeroingImage))
                {
                    throw SimError.Prereq("Zeroing image must be an absolute path or a URL");
                }

                p["zeroing_image"] = zeroingImage;
            }

            // The last cfg.Update.
            cluster.Parameters = p;
            if (_hypervisors is not null)
            {
                cluster.EnabledHypervisors = _hypervisors;
            }

            cluster.Touch(now);
            if (netdev is { Length: > 0 })
            {
                ctx.Log($"Starting the master ip on the new master netdev ({netdev})");
            }

            if (StringList("compression_tools") is { } tools)
            {
                p["compression_tools"] = Query.Json.Strings(tools);
            }

            if (String("instance_communication_network") is { } network)
            {
                ModifyInstanceCommunicationNetwork(p, network);
            }

            ctx.Store.SaveObjects([cluster]);
        }

        private static long JsonNumber(JsonNode? node) => Query.JsonNumbers.Int64(node);

        private static JsonObject Clone(JsonObject? source) => source?.DeepClone().AsObject() ?? [];

        /// <summary>objects.FillDict: a copy of the defaults with the custom values on top.</summary>
        private static JsonObject Fill(JsonObject? defaults, JsonObject? custom)
        {
            var filled = Clone(defaults);
            foreach (var (key, value) in custom ?? [])
            {
                filled[key] = value?.DeepClone();
            }

            return filled;
        }

        /// <summary>Adds a dict of parameters under <paramref name="key"/>, or updates the one there.</summary>
        private static void MergeInto(JsonObject target, string key, JsonNode? parameters)
        {
            if (target[key] is JsonObject existing && parameters is JsonObject update)
            {
                foreach (var (name, value) in update)
                {
                    existing[name] = value?.DeepClone();
                }
            }
            else
            {
                target[key] = parameters?.DeepClone();
            }
        }

        private static string AccessOf(JsonObject parameters) =>
            parameters["access"] is JsonValue v && v.TryGetValue<string>(out var access) ? access : "kernelspace";

        private static bool IsImage(string image) => Url().IsMatch(image) || image.StartsWith('/');

        /// <summary>utils._ComputeMissingKeys: the paths of keys the defaults do not have.</summary>
        private static List<string> UnknownKeys(string path, JsonObject options, JsonObject defaults)
        {
            var unknown = new List<string>();
            foreach (var (key, value) in options)
            {
                var keyPath = path.Length == 0 ? key : $"{path}/{key}";
                if (!defaults.ContainsKey(key))
                {
                    unknown.Add(keyPath);
                }
                else if (value is JsonObject nested)
                {
                    unknown.AddRange(UnknownKeys(keyPath, nested, defaults[key] as JsonObject ?? []));
                }
            }

            return unknown;
        }

        private static void CheckUidPool(List<(long Lower, long Higher)> ranges)
        {
            foreach (var (lower, higher) in ranges)
            {
                if (lower > higher)
                {
                    throw SimError.Prereq($"Lower user-id range boundary value ({lower}) is larger than higher boundary value ({higher})", ErrorCode.Invalid);
                }

                if (lower < UidMin)
                {
                    throw SimError.Prereq($"Lower user-id range boundary value ({lower}) is smaller than UIDPOOL_UID_MIN ({UidMin}).", ErrorCode.Invalid);
                }

                if (higher > UidMax)
                {
                    throw SimError.Prereq($"Higher user-id boundary value ({higher}) is larger than UIDPOOL_UID_MAX ({UidMax}).", ErrorCode.Invalid);
                }
            }
        }

        private static void CheckCompressionTools(List<string> tools)
        {
            var illegal = tools.Where(t => !ToolName().IsMatch(t)).ToList();
            if (illegal.Count > 0)
            {
                throw SimError.Prereq(
                    $"The tools '{PythonText.CommaJoin(illegal)}' contain illegal characters: only alphanumeric values, dashes, and underscores are allowed",
                    ErrorCode.Invalid);
            }

            if (!tools.Contains("gzip"))
            {
                throw SimError.Prereq("For compatibility reasons, the gzip utility must be present among the compression tools", ErrorCode.Invalid);
            }

            if (tools.Contains("none"))
            {
                throw SimError.Prereq("none is a reserved value used for no compression, and cannot be used as the name of a tool", ErrorCode.Invalid);
            }
        }

        /// <summary>The parameters a hypervisor knows (its <c>PARAMETERS</c>), in its order.</summary>
        private static List<string> HypervisorParameters(string hypervisor) =>
            Builtin["hvparams"]![hypervisor] is JsonObject defaults
                ? [.. defaults.Select(p => p.Key)]
                : throw SimError.Of("HypervisorError", $"Unknown hypervisor type '{hypervisor}'");

        /// <summary>
        /// The hypervisor class's <c>CheckParameterSyntax</c>: known and present parameters, and
        /// the migration mode check (the other hypervisor-specific checks are not simulated).
        /// </summary>
        private static void CheckHypervisorSyntax(JsonObject parameters, List<string> known)
        {
            foreach (var (key, _) in parameters)
            {
                if (!known.Contains(key))
                {
                    throw SimError.Of("HypervisorError", $"Parameter '{key}' is not supported");
                }
            }

            foreach (var name in known)
            {
                if (!parameters.ContainsKey(name))
                {
                    throw SimError.Of("HypervisorError", $"Parameter '{name}' is missing");
                }
            }

            if (parameters["migration_mode"] is { } mode)
            {
                var value = PythonText.Str(mode);
                if (mode is JsonValue v && v.GetValueKind() == JsonValueKind.String && value.Length == 0)
                {
                    throw SimError.Of("HypervisorError", "Parameter 'migration_mode' is required but is currently not defined");
                }

                if (!MigrationModes.Contains(value) || mode is not JsonValue s || s.GetValueKind() != JsonValueKind.String)
                {
                    throw SimError.Of("HypervisorError", $"Parameter 'migration_mode' fails syntax check: invalid migration mode (current value: '{value}')");
                }
            }
        }

        /// <summary>objects.NIC.CheckParameterSyntax, as the message of Ganeti's ConfigurationError.</summary>
        private static string? NicSyntaxError(string? mode, string? link)
        {
            if (!NicModes.Contains(mode) && mode != "auto")
            {
                return $"Invalid NIC mode '{mode ?? "None"}'";
            }

            return mode == "bridged" && string.IsNullOrEmpty(link) ? "Missing bridged NIC link" : null;
        }

        private SimError Invalid(string key) => SimError.Prereq($"Parameter '{OpId}.{key}' fails validation", ErrorCode.Invalid);

        private void Warn(string message) => ctx.Log(" - WARNING: " + message);

        private string? String(string key) => _op[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw Invalid(key),
        };

        private bool? Bool(string key) => _op[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw Invalid(key),
        };

        private long? Integer(string key) => _op[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && PythonText.IsInteger(v) => JsonNumber(v),
            _ => throw Invalid(key),
        };

        private JsonObject? Dict(string key) => _op[key] switch
        {
            null => null,
            JsonObject dict => dict,
            _ => throw Invalid(key),
        };

        private List<string>? StringList(string key) => _op[key] switch
        {
            null => null,
            JsonArray list when list.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String) => [.. list.Select(i => i!.GetValue<string>())],
            _ => throw Invalid(key),
        };

        /// <summary>A list of names from a fixed set (hypervisors, disk templates); anything else fails validation.</summary>
        private List<string>? Names(string key, IEnumerable<string> valid) =>
            StringList(key) is { } names && names.All(valid.Contains) ? names : _op[key] is null ? null : throw Invalid(key);

        private List<(long Lower, long Higher)>? UidRanges(string key)
        {
            if (_op[key] is null)
            {
                return null;
            }

            var ranges = new List<(long, long)>();
            foreach (var item in _op[key] as JsonArray ?? throw Invalid(key))
            {
                if (item is not JsonArray { Count: 2 } pair || pair.Any(n => n is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !PythonText.IsInteger(v)))
                {
                    throw Invalid(key);
                }

                ranges.Add((JsonNumber(pair[0]), JsonNumber(pair[1])));
            }

            return ranges;
        }

        private List<(string Action, string Name)>? OsModifications(string key)
        {
            if (_op[key] is null)
            {
                return null;
            }

            var modifications = new List<(string, string)>();
            foreach (var item in _op[key] as JsonArray ?? throw Invalid(key))
            {
                if (item is not JsonArray { Count: 2 } pair
                    || pair[0] is not JsonValue a || !a.TryGetValue<string>(out var action) || !WireNames<Domain.Cluster.DdmSimple>.All.Contains(action)
                    || pair[1] is not JsonValue n || !n.TryGetValue<string>(out var name) || name.Length == 0)
                {
                    throw Invalid(key);
                }

                modifications.Add((action, name));
            }

            return modifications;
        }

        private JsonObject? CollectorValues(string key, Func<JsonValue, bool> valid) =>
            Dict(key) is { } values && values.Any(p => p.Value is not JsonValue v || !valid(v)) ? throw Invalid(key) : Dict(key);

        /// <summary>_CheckInstancesOfDisabledDiskTemplates: no disk, and for diskless no instance, may use a template being disabled.</summary>
        private void CheckInstancesOfDisabledDiskTemplates(List<string> disabled)
        {
            var instances = _state.Instances.Values.OrderBy(i => i.Uuid, StringComparer.Ordinal).ToList();
            foreach (var template in disabled.Where(t => t != "diskless"))
            {
                var disks = instances
                    .Where(i => WireNames<DiskTemplate>.ToWire(i.DiskTemplate) == template)
                    .SelectMany(i => i.Disks.Select((disk, index) => (Instance: i, Disk: disk, Index: index)))
                    .OrderBy(d => d.Disk.Uuid, StringComparer.Ordinal)
                    .Select(d => $"{DiskText(InstanceQueryDataExecutor.DescribeDisk(_state, d.Instance, d.Index), child: false)} (on {d.Instance.Name})")
                    .ToList();
                if (disks.Count > 0)
                {
                    throw SimError.Prereq(
                        $"Cannot disable disk template '{template}', because there is at least one disk using it:\n * {string.Join("\n * ", disks)}",
                        ErrorCode.State);
                }
            }

            if (disabled.Contains("diskless") && instances.FirstOrDefault(i => i.Disks.Count == 0) is { } diskless)
            {
                throw SimError.Prereq($"Cannot disable disk template 'diskless', because there is at least one instance using it:\n * {diskless.Name}", ErrorCode.State);
            }
        }

        /// <summary>Python's <c>str()</c> of Ganeti's Disk object, from the simulator's description of it.</summary>
        private static string DiskText(JsonObject disk, bool child)
        {
            var type = disk["dev_type"]!.GetValue<string>();
            var id = disk["logical_id"]!.AsArray();
            var children = disk["children"]!.AsArray();
            var text = type switch
            {
                "plain" => $"<LogicalVolume(/dev/{PythonText.Str(id[0])}/{PythonText.Str(id[1])}",
                "drbd" => $"<DRBD8(hosts={PythonText.Str(id[0])}/{PythonText.Str(id[3])}-{PythonText.Str(id[1])}/{PythonText.Str(id[4])}, port={PythonText.Str(id[2])}, "
                    + (children.Count == 2 ? $"backend={DiskText(children[0]!.AsObject(), true)}, metadev={DiskText(children[1]!.AsObject(), true)}" : "no local storage"),
                _ => $"<Disk(type={type}, logical_id=({string.Join(", ", id.Select(PythonText.Repr))}), children=[{string.Join(", ", children.Select(c => DiskText(c!.AsObject(), true)))}]",
            };
            text += child ? ", not visible" : $", visible as /dev/{PythonText.Str(disk["iv_name"])}";
            if (disk["spindles"] is { } spindles)
            {
                text += $", spindles={PythonText.Str(spindles)}";
            }

            return text + $", size={PythonText.Str(disk["size"])}m)>";
        }

        /// <summary>_CheckVgName, without asking the nodes about the volume group (every simulated node has it).</summary>
        private void CheckVgName()
        {
            var vg = String("vg_name");
            var lvmEnabled = _templates.Intersect(LvmTemplates).Any();
            if (vg is { Length: 0 } && lvmEnabled)
            {
                throw SimError.Prereq("Cannot unset volume group if lvm-based disk templates are or get enabled.", ErrorCode.Invalid);
            }

            if (vg is null && Cluster.VolumeGroupName is null && lvmEnabled)
            {
                throw SimError.Prereq("Please specify a volume group when enabling lvm-based disk-templates.", ErrorCode.Invalid);
            }

            if (vg is { Length: 0 } && _state.Instances.Values.Any(i => i.DiskTemplate == DiskTemplate.Plain && i.Disks.Count > 0))
            {
                throw SimError.Prereq("Cannot disable lvm storage while lvm-based instances exist", ErrorCode.Invalid);
            }
        }

        /// <summary>CheckFileBasedStoragePathVsEnabledDiskTemplates (Ganeti checks no gluster directory here).</summary>
        private void CheckFileStorageDir(string key, string template)
        {
            if (String(key) is not { } directory)
            {
                return;
            }

            var enabled = _templates.Contains(template);
            if (directory.Length == 0 && enabled)
            {
                throw SimError.Prereq($"Unsetting the '{template}' storage directory while having '{template}' storage enabled is not permitted.", ErrorCode.Invalid);
            }

            if (directory.Length > 0 && !enabled)
            {
                Warn($"Specified a {template} storage directory, although {template} storage is not enabled.");
            }
        }

        /// <summary>
        /// _CheckDrbdHelper. The simulated nodes report the cluster's helper (Ganeti's default,
        /// /bin/true, when none is set), so setting another one while DRBD is enabled fails as
        /// it does on nodes whose DRBD module was not reconfigured.
        /// </summary>
        private void CheckDrbdHelper(bool drbdGetsEnabled)
        {
            var helper = String("drbd_helper");
            var drbdEnabled = _templates.Contains("drbd");
            if (helper is { Length: 0 })
            {
                if (drbdEnabled)
                {
                    throw SimError.Prereq("Cannot disable drbd helper while DRBD is enabled.", ErrorCode.State);
                }

                if (_state.Instances.Values.Any(i => i.DiskTemplate == DiskTemplate.Drbd && i.Disks.Count > 0))
                {
                    throw SimError.Prereq("Cannot disable drbd helper while drbd-based instances exist", ErrorCode.Invalid);
                }
            }
            else if (helper is not null && drbdEnabled)
            {
                CheckDrbdHelperOnNodes(helper);
            }
            else if (drbdGetsEnabled)
            {
                CheckDrbdHelperOnNodes(Cluster.DrbdUsermodeHelper ?? throw SimError.Prereq("Cannot enable DRBD without a DRBD usermode helper set.", ErrorCode.State));
            }
        }

        private void CheckDrbdHelperOnNodes(string helper)
        {
            var reported = Cluster.DrbdUsermodeHelper ?? DefaultDrbdHelper;
            foreach (var node in _state.Nodes.Values.Where(n => n.VmCapable).OrderBy(n => n.Uuid, StringComparer.Ordinal))
            {
                if (node.Offline)
                {
                    ctx.Log($" - INFO: Not checking drbd helper on offline node {node.Name}");
                }
                else if (reported != helper)
                {
                    throw SimError.Prereq($"Error on node '{node.Name}': drbd helper is {reported}", ErrorCode.Environment);
                }
            }
        }

        /// <summary>
        /// _CheckIpolicy: the new policy as GetUpdatedIPolicy builds it, and its disk templates
        /// must be enabled (checked on the current policy when the opcode changes none). Ganeti
        /// then warns about instances violating the new policy; the simulator does not.
        /// </summary>
        private void CheckIpolicy()
        {
            var current = Cluster.Defaults("ipolicy") ?? [];
            var policy = current;
            if (Dict("ipolicy") is { Count: > 0 } changes)
            {
                policy = InstancePolicies.Update(current, changes, groupPolicy: false, OpId);
                _ipolicy = policy;
            }

            var notEnabled = (policy["disk-templates"] as JsonArray ?? []).Select(PythonText.Str).Distinct().Where(t => !_templates.Contains(t)).ToList();
            if (notEnabled.Count > 0)
            {
                throw SimError.Prereq(
                    $"The following disk templates are allowed by the ipolicy, but not enabled on the cluster: {PythonText.CommaJoin(notEnabled)}", ErrorCode.Invalid);
            }
        }

        /// <summary>The NIC parameters: types, syntax, and every instance NIC with the new defaults.</summary>
        private void CheckNicparams()
        {
            if (Dict("nicparams") is not { Count: > 0 } nicparams)
            {
                return;
            }

            ParameterTypes.Force(nicparams, ParameterTypes.Nic);
            var filled = Fill(Cluster.Defaults("nicparams")?["default"] as JsonObject, nicparams);
            if (NicSyntaxError(filled["mode"]?.GetValue<string>(), filled["link"]?.GetValue<string>()) is { } error)
            {
                throw SimError.Of("ConfigurationError", error);
            }

            // The simulator keeps each NIC's mode and link with the instance, so they win over the defaults.
            var errors = new List<string>();
            foreach (var instance in _state.Instances.Values.OrderBy(i => i.Uuid, StringComparer.Ordinal))
            {
                foreach (var (nic, index) in instance.Nics.Select((n, i) => (n, i)))
                {
                    if (NicSyntaxError(nic.Mode, nic.Link) is { } nicError)
                    {
                        errors.Add($"Instance {instance.Name}, nic/{index}: {nicError}");
                    }

                    if (nic.Mode == "routed" && string.IsNullOrEmpty(nic.Ip))
                    {
                        errors.Add($"Instance {instance.Name}, nic/{index}: routed NIC with no ip address");
                    }
                }
            }

            if (errors.Count > 0)
            {
                throw SimError.Prereq("Cannot apply the change, errors:\n" + string.Join("\n", errors), ErrorCode.Invalid);
            }

            _nicparams = filled;
        }

        /// <summary>CheckDiskAccessModeConsistency: userspace access only for KVM instances.</summary>
        private void CheckDiskAccessModeConsistency(JsonObject diskparams)
        {
            foreach (var (template, parameters) in diskparams)
            {
                var access = AccessOf(parameters!.AsObject());
                if (!AccessTemplates.Contains(template) || access == "kernelspace")
                {
                    continue;
                }

                foreach (var instance in _state.Instances.Values.OrderBy(i => i.Uuid, StringComparer.Ordinal))
                {
                    if (instance.Disks.Count > 0 && WireNames<DiskTemplate>.ToWire(instance.DiskTemplate) == template && instance.Hypervisor != "kvm")
                    {
                        throw SimError.Prereq($"Instance {instance.Name}: cannot use '{access}' access setting with {instance.Hypervisor} hypervisor and {template} disk type.");
                    }
                }
            }
        }

        /// <summary>The per-OS hypervisor parameters: a null removes a hypervisor's, an OS left with none goes.</summary>
        private void MergeOsHvp(JsonObject osHvp)
        {
            foreach (var (os, hypervisors) in osHvp)
            {
                if (_osHvp[os] is not JsonObject existing)
                {
                    _osHvp[os] = hypervisors?.DeepClone();
                    continue;
                }

                foreach (var (hypervisor, parameters) in hypervisors as JsonObject ?? throw Invalid("os_hvp"))
                {
                    if (parameters is null)
                    {
                        existing.Remove(hypervisor);
                    }
                    else
                    {
                        MergeInto(existing, hypervisor, parameters);
                    }
                }
            }

            foreach (var os in _osHvp.Where(p => p.Value is JsonObject { Count: 0 }).Select(p => p.Key).ToList())
            {
                _osHvp.Remove(os);
            }
        }

        /// <summary>
        /// _BuildOSParams: the new OS parameters (a null removes one, an OS left with none
        /// goes), then every OS with parameters is validated on the master node as
        /// CheckOSParams does: skipped (with a note) for an OS the node lacks, its variant
        /// checked, and for OS API 20 or later only the parameters the OS declares.
        /// </summary>
        private void BuildOsParams()
        {
            _osparams = Clone(Cluster.Defaults("osparams"));
            if (Dict("osparams") is { } osparams)
            {
                foreach (var (os, parameters) in osparams)
                {
                    var updated = Clone(_osparams[os] as JsonObject);
                    foreach (var (key, value) in parameters as JsonObject ?? throw Invalid("osparams"))
                    {
                        if (value is null || value is JsonValue v && v.TryGetValue<string>(out var text) && text == "default")
                        {
                            updated.Remove(key);
                        }
                        else
                        {
                            updated[key] = value.DeepClone();
                        }
                    }

                    if (updated.Count > 0)
                    {
                        _osparams[os] = updated;
                    }
                    else
                    {
                        _osparams.Remove(os);
                    }
                }
            }

            var master = _state.MasterNode;
            if (!master.VmCapable)
            {
                return;
            }

            foreach (var (os, parameters) in _osparams.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var nameOnly = os.Split('+', 2)[0];
                var variant = os.Contains('+', StringComparison.Ordinal) ? os.Split('+', 2)[1] : string.Empty;
                var definition = _state.OperatingSystems.FirstOrDefault(o => o.Name == nameOnly);
                if (definition is null)
                {
                    ctx.Log($" - INFO: OS {os} not found on node {master.Name}, validation skipped");
                    continue;
                }

                string? failure = null;
                if (definition.Variants.Count == 0)
                {
                    failure = variant.Length > 0 ? $"OS '{nameOnly}' does not support variants ('{variant}' passed)" : null;
                }
                else if (variant.Length == 0)
                {
                    failure = $"OS name '{os}' must include a variant";
                }
                else if (!definition.Variants.Contains(variant))
                {
                    failure = $"OS '{nameOnly}' does not support variant '{variant}'";
                }

                if (failure is null && definition.ApiVersions.Count > 0 && definition.ApiVersions.Max() >= 20)
                {
                    var current = Cluster.Defaults("osparams");
                    var filled = Fill(Fill(current?[nameOnly] as JsonObject, current?[os] as JsonObject), parameters as JsonObject);
                    var unsupported = filled.Select(p => p.Key).Where(k => definition.Parameters.All(d => d.Name != k)).ToList();
                    if (unsupported.Count > 0)
                    {
                        failure = $"The following parameters are not supported by the OS {nameOnly}: {PythonText.CommaJoin(unsupported)}";
                    }
                }

                if (failure is not null)
                {
                    throw SimError.Exec($"OS Parameters validation failed on node {master.Name}: {failure}");
                }
            }
        }

        private Network? FindNetwork(string name) =>
            _state.Networks.TryGetValue(name, out var byUuid) ? byUuid : _state.Networks.Values.FirstOrDefault(n => n.Name == name);

        /// <summary>_CheckInstanceCommunicationNetwork: warnings for an existing network set up unlike Ganeti's own.</summary>
        private void CheckInstanceCommunicationNetwork(Network network)
        {
            void MaybeWarn(string what, string? value, string? standard)
            {
                if (value != standard)
                {
                    Warn($"Supplied instance communication network '{network.Name}' {what} '{value ?? "None"}', this might pose a security risk (default is '{standard ?? "None"}').");
                }
            }

            MaybeWarn("has an IPv4 gateway", network.Gateway, null);
            MaybeWarn("has a non-standard IPv4 network address", network.Subnet, "169.254.0.0/16");
            MaybeWarn("has an IPv6 gateway", network.Gateway6, null);
            MaybeWarn("has a non-standard IPv6 network address", network.Network6, "fe80::/10");
            MaybeWarn("has a non-standard MAC prefix", network.MacPrefix, "52:54:00");
        }

        private void SetStorageDir(string key, string description)
        {
            if (String(key) is not { } directory)
            {
                return;
            }

            if (Parameters[key]?.GetValue<string>() == directory)
            {
                ctx.Log($"{description} already set to value '{directory}'");
            }
            else
            {
                Parameters[key] = directory;
            }
        }

        /// <summary>Data collector switches and intervals; an unknown collector ends the job with Python's KeyError.</summary>
        private void SetCollectors(JsonObject p, string key)
        {
            if (Dict(key) is not { } values || (key == "data_collector_interval" && values.Count == 0))
            {
                return;
            }

            var collectors = p[key] as JsonObject ?? [];
            foreach (var (name, value) in values)
            {
                if (!collectors.ContainsKey(name))
                {
                    throw SimError.Exec(PythonText.Quote(name));
                }

                collectors[name] = value?.DeepClone();
            }

            p[key] = collectors;
        }

        /// <summary>AdjustCandidatePool with the new pool size: promotions, or a note about too many candidates.</summary>
        private void AdjustCandidatePool(int poolSize, double now)
        {
            var promoted = CandidatePool.Maintain(_state, now, poolSize);
            if (promoted.Count > 0)
            {
                ctx.Log($" - INFO: Promoted nodes to master candidate role: {PythonText.CommaJoin(promoted.Select(n => n.Name))}");
                // Ganeti's MaintainCandidatePool saves the nodes and the cluster's serial number at once.
                Cluster.SerialNo++;
                ctx.Store.SaveObjects([.. promoted, Cluster]);
            }

            var (current, desired) = CandidatePool.Stats(_state, poolSize: poolSize);
            if (current > desired)
            {
                ctx.Log($" - INFO: Note: more nodes are candidates ({current}) than desired ({desired})");
            }
        }

        /// <summary>uidpool.AddToUidPool, RemoveFromUidPool, then a whole new pool.</summary>
        private void SetUidPool(JsonObject p)
        {
            var pool = (p["uid_pool"] as JsonArray ?? []).Select(r => (JsonNumber(r![0]), JsonNumber(r[1]))).ToList();
            if (_addUids is not null)
            {
                pool.AddRange(_addUids.Distinct().Where(r => !pool.Contains(r)));
                pool.Sort();
            }

            foreach (var range in _removeUids ?? [])
            {
                if (!pool.Remove(range))
                {
                    throw SimError.Prereq($"User-id range to be removed is not found in the current user-id pool: [{range.Lower}, {range.Higher}]", ErrorCode.Invalid);
                }
            }

            if (_uidPool is not null)
            {
                pool = _uidPool;
            }

            if (_addUids is not null || _removeUids is not null || _uidPool is not null)
            {
                p["uid_pool"] = new JsonArray([.. pool.Select(r => (JsonNode)new JsonArray(r.Item1, r.Item2))]);
            }
        }

        /// <summary>Adds to or removes from the hidden or blacklisted OS list, noting what is already so.</summary>
        private void ModifyOsList(JsonObject p, string key, string description)
        {
            if (OsModifications(key) is not { Count: > 0 } modifications)
            {
                return;
            }

            var list = (p[key] as JsonArray ?? []).Select(PythonText.Str).ToList();
            foreach (var (action, name) in modifications)
            {
                switch (action)
                {
                    case "add" when list.Contains(name):
                        ctx.Log($"OS {name} already in {description} OS list, ignoring");
                        break;
                    case "add":
                        list.Add(name);
                        break;
                    case "remove" when list.Remove(name):
                        break;
                    case "remove":
                        ctx.Log($"OS {name} not found in {description} OS list, ignoring");
                        break;
                    default:
                        throw SimError.Of("ProgrammerError", $"Invalid modification '{action}'");
                }
            }

            p[key] = Query.Json.Strings(list);
        }

        /// <summary>
        /// _ModifyInstanceCommunicationNetwork. Ganeti then submits jobs to create the network
        /// and connect it to every group; the simulator has no network opcodes, so it only sets
        /// the name (the result stays null).
        /// </summary>
        private void ModifyInstanceCommunicationNetwork(JsonObject p, string network)
        {
            var current = p["instance_communication_network"]?.GetValue<string>() ?? string.Empty;
            if (network == current)
            {
                ctx.Log($"Instance communication network already is '{network}', nothing to do.");
                return;
            }

            if (current.Length > 0 && FindNetwork(current) is not null)
            {
                ctx.Log($"Previous instance communication network '{current}' should be removed manually.");
            }

            ctx.Log(network.Length > 0
                ? $"Changing instance communication network to '{network}', only new instances will be affected."
                : "Disabling instance communication network, only new instances will be affected.");
            p["instance_communication_network"] = network;
        }
    }
}
