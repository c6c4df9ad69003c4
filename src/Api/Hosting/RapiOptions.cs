namespace Ganeti.Api.Hosting;

/// <summary>The server's own settings (configuration section <c>Rapi</c>), named after ganeti-rapi's flags.</summary>
public sealed class RapiOptions
{
    public const string SectionName = "Rapi";

    public int Port { get; set; } = 5080;

    public string Bind { get; set; } = "127.0.0.1";

    public bool NoSsl { get; set; }

    /// <summary>PEM certificate; may also hold the key, like Ganeti's rapi.pem.</summary>
    public string? SslCert { get; set; }

    public string? SslKey { get; set; }

    /// <summary>PEM intermediate certificates sent along with the server's (<c>--ssl-chain</c>).</summary>
    public string? SslChain { get; set; }

    public bool RequireAuthentication { get; set; }

    /// <summary>Ganeti's users file; no file means no users (anonymous reads only).</summary>
    public string UsersFile { get; set; } = "/var/lib/ganeti/rapi/users";

    /// <summary>Where the simulator keeps its state and a generated certificate is stored.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>A real master's LUXI socket; when empty the embedded simulator serves the cluster.</summary>
    public string? LuxiSocket { get; set; }

    public double SimTimeScale { get; set; } = 1.0;

    /// <summary>
    /// Connections served at once (<c>--max-clients</c>); further ones wait in the listen queue.
    /// ganeti-rapi uses the flag for its 20 worker threads; here a connection costs far less.
    /// </summary>
    public int MaxClients { get; set; } = 1000;

    /// <summary>How long a request body may go without a byte arriving before the request is answered 408 and the connection closed.</summary>
    public TimeSpan BodyIdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a client may take to send a request's headers.</summary>
    public TimeSpan HeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the idle-memory reclaimer looks at the heap (zero turns it off); see <see cref="IdleMemoryReclaimer"/>.</summary>
    public TimeSpan IdleReclaimPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Growth of the committed heap over its smallest figure beyond which a quiet service collects aggressively.</summary>
    public long IdleReclaimThresholdBytes { get; set; } = 64L << 20;

    /// <summary>Who may read <c>/metrics</c>: anyone, users with the <c>read</c> or <c>write</c> option, or <c>write</c> users only.</summary>
    public MetricsAccess MetricsAccess { get; set; } = MetricsAccess.Read;

    /// <summary>Users of the users file who may read <c>/metrics</c> whatever their options (comma-separated).</summary>
    public string MetricsUsers { get; set; } = string.Empty;

    /// <summary>How long <c>/readyz</c> reuses the master's last answer (or failure to answer).</summary>
    public TimeSpan ReadinessCache { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long <c>/readyz</c> waits for the master.</summary>
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>The callers <c>/metrics</c> admits (besides the users named in <see cref="RapiOptions.MetricsUsers"/>).</summary>
public enum MetricsAccess
{
    Anonymous,
    Read,
    Write,
}
