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
}
