namespace Ganeti.Api.Hosting;

/// <summary>A file the service reads that an operator may replace while it runs: reloaded on SIGHUP.</summary>
public interface IReloadable
{
    /// <summary>Reads the file again now; <paramref name="trigger"/> says why, for the log.</summary>
    void Reload(string trigger);
}
