using System.Text.RegularExpressions;
using Ganeti.Contract.Tests.Cli;

namespace Ganeti.Contract.Tests.Interop;

/// <summary>
/// Ganeti's htools (Debian's ganeti-htools-3.0, unchanged) reading the real cluster through
/// our RAPI gateway with <c>-m URL</c>, as they read Ganeti's: they send no credentials and do
/// not check the certificate. Our gateway to luxid must give what the real ganeti-rapi gives,
/// once the node's live memory and disk figures are masked. (On the simulator:
/// <see cref="HtoolsOnSimulatorTests"/>.)
/// </summary>
[Collection(RealGanetiCollection.Name)]
public sealed partial class HtoolsInteropTests(RealGanetiFixture cluster, HtoolsInteropTests.Services services) : IClassFixture<HtoolsInteropTests.Services>
{
    private const string RealRapi = "https://reader:readerpass@127.0.0.1:15080";

    /// <summary>The same tools on the real one-node cluster: exit code and what they must say about it.</summary>
    public static TheoryData<string, int, string[]> OnRealCluster => new()
    {
        { "hinfo", 0, ["Loaded 1 node, 3 instances, 1 node group", "Loaded cluster tags: env:test,role:contract"] },
        { "hbal -G default", 0, ["Loaded 1 nodes, 3 instances", "Selected node group: default"] },
        { "hspace", 0, ["The cluster has 1 nodes", "There are 3 initial instances on the cluster."] },
        { "hspace --machine-readable", 0, ["HTS_CLUSTER_NODES=1\n", "HTS_INI_INST_CNT=3\n", "HTS_OK=1\n"] },
        { "hcheck", 1, ["Statistics for group default initially", "Cluster needs rebalancing."] },
        { "hcheck --machine-readable", 1, ["HCHECK_GROUP_UUID_0=", "HCHECK_OK=1\n"] },
        { "hroller", 1, ["Error: Not enough capacity to move non-redundant instances"] },
        { "hroller --skip-non-redundant", 1, ["Error: Cannot create node graph"] },
    };

    [Theory]
    [MemberData(nameof(OnRealCluster))]
    public async Task OnRealLuxid_GatewayGivesWhatGanetiRapiGives(string tool, int exitCode, string[] saying)
    {
        _ = cluster;

        var (ours, real) = await BothAsync(RunAsync(tool, "-m", services.Gateway.Url), RunAsync(tool, "-m", RealRapi));

        Masked(ours).Should().Be(Masked(real), $"'{tool}' through our gateway must print what it prints through the real ganeti-rapi");
        real.ExitCode.Should().Be(exitCode, real.ToString());
        foreach (var fragment in saying)
        {
            (real.Output + real.Error).Should().Contain(fragment);
        }
    }

    /// <summary>
    /// The figures the real node measures live, which differ between two runs of a tool against
    /// the real ganeti-rapi alone: the memory and disk the node reports missing, and hspace's
    /// free, available and used memory and disk (and what it derives from them: the memory
    /// overhead, the disk efficiency, the unavailable disk). Everything else must be equal.
    /// </summary>
    private static ProgramRun Masked(ProgramRun run) => run with
    {
        Output = Mask(run.Output),
        Error = Mask(run.Error),
    };

    private static string Mask(string text)
    {
        text = MissingResources().Replace(text, "is missing <live> MB ram and <live> GB disk");
        text = LiveSpaceKeys().Replace(text, "$1=<live>");
        return DiskEfficiency().Replace(text, "$1<live>%");
    }

    internal static async Task<(ProgramRun First, ProgramRun Second)> BothAsync(Task<ProgramRun> first, Task<ProgramRun> second)
    {
        await Task.WhenAll(first, second);
        return (await first, await second);
    }

    internal static async Task<ProgramRun> RunAsync(string tool, params string[] arguments)
    {
        var words = tool.Split(' ');
        // hspace works for half a minute of CPU on the demo cluster; more on a busy machine.
        return await GanetiCommands.RunForExitAsync(words[0], [.. words[1..], .. arguments], TimeSpan.FromMinutes(5));
    }

    /// <summary>hinfo, hbal, hspace, hcheck, hroller: "node X is missing 183 MB ram and 174 GB disk" (or -22 MB: the node uses less than its instances account for).</summary>
    [GeneratedRegex(@"is missing -?\d+ MB ram and -?\d+ GB disk")]
    private static partial Regex MissingResources();

    /// <summary>hspace --machine-readable: the free, available and instance-used memory and disk of the initial, tiered and final states.</summary>
    [GeneratedRegex(@"^(HTS_(?:INI|TRL|FIN)_(?:MEM_FREE|MEM_AVAIL|MEM_OVERHEAD|DSK_FREE|DSK_AVAIL|DSK_INST|DSK_EFF|MNODE_MEM_AVAIL|MNODE_DSK_AVAIL)|HTS_KM_USED_DSK|HTS_KM_UNAV_DSK)=.*$", RegexOptions.Multiline)]
    private static partial Regex LiveSpaceKeys();

    /// <summary>hspace: "disk usage efficiency: 69.22%", HTS_*_DSK_EFF as a percentage.</summary>
    [GeneratedRegex(@"(disk usage efficiency: +)[0-9.]+%")]
    private static partial Regex DiskEfficiency();

    /// <summary>The service as a gateway to the real luxid, without users, as htools send no credentials.</summary>
    public sealed class Services : IAsyncLifetime
    {
        public ServiceProcess Gateway { get; private set; } = null!;

        public async Task InitializeAsync() => Gateway = await ServiceProcess.OnRealLuxidAsync();

        public async Task DisposeAsync()
        {
            if (Gateway is not null)
            {
                await Gateway.DisposeAsync();
            }
        }
    }
}
