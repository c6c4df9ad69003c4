using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Tests.Query;

/// <summary>Real ganeti-rapi and luxid answers (Ganeti 3.0), copied from the reference captures.</summary>
internal static class Fixtures
{
    public static string Text(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", file));

    /// <summary>The JSON body of a captured RAPI response.</summary>
    public static JsonNode RapiBody(string file)
    {
        var text = Text(file);
        var response = text.IndexOf("===== RESPONSE", StringComparison.Ordinal);
        var body = text.IndexOf("\r\n\r\n", response, StringComparison.Ordinal);
        return JsonNode.Parse(text[(body + 4)..])!;
    }

    /// <summary>The <c>fields</c> of a captured RAPI <c>/2/query/…</c> request line.</summary>
    public static string[] RapiRequestedFields(string file)
    {
        var firstLine = Text(file).Split('\n')[0];
        var query = firstLine.Split(' ')[1].Split('?')[1];
        return query["fields=".Length..].Split(',');
    }

    /// <summary>The request and response envelopes of a captured LUXI exchange.</summary>
    public static (JsonObject Request, JsonObject Response) Luxi(string file)
    {
        var lines = Text(file).Split('\n');
        var request = Array.FindIndex(lines, l => l.StartsWith("--- request", StringComparison.Ordinal)) + 1;
        var response = Array.FindIndex(lines, l => l.StartsWith("--- response (as received)", StringComparison.Ordinal)) + 1;
        return (JsonNode.Parse(lines[request])!.AsObject(), JsonNode.Parse(lines[response].Replace("\\x03", string.Empty, StringComparison.Ordinal))!.AsObject());
    }

    /// <summary>Every field definition of a captured <c>/2/query/R/fields</c> answer.</summary>
    public static IReadOnlyList<JsonObject> FieldDefinitions(string file) =>
        [.. RapiBody(file)["fields"]!.AsArray().Select(f => f!.AsObject())];
}
