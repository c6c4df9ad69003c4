using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ganeti.Domain.Errors;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_TAGS_SEARCH: every tag of the cluster, the instances, the nodes, the node groups and
/// the networks that the pattern matches anywhere in it, as <c>[path, tag]</c> pairs
/// (<c>/cluster</c>, <c>/instances/NAME</c>, <c>/nodes/NAME</c>, <c>/nodegroup/NAME</c>,
/// <c>/network/NAME</c>), kinds in that order as Ganeti lists them. It takes no locks; the
/// tags are copied under the state's lock and matched outside it.
/// </summary>
public sealed class TagsSearchExecutor : IOpExecutor
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public IEnumerable<string> Locks(JsonObject op, ClusterState state) => [];

    public Task<JsonNode?> ExecuteAsync(OpContext ctx, CancellationToken ct)
    {
        var pattern = ctx.String("pattern") ?? string.Empty;
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw SimError.Prereq($"Invalid search pattern '{pattern}': {ex.Message}", ErrorCode.Invalid);
        }

        if (ctx.DryRun)
        {
            return Task.FromResult<JsonNode?>(null);
        }

        var state = ctx.State;
        List<(string Path, string[] Tags)> targets;
        lock (state.Sync)
        {
            targets =
            [
                ("/cluster", [.. state.Cluster.Tags]),
                .. state.Instances.Values.Select(i => ("/instances/" + i.Name, i.Tags.ToArray())),
                .. state.Nodes.Values.Select(n => ("/nodes/" + n.Name, n.Tags.ToArray())),
                .. state.Groups.Values.Select(g => ("/nodegroup/" + g.Name, g.Tags.ToArray())),
                .. state.Networks.Values.Select(n => ("/network/" + n.Name, n.Tags.ToArray())),
            ];
        }

        var found = new JsonArray();
        foreach (var (path, tags) in targets)
        {
            foreach (var tag in tags)
            {
                try
                {
                    if (regex.IsMatch(tag))
                    {
                        found.Add(new JsonArray(path, tag));
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    throw SimError.Exec($"Searching tags with '{pattern}' took too long (tag '{tag}' of {path})");
                }
            }
        }

        return Task.FromResult<JsonNode?>(found);
    }
}
