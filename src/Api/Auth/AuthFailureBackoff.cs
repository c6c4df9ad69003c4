using System.Net;
using Microsoft.Extensions.Options;

namespace Ganeti.Api.Auth;

/// <summary>Settings of <see cref="AuthFailureBackoff"/> (configuration section <c>Rapi:AuthBackoff</c>).</summary>
public sealed class AuthBackoffOptions
{
    public const string SectionName = "Rapi:AuthBackoff";

    /// <summary>Failures an address may make (as counted after decay) before its answers are delayed.</summary>
    public int Threshold { get; set; } = 5;

    /// <summary>Delay of the first failure past the threshold; each further one doubles it.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The longest delay; zero turns the backoff off.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time after which an address's failure count has halved.</summary>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Addresses tracked at most; past it the least recent are forgotten first.</summary>
    public int MaxAddresses { get; set; } = 10_000;
}

/// <summary>
/// Counts failed logins per client address and decides how long the answer to the next one
/// waits: nothing up to <see cref="AuthBackoffOptions.Threshold"/> failures, then
/// <see cref="AuthBackoffOptions.FirstDelay"/> doubling with each failure up to
/// <see cref="AuthBackoffOptions.MaxDelay"/>. Counts halve every
/// <see cref="AuthBackoffOptions.HalfLife"/>; a successful login from the address forgets it.
/// IPv6 addresses are counted by their /64 network (one host's usual share). At most
/// <see cref="AuthBackoffOptions.MaxAddresses"/> are kept: forgotten counts go first, then
/// the addresses whose last failure is oldest.
/// </summary>
public sealed class AuthFailureBackoff(IOptions<AuthBackoffOptions> options, TimeProvider time)
{
    /// <summary>A count decayed below this is forgotten.</summary>
    private const double Forgotten = 0.5;

    private readonly Lock _sync = new();
    private readonly Dictionary<IPAddress, Entry> _entries = [];

    public int TrackedAddresses
    {
        get
        {
            lock (_sync)
            {
                return _entries.Count;
            }
        }
    }

    private bool Enabled => options.Value is { MaxDelay.Ticks: > 0, MaxAddresses: > 0 };

    /// <summary>Counts a failed login from the address and returns how long its answer waits.</summary>
    public TimeSpan RecordFailure(IPAddress address)
    {
        var settings = options.Value;
        if (!Enabled)
        {
            return TimeSpan.Zero;
        }

        var key = KeyOf(address);
        var now = time.GetUtcNow();
        double count;
        lock (_sync)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                if (_entries.Count >= settings.MaxAddresses)
                {
                    MakeRoom(now, settings);
                }

                entry = new Entry();
                _entries[key] = entry;
            }

            entry.Count = Decayed(entry, now, settings) + 1;
            entry.At = now;
            count = entry.Count;
        }

        return DelayFor(count, settings);
    }

    /// <summary>A successful login: the address starts again from nothing.</summary>
    public void RecordSuccess(IPAddress address)
    {
        lock (_sync)
        {
            _entries.Remove(KeyOf(address));
        }
    }

    /// <summary>Waits <paramref name="delay"/> on this tracker's clock without holding a thread.</summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken ct) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, time, ct) : Task.CompletedTask;

    /// <summary>The delay for a decayed failure count: none up to the threshold, then doubling, capped.</summary>
    public static TimeSpan DelayFor(double count, AuthBackoffOptions settings)
    {
        var past = Math.Ceiling(count - settings.Threshold - 1e-9);
        if (past < 1)
        {
            return TimeSpan.Zero;
        }

        var ticks = settings.FirstDelay.Ticks * Math.Pow(2, Math.Min(past - 1, 62));
        return ticks >= settings.MaxDelay.Ticks ? settings.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>IPv4 (also when mapped into IPv6) as is; IPv6 by its /64 network.</summary>
    public static IPAddress KeyOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    private static double Decayed(Entry entry, DateTimeOffset now, AuthBackoffOptions settings)
    {
        if (entry.Count == 0 || settings.HalfLife <= TimeSpan.Zero)
        {
            return entry.Count;
        }

        var halves = (now - entry.At) / settings.HalfLife;
        return halves <= 0 ? entry.Count : entry.Count * Math.Pow(2, -halves);
    }

    /// <summary>
    /// Drops the forgotten entries; when that frees nothing, the tenth whose last failure is
    /// oldest, so that the next insertions do not each scan the table.
    /// </summary>
    private void MakeRoom(DateTimeOffset now, AuthBackoffOptions settings)
    {
        foreach (var (key, entry) in _entries)
        {
            if (Decayed(entry, now, settings) < Forgotten)
            {
                _entries.Remove(key);
            }
        }

        if (_entries.Count < settings.MaxAddresses)
        {
            return;
        }

        var drop = Math.Max(1, _entries.Count - (settings.MaxAddresses * 9 / 10));
        foreach (var key in _entries.OrderBy(e => e.Value.At).Take(drop).Select(e => e.Key).ToList())
        {
            _entries.Remove(key);
        }
    }

    private sealed class Entry
    {
        public double Count { get; set; }

        public DateTimeOffset At { get; set; }
    }
}
