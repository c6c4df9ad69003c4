using Ganeti.Api.Hosting;
using Ganeti.Infrastructure;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Infrastructure.Ssh;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ganeti.Ssh.Tests;

public class SshNodeTests
{
    [Theory]
    [InlineData("node1", "node1", 22)]
    [InlineData("node1.example.com:2222", "node1.example.com", 2222)]
    [InlineData(" 192.0.2.7:22 ", "192.0.2.7", 22)]
    [InlineData("[2001:db8::1]:2200", "2001:db8::1", 2200)]
    [InlineData("[2001:db8::1]", "2001:db8::1", 22)]
    [InlineData("2001:db8::1", "2001:db8::1", 22)]
    public void Parse(string text, string host, int port) =>
        SshNode.Parse(text, 22).Should().Be(new SshNode(host, port));

    [Theory]
    [InlineData("")]
    [InlineData("node1:")]
    [InlineData("node1:0")]
    [InlineData("node1:65536")]
    [InlineData("node1:ssh")]
    [InlineData(":22")]
    [InlineData("root@node1")]
    [InlineData("[2001:db8::1]x")]
    public void Parse_Refuses(string text)
    {
        var act = () => SshNode.Parse(text, 22);

        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void ParseList_SplitsOnCommas_AndRefusesDuplicates()
    {
        SshNode.ParseList("node1, node2:2222,,node3", 22).Should().Equal(new SshNode("node1", 22), new SshNode("node2", 2222), new SshNode("node3", 22));
        var act = () => SshNode.ParseList("node1,NODE1:22", 22);
        act.Should().Throw<FormatException>().WithMessage("*twice*");
    }

    [Fact]
    public void KnownHostsName_IsBracketedForOtherPorts()
    {
        new SshNode("Node1", 22).KnownHostsName.Should().Be("node1");
        new SshNode("node1", 2222).KnownHostsName.Should().Be("[node1]:2222");
        new SshNode("2001:db8::1", 2222).ToString().Should().Be("[2001:db8::1]:2222");
    }

    [Fact]
    public void Resolve_ExactNameFirst_ThenShortName_ThenTheNameOnTheDefaultPort()
    {
        IReadOnlyList<SshNode> configured = [new("node1.example.com", 2201), new("node2", 2202), new("192.0.2.3", 2203)];

        SshNode.Resolve("NODE1.example.com", configured, 22).Should().BeSameAs(configured[0]);
        SshNode.Resolve("node1", configured, 22).Should().BeSameAs(configured[0], "short name of a configured FQDN");
        SshNode.Resolve("node2.example.com", configured, 22).Should().BeSameAs(configured[1], "FQDN of a configured short name");
        SshNode.Resolve("192.0.2.3", configured, 22).Should().BeSameAs(configured[2]);
        SshNode.Resolve("192.0.2.4", configured, 22).Should().Be(new SshNode("192.0.2.4", 22), "addresses have no short name");
        SshNode.Resolve("node9.example.com", configured, 2222).Should().Be(new SshNode("node9.example.com", 2222));
    }
}

public class SocatOutcomeTests
{
    [Theory]
    [InlineData(1, "2026/11/27 02:05:53 socat[29856] E connect(5, AF=1 \"/var/run/ganeti/socket/ganeti-query\", 14): No such file or directory", true)]
    [InlineData(1, "2026/11/27 02:05:53 socat[29856] E connect(5, AF=1 \"/s\", 14): Connection refused", true)]
    [InlineData(127, "bash: line 1: socat: command not found", true)]
    [InlineData(1, "2026/11/27 02:19:22 socat[30658] E write(5, 0x556a0d020000, 58): Broken pipe", true)]
    [InlineData(1, "2026/11/27 02:19:22 socat[30658] E write(1, 0x556a0d020000, 58): Broken pipe", false)]
    [InlineData(1, "2026/11/27 02:19:22 socat[30658] E read(5, 0x556a0d020000, 8192): Connection reset by peer", false)]
    [InlineData(0, "", false)]
    [InlineData(null, "", false)]
    [InlineData(2, "something else", false)]
    public void NotDelivered_OnlyWhenSocatProvablyPassedNothingOn(int? status, string stderr, bool notDelivered) =>
        SshChannelStream.NotDelivered(status, stderr).Should().Be(notDelivered);

    [Fact]
    public void ShellQuote_SurvivesQuotes() =>
        SshTransport.ShellQuote("a'b c").Should().Be("'a'\\''b c'");

    [Theory]
    [InlineData("rsa-sha2-512", "ssh-rsa")]
    [InlineData("rsa-sha2-256", "ssh-rsa")]
    [InlineData("ssh-ed25519", "ssh-ed25519")]
    [InlineData("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256")]
    public void HostKeyAlgorithms_MapToKeyTypes(string algorithm, string keyType) =>
        SshTransport.KeyTypeOf(algorithm).Should().Be(keyType);
}

public sealed class SshOptionsValidationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ssh-options-").FullName;

