using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests;

/// <summary>
/// Our answers against answers recorded from Ganeti 3.0.2's ganeti-rapi (Fixtures/captures):
/// the same request on the simulated cluster must give the same shape: the keys of every
/// object in the same order at the top and the same set below, and the same kind of value
/// (string, number, bool, list, object) wherever both have a value. The clusters differ, so
/// values and list lengths are not compared.
/// </summary>
public sealed class WireShapeTests(GanetiApiFactory factory) : IClassFixture<GanetiApiFactory>
{
    /// <summary>Capture file, our request (the capture's objects mapped to the demo cluster's), and a body.</summary>
    public static readonly TheoryData<string, string, string?> Requests = new()
    {
        { "004-2-info.txt", "GET /2/info", null },
        { "005-2-features.txt", "GET /2/features", null },
        { "006-2-os.txt", "GET /2/os", null },
        { "007-2-tags.txt", "GET /2/tags", null },
        { "008-2-instances.txt", "GET /2/instances", null },
        { "009-2-instances-bulk.txt", "GET /2/instances?bulk=1", null },
        { "011-2-instances-name-running.txt", "GET /2/instances/batch1.example.com", null },
        { "018-2-instances-name-tags.txt", "GET /2/instances/web1.example.com/tags", null },
        { "021-2-nodes.txt", "GET /2/nodes", null },
        { "022-2-nodes-bulk.txt", "GET /2/nodes?bulk=1", null },
        { "023-2-nodes-name.txt", "GET /2/nodes/node1.example.com", null },
        { "032-2-groups.txt", "GET /2/groups", null },
        { "033-2-groups-bulk.txt", "GET /2/groups?bulk=1", null },
        { "034-2-groups-name-default.txt", "GET /2/groups/default", null },
        { "037-2-networks.txt", "GET /2/networks", null },
        { "038-2-networks-bulk.txt", "GET /2/networks?bulk=1", null },
        { "039-2-networks-name.txt", "GET /2/networks/net1", null },
        { "041-2-filters.txt", "GET /2/filters", null },
        { "042-2-filters-bulk.txt", "GET /2/filters?bulk=1", null },
        { "043-2-filters-uuid.txt", "GET /2/filters/{filter}", null },
        { "045-2-jobs.txt", "GET /2/jobs", null },
        { "046-2-jobs-bulk.txt", "GET /2/jobs?bulk=1", null },
        { "047-2-jobs-id-1.txt", "GET /2/jobs/{job}", null },
        { "050-2-jobs-id-wait-GET-body.txt", "GET /2/jobs/{job}/wait", """{"fields": ["status", "id"], "previous_job_info": null, "previous_log_serial": null}""" },
        { "054-2-query-instance.txt", "GET /2/query/instance?fields=name,status,admin_state,oper_state,pnode,disk_template,be/maxmem,tags", null },
        { "068-2-query-instance-fields.txt", "GET /2/query/instance/fields", null },
        { "076-2-query-instance-fields-subset.txt", "GET /2/query/instance/fields?fields=name,status,nosuch", null },
        { "163-POST-2-filters.txt", "POST /2/filters", """{"priority": 50, "predicates": [["reason", ["=", "source", "no-such-source"]]], "action": "CONTINUE", "reason": [["me", "capture", 0]]}""" },
        { "167-DELETE-2-jobs-id-finished.txt", "DELETE /2/jobs/{job}", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Answer_HasTheShapeOfGanetis(string capture, string request, string? body)
    {
        var real = RecordedBody(capture);
        var admin = RapiTestClient.For(factory, RapiTestClient.Admin);
        var job = await admin.RunJobAsync(HttpMethod.Post, "/2/instances/web1/reboot?dry-run=1");
        var filter = (await admin.OkAsync(HttpMethod.Post, "/2/filters", """{"priority": 100, "predicates": [["opcode", ["==", "OP_ID", "OP_TEST_DELAY"]]], "reason": [["gnt:user", "setup", 1]]}"""))!.GetValue<string>();
        var method = request[..request.IndexOf(' ', StringComparison.Ordinal)];
        var uri = request[(method.Length + 1)..].Replace("{job}", job["id"]!.ToJsonString(), StringComparison.Ordinal).Replace("{filter}", filter, StringComparison.Ordinal);

        var ours = await admin.OkAsync(new HttpMethod(method), uri, body);

        var differences = new List<string>();
        Compare(real, WithoutThreeOneAdditions(ours), "$", top: true, differences);
        differences.Should().BeEmpty($"{request} against {capture}");
    }

    /// <summary>The body of a recorded answer.</summary>
    private static JsonNode? RecordedBody(string capture)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "captures", capture));
        var response = text[text.IndexOf("===== RESPONSE", StringComparison.Ordinal)..];
        return JsonNode.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    /// <summary>Ganeti 3.1 lists <c>custom_osparams</c> among the instance fields; the recording is of 3.0.</summary>
    private static JsonNode? WithoutThreeOneAdditions(JsonNode? node)
    {
        foreach (var obj in node switch { JsonArray list => list.OfType<JsonObject>(), JsonObject o => [o], _ => [] })
        {
            if (obj.ContainsKey("admin_state"))
            {
                obj.Remove("custom_osparams");
            }
        }

        return node;
    }

    private static void Compare(JsonNode? real, JsonNode? ours, string path, bool top, List<string> differences)
    {
        if (real is null || ours is null)
        {
            return;
        }

        switch (real, ours)
        {
            case (JsonObject r, JsonObject o):
                var realKeys = r.Select(p => p.Key).ToList();
                var ourKeys = o.Select(p => p.Key).ToList();
                if (top ? !realKeys.SequenceEqual(ourKeys) : !realKeys.ToHashSet().SetEquals(ourKeys) && !IsKeyedByData(path))
                {
                    differences.Add($"{path}: keys [{string.Join(",", ourKeys)}], Ganeti's [{string.Join(",", realKeys)}]");
                    return;
                }

                foreach (var key in realKeys.Where(o.ContainsKey))
                {
                    Compare(r[key], o[key], $"{path}.{key}", top: false, differences);
                }

                break;
            case (JsonArray r, JsonArray o):
                if (r.Count > 0 && o.Count > 0)
                {
                    // Lists of rows or objects: the first items stand for the rest; objects in a top-level list keep their key order.
                    Compare(r[0], o[0], path + "[0]", top: top && r[0] is JsonObject, differences);
                }

                break;
            default:
                if (Kind(real) != Kind(ours))
                {
                    differences.Add($"{path}: {Kind(ours)} {ours.ToJsonString()}, Ganeti's {Kind(real)} {real.ToJsonString()}");
                }

                break;
        }
    }

    /// <summary>Objects whose keys come from the data (opcodes, hypervisors, OSes, instances, the iallocator parameters an operator set) rather than a fixed set.</summary>
    private static bool IsKeyedByData(string path) =>
        path.EndsWith(".ops[0]", StringComparison.Ordinal) || path.EndsWith(".hvparams", StringComparison.Ordinal) || path.EndsWith(".os_hvp", StringComparison.Ordinal)
        || path.EndsWith(".osparams", StringComparison.Ordinal) || path.Contains(".opresult", StringComparison.Ordinal)
        || path.EndsWith(".enabled_data_collectors", StringComparison.Ordinal) || path.EndsWith(".data_collector_interval", StringComparison.Ordinal)
        || path.EndsWith(".default_iallocator_params", StringComparison.Ordinal);

    private static string Kind(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "null",
        },
        _ => "?",
    };
}
