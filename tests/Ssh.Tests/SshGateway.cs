using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ganeti.Ssh.Tests;

/// <summary>The real RAPI host configured with <c>--ssh-*</c> settings (no embedded simulator).</summary>
public sealed class SshGateway(SshLab lab, string nodes, string remoteSocket, string masterNodeFile, string? usersFile = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Rapi:DataDir", Path.Combine(lab.Root, "gateway"));
        builder.UseSetting("Rapi:UsersFile", usersFile ?? Path.Combine(lab.Root, "no-users"));
        builder.UseSetting("Ssh:Nodes", nodes);
        builder.UseSetting("Ssh:User", SshLab.User);
        builder.UseSetting("Ssh:KeyFile", lab.ClientKey);
        builder.UseSetting("Ssh:KnownHostsFile", lab.KnownHosts);
        builder.UseSetting("Ssh:RemoteSocket", remoteSocket);
        builder.UseSetting("Ssh:MasterNodeFile", masterNodeFile);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }
}
