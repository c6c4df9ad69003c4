using Ganeti.Api.Hosting;
using Microsoft.Extensions.Configuration;

namespace Ganeti.Api.Tests.Hosting;

/// <summary>Which source wins: shipped appsettings, then --system's paths, then the usual providers, then flags.</summary>
public sealed class ConfigurationLayerTests
{
    private static IConfigurationRoot Build(string[] args, Dictionary<string, string?> environment)
    {
        var parsed = RapiCommandLine.Parse(args, TextWriter.Null, TextWriter.Null);
        parsed.ExitCode.Should().BeNull();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).AddCommandLine(parsed.HostArgs);
        RapiConfiguration.Layer(configuration, parsed);
        return configuration.Build();
    }

    [Fact]
    public void FlagsWin_OverTheEnvironment_WhichWinsOverShippedSettings()
    {
        var configuration = Build(["-p", "6001"], new() { ["Rapi:Port"] = "6000", ["Rapi:Bind"] = "::1" });

        configuration["Rapi:Port"].Should().Be("6001");
        configuration["Rapi:Bind"].Should().Be("::1");
        configuration["Rapi:DataDir"].Should().Be("data", "the shipped appsettings.json fills what nothing else sets");
    }

    [Fact]
    public void KeySettingsOnTheCommandLine_OutrankTheEnvironment_ButNotFlags()
    {
        var configuration = Build(["--Rapi:Port=6002", "--Rapi:MaxClients=9", "-p", "6003"], new() { ["Rapi:Port"] = "6000", ["Rapi:MaxClients"] = "8" });

        configuration["Rapi:MaxClients"].Should().Be("9");
        configuration["Rapi:Port"].Should().Be("6003");
    }

    [Fact]
    public void System_UsesDebiansPaths_BelowTheEnvironmentAndFlags()
    {
        var configuration = Build(["--system"], []);

        var rapi = SettingsCheck.Read(new ConfigurationBuilder().AddConfiguration(configuration).Build(), out _);
        rapi.SslCert.Should().Be("/var/lib/ganeti/rapi.pem");
        rapi.UsersFile.Should().Be("/var/lib/ganeti/rapi/users");
        rapi.DataDir.Should().Be("/var/lib/ganeti-rapi-net");
        Path.IsPathRooted(rapi.DataDir).Should().BeTrue();

        var overridden = Build(["--system", "-C", "/etc/flag.pem"], new() { ["Rapi:DataDir"] = "/srv/rapi", ["Rapi:SslCert"] = "/etc/env.pem" });
        overridden["Rapi:DataDir"].Should().Be("/srv/rapi");
        overridden["Rapi:SslCert"].Should().Be("/etc/flag.pem");
    }

    [Fact]
    public void WithoutSystem_TheCertificateIsGeneratedInTheDataDirectory()
    {
        var configuration = Build([], []);

        configuration["Rapi:SslCert"].Should().BeNull();
        configuration["Rapi:DataDir"].Should().Be("data");
    }

    [Theory]
    [InlineData("Rapi:Port", "abc", "'abc'")]
    [InlineData("Rapi:Bind", "localhost", "-b/--bind: 'localhost' is not an IP address")]
    [InlineData("Rapi:SslCert", "/no/such/cert.pem", "-C/--ssl-cert: cannot load '/no/such/cert.pem'")]
    [InlineData("Rapi:SslChain", "/no/such/chain.pem", "--ssl-chain: cannot load '/no/such/chain.pem'")]
    [InlineData("Logging:Syslog", "maybe", "--syslog: 'maybe'")]
    public void BadSettingsFromAnySource_AreOneLineNamingTheFlag(string key, string value, string expected)
    {
        SettingsCheck.Read(Build([], new() { [key] = value }), out var problem);

        problem.Should().Contain(expected).And.NotContain("\n");
    }

    [Fact]
    public void RequireAuthentication_NeedsTheUsersFile()
    {
        SettingsCheck.Read(Build(["--require-authentication", "--users-file", "/no/such/users"], []), out var problem);
        problem.Should().Be("--users-file: '/no/such/users' does not exist, and --require-authentication admits only the users it lists");

        SettingsCheck.Read(Build(["--users-file", "/no/such/users", "--no-ssl"], []), out problem);
        problem.Should().BeNull("without --require-authentication a missing users file means anonymous reads only");
    }

    [Fact]
    public void SshNodesAndLuxiSocket_ExcludeEachOther()
    {
        SettingsCheck.Read(Build(["--ssh-nodes", "a", "--luxi-socket", "--no-ssl"], []), out var problem);

        problem.Should().StartWith("--ssh-nodes and --luxi-socket exclude each other");
    }
}
