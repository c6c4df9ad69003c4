using System.Text;
using CsCheck;

namespace Ganeti.Api.Tests.Hardening;

/// <summary>One generated request, as bytes on the wire.</summary>
public sealed record HostileRequest(string Method, string Target, string? User, string? ContentType, byte[]? Body, BodyFraming Framing)
{
    public byte[] ToBytes()
    {
        var head = new StringBuilder();
        head.Append(Method).Append(' ').Append(Target).Append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        if (User is not null)
        {
            head.Append("Authorization: ").Append(User).Append("\r\n");
        }

        if (ContentType is not null)
        {
            head.Append("Content-Type: ").Append(ContentType).Append("\r\n");
        }

        var body = Body ?? [];
        switch (Framing)
        {
            case BodyFraming.Length when Body is not null:
                head.Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
                return [.. Latin1(head), .. body];
            case BodyFraming.Chunked:
                head.Append("Transfer-Encoding: chunked\r\n\r\n").Append(body.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
                return [.. Latin1(head), .. body, .. "\r\n0\r\n\r\n"u8];
            case BodyFraming.OverflowingChunk:
                head.Append("Transfer-Encoding: chunked\r\n\r\n100000000\r\n");
                return [.. Latin1(head), .. body, .. "\r\n0\r\n\r\n"u8];
            default:
                head.Append("\r\n");
                return Latin1(head);
        }
    }

    /// <summary>The head as bytes: characters above U+00FF become their UTF-8 bytes, so targets can carry raw UTF-8 and raw control bytes.</summary>
    private static byte[] Latin1(StringBuilder head)
    {
        var text = head.ToString();
        return text.Any(c => c > 0xff) ? Encoding.UTF8.GetBytes(text) : Encoding.Latin1.GetBytes(text);
    }

    public override string ToString() =>
        $"{Method} {Target} user={User} type={ContentType} framing={Framing} body={(Body is null ? "none" : Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 120)]))}";
}

public enum BodyFraming
{
    Length,
    Chunked,
    OverflowingChunk,
}

/// <summary>
/// Generators of hostile requests over a route table: every route's path with its parameters
/// replaced by real names or mutated ones (dot segments, encodings, invalid UTF-8, control
/// characters, overlong names), query strings, bodies, content types, methods and callers.
/// </summary>
public static class HostileRequests
{
    public static readonly string[] Users =
    [
        RawServer.BasicAuth(RawServer.WriteUser, RawServer.WritePassword),
        RawServer.BasicAuth(RawServer.ReadUser, RawServer.ReadPassword),
        RawServer.BasicAuth(RawServer.WriteUser, "wrong"),
        "Basic !!!not base64",
        "Basic " + Convert.ToBase64String("no colon"u8.ToArray()),
        "Basic " + Convert.ToBase64String([0x61, 0x64, 0x6d, 0x69, 0x6e, 0x3a, 0xff, 0xfe]),
        "Bearer abc",
        "Basic",
    ];

    private static readonly string[] Methods = ["GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS", "get", "put", "post", "TRACE", "FOO"];

    private static readonly string[] QueryKeys =
    [
        "bulk", "dry-run", "fields", "force", "tag", "type", "mode", "live", "iallocator", "remote_node", "static",
        "ignore_secondaries", "shutdown_timeout", "no_remember", "reason", "lock", "filter", "storage_type", "name",
        "allocatable", "auto-promote", "os", "nodes", "ignore_size", "timeout", "kill", "priority", "x",
    ];

    private static readonly string[] QueryValues =
    [
        "1", "0", "true", "-1", "abc", "", "99999999999999999999", "name,os", "%00", "%0A%5B00:00:00%20INF%5D%20forged", "%FF%FE", "%C3%28",
        "a%2Cb", "%E2%80%A8", "1e309", "NaN", new string('x', 3000), "default", "web1.example.com", "drbd", "lvm-vg",
    ];

    private static readonly string[] BodyKeys =
    [
        "reason", "depends", "dry_run", "force", "iallocator", "target_node", "type", "mode", "name", "instances", "nodes",
        "fields", "qfilter", "priority", "predicates", "action", "tags", "disks", "nics", "beparams", "hvparams", "new_name",
        "__version__", "os", "pnode", "snode", "disk_template", "ip_check", "name_check", "role", "offline", "drained",
        "network", "gateway", "add_reserved_ips", "group_name", "alloc_policy", "storage_type", "shutdown_timeout", "x",
    ];

    private static readonly string[] JsonValues =
    [
        "null", "true", "false", "0", "-1", "1", "1e308", "-1e308", "123456789012345678901234567890", "0.5", "\"\"", "\"a\"",
        "\"web1.example.com\"", "\"node2.example.com\"", "\"default\"", "\"\\u0000\\n[00:00:00 INF] forged\"", "\"\\ud800\"",
        "[]", "[1,2]", "[\"a\"]", "[[\"a\",1]]", "{}", "{\"a\":{}}", "[{\"size\":1024}]", "{\"memory\":-5}", "\"" + new string('y', 5000) + "\"",
    ];

    private static readonly string[] ContentTypes = ["application/json", "application/json", "application/json", "text/plain", "application/json; charset=utf-8", "APPLICATION/JSON", "", "application/x-www-form-urlencoded"];

