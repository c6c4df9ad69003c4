using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Iallocation;

/// <summary>
/// Runs an iallocator script on an input document, as Ganeti's master does through
/// <c>call_iallocator_runner</c>: the script reads the document from a file and prints its answer.
/// </summary>
public interface IIallocatorRunner
{
    /// <summary>
    /// The script's answer, or null when the script <paramref name="name"/> is not installed or
    /// could not be run (<paramref name="whyNot"/> says why), so the caller can fall back.
    /// <paramref name="arguments"/> follow the input file on the script's command line (the
    /// cluster's <c>default_iallocator_params</c> and the request's own, as <c>--key=value</c>).
    /// </summary>
    IallocatorAnswer? Run(string name, JsonObject input, IReadOnlyList<string> arguments, out string? whyNot);
}

/// <summary>An iallocator's answer (<c>success</c>, <c>info</c>, <c>result</c>), as Ganeti validates it.</summary>
public sealed record IallocatorAnswer(bool Success, string Info, JsonNode? Result)
{
    /// <summary>Parses the script's output; null with a reason when it is not a valid answer.</summary>
    public static IallocatorAnswer? Parse(string text, out string? whyNot)
    {
        JsonNode? doc;
        try
        {
            doc = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException e)
        {
            whyNot = "invalid JSON in the iallocator's answer: " + e.Message;
            return null;
        }

        if (doc is not JsonObject answer
            || answer["success"] is not JsonValue success || !success.TryGetValue<bool>(out var ok)
            || answer["info"] is not JsonValue info || !info.TryGetValue<string>(out var infoText)
            || !answer.ContainsKey("result"))
        {
            whyNot = "the iallocator's answer lacks success, info or result";
            return null;
        }

        whyNot = null;
        return new IallocatorAnswer(ok, infoText, answer["result"]?.DeepClone());
    }
}
