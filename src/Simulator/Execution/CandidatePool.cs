using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Execution;

/// <summary>
/// The master candidate pool as Ganeti's config keeps it (<c>GetMasterCandidateStats</c>,
/// <c>MaintainCandidatePool</c>): how many candidates there are, how many there should be
/// (the pool size, at most the nodes that could be one), and promotions to fill it.
/// </summary>
internal static class CandidatePool
{
    /// <summary>Ganeti's default <c>candidate_pool_size</c>.</summary>
    public const int DefaultSize = 10;

    public static int Size(ClusterState state) =>
        state.Cluster.Parameters["candidate_pool_size"] is { } size ? (int)JsonNumbers.Int64(size) : DefaultSize;

    /// <summary>Candidates without <paramref name="exclude"/>, and how many there should be with a pool of <paramref name="poolSize"/>.</summary>
    public static (int Current, int Desired) Stats(ClusterState state, Node? exclude = null, int? poolSize = null)
    {
        var others = state.Nodes.Values.Where(n => n != exclude).ToList();
        var current = others.Count(n => n.MasterCandidate || n.Uuid == state.Cluster.MasterNodeUuid);
        var possible = others.Count(CanBeCandidate);
        return (current, Math.Min(poolSize ?? Size(state), possible));
    }

    /// <summary>
    /// Promotes nodes until the pool is full (Ganeti picks them at random; here in name
    /// order, so that runs repeat), never <paramref name="exclude"/>, which is not counted either.
    /// Answers the promoted nodes, already touched.
    /// </summary>
    public static List<Node> Maintain(ClusterState state, double now, int? poolSize = null, Node? exclude = null)
    {
        var (current, desired) = Stats(state, exclude, poolSize);
        var promoted = state.Nodes.Values
            .Where(n => n != exclude && !n.MasterCandidate && n.Uuid != state.Cluster.MasterNodeUuid && CanBeCandidate(n))
            .OrderBy(n => n.Name, NiceSort.Instance)
            .Take(Math.Max(0, desired - current))
            .ToList();
        foreach (var node in promoted)
        {
            node.MasterCandidate = true;
            node.Touch(now);
        }

        return promoted;
    }

    private static bool CanBeCandidate(Node node) => node.MasterCapable && !node.Offline && !node.Drained;
}
