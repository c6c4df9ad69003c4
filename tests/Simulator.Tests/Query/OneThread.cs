using Ganeti.Simulator.Query;
using Ganeti.Simulator.State;

namespace Ganeti.Simulator.Tests.Query;

/// <summary>Sources as they were before rows were written by several threads: the reference answers.</summary>
internal static class OneThread
{
    public static QuerySource<Instance> Instances(ClusterState state) =>
        QuerySource<Instance>.Named(
            InstanceFields.Create(state),
            () => NiceOrder.Of(state.Instances, i => i.Name),
            name => ObjectLookup.ByName("Instance", state.Instances.Values, name, i => i.Name));
}