    /// <summary>A generator of requests over the given route patterns (e.g. <c>/2/instances/{instanceName:ganetiName}/reboot</c>) and their methods.</summary>
    public static Gen<HostileRequest> Over(IReadOnlyList<(string Method, string Pattern)> routes) =>
        Gen.Select(
            Gen.Int[0, routes.Count - 1].SelectMany(i => Path(routes[i].Pattern).Select(path => (routes[i].Method, path))),
            Gen.Frequency((6, Gen.Const((string?)null)), (4, Gen.Int[0, Methods.Length - 1].Select(i => (string?)Methods[i]))),
            Query,
            Gen.Frequency((3, Gen.Const((string?)null)), (7, Gen.Int[0, Users.Length - 1].Select(i => (string?)Users[i]))),
            Body,
            Gen.Int[0, ContentTypes.Length],
            Gen.Frequency((12, Gen.Const(BodyFraming.Length)), (2, Gen.Const(BodyFraming.Chunked)), (1, Gen.Const(BodyFraming.OverflowingChunk))),
            (route, method, query, user, body, type, framing) => new HostileRequest(
                method ?? route.Method, route.path + query, user, body is null || type == ContentTypes.Length ? null : ContentTypes[type], body, framing));

    private static Gen<string> Path(string pattern)
    {
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var gens = segments.Select(segment => segment.StartsWith('{') ? Parameter(pattern) : Literal(segment)).ToArray();
        return gens.Length == 0
            ? Gen.OneOf("/", "//", "/%2e", "/.")
            : gens.Aggregate(Gen.Const(string.Empty), (path, next) => Gen.Select(path, next, (p, s) => p + "/" + s))
                .SelectMany(path => Gen.Frequency((12, Gen.Const(path)), (1, Gen.Const(path + "/")), (1, Gen.Const(path + "/..")), (1, Gen.Const("/2/../" + path.TrimStart('/')))));
    }

    private static Gen<string> Literal(string segment) =>
        Gen.Frequency((20, Gen.Const(segment)), (1, Gen.Const(segment.ToUpperInvariant())), (1, Gen.Const("%" + ((int)segment[0]).ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + segment[1..])));

    private static Gen<string> Parameter(string pattern)
    {
        string[] names = pattern switch
        {
            _ when pattern.StartsWith("/2/instances", StringComparison.Ordinal) => ["web1.example.com", "web1", "batch1.example.com", "cache1.example.com", "nosuch.example.com"],
            _ when pattern.StartsWith("/2/nodes", StringComparison.Ordinal) => ["node1.example.com", "node2.example.com", "node4", "nosuch"],
            _ when pattern.StartsWith("/2/groups", StringComparison.Ordinal) => ["default", "group2", "nosuch"],
            _ when pattern.StartsWith("/2/networks", StringComparison.Ordinal) => ["net1", "nosuch"],
            _ when pattern.StartsWith("/2/jobs", StringComparison.Ordinal) => ["1", "2", "3", "0", "99999", "99999999999999999999", "%D9%A3", "-1"],
            _ when pattern.StartsWith("/2/filters", StringComparison.Ordinal) => ["00000000-0000-0000-0000-000000000000", "not-a-uuid"],
            _ when pattern.StartsWith("/2/query", StringComparison.Ordinal) => ["instance", "node", "group", "network", "job", "export", "lock", "nosuch"],
            _ => ["x"],
        };
        return Gen.Frequency(
            (10, Gen.Int[0, names.Length - 1].Select(i => names[i])),
            (1, Gen.OneOf("..", ".", "%2e%2e", "%2E", "%2F", "a%2Fb", "%00", "a%0Ab", "a%0D%0A%5B00:00:00%20INF%5D%20forged", "%FF", "%C3%28", "%E2%80%A8", "caf%C3%A9", "%F0%9F%92%A5")),
            (1, Gen.Int[0, 31].Select(c => "web1.example.com" + (char)c)),
            (1, Gen.Int[200, 9000].Select(n => new string('a', n))),
            (1, Gen.Int[0, names.Length - 1].Select(i => names[i] + "\u00e9\u202e")));
    }

    private static Gen<string> Query =>
        Gen.Frequency(
            (4, Gen.Const(string.Empty)),
            (6, Gen.Select(Gen.Int[0, QueryKeys.Length - 1], Gen.Int[0, QueryValues.Length - 1], (k, v) => (k, v)).Array[1, 4]
                .Select(pairs => "?" + string.Join('&', pairs.Select(p => QueryKeys[p.k] + "=" + QueryValues[p.v])))),
            (1, Gen.OneOf("?", "?&&", "?=", "?a=%", "?%%%", "?dry-run=1&dry-run=0", "?fields=" + string.Join(',', Enumerable.Repeat("name", 500)))));

    private static Gen<byte[]?> Body =>
        Gen.Frequency(
            (50, Gen.Const((byte[]?)null)),
            (60, JsonObject.Select(text => (byte[]?)Encoding.UTF8.GetBytes(text))),
            (10, Gen.Int[0, JsonValues.Length - 1].Select(i => (byte[]?)Encoding.UTF8.GetBytes(JsonValues[i]))),
            (10, Gen.OneOf<byte[]?>(
                "{"u8.ToArray(), "{\"a\":1,\"a\":2}"u8.ToArray(), "[1,"u8.ToArray(), "nul"u8.ToArray(), "{'a': 1}"u8.ToArray(), [0xff, 0xfe, 0x7b, 0x7d],
                [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d], "{\"a\":1}garbage"u8.ToArray(), [])),
            (5, Gen.Int[60, 20000].Select(depth => (byte[]?)Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth)))),
            (1, Gen.OneOf(1, 11).Select(mb => (byte[]?)Encoding.ASCII.GetBytes("{\"x\":\"" + new string('z', mb * 1024 * 1024) + "\"}"))));

    private static Gen<string> JsonObject =>
        Gen.Select(Gen.Int[0, BodyKeys.Length - 1], Gen.Int[0, JsonValues.Length - 1], (k, v) => $"\"{BodyKeys[k]}\":{JsonValues[v]}").Array[0, 5]
            .Select(members => "{" + string.Join(',', members) + "}");
}
