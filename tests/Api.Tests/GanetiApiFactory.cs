using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ganeti.Api.Tests;

/// <summary>The real host on the real embedded simulator, in a temporary data directory.</summary>
public class GanetiApiFactory : WebApplicationFactory<Program>
{
    public GanetiApiFactory()
    {
        DataDir = Path.Combine(Path.GetTempPath(), "rapi-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(DataDir);
        UsersFile = Path.Combine(DataDir, "users");
        File.WriteAllText(UsersFile, "admin adminpass write\nreader readerpass read\n# comment\nplain plainpass\nha1 {HA1}" + Auth.RapiUsersFile.Ha1("ha1", "secret") + " write\n");
    }

    public string DataDir { get; }

    public string UsersFile { get; }

    public bool RequireAuthentication { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Rapi:DataDir", DataDir);
        builder.UseSetting("Rapi:UsersFile", UsersFile);
        builder.UseSetting("Rapi:SimTimeScale", "0.05");

        // The HTTP tests pin placements on the demo cluster: the simulator's built-in allocator
        // (no iallocator scripts here), not hail, which refuses the demo cluster's new instances (N+1).
        builder.UseSetting("Simulator:IallocatorDirectory", Path.Combine(DataDir, "no-iallocators"));
        builder.UseSetting("Rapi:RequireAuthentication", RequireAuthentication ? "true" : "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        Configure(builder);
    }

    /// <summary>More settings of a derived fixture, applied after these.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
