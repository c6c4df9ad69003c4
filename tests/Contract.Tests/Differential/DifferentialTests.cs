using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ganeti.Luxi;
using static Ganeti.Contract.Tests.Differential.Master;

namespace Ganeti.Contract.Tests.Differential;

/// <summary>
/// The same scenario against the real Ganeti 3.0 cluster and against the simulator seeded
/// with a copy of it; the answers must be equal once uuids, MACs, timestamps and job ids are
/// normalized. Scenarios leave both clusters as they found them.
/// </summary>
[Collection(RealGanetiCollection.Name)]
public sealed partial class DifferentialTests(RealGanetiFixture real) : SeededSimulatorTests(Ganeti.Simulator.Seed.ReferenceCluster.Name)
{
    private static readonly Dictionary<string, Func<Master, Task<JsonNode?>>> Scenarios = new()
    {
        ["job lifecycle: set and delete a cluster tag"] = async m =>
        {
            var set = await m.Run(Op("OP_TAGS_SET", new() { ["kind"] = "cluster", ["tags"] = new JsonArray("diff:one") }));
            var tags = await m.Call(LuxiMethods.QueryTags, "cluster", "");
            var del = await m.Run(Op("OP_TAGS_DEL", new() { ["kind"] = "cluster", ["tags"] = new JsonArray("diff:one") }));
            return new JsonArray(set, tags, del, await m.Call(LuxiMethods.QueryTags, "cluster", ""));
        },
        ["failing job: delete a tag that is not there"] = m =>
            m.Run(Op("OP_TAGS_DEL", new() { ["kind"] = "instance", ["name"] = "inst1.ganeti.test", ["tags"] = new JsonArray("diff:absent") })),
        ["failing job: invalid tag"] = m =>
            m.Run(Op("OP_TAGS_SET", new() { ["kind"] = "cluster", ["tags"] = new JsonArray("bad tag") })),
        ["failing job: reboot an unknown instance"] = m =>
            m.Run(Op("OP_INSTANCE_REBOOT", new() { ["instance_name"] = "nosuch.ganeti.test", ["reboot_type"] = "hard", ["dry_run"] = true })),
        ["dry-run reboot by short name"] = m =>
            m.Run(Op("OP_INSTANCE_REBOOT", new() { ["instance_name"] = "inst1", ["reboot_type"] = "soft", ["dry_run"] = true })),
        ["zero test delay is refused"] = m => m.Run(Op("OP_TEST_DELAY", new() { ["duration"] = 0 })),
        ["master's flags change only by failover"] = m =>
            m.Run(Op("OP_NODE_SET_PARAMS", new() { ["node_name"] = "node1.ganeti.test", ["master_candidate"] = true })),
        ["tags on node and instance"] = async m =>
        {
            var answers = new JsonArray();
            foreach (var (kind, name) in new[] { ("node", "node1.ganeti.test"), ("instance", "inst2.ganeti.test") })
            {
                answers.Add(await m.Run(Op("OP_TAGS_SET", new() { ["kind"] = kind, ["name"] = name, ["tags"] = new JsonArray("diff:x", "diff:y") })));
                answers.Add(await m.Call(LuxiMethods.QueryTags, kind, name));
                answers.Add(await m.Run(Op("OP_TAGS_DEL", new() { ["kind"] = kind, ["name"] = name, ["tags"] = new JsonArray("diff:x", "diff:y") })));
            }

            return answers;
        },
        ["tag search, and a pattern that is not a regular expression"] = async m =>
        {
            var found = (await m.Run(Op("OP_TAGS_SEARCH", new() { ["pattern"] = "^(app|rack|role):" })))!.AsObject();
            var invalid = (await m.Run(Op("OP_TAGS_SEARCH", new() { ["pattern"] = "(" })))!.AsObject();

            // Ganeti lists an object's tags from a set (in no fixed order), and Python's regex
            // engine words its errors differently from .NET's: compare sorted pairs, and the
            // error message up to the engine's own words.
            var pairs = found["opresult"]![0]!.AsArray().Select(p => p!.ToJsonString()).Order(StringComparer.Ordinal).Select(p => JsonNode.Parse(p));
            found["opresult"] = new JsonArray(new JsonArray([.. pairs]));
            var error = invalid["opresult"]![0]![1]!.AsArray();
            error[0] = error[0]!.GetValue<string>().Split(": ")[0];
            return new JsonArray(found, invalid);
        },
        ["instance data, live and static, and of an unknown instance"] = async m =>
        {
            var live = (await m.Run(Op("OP_INSTANCE_QUERY_DATA", new() { ["instances"] = new JsonArray("inst1") })))!.AsObject();
            var log = await m.Call(LuxiMethods.QueryJobs, new JsonArray(live["id"]!.GetValue<long>()), new JsonArray("oplog"));
            var stopped = (await m.Run(Op("OP_INSTANCE_QUERY_DATA", new() { ["instances"] = new JsonArray("inst3.ganeti.test"), ["static"] = true })))!.AsObject();
            var unknown = await m.Run(Op("OP_INSTANCE_QUERY_DATA", new() { ["instances"] = new JsonArray("nosuch.ganeti.test") }));

            // Serial numbers count the real cluster's history, which its simulated copy lacks.
            foreach (var answer in new[] { live, stopped })
            {
                foreach (var (_, data) in answer["opresult"]![0]!.AsObject())
                {
                    data!.AsObject().Remove("serial_no");
                }
            }

            return new JsonArray(live, log, stopped, unknown);
        },
        ["operating systems: all, named, unknown name and unknown field"] = async m => new JsonArray(
            await m.Run(Op("OP_OS_DIAGNOSE", new() { ["output_fields"] = new JsonArray("name", "valid", "hidden", "blacklisted", "variants", "parameters", "api_versions", "trusted", "os_hvp", "osparams") })),
            await m.Run(Op("OP_OS_DIAGNOSE", new() { ["output_fields"] = new JsonArray("name", "variants"), ["names"] = new JsonArray("noop") })),
            await m.Run(Op("OP_OS_DIAGNOSE", new() { ["output_fields"] = new JsonArray("name"), ["names"] = new JsonArray("nosuch") })),
            await m.Run(Op("OP_OS_DIAGNOSE", new() { ["output_fields"] = new JsonArray("name", "nosuch") }))),
        ["tags of an unknown object"] = m => m.Call(LuxiMethods.QueryTags, "instance", "nosuch.ganeti.test"),
        ["classic query: unknown field"] = m => m.Call(LuxiMethods.QueryInstances, new JsonArray(), new JsonArray("name", "nosuchfield"), false),
        ["classic query: sync queries refused"] = m => m.Call(LuxiMethods.QueryInstances, new JsonArray(), new JsonArray("name"), true),
        ["classic query: instances by short name"] = m =>
            m.Call(LuxiMethods.QueryInstances, new JsonArray("inst2"), new JsonArray("name", "admin_state", "oper_state", "status", "pnode", "snodes", "disk_template", "tags"), false),
        ["classic query: nodes"] = m =>
            m.Call(LuxiMethods.QueryNodes, new JsonArray(), new JsonArray("name", "role", "offline", "drained", "master_candidate", "pinst_list", "sinst_list", "pip", "tags"), false),
        ["query with a filter"] = m =>
            m.Call(LuxiMethods.Query, "instance", new JsonArray("name", "status", "admin_state"), JsonNode.Parse("""["=", "status", "running"]""")),
        ["query with hostname matching and an unknown field"] = m =>
            m.Call(LuxiMethods.Query, "instance", new JsonArray("name", "nosuch"), JsonNode.Parse("""["==", "name", "inst1"]""")),
        ["lock queries list no locks"] = async m => new JsonArray(
            await m.Call(LuxiMethods.Query, "lock", new JsonArray("name", "mode", "owner", "pending", "nosuch"), JsonNode.Parse("""["=~", "name", "^instance"]""")),
            await m.Call(LuxiMethods.Query, "lock", new JsonArray("name"), JsonNode.Parse("""["==", "nosuch", 1]"""))),
        ["query of jobs' fields definitions"] = m => m.Call(LuxiMethods.QueryFields, "node", new JsonArray("name", "mtotal", "role", "nosuch")),
        ["depends: second job waits for the first"] = async m =>
        {
            var first = Op("OP_TEST_DELAY", new() { ["duration"] = 0.2 });
            var second = Op("OP_TEST_DELAY", new() { ["duration"] = 0.01, ["depends"] = new JsonArray(new JsonArray(-1, new JsonArray("success"))) });
            var ids = await m.Call(LuxiMethods.SubmitManyJobs, new JsonArray(new JsonArray(first), new JsonArray(second)));
            var a = await m.WaitJob(ids![0]![1]!.GetValue<long>());
            var b = await m.WaitJob(ids![1]![1]!.GetValue<long>());
            return new JsonArray(ids.DeepClone(), a, b);
        },
        ["cancel and priority answers for finished and unknown jobs"] = async m =>
        {
            var done = await m.Run(Op("OP_TAGS_GET", new() { ["kind"] = "cluster" }));
            var id = done!["id"]!.GetValue<long>();
            return new JsonArray(
                await m.Call(LuxiMethods.CancelJob, id, false),
                await m.Call(LuxiMethods.CancelJob, 999999, false),
                await m.Call(LuxiMethods.ChangeJobPriority, 999999, 5),
                await m.Call(LuxiMethods.QueryJobs, new JsonArray(999999), new JsonArray("id", "status")));
        },
        ["drained queue refuses jobs"] = async m =>
        {
            var on = await m.Call(LuxiMethods.SetDrainFlag, true);
            try
            {
                var refused = await m.Call(LuxiMethods.SubmitJob, new JsonArray(Op("OP_TAGS_GET", new() { ["kind"] = "cluster" })));
                var flag = await m.Call(LuxiMethods.QueryConfigValues, new JsonArray("drain_flag", "cluster_name", "master_node"));
                var accepted = await m.Call(LuxiMethods.SubmitJobToDrainedQueue, new JsonArray(Op("OP_TAGS_GET", new() { ["kind"] = "cluster" })));
                return new JsonArray(on, refused, flag, accepted is JsonValue id ? TagsSorted(await m.WaitJob(id.GetValue<long>())) : accepted);
            }
            finally
            {
                await m.Call(LuxiMethods.SetDrainFlag, false);
            }
        },
        ["filter PAUSE holds a job until the rule is deleted"] = async m =>
        {
            var rule = await m.Call(LuxiMethods.ReplaceFilter, null, 0, JsonNode.Parse("""[["opcode", ["==", "OP_ID", "OP_TEST_DELAY"]]]"""), "PAUSE", new JsonArray());
            var uuid = rule!.GetValue<string>();
            try
            {
                var id = (await m.Call(LuxiMethods.SubmitJob, new JsonArray(Op("OP_TEST_DELAY", new() { ["duration"] = 0.1 }))))!.GetValue<long>();
                var held = await m.Call(LuxiMethods.WaitForJobChange, id, new JsonArray("status"), new JsonArray("queued"), null, 1);
                var rules = await m.Call(LuxiMethods.QueryFilters, new JsonArray(uuid), new JsonArray("priority", "action", "predicates"));
                await m.Call(LuxiMethods.DeleteFilter, uuid);
                uuid = null;
                return new JsonArray(held, rules, await m.WaitJob(id));
            }
            finally
            {
                if (uuid is not null)
                {
                    await m.Call(LuxiMethods.DeleteFilter, uuid);
                }
            }
        },
        ["filter predicates are stored as luxid parses them"] = async m =>
        {
            var predicates = JsonNode.Parse("""[["reason", ["&", ["=", "source", "nobody"], ["!=", "reason", "x"], ["=~", "source", "^no"]]], ["jobid", [">=", "id", 0]], ["opcode", ["|", ["?", "dry_run"], ["=[]", "tags", "t"]]]]""");
            var uuid = (await m.Call(LuxiMethods.ReplaceFilter, null, 3, predicates, "CONTINUE", new JsonArray()))!.GetValue<string>();
            try
            {
                return await m.Call(LuxiMethods.QueryFilters, new JsonArray(uuid), new JsonArray("priority", "action", "predicates"));
            }
            finally
            {
                await m.Call(LuxiMethods.DeleteFilter, uuid);
            }
        },
        ["filter rules refused like luxid"] = async m => new JsonArray(
            await m.Call(LuxiMethods.ReplaceFilter, null, 0, new JsonArray(), "EXPLODE", new JsonArray()),
            await m.Call(LuxiMethods.DeleteFilter, "00000000-0000-0000-0000-000000000000")),
        ["redistribute the configuration"] = async m =>
        {
            var done = (await m.Run(Op("OP_CLUSTER_REDIST_CONF")))!.AsObject();
            return new JsonArray(done, await m.Call(LuxiMethods.QueryJobs, new JsonArray(done["id"]!.GetValue<long>()), new JsonArray("oplog", "ops")));
        },
        ["storage: file units with every field, of all nodes, and in the stored opcode"] = async m =>
        {
            var fields = new JsonArray("name", "size", "used", "free", "allocatable", "node", "type");
            var named = (await m.Run(Op("OP_NODE_QUERY_STORAGE", new() { ["output_fields"] = fields.DeepClone(), ["storage_type"] = "file", ["nodes"] = new JsonArray("node1.ganeti.test") })))!.AsObject();
            var all = (await m.Run(Op("OP_NODE_QUERY_STORAGE", new() { ["output_fields"] = new JsonArray("node", "free", "name"), ["storage_type"] = "file" })))!.AsObject();
            var stored = await m.Call(LuxiMethods.QueryJobs, new JsonArray(named["id"]!.GetValue<long>()), new JsonArray("oplog", "ops"));

            // Sizes come from the node's file system: compare that they are sizes in MiB.
            foreach (var (answer, sizes) in new[] { (named, new[] { 1, 2, 3 }), (all, new[] { 1 }) })
            {
                foreach (var row in answer["opresult"]![0]!.AsArray())
                {
                    foreach (var i in sizes)
                    {
                        row![i] = row[i] is JsonValue v && v.TryGetValue<long>(out var mib) && mib >= 0 ? "<MiB>" : row[i]?.DeepClone();
                    }
                }
            }

            return new JsonArray(named, all, stored);
        },
        ["storage: unknown field, default type, disabled and unreportable types"] = async m =>
        {
            var unknown = await m.Run(Op("OP_NODE_QUERY_STORAGE", new() { ["output_fields"] = new JsonArray("name", "nosuch", "size", "other"), ["storage_type"] = "file" }));
            var byDefault = (await m.Run(Op("OP_NODE_QUERY_STORAGE", new() { ["output_fields"] = new JsonArray("name") })))!.AsObject();
            var disabled = await m.Run(Op("OP_NODE_QUERY_STORAGE", new() { ["output_fields"] = new JsonArray("name"), ["storage_type"] = "lvm-pv" }));
            var diskless = (await m.Run(Op("OP_NODE_QUERY_STORAGE", new() { ["output_fields"] = new JsonArray("name"), ["storage_type"] = "diskless" })))!.AsObject();
            var log = await m.Call(LuxiMethods.QueryJobs, new JsonArray(diskless["id"]!.GetValue<long>()), new JsonArray("oplog"));

            // Ganeti lists the storage types that report from a set, in no fixed order.
            var error = byDefault["opresult"]![0]![1]!.AsArray();
            var message = error[0]!.GetValue<string>();
            var open = message.IndexOf('(', StringComparison.Ordinal);
            var close = message.IndexOf(')', open);
            error[0] = message[..(open + 1)] + string.Join(", ", message[(open + 1)..close].Split(", ").Order(StringComparer.Ordinal)) + message[close..];
            return new JsonArray(unknown, byDefault, disabled, diskless, log);
        },
        ["cluster modify: change and restore the candidate pool, hidden OSes, OS and backend parameters"] = async m =>
        {
            string[] keys = ["candidate_pool_size", "hidden_os", "beparams", "osparams"];
            async Task<JsonNode?> Info()
            {
                var info = (await m.Call(LuxiMethods.QueryClusterInfo))!.AsObject();
                return new JsonObject(keys.Select(k => KeyValuePair.Create(k, info[k]?.DeepClone())));
            }

            async Task<JsonNode> Modify(JsonObject args)
            {
                var done = (await m.Run(Op("OP_CLUSTER_SET_PARAMS", args)))!.AsObject();
                return new JsonArray(done, await m.Call(LuxiMethods.QueryJobs, new JsonArray(done["id"]!.GetValue<long>()), new JsonArray("oplog", "ops")));
            }

            var before = await Info();
            var answers = new JsonArray(before);
            try
            {
                answers.Add(await Modify(new()
                {
                    ["candidate_pool_size"] = 5,
                    ["hidden_os"] = JsonNode.Parse("""[["add", "noop"], ["add", "noop"], ["remove", "lenny"]]"""),
                    ["beparams"] = new JsonObject { ["vcpus"] = "2", ["memory"] = "256" },
                    ["osparams"] = JsonNode.Parse("""{"noop": {"size": "1G"}, "nosuchos": {"x": "y"}}"""),
                }));
                answers.Add(await Info());
            }
            finally
            {
                answers.Add(await Modify(new()
                {
                    ["candidate_pool_size"] = before!["candidate_pool_size"]!.DeepClone(),
                    ["hidden_os"] = JsonNode.Parse("""[["remove", "noop"]]"""),
                    ["beparams"] = before["beparams"]!["default"]!.DeepClone(),
                    ["osparams"] = JsonNode.Parse("""{"noop": {"size": null}, "nosuchos": {"x": null}}"""),
                }));
            }

            answers.Add(await Info());
            return answers;
        },
        ["cluster modify: instance communication network set, set again and unset"] = async m =>
        {
            var answers = new JsonArray();
            async Task Set(string network)
            {
                var done = (await m.Run(Op("OP_CLUSTER_SET_PARAMS", new() { ["instance_communication_network"] = network })))!.AsObject();
                answers.Add(done);
                answers.Add(await m.Call(LuxiMethods.QueryJobs, new JsonArray(done["id"]!.GetValue<long>()), new JsonArray("oplog")));
                answers.Add((await m.Call(LuxiMethods.QueryClusterInfo))!["instance_communication_network"]?.DeepClone());
            }

            try
            {
                await Set("net1");
                await Set("net1");
            }
            finally
            {
                await Set(string.Empty);
            }

            return answers;
        },
        ["cluster modify refused like Ganeti"] = async m =>
        {
            string[] refused =
            [
                """{"mac_prefix": "zz:00:00"}""",
                """{"beparams": {"nosuch": 1}}""",
                """{"beparams": {"maxmem": "2Q"}}""",
                """{"ndparams": {"spindle_count": "x"}}""",
                """{"nicparams": {"mode": "weird"}}""",
                """{"master_netmask": 33}""",
                """{"default_iallocator": "nosuch"}""",
                """{"uid_pool": [[5, 2]]}""",
                """{"remove_uids": [[5, 6]]}""",
                """{"hvparams": {"fake": {"acpi": true}}}""",
                """{"hvparams": {"fake": {"migration_mode": "bogus"}}}""",
                """{"diskparams": {"plain": {"metavg": "x"}}}""",
                """{"ipolicy": {"vcpu-ratio": "x"}}""",
                """{"ipolicy": {"disk-templates": ["plain"]}}""",
                """{"file_storage_dir": ""}""",
                """{"compression_tools": ["gzip", "bad tool"]}""",
                """{"install_image": "relative/path"}""",
                """{"enabled_data_collectors": {"nosuch": true}}""",
                """{"hidden_os": [["attach", "noop"]]}""",
            ];
            var answers = new JsonArray();
            foreach (var args in refused)
            {
                answers.Add(await m.Run(Op("OP_CLUSTER_SET_PARAMS", JsonNode.Parse(args)!.AsObject())));
            }

            return answers;
        },
        ["instances: create diskless and file, refused renames, rename, remove"] = async m =>
        {
            var (a, b, renamed) = (Created("a"), Created("b"), Created("r"));
            try
            {
                var answers = new JsonArray(
                    await m.Run(Op("OP_INSTANCE_CREATE", Creation(a, "diskless", "[]", """{"start": false, "no_install": true, "dry_run": true}"""))),
                    await m.Run(Op("OP_INSTANCE_CREATE", Creation(a, "diskless", "[]", """{"start": true, "no_install": true}"""))),
                    await m.Run(Op("OP_INSTANCE_CREATE", Creation(b, "file", """[{"size": 1024}]""", """{"start": true}"""))),
                    await m.Call(LuxiMethods.QueryInstances, new JsonArray(a, b), new JsonArray("name", "admin_state", "oper_state", "pnode", "snodes", "disk_template", "disk.sizes", "os", "nic.count"), false),
                    await m.Run(Op("OP_INSTANCE_RENAME", new() { ["instance_name"] = b, ["new_name"] = renamed, ["name_check"] = false, ["ip_check"] = false })),
                    await m.Run(Op("OP_INSTANCE_RENAME", new() { ["instance_name"] = a, ["new_name"] = b, ["name_check"] = false, ["ip_check"] = false })),
                    await m.Run(Op("OP_INSTANCE_RENAME", new() { ["instance_name"] = a, ["new_name"] = renamed, ["name_check"] = false, ["ip_check"] = false })),
                    await m.Run(Op("OP_INSTANCE_REMOVE", new() { ["instance_name"] = renamed })),
                    await m.Run(Op("OP_INSTANCE_REMOVE", new() { ["instance_name"] = b, ["shutdown_timeout"] = 10 })),
                    await m.Run(Op("OP_INSTANCE_REMOVE", new() { ["instance_name"] = b })));
                return answers;
            }
            finally
            {
                await RemoveAll(m, a, b, renamed);
            }
        },
        ["instances: creations Ganeti refuses"] = async m =>
        {
            var name = Created("x");
            try
            {
                string[] refused =
                [
                    """{"instance_name": "inst1.ganeti.test"}""",
                    """{"os_type": "nosuchos"}""",
                    """{"disk_template": "plain", "disks": [{"size": 1024}]}""",
                    """{"disk_template": "drbd", "disks": [{"size": 1024}]}""",
                    """{"beparams": {"maxmem": 64, "minmem": 64}}""",
                    """{"beparams": {"vcpus": 9}, "nics": [{}, {}, {}, {}, {}, {}, {}, {}, {}]}""",
                    """{"disk_template": "file", "disks": [{"size": 512}, {"size": 2048}]}""",
                    """{"iallocator": "hail"}""",
                    """{"pnode": "nosuch.ganeti.test"}""",
                    """{"ip_check": true}""",
                    """{"os_type": null}""",
                    """{"start": true, "no_install": false, "beparams": {"maxmem": 30000, "minmem": 128}}""",
                ];
                var answers = new JsonArray();
                foreach (var change in refused)
                {
                    var op = Creation(name, "diskless", "[]", """{"start": false, "no_install": true}""");
                    foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
                    {
                        op[key] = value?.DeepClone();
                    }

                    answers.Add(await m.Run(Op("OP_INSTANCE_CREATE", op)));
                }

                // The free memory is the node's: the real one's varies with what its host does.
                return JsonNode.Parse(AvailableMemory().Replace(answers.ToJsonString(), "available <n> MiB"));
            }
            finally
            {
                await RemoveAll(m, name);
            }
        },
        ["instances: allocate two on named nodes at once, then remove them"] = async m =>
        {
            var (a, b) = (Created("m1"), Created("m2"));
            try
            {
                var body = new JsonObject
                {
                    ["instances"] = new JsonArray(
                        Op("OP_INSTANCE_CREATE", Creation(a, "diskless", "[]", """{"start": false, "no_install": true}""")),
                        Op("OP_INSTANCE_CREATE", Creation(b, "diskless", "[]", """{"start": false, "no_install": true}"""))),
                };
                var dry = await m.Run(Op("OP_INSTANCE_MULTI_ALLOC", new() { ["instances"] = body["instances"]!.DeepClone(), ["dry_run"] = true }));
                var done = await m.Run(Op("OP_INSTANCE_MULTI_ALLOC", body));
                var jobs = new JsonArray();
                foreach (var job in done!["opresult"]![0]!["jobs"]!.AsArray())
                {
                    jobs.Add(await m.WaitJob(job![1]!.GetValue<long>()));
                }

                var listed = await m.Call(LuxiMethods.QueryInstances, new JsonArray(a, b), new JsonArray("name", "pnode", "admin_state"), false);
                var mixed = await m.Run(Op("OP_INSTANCE_MULTI_ALLOC", new()
                {
                    ["instances"] = new JsonArray(
                        Op("OP_INSTANCE_CREATE", Creation(Created("m3"), "diskless", "[]", "{}")),
                        Op("OP_INSTANCE_CREATE", Creation(Created("m4"), "diskless", "[]", """{"pnode": null}"""))),
                }));
                return new JsonArray(dry, done, jobs, listed, mixed, await m.Run(Op("OP_INSTANCE_REMOVE", new() { ["instance_name"] = a })));
            }
            finally
            {
                await RemoveAll(m, a, b);
            }
        },
        ["networks: add, connect, modify reservations, disconnect and remove"] = async m =>
        {
            var (name, prefix) = (DiffNetwork.Name, DiffNetwork.Prefix);
            var answers = new JsonArray();
            async Task Step(JsonObject op)
            {
                var done = (await m.Run(op))!.AsObject();

                // A failed assertion names Ganeti's source file and line: compare its first line.
                if (done["opresult"]?[0]?[1]?[0] is JsonValue message && message.GetValue<string>().StartsWith("Internal assertion error", StringComparison.Ordinal))
                {
                    done["opresult"]![0]![1]![0] = message.GetValue<string>().Split('\n')[0];
                }

                answers.Add(done);
                answers.Add(await m.Call(LuxiMethods.QueryJobs, new JsonArray(done["id"]!.GetValue<long>()), new JsonArray("oplog")));
            }

            async Task Read() => answers.Add(await m.Call(
                LuxiMethods.QueryNetworks, new JsonArray(name), new JsonArray("name", "network", "gateway", "mac_prefix", "free_count", "reserved_count", "map", "external_reservations", "group_list", "inst_list", "tags", "serial_no"), false));

            JsonObject Net(string id, JsonObject args)
            {
                args["network_name"] = name;
                return Op(id, args);
            }

            try
            {
                await Step(Net("OP_NETWORK_ADD", new() { ["network"] = prefix + "0/28", ["gateway"] = prefix + "1", ["add_reserved_ips"] = new JsonArray(prefix + "5"), ["mac_prefix"] = "AA:BB:0c", ["tags"] = new JsonArray("diff:net") }));
                await Read();
                await Step(Net("OP_NETWORK_ADD", new() { ["network"] = prefix + "16/28" }));
                await Step(Net("OP_NETWORK_CONNECT", new() { ["group_name"] = "default", ["network_mode"] = "bridged", ["network_link"] = "br-diff" }));
                await Step(Net("OP_NETWORK_CONNECT", new() { ["group_name"] = "default", ["network_mode"] = "routed", ["network_link"] = "rt-diff", ["network_vlan"] = "7" }));
                await Read();
                await Step(Net("OP_NETWORK_REMOVE", new()));
                await Step(Net("OP_NETWORK_DISCONNECT", new() { ["group_name"] = "default" }));
                await Step(Net("OP_NETWORK_DISCONNECT", new() { ["group_name"] = "default" }));
                await Step(Net("OP_NETWORK_SET_PARAMS", new() { ["add_reserved_ips"] = new JsonArray(prefix + "5", prefix + "6"), ["remove_reserved_ips"] = new JsonArray(prefix + "9", prefix + "1") }));
                await Step(Net("OP_NETWORK_SET_PARAMS", new() { ["gateway"] = prefix + "2", ["add_reserved_ips"] = new JsonArray(prefix + "7") }));
                await Step(Net("OP_NETWORK_SET_PARAMS", new() { ["gateway"] = prefix + "15" }));
                await Step(Net("OP_NETWORK_SET_PARAMS", new() { ["gateway"] = prefix + "2", ["mac_prefix"] = "none", ["network6"] = "2001:db8:7::/64", ["gateway6"] = "2001:db8:8::1" }));
                await Step(Net("OP_NETWORK_SET_PARAMS", new() { ["gateway"] = prefix + "2" }));
                await Read();
            }
            finally
            {
                await Step(Net("OP_NETWORK_DISCONNECT", new() { ["group_name"] = "default" }));
                await Step(Net("OP_NETWORK_REMOVE", new()));
            }

            await Read();
            return answers;
        },
        ["networks: add refused like Ganeti, and the node's and master's addresses reserved"] = async m =>
        {
            var (name, prefix) = (DiffNetwork.Name, DiffNetwork.Prefix);
            string[] refused =
            [
                """{"network": "10.0.0.0/8"}""",
                """{"network": "10.0.0.0/31"}""",
                $$"""{"network": "{{prefix}}0/28", "gateway": "{{prefix}}16"}""",
                $$"""{"network": "{{prefix}}0/28", "gateway": "{{prefix}}0"}""",
                $$"""{"network": "{{prefix}}0/28", "add_reserved_ips": ["{{prefix}}99"]}""",
                $$"""{"network": "{{prefix}}0/28", "mac_prefix": "zz:00"}""",
                $$"""{"network": "{{prefix}}0/28", "tags": ["bad tag"]}""",
                """{"network": "203.0.113.0/24", "dry_run": true}""",
            ];
            var answers = new JsonArray();
            foreach (var args in refused)
            {
                var op = JsonNode.Parse(args)!.AsObject();
                op["network_name"] = name;
                answers.Add(await m.Run(Op("OP_NETWORK_ADD", op)));
            }

            answers.Add(await m.Run(Op("OP_NETWORK_REMOVE", new() { ["network_name"] = "net1", ["dry_run"] = true })));
            answers.Add(await m.Run(Op("OP_NETWORK_CONNECT", new() { ["network_name"] = "net1", ["group_name"] = "nosuch", ["network_mode"] = "bridged", ["network_link"] = "br0" })));
            answers.Add(await m.Run(Op("OP_NETWORK_SET_PARAMS", new() { ["network_name"] = "nosuch", ["gateway"] = prefix + "1" })));
            try
            {
                var added = (await m.Run(Op("OP_NETWORK_ADD", new() { ["network_name"] = name, ["network"] = "198.51.100.0/24" })))!.AsObject();
                answers.Add(added);
                answers.Add(await m.Call(LuxiMethods.QueryJobs, new JsonArray(added["id"]!.GetValue<long>()), new JsonArray("oplog")));
                answers.Add(await m.Call(LuxiMethods.QueryNetworks, new JsonArray(name), new JsonArray("free_count", "external_reservations", "map"), false));
                answers.Add(await m.Run(Op("OP_NETWORK_SET_PARAMS", new() { ["network_name"] = name, ["gateway"] = "10.9.9.9" })));
                answers.Add(await m.Run(Op("OP_NETWORK_SET_PARAMS", new() { ["network_name"] = name, ["gateway"] = "198.51.100.10" })));
            }
            finally
            {
                answers.Add(await m.Run(Op("OP_NETWORK_REMOVE", new() { ["network_name"] = name })));
            }

            return answers;
        },
        ["node groups: add, modify, rename, assign the node there and back, remove"] = async m =>
        {
            // (A refused access mode is left out: Ganeti lists the valid ones from a set, in no fixed order.)
            var (first, second) = ($"diff-ng-{RunSuffix}", $"diff-ng2-{RunSuffix}");
            var answers = new JsonArray();
            try
            {
                answers.Add(await m.Run(Op("OP_GROUP_ADD", new() { ["group_name"] = first })));
                foreach (var change in new[]
                {
                    """{"alloc_policy": "last_resort", "ndparams": {"spindle_count": "2"}, "ipolicy": {"vcpu-ratio": 3}, "diskparams": {"drbd": {"resync-rate": 2048}}}""",
                    """{"ndparams": {"spindle_count": "default"}, "ipolicy": {"vcpu-ratio": "default"}}""",
                    "{}",
                    """{"ndparams": {"nosuch": 1}}""",
                    """{"ipolicy": {"std": {"cpu-count": 1}}}""",
                    """{"ipolicy": {"disk-templates": ["sharedfile"]}}""",
                    """{"hv_state": {"vmware": {"mem_total": 1}}}""",
                    """{"disk_state": {"file": {"x": {"disk_total": 1}}}}""",
                })
                {
                    var op = JsonNode.Parse(change)!.AsObject();
                    op["group_name"] = first;
                    answers.Add(await m.Run(Op("OP_GROUP_SET_PARAMS", op)));
                }

                answers.Add(await m.Run(Op("OP_GROUP_RENAME", new() { ["group_name"] = first, ["new_name"] = second })));
                answers.Add(await m.Run(Op("OP_GROUP_ASSIGN_NODES", new() { ["group_name"] = second, ["nodes"] = new JsonArray("node1"), ["dry_run"] = true })));
                answers.Add(await m.Run(Op("OP_GROUP_ASSIGN_NODES", new() { ["group_name"] = second, ["nodes"] = new JsonArray("node1") })));
                answers.Add(await m.Call(LuxiMethods.QueryNodes, new JsonArray(), new JsonArray("name", "group"), false));
                answers.Add(await m.Run(Op("OP_GROUP_REMOVE", new() { ["group_name"] = second })));
                answers.Add(await m.Run(Op("OP_GROUP_ASSIGN_NODES", new() { ["group_name"] = "default", ["nodes"] = new JsonArray("node1.ganeti.test") })));
                answers.Add(await m.Run(Op("OP_GROUP_ASSIGN_NODES", new() { ["group_name"] = "default", ["nodes"] = new JsonArray("nosuch") })));
                answers.Add(await m.Run(Op("OP_GROUP_REMOVE", new() { ["group_name"] = second })));
                answers.Add(await m.Call(LuxiMethods.QueryGroups, new JsonArray(), new JsonArray("name", "node_cnt"), false));
            }
            finally
            {
                await m.Run(Op("OP_GROUP_ASSIGN_NODES", new() { ["group_name"] = "default", ["nodes"] = new JsonArray("node1.ganeti.test") }));
                await m.Run(Op("OP_GROUP_REMOVE", new() { ["group_name"] = first }));
                await m.Run(Op("OP_GROUP_REMOVE", new() { ["group_name"] = second }));
            }

            return answers;
        },
        ["instance modify: backend parameters and a NIC added, then undone"] = async m =>
        {
            var changed = await m.Run(Op("OP_INSTANCE_SET_PARAMS", new() { ["instance_name"] = "inst3", ["beparams"] = new JsonObject { ["vcpus"] = 2 }, ["nics"] = JsonNode.Parse("""[["add", -1, {"link": "gntbr0"}]]""") }));
            var shown = await m.Call(LuxiMethods.QueryInstances, new JsonArray("inst3.ganeti.test"), new JsonArray("be/vcpus", "nic.links", "nic.modes"), false);
            var undone = await m.Run(Op("OP_INSTANCE_SET_PARAMS", new() { ["instance_name"] = "inst3.ganeti.test", ["beparams"] = new JsonObject { ["vcpus"] = 1 }, ["nics"] = JsonNode.Parse("""[["remove", {}]]""") }));
            return new JsonArray(changed, shown, undone, await m.Call(LuxiMethods.QueryInstances, new JsonArray("inst3.ganeti.test"), new JsonArray("be/vcpus", "nic.links"), false));
        },
        ["instance modify refused like Ganeti"] = async m =>
        {
            (string Instance, string Args)[] refused =
            [
                ("inst1", "{}"),
                ("inst1", """{"nics": [["modify", 5, {}]]}"""),
                ("inst1", """{"nics": [["remove", 0, {"ip": "192.0.2.9"}]]}"""),
                ("inst1", """{"nics": [["modify", 0, {"mac": "auto"}]]}"""),
                ("inst1", """{"nics": [["add", -1, {"ip": "300.1.1.1"}]]}"""),
                ("inst1", """{"nics": [["add", {}], ["add", {}]]}"""),
                ("inst1", """{"nics": [["modify", "nosuch", {}]]}"""),
                ("inst1", """{"disks": [["add", -1, {"size": 1024}]]}"""),
                ("inst1", """{"offline": true}"""),
                ("inst1", """{"beparams": {"nosuch": 1}}"""),
                ("inst3", """{"disk_template": "file"}"""),
                ("inst3", """{"runtime_mem": 64}"""),
            ];
            var answers = new JsonArray();
            foreach (var (instance, args) in refused)
            {
                var op = JsonNode.Parse(args)!.AsObject();
                op["instance_name"] = instance;
                op["dry_run"] = true;
                answers.Add(await m.Run(Op("OP_INSTANCE_SET_PARAMS", op)));
            }

            return answers;
        },
        ["instance disks: activated and deactivated, and what diskless instances refuse"] = async m =>
        {
            JsonObject Instance(string name, JsonObject? args = null)
            {
                var op = args ?? [];
                op["instance_name"] = name;
                return op;
            }

            return new JsonArray(
                await m.Run(Op("OP_INSTANCE_ACTIVATE_DISKS", Instance("inst3"))),
                await m.Call(LuxiMethods.Query, "instance", new JsonArray("name", "disks_active"), JsonNode.Parse("""["=", "name", "inst3.ganeti.test"]""")),
                await m.Run(Op("OP_INSTANCE_DEACTIVATE_DISKS", Instance("inst3"))),
                await m.Call(LuxiMethods.Query, "instance", new JsonArray("name", "disks_active"), JsonNode.Parse("""["=", "name", "inst3.ganeti.test"]""")),
                await m.Run(Op("OP_INSTANCE_DEACTIVATE_DISKS", Instance("inst1"))),
                await m.Run(Op("OP_INSTANCE_GROW_DISK", Instance("inst1", new() { ["disk"] = 0, ["amount"] = 128, ["dry_run"] = true }))),
                await m.Run(Op("OP_INSTANCE_RECREATE_DISKS", Instance("inst1", new() { ["dry_run"] = true }))),
                await m.Run(Op("OP_INSTANCE_REINSTALL", Instance("inst3", new() { ["dry_run"] = true }))),
                await m.Run(Op("OP_INSTANCE_REINSTALL", Instance("inst1", new() { ["dry_run"] = true }))));
        },
        ["exports: local prepare, and exports refused"] = async m => new JsonArray(
            await m.Run(Op("OP_BACKUP_PREPARE", new() { ["instance_name"] = "inst1", ["mode"] = "local" })),
            await m.Run(Op("OP_BACKUP_EXPORT", new() { ["instance_name"] = "inst1", ["target_node"] = "node1.ganeti.test", ["shutdown"] = false, ["remove_instance"] = true })),
            await m.Run(Op("OP_BACKUP_EXPORT", new() { ["instance_name"] = "inst1", ["target_node"] = "nosuch", ["dry_run"] = true })),
            await m.Run(Op("OP_BACKUP_EXPORT", new() { ["instance_name"] = "inst1", ["target_node"] = new JsonArray(), ["mode"] = "remote", ["dry_run"] = true })),
            await m.Run(Op("OP_BACKUP_REMOVE", new() { ["instance_name"] = "nosuch.ganeti.test" }))),
        ["exports: a diskless instance's fails, a running file instance's without snapshots fail, with its removal listed and removed, and refusals"] = async m =>
        {
            var (diskless, file) = (Created("e"), Created("f"));
            var exports = () => m.Call(LuxiMethods.QueryExports, new JsonArray(), false);
            try
            {
                var answers = new JsonArray(
                    await m.Run(Op("OP_INSTANCE_CREATE", Creation(diskless, "diskless", "[]", """{"start": false, "no_install": true}"""))),
                    await m.Run(Op("OP_INSTANCE_CREATE", Creation(file, "file", """[{"size": 1024}]""", """{"start": true}"""))),
                    await exports());
                foreach (var (name, extra) in new[] { (diskless, "{}"), (file, """{"shutdown": false}"""), (file, "{}"), (file, """{"remove_instance": true}""") })
                {
                    var op = new JsonObject { ["instance_name"] = name, ["target_node"] = "node1.ganeti.test", ["mode"] = "local" };
                    foreach (var (key, value) in JsonNode.Parse(extra)!.AsObject())
                    {
                        op[key] = value?.DeepClone();
                    }

                    var export = (await m.Run(Op("OP_BACKUP_EXPORT", op)))!;
                    answers.Add(export);
                    answers.Add(ExportLog(await m.Call(LuxiMethods.QueryJobs, new JsonArray(export["id"]!.DeepClone()), new JsonArray("oplog"))));
                    answers.Add(await m.Call(LuxiMethods.Query, "instance", new JsonArray("name", "status"), JsonNode.Parse($"""["=", "name", "{name}"]""")));
                    answers.Add(await exports());
                }

                answers.Add(await m.Call(LuxiMethods.QueryExports, new JsonArray("node1"), false));
                answers.Add(await m.Call(LuxiMethods.Query, "export", new JsonArray("node", "export"), JsonNode.Parse($"""["=", "export", "{file}"]""")));
                answers.Add(await m.Call(LuxiMethods.Query, "instance", new JsonArray("name"), JsonNode.Parse($"""["|", ["=", "name", "{diskless}"], ["=", "name", "{file}"]]""")));
                var removal = (await m.Run(Op("OP_BACKUP_REMOVE", new() { ["instance_name"] = file })))!;
                var again = (await m.Run(Op("OP_BACKUP_REMOVE", new() { ["instance_name"] = file.Split('.')[0] })))!;
                answers.Add(removal);
                answers.Add(again);
                answers.Add(ExportLog(await m.Call(LuxiMethods.QueryJobs, new JsonArray(removal["id"]!.DeepClone(), again["id"]!.DeepClone()), new JsonArray("oplog"))));
                answers.Add(await exports());
                answers.Add(await m.Run(Op("OP_BACKUP_EXPORT", new() { ["instance_name"] = "nosuch.ganeti.test", ["target_node"] = "node1.ganeti.test", ["mode"] = "local" })));
                answers.Add(await m.Run(Op("OP_BACKUP_EXPORT", new() { ["instance_name"] = "inst3", ["target_node"] = "node1.ganeti.test", ["mode"] = "nosuch" })));
                return answers;
            }
            finally
            {
                await RemoveAll(m, diskless, file);
                await m.Run(Op("OP_BACKUP_REMOVE", new() { ["instance_name"] = file }));
            }
        },
        ["node storage modify and repair on a file-only cluster, powercycle of the master"] = async m => new JsonArray(
            await m.Run(Op("OP_NODE_MODIFY_STORAGE", new() { ["node_name"] = "node1", ["storage_type"] = "lvm-pv", ["name"] = "/dev/sdb", ["changes"] = new JsonObject { ["allocatable"] = false } })),
            await m.Run(Op("OP_NODE_MODIFY_STORAGE", new() { ["node_name"] = "node1", ["storage_type"] = "lvm-pv", ["name"] = "/dev/sdb", ["changes"] = new JsonObject { ["size"] = 1 } })),
            await m.Run(Op("OP_NODE_MODIFY_STORAGE", new() { ["node_name"] = "node1", ["storage_type"] = "file", ["name"] = "/srv/ganeti/file-storage", ["changes"] = new JsonObject() })),
            await m.Run(Op("OP_NODE_MODIFY_STORAGE", new() { ["node_name"] = "nosuch", ["storage_type"] = "lvm-pv", ["name"] = "x", ["changes"] = new JsonObject() })),
            await m.Run(Op("OP_REPAIR_NODE_STORAGE", new() { ["node_name"] = "node1", ["storage_type"] = "lvm-vg", ["name"] = "xenvg" })),
            await m.Run(Op("OP_REPAIR_NODE_STORAGE", new() { ["node_name"] = "node1", ["storage_type"] = "file", ["name"] = "/srv/ganeti/file-storage" })),
            await m.Run(Op("OP_NODE_POWERCYCLE", new() { ["node_name"] = "node1" })),
            await m.Run(Op("OP_NODE_POWERCYCLE", new() { ["node_name"] = "nosuch", ["force"] = true }))),
        ["node migrate submits a migration per primary instance"] = async m =>
        {
            var migrate = (await m.Run(Op("OP_NODE_MIGRATE", new() { ["node_name"] = "node1", ["mode"] = "non-live" })))!.AsObject();
            var children = new List<(string Instance, string? Mode, string Status)>();
            foreach (var job in migrate["opresult"]?[0]?["jobs"]?.AsArray() ?? [])
            {
                var child = (await m.WaitJob(job![1]!.GetValue<long>()))!;
                var op = (await m.Call(LuxiMethods.QueryJobs, new JsonArray(job[1]!.GetValue<long>()), new JsonArray("ops")))![0]![0]![0]!;
                children.Add((op["instance_name"]!.GetValue<string>(), op["mode"]?.GetValue<string>(), child["status"]!.GetValue<string>()));
            }

            // The instances are diskless on one node: every migration fails, with the
            // allocator's message on the real cluster (the simulator has no allocator).
            var unknown = await m.Run(Op("OP_NODE_MIGRATE", new() { ["node_name"] = "nosuch" }));
            return new JsonArray(
                migrate["status"]!.DeepClone(),
                migrate["summary"]!.DeepClone(),
                new JsonArray([.. children.OrderBy(c => c.Instance, StringComparer.Ordinal).Select(c => (JsonNode)new JsonArray(c.Instance, c.Mode, c.Status))]),
                unknown);
        },
        ["a job without a valid reason trail is refused before its opcode is read"] = async m =>
        {
            JsonObject TagsGet(JsonNode? reason, bool withReason = true)
            {
                var op = new JsonObject { ["OP_ID"] = "OP_TAGS_GET", ["kind"] = "cluster" };
                if (withReason)
                {
                    op["reason"] = reason;
                }

                return op;
            }

            return new JsonArray(
                await m.Call(LuxiMethods.SubmitJob, new JsonArray(TagsGet(null, withReason: false))),
                await m.Call(LuxiMethods.SubmitManyJobs, new JsonArray(new JsonArray(TagsGet(null, withReason: false)))),
                await m.Call(LuxiMethods.SubmitJobToDrainedQueue, new JsonArray(new JsonObject { ["OP_ID"] = "OP_NO_SUCH_OPCODE" })),
                await m.Call(LuxiMethods.SubmitJob, new JsonArray(TagsGet(null))),
                await m.Call(LuxiMethods.SubmitJob, new JsonArray(TagsGet(JsonNode.Parse("""[["a", "b"]]""")))),
                await m.Call(LuxiMethods.SubmitJob, new JsonArray(TagsGet(JsonNode.Parse("""[["a", 1, 1]]""")))),
                await m.Call(LuxiMethods.SubmitJob, new JsonArray(TagsGet(JsonNode.Parse("""[["a", "b", "c"]]""")))));
        },
        ["drain flag: a value that is not a boolean is refused and changes nothing"] = async m => new JsonArray(
            await m.Call(LuxiMethods.SetDrainFlag, "yes"),
            await m.Call(LuxiMethods.SetDrainFlag, 1),
            await m.Call(LuxiMethods.QueryConfigValues, new JsonArray("drain_flag"))),
        ["cancel: a running job runs on without kill and dies with it; a kill that is not a boolean is refused"] = async m =>
        {
            var id = (await m.Call(LuxiMethods.SubmitJob, new JsonArray(Op("OP_TEST_DELAY", new() { ["duration"] = 120 }))))!.GetValue<long>();
            try
            {
                await WaitUntilRunning(m, id);
                var informed = await m.Call(LuxiMethods.CancelJob, id, false);
                var still = await m.Call(LuxiMethods.QueryJobs, new JsonArray(id), new JsonArray("status"));
                var refused = await m.Call(LuxiMethods.CancelJob, 999999, "x");
                var killed = await m.Call(LuxiMethods.CancelJob, id, true);
                return new JsonArray(informed, still, refused, killed, await m.WaitJob(id));
            }
            finally
            {
                await m.Call(LuxiMethods.CancelJob, id, true);
            }
        },
        ["auto-archive: an old age archives nothing, and a timeout that has passed looks at no job"] = async m =>
        {
            const long tenYears = 10L * 365 * 24 * 3600;
            var done = await m.Run(Op("OP_TAGS_GET", new() { ["kind"] = "cluster" }));
            var none = (await m.Call(LuxiMethods.AutoArchiveJobs, tenYears, 0))!.AsArray();

            // How many live jobs were not looked at is the queue's own count.
            none[1] = none[1]!.GetValue<long>() > 0 ? "some" : none[1]!.DeepClone();
            return new JsonArray(
                TagsSorted(done),
                none,
                await m.Call(LuxiMethods.AutoArchiveJobs, tenYears, 60),
                await m.Call(LuxiMethods.AutoArchiveJobs, "x", 1));
        },
        ["node CPU counts: NUMA domains, CPUs of the node OS, sockets, total"] = m =>
            m.Call(LuxiMethods.Query, "node", new JsonArray("name", "cnodes", "cnos", "csockets", "ctotal"), null),
        ["wait on a finished job answers at once"] = async m =>
        {
            var done = await m.Run(Op("OP_TAGS_GET", new() { ["kind"] = "cluster" }));
            var id = done!["id"]!.GetValue<long>();
            return await m.Call(LuxiMethods.WaitForJobChange, id, new JsonArray("status", "opstatus"), new JsonArray("success", new JsonArray("success")), null, 5);
        },
        ["instances: a diskless instance started, rebooted, shut down, reinstalled and removed"] = async m =>
        {
            var name = Created("p");
            JsonObject Instance(JsonObject? args = null)
            {
                var op = args ?? [];
                op["instance_name"] = name;
                return op;
            }

            async Task<JsonNode?> State() => await m.Call(LuxiMethods.QueryInstances, new JsonArray(name), new JsonArray("name", "admin_state", "oper_state", "status", "os"), false);
            async Task<JsonNode> Logged(JsonObject op)
            {
                var done = (await m.Run(op))!.AsObject();
                return new JsonArray(done, await m.Call(LuxiMethods.QueryJobs, new JsonArray(done["id"]!.GetValue<long>()), new JsonArray("oplog")));
            }

            try
            {
                return new JsonArray(
                    await m.Run(Op("OP_INSTANCE_CREATE", Creation(name, "diskless", "[]", """{"start": false, "no_install": true}"""))),
                    await m.Run(Op("OP_INSTANCE_REBOOT", Instance(new() { ["reboot_type"] = "soft" }))),
                    await Logged(Op("OP_INSTANCE_STARTUP", Instance())),
                    await State(),
                    await m.Run(Op("OP_INSTANCE_STARTUP", Instance())),
                    await Logged(Op("OP_INSTANCE_REBOOT", Instance(new() { ["reboot_type"] = "soft" }))),
                    await m.Run(Op("OP_INSTANCE_REBOOT", Instance(new() { ["reboot_type"] = "hard" }))),
                    await Logged(Op("OP_INSTANCE_REBOOT", Instance(new() { ["reboot_type"] = "full" }))),
                    await m.Run(Op("OP_INSTANCE_REINSTALL", Instance())),
                    await Logged(Op("OP_INSTANCE_SHUTDOWN", Instance(new() { ["timeout"] = 0 }))),
                    await State(),
                    await m.Run(Op("OP_INSTANCE_SHUTDOWN", Instance())),
                    await Logged(Op("OP_INSTANCE_REINSTALL", Instance())),
                    await m.Run(Op("OP_INSTANCE_REINSTALL", Instance(new() { ["os_type"] = "nosuchos" }))),
                    await m.Run(Op("OP_INSTANCE_STARTUP", Instance(new() { ["beparams"] = new JsonObject { ["nosuch"] = 1 } }))),
                    await m.Run(Op("OP_INSTANCE_REMOVE", Instance())),
                    await State());
            }
            finally
            {
                await RemoveAll(m, name);
            }
        },
        ["instances: a file instance's disk grown, recreated, added and removed, and the instance renamed and back"] = async m =>
        {
            var (name, renamed) = (Created("f"), Created("g"));
            JsonObject Instance(string instance, JsonObject? args = null)
            {
                var op = args ?? [];
                op["instance_name"] = instance;
                return op;
            }

            async Task<JsonNode?> Disks(string instance) =>
                await m.Call(LuxiMethods.QueryInstances, new JsonArray(instance), new JsonArray("name", "disk.count", "disk.sizes", "disk_usage", "admin_state"), false);

            try
            {
                return new JsonArray(
                    await m.Run(Op("OP_INSTANCE_CREATE", Creation(name, "file", """[{"size": 256}]""", """{"start": false, "no_install": true}"""))),
                    await m.Run(Op("OP_INSTANCE_GROW_DISK", Instance(name, new() { ["disk"] = 0, ["amount"] = 128 }))),
                    await Disks(name),
                    await m.Run(Op("OP_INSTANCE_GROW_DISK", Instance(name, new() { ["disk"] = 0, ["amount"] = 256, ["absolute"] = true }))),
                    await m.Run(Op("OP_INSTANCE_GROW_DISK", Instance(name, new() { ["disk"] = 3, ["amount"] = 128 }))),
                    await m.Run(Op("OP_INSTANCE_RECREATE_DISKS", Instance(name))),
                    await m.Run(Op("OP_INSTANCE_RECREATE_DISKS", Instance(name, new() { ["disks"] = JsonNode.Parse("""[[0, {"size": 512}]]""") }))),
                    await Disks(name),
                    await m.Run(Op("OP_INSTANCE_SET_PARAMS", Instance(name, new() { ["disks"] = JsonNode.Parse("""[["add", -1, {"size": 128}]]""") }))),
                    await Disks(name),
                    await m.Run(Op("OP_INSTANCE_SET_PARAMS", Instance(name, new() { ["disks"] = JsonNode.Parse("""[["remove", -1, {}]]""") }))),
                    await m.Run(Op("OP_INSTANCE_RENAME", new() { ["instance_name"] = name, ["new_name"] = renamed, ["name_check"] = false, ["ip_check"] = false })),
                    await Disks(renamed),
                    await m.Run(Op("OP_INSTANCE_RENAME", new() { ["instance_name"] = renamed, ["new_name"] = name, ["name_check"] = false, ["ip_check"] = false })),
                    await m.Run(Op("OP_INSTANCE_REMOVE", Instance(name))));
            }
            finally
            {
                await RemoveAll(m, name, renamed);
            }
        },
        ["instances that cannot move on one node: failover, migrate, replace disks and node evacuation refused"] = async m =>
        {
            JsonObject Instance(string name, string args)
            {
                var op = JsonNode.Parse(args)!.AsObject();
                op["instance_name"] = name;
                op["dry_run"] = true;
                return op;
            }

            return new JsonArray(
                await m.Run(Op("OP_INSTANCE_FAILOVER", Instance("inst3", """{"target_node": "node1.ganeti.test"}"""))),
                await m.Run(Op("OP_INSTANCE_FAILOVER", Instance("nosuch", "{}"))),
                await m.Run(Op("OP_INSTANCE_MIGRATE", Instance("inst3", """{"target_node": "node1"}"""))),
                await m.Run(Op("OP_INSTANCE_MIGRATE", Instance("inst1", """{"target_node": "node1.ganeti.test"}"""))),
                await m.Run(Op("OP_INSTANCE_REPLACE_DISKS", Instance("inst1", """{"mode": "replace_auto"}"""))),
                await m.Run(Op("OP_INSTANCE_REPLACE_DISKS", Instance("inst1", """{"mode": "replace_new_secondary", "remote_node": "node1.ganeti.test"}"""))),
                await m.Run(Op("OP_NODE_EVACUATE", new() { ["node_name"] = "node1", ["mode"] = "all", ["remote_node"] = "node1.ganeti.test", ["dry_run"] = true })),
                await m.Run(Op("OP_NODE_EVACUATE", new() { ["node_name"] = "nosuch", ["mode"] = "all", ["dry_run"] = true })));
        },
        ["tags of every kind: group and network set and deleted, and read back for each kind"] = async m =>
        {
            var answers = new JsonArray();
            foreach (var (kind, name) in new[] { ("nodegroup", "default"), ("network", "net1") })
            {
                answers.Add(await m.Run(Op("OP_TAGS_SET", new() { ["kind"] = kind, ["name"] = name, ["tags"] = new JsonArray("diff:g") })));
                answers.Add(await m.Call(LuxiMethods.QueryTags, kind, name));
                answers.Add(await m.Run(Op("OP_TAGS_DEL", new() { ["kind"] = kind, ["name"] = name, ["tags"] = new JsonArray("diff:g") })));
            }

            foreach (var (kind, name) in new[] { ("cluster", (string?)null), ("node", "node1"), ("instance", "inst1"), ("nodegroup", "default"), ("network", "net1"), ("network", "nosuch"), ("bogus", "x") })
            {
                var op = new JsonObject { ["kind"] = kind };
                if (name is not null)
                {
                    op["name"] = name;
                }

                answers.Add(TagsSorted(await m.Run(Op("OP_TAGS_GET", op))));
            }

            answers.Add(await m.Run(Op("OP_TAGS_SET", new() { ["kind"] = "nodegroup", ["name"] = "nosuch", ["tags"] = new JsonArray("diff:g") })));
            return answers;
        },
        ["node modify: node parameters changed and restored, and the master's refusals"] = async m =>
        {
            async Task<JsonNode?> Node() => await m.Call(LuxiMethods.Query, "node", new JsonArray("name", "ndparams", "custom_ndparams", "offline", "drained", "master_capable", "vm_capable"), null);
            JsonObject Modify(string args)
            {
                var op = JsonNode.Parse(args)!.AsObject();
                op["node_name"] = "node1";
                return Op("OP_NODE_SET_PARAMS", op);
            }

            var answers = new JsonArray();
            try
            {
                answers.Add(await m.Run(Modify("""{"ndparams": {"spindle_count": 2}}""")));
                answers.Add(await Node());
            }
            finally
            {
                answers.Add(await m.Run(Modify("""{"ndparams": {"spindle_count": "default"}}""")));
            }

            answers.Add(await Node());
            foreach (var refused in new[]
            {
                """{"offline": true, "dry_run": true}""",
                """{"drained": true, "dry_run": true}""",
                """{"master_capable": false, "dry_run": true}""",
                """{"vm_capable": false, "dry_run": true}""",
                """{"offline": true, "drained": true, "dry_run": true}""",
                """{"ndparams": {"nosuch": 1}, "dry_run": true}""",
                """{"powered": false, "dry_run": true}""",
                "{}",
            })
            {
                answers.Add(await m.Run(Modify(refused)));
            }

            return answers;
        },
        ["job queue: a held job's priority changed, archives of held, finished and unknown jobs, watcher pause set and cleared, exports of an unknown node"] = async m =>
        {
            var rule = (await m.Call(LuxiMethods.ReplaceFilter, null, 0, JsonNode.Parse("""[["opcode", ["==", "OP_ID", "OP_TEST_DELAY"]]]"""), "PAUSE", new JsonArray()))!.GetValue<string>();
            var answers = new JsonArray();
            long? id = null;
            try
            {
                id = (await m.Call(LuxiMethods.SubmitJob, new JsonArray(Op("OP_TEST_DELAY", new() { ["duration"] = 0.01 }))))!.GetValue<long>();
                answers.Add(await m.Call(LuxiMethods.WaitForJobChange, id, new JsonArray("status"), new JsonArray("queued"), null, 1));
                answers.Add(await m.Call(LuxiMethods.ChangeJobPriority, id, 10));
                answers.Add(await m.Call(LuxiMethods.QueryJobs, new JsonArray(id), new JsonArray("status", "priority", "oppriority")));
                answers.Add(await m.Call(LuxiMethods.ArchiveJob, id));
            }
            finally
            {
                await m.Call(LuxiMethods.DeleteFilter, rule);
            }

            answers.Add(await m.WaitJob(id!.Value));
            answers.Add(await m.Call(LuxiMethods.ArchiveJob, id));
            answers.Add(await m.Call(LuxiMethods.QueryJobs, new JsonArray(id), new JsonArray("status", "archived")));
            answers.Add(await m.Call(LuxiMethods.ArchiveJob, id));
            answers.Add(await m.Call(LuxiMethods.ArchiveJob, 999999));
            try
            {
                // luxid turns the time into picoseconds through a double and back: its echo of a
                // whole second can come back a hair below it, and the stored pause a second early.
                var echoed = await m.Call(LuxiMethods.SetWatcherPause, WatcherPauseUntil);
                var stored = (await m.Call(LuxiMethods.QueryConfigValues, new JsonArray("watcher_pause")))?[0];
                answers.Add(echoed is JsonValue e && Math.Abs(e.GetValue<double>() - WatcherPauseUntil) < 1e-3 ? "<the pause sent>" : echoed?.DeepClone());
                answers.Add(stored is JsonValue v && Math.Abs(v.GetValue<double>() - WatcherPauseUntil) <= 1 ? "<the pause sent>" : stored?.DeepClone());
            }
            finally
            {
                answers.Add(await m.Call(LuxiMethods.SetWatcherPause, (JsonNode?)null));
            }

            answers.Add(await m.Call(LuxiMethods.QueryConfigValues, new JsonArray("watcher_pause")));
            answers.Add(await m.Call(LuxiMethods.SetWatcherPause, "soon"));

            answers.Add(await m.Call(LuxiMethods.QueryExports, new JsonArray("nosuch.ganeti.test"), false));
            return answers;
        },
    };

