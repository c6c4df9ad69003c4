using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ganeti.Api.Tests.Hosting;

/// <summary>The built service as its own process (<c>dotnet Ganeti.Api.dll ARGS</c>), or any other executable.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _lineArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApiProcess(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Collect(_stdout, _stdoutClosed, e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(_stderr, _stderrClosed, e.Data);
        _process.Exited += (_, _) => Interlocked.Exchange(ref _lineArrived, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Dll => typeof(Program).Assembly.Location;

    public int Id => _process.Id;

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the built service with these arguments and extra environment.</summary>
    public static ApiProcess StartService(IEnumerable<string> args, IEnumerable<KeyValuePair<string, string>>? environment = null) =>
        Start("dotnet", [Dll, .. args], environment);

    public static ApiProcess Start(string fileName, IEnumerable<string> args, IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        var start = new ProcessStartInfo(fileName, args) { WorkingDirectory = Path.GetTempPath() };
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        return new ApiProcess(start);
    }

    /// <summary>Runs the service to its end: exit code, stdout, stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunServiceAsync(params string[] args)
    {
        await using var process = StartService(args);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, process.StandardOutput, process.StandardError);
    }

    /// <summary>Waits for the process to end and its output to be read; the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits until a TCP connection to the loopback port succeeds, or the process ends.</summary>
    public async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        if (await PortAnswersAsync(_process, port, timeout))
        {
            return;
        }

        if (_process.HasExited)
        {
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
            throw new InvalidOperationException($"the service ended with {_process.ExitCode}: {StandardError}{StandardOutput}");
        }

        throw new TimeoutException($"nothing answered on port {port}: {StandardError}{StandardOutput}");
    }

    /// <summary>Probes the loopback port until it answers (true), or the process ends or the time is up (false).</summary>
    public static async Task<bool> PortAnswersAsync(Process process, int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!process.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Waits until stdout or stderr holds the text; fails when the output ends without it.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = Volatile.Read(ref _lineArrived).Task;
            if (StandardOutput.Contains(text, StringComparison.Ordinal) || StandardError.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            if (_stdoutClosed.Task.IsCompleted && _stderrClosed.Task.IsCompleted)
            {
                throw new InvalidOperationException($"the output ended without '{text}': {StandardError}{StandardOutput}");
            }

            await next.WaitAsync(cancel.Token);
        }
    }

    private void Collect(StringBuilder into, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
        }
        else
        {
            lock (into)
            {
                into.AppendLine(line);
            }
        }

        Interlocked.Exchange(ref _lineArrived, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
