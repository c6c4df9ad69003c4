using System.Diagnostics;
using System.Globalization;

namespace Ganeti.Api.Tests.Hosting;

/// <summary>
/// Publishes the service once per run as the README says (self-contained, single file, for
/// linux-x64) into a temporary directory, with its own build artifacts so the tree's builds
/// are untouched.
/// </summary>
public sealed class PublishedExecutable : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("rapi-publish-").FullName;

    public string OutputDirectory => Path.Combine(_root, "out");

    public string Executable => Path.Combine(OutputDirectory, "Ganeti.Api");

    public string PublishLog { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet",
        [
            "publish", Path.Combine(CommandLineTests.RepositoryRoot(), "src", "Api"), "-c", "Release", "-r", "linux-x64", "--self-contained",
            "-p:PublishSingleFile=true", "-o", OutputDirectory, "--artifacts-path", Path.Combine(_root, "artifacts"), "-nologo",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
        };
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        PublishLog = await stdout + await stderr;
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish failed:\n" + PublishLog);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The published single-file executable starts, answers, and runs without the SDK's shared frameworks.</summary>
public sealed class PublishedExecutableTests(PublishedExecutable published) : IClassFixture<PublishedExecutable>, IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("rapi-published-data-").FullName;

    [Fact]
    public void IsOneExecutable_WithItsSettingsBeside()
    {
        var files = Directory.GetFiles(published.OutputDirectory).Select(Path.GetFileName).ToList();

        files.Should().Contain(["Ganeti.Api", "appsettings.json"]);
        files.Should().NotContain(f => f!.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".so", StringComparison.Ordinal),
            "the assemblies, the runtime and SQLite's native library are inside the executable");
    }

    [Fact]
    public async Task Starts_AndServesTheSimulatedClusterOverHttps()
    {
        var port = ApiProcess.FreePort();
        await using var service = ApiProcess.Start(published.Executable,
            ["-p", port.ToString(CultureInfo.InvariantCulture), "--data-dir", _dataDir, "--sim-time-scale", "0"],
            [new("DOTNET_ROOT", "/nonexistent")]);
        await service.WaitForPortAsync(port, TimeSpan.FromSeconds(60));

        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
        (await client.GetStringAsync("/2/info")).Should().Contain("\"name\":\"cluster.example.com\"");
        File.Exists(Path.Combine(_dataDir, "rapi.pem")).Should().BeTrue();
    }

    [Fact]
    public async Task Version_AndUsageErrors_AsFromDotnet()
    {
        await using var version = ApiProcess.Start(published.Executable, ["--version"]);
        (await version.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(0);
        version.StandardOutput.Should().StartWith("Ganeti.Api (Ganeti RAPI for .NET) ");

        await using var bad = ApiProcess.Start(published.Executable, ["-p", "abc"]);
        (await bad.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(2);
        bad.StandardError.Should().StartWith("Ganeti.Api: error: -p/--port: 'abc'");
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);
}