    /// <summary>
    /// A finished OP_TAGS_GET job with the tags of its result in order: Ganeti's job answers
    /// them from a Python set, whose order changes from process to process.
    /// </summary>
    private static JsonNode? TagsSorted(JsonNode? job)
    {
        if (job?["opresult"]?[0] is JsonArray tags && tags.All(t => t is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String))
        {
            job["opresult"]![0] = new JsonArray([.. tags.Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal).Select(t => (JsonNode)t)]);
        }

        return job;
    }

    /// <summary>
    /// The messages of the jobs' logs (a QueryJobs answer of "oplog"), comparable across runs:
    /// without a disk transfer's progress reports (they come every few seconds), with the disk
    /// transfer's events, whose order is the import and export daemons' race, sorted, and with
    /// the random part of the node's temporary file names masked.
    /// </summary>
    private static JsonNode ExportLog(JsonNode? jobs) => new JsonArray([.. (jobs as JsonArray ?? []).Select(job =>
    {
        var messages = (job?[0] as JsonArray ?? []).SelectMany(op => op as JsonArray ?? [])
            .Select(entry => TemporaryFile().Replace(entry![3]!.ToString(), "config.ini<tmp>.new"))
            .Where(message => !TransferProgress().IsMatch(message));
        var sorted = new List<string>();
        foreach (var message in messages)
        {
            var at = sorted.Count;
            while (message.StartsWith("disk/", StringComparison.Ordinal) && at > 0 && sorted[at - 1].StartsWith("disk/", StringComparison.Ordinal) && string.CompareOrdinal(sorted[at - 1], message) > 0)
            {
                at--;
            }

            sorted.Insert(at, message);
        }

        return (JsonNode)new JsonArray([.. sorted.Select(message => (JsonNode)message)]);
    })]);

    [GeneratedRegex(@"^disk/\d+ sent ")]
    private static partial Regex TransferProgress();

    [GeneratedRegex(@"config\.ini[a-z0-9_]{8}\.new")]
    private static partial Regex TemporaryFile();

    /// <summary>Follows a job until its (first) opcode runs, bounded by a deadline in time.</summary>
    private static async Task WaitUntilRunning(Master m, long id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        JsonNode? seen = null;
        while (seen?[0]?[0]?.GetValue<string>() != "running")
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"{m.Name}: job {id} should start running");
            var change = await m.Call(LuxiMethods.WaitForJobChange, id, new JsonArray("status"), seen?[0]?.DeepClone(), null, 5);
            seen = change is JsonArray ? change : seen;
        }
    }

    /// <summary>The watcher pause a scenario sets, the same moment (an hour after the run began) on both masters.</summary>
    private static readonly long WatcherPauseUntil = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600;

    /// <summary>A suffix for this run's instance names, so that runs never meet on the shared real cluster.</summary>
    private static readonly string RunSuffix = Guid.NewGuid().ToString("N")[..6];

    private static string Created(string name) => $"diff-{name}-{RunSuffix}.ganeti.test";

    /// <summary>OP_INSTANCE_CREATE's parameters for an instance of the single node, without name or IP checks, changed by <paramref name="extra"/>.</summary>
    private static JsonObject Creation(string name, string template, string disks, string extra)
    {
        var op = new JsonObject
        {
            ["instance_name"] = name,
            ["mode"] = "create",
            ["os_type"] = "noop",
            ["disk_template"] = template,
            ["disks"] = JsonNode.Parse(disks),
            ["nics"] = new JsonArray(new JsonObject()),
            ["pnode"] = "node1.ganeti.test",
            ["name_check"] = false,
            ["ip_check"] = false,
        };
        foreach (var (key, value) in JsonNode.Parse(extra)!.AsObject())
        {
            op[key] = value?.DeepClone();
        }

        return op;
    }

    /// <summary>Removes what a scenario may have left (each removal simply fails for an instance that is not there).</summary>
    private static async Task RemoveAll(Master m, params string[] names)
    {
        var present = await m.Call(LuxiMethods.QueryInstances, new JsonArray(), new JsonArray("name"), false);
        foreach (var name in names.Where(n => present is JsonArray rows && rows.Any(r => r?[0]?.GetValue<string>() == n)))
        {
            await m.Run(Op("OP_INSTANCE_REMOVE", new() { ["instance_name"] = name }));
        }
    }

    [GeneratedRegex(@"available \d+ MiB")]
    private static partial Regex AvailableMemory();

    public static TheoryData<string> Names() => [.. Scenarios.Keys];

    public static IEnumerable<string> ScenarioNames => Scenarios.Keys;

    [Fact]
    public void AtLeastFifteenScenarios() => Scenarios.Should().HaveCountGreaterThanOrEqualTo(15);

    /// <summary>
    /// A difference kept on purpose (docs/compatibility.md): <c>gnt-job autoarchive all</c>
    /// sends the age -1, which luxid turns into the cut-off (-1, -1) that no job ended before,
    /// so it archives nothing; the simulator archives every finished job, as meant.
    /// </summary>
    [Fact]
    public async Task KnownDifference_AutoArchiveAll_ArchivesNothingOnLuxid_AndEveryFinishedJobOnTheSimulator()
    {
        var simulated = Simulator.Client();
        var reference = new Master("real", real.Client, real.Track);
        foreach (var m in new[] { reference, simulated })
        {
            (await m.Run(Op("OP_TAGS_GET", new() { ["kind"] = "cluster" })))!["status"]!.GetValue<string>().Should().Be("success");
        }

        (await reference.Call(LuxiMethods.AutoArchiveJobs, -1, 60))!.ToJsonString().Should().Be("[0,0]");
        var archived = (await simulated.Call(LuxiMethods.AutoArchiveJobs, -1, 60))!.AsArray();
        archived[0]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        (await simulated.Call(LuxiMethods.QueryJobs, null, new JsonArray("id")))!.AsArray().Should().BeEmpty();
    }

    /// <summary>
    /// A difference kept on purpose (docs/compatibility.md): Ganeti 3.0's luxid does not know
    /// OP_NETWORK_RENAME (its client, <c>gnt-network rename</c>, and RAPI's network rename send
    /// it), so it refuses the job at submission; the simulator renames the network.
    /// </summary>
    [Fact]
    public async Task KnownDifference_NetworkRename_IsAnUnknownOpcodeToLuxid_AndRenamesOnTheSimulator()
    {
        var simulated = Simulator.Client();
        var reference = new Master("real", real.Client, real.Track);
        var (name, renamed) = (DiffNetwork.Name + "-k", DiffNetwork.Name + "-kr");
        var answers = new Dictionary<string, (JsonNode? Rename, JsonNode? Names)>();
        foreach (var m in new[] { reference, simulated })
        {
            (await m.Run(Op("OP_NETWORK_ADD", new() { ["network_name"] = name, ["network"] = DiffNetwork.Prefix + "48/28" })))!["status"]!.GetValue<string>().Should().Be("success");
            try
            {
                var rename = await m.Run(Op("OP_NETWORK_RENAME", new() { ["network_name"] = name, ["new_name"] = renamed }));
                answers[m.Name] = (rename, await m.Call(LuxiMethods.QueryNetworks, new JsonArray(), new JsonArray("name"), false));
            }
            finally
            {
                await m.Run(Op("OP_NETWORK_REMOVE", new() { ["network_name"] = name }));
                await m.Run(Op("OP_NETWORK_REMOVE", new() { ["network_name"] = renamed }));
            }

            m.Sent.Should().Contain("OP_NETWORK_RENAME");
        }

        answers["real"].Rename!["protocol_error"]!.GetValue<string>().Should().Be("Failed to parse request: SubmitJob: Unknown opcode OP_NETWORK_RENAME");
        answers["real"].Names!.ToJsonString().Should().Contain($"\"{name}\"").And.NotContain($"\"{renamed}\"");
        answers["simulator"].Rename!["status"]!.GetValue<string>().Should().Be("success");
        answers["simulator"].Names!.ToJsonString().Should().Contain($"\"{renamed}\"").And.NotContain($"\"{name}\"");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Scenario_SameAnswers(string scenario)
    {
        var simulated = Simulator.Client();
        var reference = new Master("real", real.Client, real.Track);

        var expected = new Normalizer(reference.Jobs).Normalize(await Scenarios[scenario](reference));
        var actual = new Normalizer(simulated.Jobs).Normalize(await Scenarios[scenario](simulated));

        var claimed = DifferentialCoverage.ClaimedBy(scenario).ToList();
        claimed.Except(reference.Sent).Should().BeEmpty("coverage.tsv says the scenario sends these to the real master");
        claimed.Except(simulated.Sent).Should().BeEmpty("coverage.tsv says the scenario sends these to the simulator");

        if (Environment.GetEnvironmentVariable("GANETI_DIFF_DUMP") is { Length: > 0 } dump)
        {
            // Both sides, indented, for a line-by-line diff of a failing scenario.
            var indented = new System.Text.Json.JsonSerializerOptions { WriteIndented = true };
            var stem = Path.Combine(dump, string.Concat(scenario.Where(char.IsLetterOrDigit).Take(40)));
            await File.WriteAllTextAsync(stem + ".real.json", expected!.ToJsonString(indented));
            await File.WriteAllTextAsync(stem + ".sim.json", actual!.ToJsonString(indented));
        }

        actual!.ToJsonString().Should().Be(expected!.ToJsonString(), $"the simulator must answer '{scenario}' like Ganeti");
    }
}

/// <summary>A network name and a /28 of 10.0.0.0/8 no other run uses, the same for both masters of a run.</summary>
internal static class DiffNetwork
{
    private static readonly int Octet = Random.Shared.Next(1, 255);

    public static string Name { get; } = "diff-net-" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>The first three octets and a dot, e.g. <c>10.57.3.</c>.</summary>
    public static string Prefix { get; } = $"10.{Octet}.{Random.Shared.Next(0, 256)}.";
}
