using System.ComponentModel.DataAnnotations;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>How to reach the master's LUXI socket (configuration section <c>Luxi</c>).</summary>
public sealed class LuxiOptions
{
    public const string SectionName = "Luxi";

    /// <summary>Ganeti 3.x's luxid socket.</summary>
    public const string DefaultSocketPath = "/var/run/ganeti/socket/ganeti-query";

    [Required]
    public string SocketPath { get; set; } = DefaultSocketPath;

    /// <summary>Connect timeout (Ganeti: 30 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout for writing a request and reading its answer (Ganeti: 180 s).</summary>
    public TimeSpan ReadWriteTimeout { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>How many times a failed connect is tried in all; a written request is never retried.</summary>
    [Range(1, 100)]
    public int ConnectAttempts { get; set; } = 3;

    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest answer accepted, in bytes.</summary>
    [Range(1024, int.MaxValue - 1)]
    public int MaxFrameBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>
    /// Idle connections kept for reuse by read-only calls (0 = a new connection for every
    /// call). Calls that change state always use a fresh connection.
    /// </summary>
    [Range(0, 1024)]
    public int PoolSize { get; set; } = 8;

    /// <summary>The <c>version</c> sent with each request (Ganeti 3.1: 3010000; luxid ignores it).</summary>
    public long Version { get; set; } = 3010000;
}
