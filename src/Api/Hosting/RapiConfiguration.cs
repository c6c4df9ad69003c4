using Microsoft.Extensions.Configuration.Memory;

namespace Ganeti.Api.Hosting;

/// <summary>Where each setting comes from, lowest first.</summary>
public static class RapiConfiguration
{
    /// <summary>
    /// Puts the settings shipped beside the program (appsettings.json) below every other
    /// source, <c>--system</c>'s Debian paths just above them, and the flags given on top:
    /// shipped, system defaults, the usual providers (appsettings of the content root,
    /// environment), flags.
    /// </summary>
    public static void Layer(IConfigurationBuilder configuration, RapiCommandLine.Parsed commandLine)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        var shipped = configuration.Sources[^1];
        configuration.Sources.RemoveAt(configuration.Sources.Count - 1);
        configuration.Sources.Insert(0, shipped);
        if (commandLine.System)
        {
            configuration.Sources.Insert(1, new MemoryConfigurationSource { InitialData = RapiCommandLine.SystemDefaults });
        }

        configuration.AddInMemoryCollection(commandLine.Settings);
    }
}
