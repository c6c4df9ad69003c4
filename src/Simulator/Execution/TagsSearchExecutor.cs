using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ganeti.Domain.Errors;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// OP_TAGS_SEARCH: every tag of the cluster, the instances, the nodes and the node groups that
/// the pattern matches anywhere in it, as <c>[path, tag]</c> pairs (<c>/cluster</c>,
/// <c>/instances/NAME</c>, <c>/nodes/NAME</c>, <c>/nodegroup/NAME</c>), in that order of kinds
/// as Ganeti lists them; networks are not searched, as in Ganeti. It takes no locks.
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
        var found = new JsonArray();
        lock (state.Sync)
        {
            IEnumerable<(string Path, ConfigObject Target)> targets =
            [
                ("/cluster", state.Cluster),
                .. state.Instances.Values.Select(i => ("/instances/" + i.Name, (ConfigObject)i)),
                .. state.Nodes.Values.Select(n => ("/nodes/" + n.Name, (ConfigObject)n)),
                .. state.Groups.Values.Select(g => ("/nodegroup/" + g.Name, (ConfigObject)g)),
            ];
            foreach (var (path, target) in targets)
            {
                foreach (var tag in target.Tags.Where(t => regex.IsMatch(t)))
                {
                    found.Add(new JsonArray(path, tag));
                }
            }
        }

        return Task.FromResult<JsonNode?>(found);
    }
}
