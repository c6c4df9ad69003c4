namespace Ganeti.Contract.Tests.Interop;

/// <summary>
/// Ganeti's htools (Debian's ganeti-htools-3.0, unchanged) reading the simulated demo cluster
/// through our RAPI with <c>-m URL</c>: each tool must print exactly what it prints when it
/// talks LUXI to the same simulator. These touch no real cluster, so they have a collection of
/// their own and run beside the real-cluster tests (hspace is CPU work, the others mostly wait).
/// </summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class HtoolsOnSimulatorTests(HtoolsOnSimulatorTests.Service service) : IClassFixture<HtoolsOnSimulatorTests.Service>
{
    /// <summary>A tool's arguments, its exit code on the simulated demo cluster, and what it must say about that cluster.</summary>
    public static TheoryData<string, int, string[]> OnDemoCluster => new()
    {
        { "hinfo", 0, ["Loaded 4 nodes, 6 instances, 2 node groups", "Loaded cluster tags: env:demo,owner:ops"] },
        { "hbal -G default", 0, ["Loaded 4 nodes, 6 instances", "Group size 3 nodes, 4 instances", "Selected node group: default"] },
        { "hspace", 0, ["The cluster has 4 nodes", "There are 6 initial instances on the cluster."] },
        { "hspace --machine-readable", 0, ["HTS_CLUSTER_NODES=4\n", "HTS_INI_INST_CNT=6\n", "HTS_OK=1\n"] },
        { "hcheck", 1, ["Statistics for group default initially", "Statistics for group group2 initially", "Cluster needs rebalancing."] },
        { "hcheck --machine-readable", 1, ["HCHECK_GROUP_UUID_0=", "HCHECK_GROUP_UUID_1=", "HCHECK_OK=1\n"] },
        { "hroller", 1, ["Error: Not enough capacity to move non-redundant instances"] },
        { "hroller --skip-non-redundant", 0, ["'Node Reboot Groups'\nnode3.example.com\nnode1.example.com\n"] },
    };

    [Theory]
    [MemberData(nameof(OnDemoCluster))]
    public async Task OnSimulator_RapiGivesWhatLuxiGives(string tool, int exitCode, string[] saying)
    {
        var simulator = service.Simulator;

        // The two runs read the same cluster; run side by side, they take the time of one.
        var (overRapi, overLuxi) = await HtoolsInteropTests.BothAsync(HtoolsInteropTests.RunAsync(tool, "-m", simulator.Url), HtoolsInteropTests.RunAsync(tool, "--luxi=" + simulator.LuxiSocket));

        overRapi.Should().Be(overLuxi, $"'{tool} -m {simulator.Url}' must print what '{tool} --luxi' prints");
        overRapi.ExitCode.Should().Be(exitCode, overRapi.ToString());
        foreach (var fragment in saying)
        {
            (overRapi.Output + overRapi.Error).Should().Contain(fragment);
        }
    }

    /// <summary>The service on a fresh simulated demo cluster, without users, as htools send no credentials.</summary>
    public sealed class Service : IAsyncLifetime
    {
        public ServiceProcess Simulator { get; private set; } = null!;

        public async Task InitializeAsync() => Simulator = await ServiceProcess.OnSimulatorAsync();

        public async Task DisposeAsync()
        {
            if (Simulator is not null)
            {
                await Simulator.DisposeAsync();
            }
        }
    }
}

/// <summary>Tests that need only simulators they start themselves; they run in parallel with the real-cluster collection.</summary>
[CollectionDefinition(Name)]
public sealed class SimulatedClusterCollection
{
    public const string Name = "simulated clusters only";
}
