using System.Text.Json;
using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.Query;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>Typed views of LUXI results; anything of the wrong shape is a protocol error.</summary>
internal static class LuxiDecode
{
    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];

    public static MasterProtocolException Unexpected(string method, JsonNode? result)
    {
        var text = result?.ToJsonString() ?? "null";
        return new MasterProtocolException($"LUXI {method} returned an unexpected value: {(text.Length <= 200 ? text : text[..200] + "…")}");
    }

    public static JsonArray Array(string method, JsonNode? result) => result as JsonArray ?? throw Unexpected(method, result);

    public static IReadOnlyList<QueryRow> Rows(string method, JsonNode? result)
    {
        var rows = Array(method, result);
        var decoded = new List<QueryRow>(rows.Count);
        foreach (var row in rows)
        {
            decoded.Add(row is JsonArray values ? new QueryRow([.. values.Select(v => v?.DeepClone())]) : throw Unexpected(method, row));
        }

        return decoded;
    }

    public static long Long(string method, JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<long>(out var n) ? n : throw Unexpected(method, node);

    public static bool Bool(string method, JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : throw Unexpected(method, node);

    public static string String(string method, JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Unexpected(method, node);

    public static JobActionResult Action(string method, JsonNode? result) =>
        result is JsonArray { Count: 2 } pair
            ? new JobActionResult(Bool(method, pair[0]), String(method, pair[1]))
            : throw Unexpected(method, result);

    public static SubmitResult Submitted(string method, JsonNode? entry)
    {
        if (entry is not JsonArray { Count: 2 } pair)
        {
            throw Unexpected(method, entry);
        }

        return Bool(method, pair[0])
            ? new SubmitResult(true, new JobId(Long(method, pair[1])), null)
            : new SubmitResult(false, null, pair[1] is JsonValue v && v.TryGetValue<string>(out var s) ? s : pair[1]?.ToJsonString());
    }

    public static JobLogEntry LogEntry(string method, JsonNode? entry) =>
        entry is JsonArray { Count: 4 } e
            ? new JobLogEntry(Long(method, e[0]), e[1]?.DeepClone(), String(method, e[2]), e[3]?.DeepClone())
            : throw Unexpected(method, entry);

    public static IReadOnlyList<FieldDefinition> FieldDefinitions(string method, JsonNode? fields) =>
        [.. Array(method, fields).Select(f => f is JsonObject o
            ? new FieldDefinition(String(method, o["name"]), String(method, o["title"]), String(method, o["kind"]), String(method, o["doc"]))
            : throw Unexpected(method, f))];

    public static QueryResult QueryResult(string method, JsonNode? result)
    {
        if (result is not JsonObject obj)
        {
            throw Unexpected(method, result);
        }

        var fields = FieldDefinitions(method, obj["fields"]);
        var data = Array(method, obj["data"]).Select(row => (IReadOnlyList<QueryValue>)[.. Array(method, row).Select(cell => Cell(method, cell))]).ToList();
        return new QueryResult(fields, data);
    }

    private static QueryValue Cell(string method, JsonNode? cell)
    {
        if (cell is not JsonArray { Count: 2 } pair)
        {
            throw Unexpected(method, cell);
        }

        var status = Long(method, pair[0]);
        return Enum.IsDefined(typeof(ResultStatus), (int)status)
            ? new QueryValue((ResultStatus)status, pair[1]?.DeepClone())
            : throw Unexpected(method, cell);
    }
}
