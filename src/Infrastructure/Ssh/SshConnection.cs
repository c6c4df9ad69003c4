using Renci.SshNet;

namespace Ganeti.Infrastructure.Ssh;

/// <summary>
/// One SSH connection to a node and the number of channels open on it, kept under the
/// server's per-connection session limit. A retired connection takes no new channels and is
/// closed when its last channel closes.
/// </summary>
internal sealed class SshConnection(SshNode node, SshClient client, int maxChannels) : IDisposable
{
    private readonly Lock _sync = new();
    private int _channels;
    private bool _retired;
    private bool _disposed;

    public SshNode Node => node;

    public SshClient Client => client;

    public bool IsConnected
    {
        get
        {
            lock (_sync)
            {
                return !_disposed && client.IsConnected;
            }
        }
    }

    /// <summary>Reserves a channel slot; false when retired, closed or full.</summary>
    public bool TryReserve()
    {
        lock (_sync)
        {
            if (_retired || _disposed || _channels >= maxChannels || !client.IsConnected)
            {
                return false;
            }

            _channels++;
            return true;
        }
    }

    public void Release()
    {
        bool close;
        lock (_sync)
        {
            _channels--;
            close = _retired && _channels == 0;
        }

        if (close)
        {
            Dispose();
        }
    }

    /// <summary>No new channels; closes now if idle, else after the last channel.</summary>
    public void Retire()
    {
        bool close;
        lock (_sync)
        {
            _retired = true;
            close = _channels == 0;
        }

        if (close)
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _retired = true;
        }

        client.Dispose();
    }
}
