using System.Text.RegularExpressions;
using Ganeti.Infrastructure.Luxi;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Ganeti.Infrastructure.Ssh;

/// <summary>
/// The byte stream of one exec channel running <c>socat - UNIX-CONNECT:socket</c> on a node:
/// writes go to socat's stdin, reads come from its stdout. When the output ends the exit
/// status tells what happened: socat that could not connect to the socket (nothing read, a
/// connect error) means the request never reached the master and is reported as
/// <see cref="LuxiConnectException"/>; a lost SSH connection or any other failure as
/// <see cref="IOException"/>.
/// </summary>
internal sealed partial class SshChannelStream : Stream
{
    private readonly SshCommand _command;
    private readonly Task _execution;
    private readonly Stream _input;
    private readonly SshConnection _connection;
    private readonly string _socket;
    private readonly Action<SshNode, string> _socketUnreachable;
    private long _receivedSinceWrite;
    private bool _ended;
    private volatile bool _aborted;
    private int _disposed;

    public SshChannelStream(SshCommand command, Task execution, SshConnection connection, string socket, Action<SshNode, string> socketUnreachable)
    {
        _command = command;
        _execution = execution;
        _input = command.CreateInputStream();
        _connection = connection;
        _socket = socket;
        _socketUnreachable = socketUnreachable;
    }

    public SshNode Node => _connection.Node;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Open, connected, and nothing unasked-for waiting to be read.</summary>
    public bool IsAlive =>
        Volatile.Read(ref _disposed) == 0 && !_ended && !_aborted && !_execution.IsCompleted && _connection.IsConnected && _command.OutputStream.Length == 0;

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_ended)
        {
            return await EndOfOutputAsync().ConfigureAwait(false);
        }

        int read;
        var output = _command.OutputStream;
        if (output.Length > 0)
        {
            read = output.Read(buffer.Span);
        }
        else
        {
            // SSH.NET's output pipe only has a blocking Read: wait on a dedicated thread (not a
            // pool thread: a WaitForJobChange may wait for a minute), and end the wait by
            // closing the pipe when the caller gives up.
            using var registration = cancellationToken.Register(static s => ((SshChannelStream)s!).Abort(), this);
            read = await Task.Factory.StartNew(
                () => output.Read(buffer.Span),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (read > 0)
        {
            _receivedSinceWrite += read;
            return read;
        }

        _ended = true;
        return await EndOfOutputAsync().ConfigureAwait(false);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            _receivedSinceWrite = 0;
            _input.Write(buffer);
        }
        catch (Exception ex) when (ex is SshException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new IOException($"SSH connection to {Node} failed while sending: {ex.Message}", ex);
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Whether socat's exit proves that what it was given never reached the master as a whole
    /// request: it could not connect to the socket, could not be run at all, or its write to
    /// the socket failed because the master had already closed it (a reused channel racing the
    /// master's close; the request's last byte, its terminator, was in the failed write).
    /// </summary>
    internal static bool NotDelivered(int? exitStatus, string stderr)
    {
        if (exitStatus is 126 or 127)
        {
            return true;
        }

        if (exitStatus is null or 0)
        {
            return false;
        }

        if (SocatConnectError().IsMatch(stderr))
        {
            return true;
        }

        var write = SocatBrokenPipe().Match(stderr);
        return write.Success && write.Groups["fd"].Value is not ("1" or "2");
    }

    public override ValueTask DisposeAsync()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !disposing)
        {
            return;
        }

        // Closing a channel waits for the server's close message: do it off the caller's path.
        _ = Task.Run(() =>
        {
            try
            {
                _input.Dispose();
                _command.Dispose();
            }
            catch (Exception ex) when (ex is SshException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
            }
            finally
            {
                _connection.Release();
            }
        });
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    private void Abort()
    {
        _aborted = true;
        _command.OutputStream.Dispose();
    }

    /// <summary>The output pipe ended: the channel closed or the connection dropped. Explain which.</summary>
    private async ValueTask<int> EndOfOutputAsync()
    {
        try
        {
            await _execution.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new IOException($"SSH channel to {Node}: the output ended but the channel did not close");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new IOException($"SSH connection to {Node} was lost: {ex.Message}", ex);
        }

        if (_command.ExitSignal is { } signal)
        {
            throw new IOException($"socat on {Node} was killed by signal {signal}");
        }

        var status = _command.ExitStatus;
        if (status is null or 0)
        {
            return 0; // the master closed its end; the LUXI reader decides whether an answer was complete
        }

        var stderr = _command.Error;
        if (_receivedSinceWrite == 0 && NotDelivered(status, stderr))
        {
            if (status is 126 or 127)
            {
                var reason = $"socat could not be run on {Node} (exit status {status}: {FirstLine(stderr)}); is it installed?";
                _socketUnreachable(Node, reason);
                throw new LuxiConnectException(reason);
            }

            if (SocatConnectError().IsMatch(stderr))
            {
                var reason = $"socat on {Node} could not connect to {_socket}: {FirstLine(stderr)}";
                _socketUnreachable(Node, reason);
                throw new LuxiConnectException(reason);
            }

            // The master closed a reused channel's socket: it is still there, so no new lookup.
            throw new LuxiConnectException($"the master closed its end of {_socket} on {Node} before the request got through: {FirstLine(stderr)}");
        }

        throw new IOException($"socat on {Node} exited with status {status}: {FirstLine(stderr)}");
    }

    // e.g. "2026/11/27 02:05:53 socat[29856] E connect(5, AF=1 "/path", 14): No such file or directory"
    [GeneratedRegex(@"socat\[\d+\] E .*\bconnect\(", RegexOptions.CultureInvariant)]
    private static partial Regex SocatConnectError();

    // e.g. "… socat[30658] E write(5, 0x556a0d020000, 58): Broken pipe" (fd 1 would be socat's own stdout)
    [GeneratedRegex(@"socat\[\d+\] E write\((?<fd>\d+), [^)]*\): Broken pipe", RegexOptions.CultureInvariant)]
    private static partial Regex SocatBrokenPipe();
}
