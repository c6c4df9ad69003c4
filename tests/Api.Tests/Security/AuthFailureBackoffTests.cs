using System.Net;
using Ganeti.Api.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ganeti.Api.Tests.Security;

/// <summary>The backoff's decisions on a fake clock: threshold, doubling, cap, decay, reset, bounded memory.</summary>
public sealed class AuthFailureBackoffTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("192.0.2.7");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    private AuthFailureBackoff Backoff(Action<AuthBackoffOptions>? change = null)
    {
        var settings = new AuthBackoffOptions();
        change?.Invoke(settings);
        return new AuthFailureBackoff(Options.Create(settings), _time);
    }

    [Fact]
    public void RecordFailure_PastTheThreshold_DelayDoublesUpToTheCap()
    {
        var backoff = Backoff();

        var delays = Enumerable.Range(0, 12).Select(_ => backoff.RecordFailure(Attacker).TotalSeconds).ToList();

        delays.Should().Equal(0, 0, 0, 0, 0, 0.5, 1, 2, 4, 8, 10, 10);
    }

    [Fact]
    public void RecordSuccess_ForgetsTheAddress_ItStartsAgainWithoutDelay()
    {
        var backoff = Backoff();
        for (var i = 0; i < 8; i++)
        {
            backoff.RecordFailure(Attacker);
        }

        backoff.RecordSuccess(Attacker);

        backoff.TrackedAddresses.Should().Be(0);
        backoff.RecordFailure(Attacker).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void RecordFailure_AfterQuietTime_CountHasDecayed()
    {
        var backoff = Backoff();
        for (var i = 0; i < 8; i++)
        {
            backoff.RecordFailure(Attacker);
        }

        // Eight failures, one half-life later, count as four; the ninth makes five: no delay yet.
        _time.Advance(TimeSpan.FromMinutes(1));
        backoff.RecordFailure(Attacker).Should().Be(TimeSpan.Zero);
        backoff.RecordFailure(Attacker).Should().Be(TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public void RecordFailure_OfOneAddress_DoesNotSlowAnother()
    {
        var backoff = Backoff();
        for (var i = 0; i < 20; i++)
        {
            backoff.RecordFailure(Attacker);
        }

        backoff.RecordFailure(IPAddress.Parse("192.0.2.8")).Should().Be(TimeSpan.Zero);
        backoff.RecordFailure(IPAddress.Loopback).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void KeyOf_IPv6CountsBy64Network_MappedIPv4AsIPv4()
    {
        AuthFailureBackoff.KeyOf(IPAddress.Parse("2001:db8:1:2:aaaa::1")).Should().Be(IPAddress.Parse("2001:db8:1:2::"));
        AuthFailureBackoff.KeyOf(IPAddress.Parse("2001:db8:1:2:bbbb::9")).Should().Be(IPAddress.Parse("2001:db8:1:2::"));
        AuthFailureBackoff.KeyOf(IPAddress.Parse("2001:db8:1:3::1")).Should().NotBe(IPAddress.Parse("2001:db8:1:2::"));
        AuthFailureBackoff.KeyOf(IPAddress.Parse("::ffff:192.0.2.7")).Should().Be(Attacker);
    }

    [Fact]
    public void RecordFailure_FromAddressesOfOne64Network_AddUp()
    {
        var backoff = Backoff();
        var delays = Enumerable.Range(1, 6).Select(i => backoff.RecordFailure(IPAddress.Parse($"2001:db8::{i:x}"))).ToList();

        delays[^1].Should().Be(TimeSpan.FromSeconds(0.5));
        backoff.TrackedAddresses.Should().Be(1);
    }

    [Fact]
    public void RecordFailure_FromManyAddresses_TracksNoMoreThanTheCap_AndKeepsTheRecentAttacker()
    {
        var backoff = Backoff(o => o.MaxAddresses = 1000);
        for (var i = 0; i < 10; i++)
        {
            backoff.RecordFailure(Attacker);
        }

        for (var i = 0; i < 100_000; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            backoff.RecordFailure(new IPAddress(BitConverter.GetBytes(0x0a000000 + i)));
            backoff.TrackedAddresses.Should().BeLessThanOrEqualTo(1000);
            if (i % 500 == 0)
            {
                // The attacker keeps failing: the addresses that are dropped are the quiet ones.
                backoff.RecordFailure(Attacker).Should().BeGreaterThan(TimeSpan.Zero);
            }
        }
    }

    [Fact]
    public void RecordFailure_FromManyAddresses_ForgottenCountsAreDroppedFirst()
    {
        var backoff = Backoff(o => o.MaxAddresses = 100);
        for (var i = 0; i < 100; i++)
        {
            backoff.RecordFailure(new IPAddress(BitConverter.GetBytes(0x0a000000 + i)));
        }

        _time.Advance(TimeSpan.FromMinutes(10));
        backoff.RecordFailure(Attacker);

        backoff.TrackedAddresses.Should().Be(1, "the hundred single failures ten half-lives ago are forgotten");
    }

    [Theory]
    [InlineData("00:00:00", 10_000)]
    [InlineData("00:00:10", 0)]
    public void RecordFailure_WhenTurnedOff_NeverDelaysAndTracksNothing(string maxDelay, int maxAddresses)
    {
        var backoff = Backoff(o =>
        {
            o.MaxDelay = TimeSpan.Parse(maxDelay, System.Globalization.CultureInfo.InvariantCulture);
            o.MaxAddresses = maxAddresses;
        });

        Enumerable.Range(0, 50).Select(_ => backoff.RecordFailure(Attacker)).Should().AllBeEquivalentTo(TimeSpan.Zero);
        backoff.TrackedAddresses.Should().Be(0);
    }
}