    [Fact]
    public void WithoutNodes_SshIsOff_AndNothingIsChecked() =>
        new SshOptionsValidator().Validate(null, new SshOptions()).Skipped.Should().BeTrue();

    [Fact]
    public void ValidSettings_Pass()
    {
        var options = Valid();

        new SshOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void EveryProblem_IsReported_WithTheFlagToFixIt()
    {
        var options = new SshOptions
        {
            Nodes = "node1:99999",
            User = " ",
            KnownHostsFile = Path.Combine(_dir, "absent"),
            RemoteSocket = "relative/sock",
            MasterNodeFile = "ssconf",
            ConnectTimeout = TimeSpan.Zero,
        };

        var result = new SshOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().HaveCount(7);
        result.FailureMessage.Should().Contain("--ssh-nodes").And.Contain("--ssh-user").And.Contain("--ssh-key").And.Contain("--ssh-known-hosts")
            .And.Contain("--ssh-remote-socket").And.Contain("MasterNodeFile").And.Contain("ConnectTimeout");
    }

    [Fact]
    public void MissingKnownHosts_IsFine_WithTrustOnFirstUse()
    {
        var options = Valid();
        options.KnownHostsFile = Path.Combine(_dir, "later", "known_hosts");
        new SshOptionsValidator().Validate(null, options).Failed.Should().BeTrue();

        options.TrustOnFirstUse = true;

        new SshOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void KeyFileThatIsNotAKey_IsReported()
    {
        var options = Valid();
        File.WriteAllText(options.KeyFile!, "not a key");

        new SshOptionsValidator().Validate(null, options).FailureMessage.Should().Contain("is not a usable private key");
    }

    [Fact]
    public void RemoteSocketWithSocatSpecialCharacters_IsRefused()
    {
        var options = Valid();
        options.RemoteSocket = "/run/a,b:c";

        new SshOptionsValidator().Validate(null, options).Failed.Should().BeTrue();
    }

    [Fact]
    public void TildeInPaths_MeansTheHomeDirectory()
    {
        var options = new SshOptions { KeyFile = "~/.ssh/id_ed25519" };

        options.ResolvedKeyFile.Should().Be(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "id_ed25519"));
        options.ResolvedKnownHostsFile.Should().EndWith("/.ssh/known_hosts");
    }

    [Fact]
    public void CommandLineFlags_MapOntoTheSshSection()
    {
        var parsed = RapiCommandLine.Parse(["--ssh-nodes", "a,b:2222", "--ssh-user", "ganeti", "--ssh-key", "/k", "--ssh-known-hosts", "/kh", "--ssh-remote-socket", "/s", "--ssh-trust-on-first-use", "--ssh-master-node-file", "/m"], TextWriter.Null, TextWriter.Null);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(parsed.Settings).Build();

        var options = configuration.GetSection(SshOptions.SectionName).Get<SshOptions>()!;

        options.Should().BeEquivalentTo(new SshOptions
        {
            Nodes = "a,b:2222",
            User = "ganeti",
            KeyFile = "/k",
            KnownHostsFile = "/kh",
            RemoteSocket = "/s",
            TrustOnFirstUse = true,
            MasterNodeFile = "/m",
        });
    }

    [Fact]
    public void AddMaster_WithSshNodes_UsesTheSshTransport_AndNoSimulator()
    {
        var options = Valid();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ssh:Nodes"] = options.Nodes,
            ["Ssh:KeyFile"] = options.KeyFile,
            ["Ssh:KnownHostsFile"] = options.KnownHostsFile,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddInfrastructure().AddMaster(new RapiOptions(), configuration);

        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ILuxiTransport>().Should().BeOfType<SshTransport>();
        provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Should().BeEmpty();
        provider.GetRequiredService<IOptions<SshOptions>>().Value.Nodes.Should().Be(options.Nodes);
    }

    [Fact]
    public void AddMaster_WithSshNodesAndALuxiSocket_IsRefused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ssh:Nodes"] = "node1" }).Build();

        var act = () => new ServiceCollection().AddMaster(new RapiOptions { LuxiSocket = "/s" }, configuration);

        act.Should().Throw<InvalidOperationException>().WithMessage("*--ssh-nodes and --luxi-socket*");
    }

    [Fact]
    public void InvalidSettings_AreRefused_NamingTheFlag()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ssh:Nodes"] = "node1" }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddInfrastructure().AddSshTransport();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<SshOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*--ssh-key*");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SshOptions Valid()
    {
        var key = Path.Combine(_dir, "id_ed25519");
        if (!File.Exists(key))
        {
            SshLab.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-f", key);
        }

        var knownHosts = Path.Combine(_dir, "known_hosts");
        File.WriteAllText(knownHosts, string.Empty);
        return new SshOptions { Nodes = "node1,node2:2222", KeyFile = key, KnownHostsFile = knownHosts };
    }
}
