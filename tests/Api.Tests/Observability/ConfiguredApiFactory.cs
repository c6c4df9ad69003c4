using Microsoft.AspNetCore.Hosting;

namespace Ganeti.Api.Tests.Observability;

/// <summary>The real host with more settings (configuration keys and values).</summary>
public sealed class ConfiguredApiFactory(params (string Key, string Value)[] settings) : GanetiApiFactory
{
    protected override void Configure(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
