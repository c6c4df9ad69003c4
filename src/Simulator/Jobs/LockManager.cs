namespace Ganeti.Simulator.Jobs;

/// <summary>
/// Exclusive locks on named objects (e.g. <c>instance/web1.example.com</c>). A job waits
/// for every lock its opcode needs; locks are taken in a fixed order so jobs cannot deadlock.
/// </summary>
public sealed class LockManager
{
    private readonly Dictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public async ValueTask<IAsyncDisposable> AcquireAsync(IEnumerable<string> names, CancellationToken ct)
    {
        var ordered = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var held = new List<SemaphoreSlim>(ordered.Count);
        try
        {
            foreach (var name in ordered)
            {
                SemaphoreSlim semaphore;
                lock (_sync)
                {
                    if (!_locks.TryGetValue(name, out semaphore!))
                    {
                        semaphore = new SemaphoreSlim(1, 1);
                        _locks[name] = semaphore;
                    }
                }

                await semaphore.WaitAsync(ct).ConfigureAwait(false);
                held.Add(semaphore);
            }
        }
        catch
        {
            Release(held);
            throw;
        }

        return new Releaser(() => Release(held));
    }

    private static void Release(List<SemaphoreSlim> held)
    {
        foreach (var semaphore in held)
        {
            semaphore.Release();
        }

        held.Clear();
    }

    private sealed class Releaser(Action release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            release();
            return ValueTask.CompletedTask;
        }
    }
}
