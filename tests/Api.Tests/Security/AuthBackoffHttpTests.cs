using System.Net;
using System.Text;
using System.Threading.Channels;
using Ganeti.Api.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ganeti.Api.Tests.Security;

/// <summary>
/// Bursts of wrong passwords through the whole pipeline, with the backoff on a fake clock that
/// reports every delay it is asked for: an answer that waits cannot arrive before the clock
/// is moved, so what is asserted is the service's own decision, never a wall-clock time.
/// </summary>
public sealed class AuthBackoffHttpTests(AuthBackoffHttpTests.Factory factory) : IClassFixture<AuthBackoffHttpTests.Factory>
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WrongPasswords_FromOneAddress_PastTheThreshold_AnswersWaitLongerAndLonger()
    {
        var from = IPAddress.Parse("127.0.0.2");
        await SendAsync(from, "admin:adminpass");

        for (var i = 0; i < 5; i++)
        {
            (await SendAsync(from, "admin:wrong").WaitAsync(Prompt)).Should().Be(401, "the first five failures are answered at once");
        }

        factory.Clock.Delays.Reader.TryRead(out _).Should().BeFalse();
        foreach (var expected in new[] { 0.5, 1, 2 })
        {
            var answer = SendAsync(from, "admin:wrong");
            var delay = await factory.Clock.Delays.Reader.ReadAsync().AsTask().WaitAsync(Prompt);

            delay.Should().Be(TimeSpan.FromSeconds(expected));
            answer.IsCompleted.Should().BeFalse("the 401 waits for the clock");
            factory.Clock.Advance(delay);
            (await answer.WaitAsync(Prompt)).Should().Be(401);
        }
    }

    [Fact]
    public async Task RightPassword_WhileBackedOff_IsAnsweredAtOnce_AndForgetsTheFailures()
    {
        var from = IPAddress.Parse("127.0.0.3");
        for (var i = 0; i < 5; i++)
        {
            (await SendAsync(from, "admin:wrong").WaitAsync(Prompt)).Should().Be(401);
        }

        var waiting = SendAsync(from, "admin:wrong");
        var delay = await factory.Clock.Delays.Reader.ReadAsync().AsTask().WaitAsync(Prompt);

        (await SendAsync(from, "admin:adminpass").WaitAsync(Prompt)).Should().Be(200);
        factory.Clock.Advance(delay);
        (await waiting.WaitAsync(Prompt)).Should().Be(401);

        for (var i = 0; i < 5; i++)
        {
            (await SendAsync(from, "admin:wrong").WaitAsync(Prompt)).Should().Be(401);
        }

        factory.Clock.Delays.Reader.TryRead(out _).Should().BeFalse("the success reset the count");
    }

    [Fact]
    public async Task WrongPasswords_FromOneAddress_DoNotSlowAnother()
    {
        var attacker = IPAddress.Parse("127.0.0.4");
        for (var i = 0; i < 5; i++)
        {
            (await SendAsync(attacker, "admin:wrong").WaitAsync(Prompt)).Should().Be(401);
        }

        var waiting = SendAsync(attacker, "admin:wrong");
        var delay = await factory.Clock.Delays.Reader.ReadAsync().AsTask().WaitAsync(Prompt);

        (await SendAsync(IPAddress.Parse("127.0.0.5"), "admin:wrong").WaitAsync(Prompt)).Should().Be(401);
        (await SendAsync(IPAddress.Parse("127.0.0.5"), "admin:adminpass").WaitAsync(Prompt)).Should().Be(200);
        factory.Clock.Delays.Reader.TryRead(out _).Should().BeFalse();
        waiting.IsCompleted.Should().BeFalse();

        factory.Clock.Advance(delay);
        (await waiting.WaitAsync(Prompt)).Should().Be(401);
    }

    private async Task<int> SendAsync(IPAddress from, string credentials)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/2/info";
            c.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
            c.Connection.RemoteIpAddress = from;
        });
        return context.Response.StatusCode;
    }

    /// <summary>The service with its backoff on <see cref="Clock"/>.</summary>
    public sealed class Factory : GanetiApiFactory
    {
        public ReportingClock Clock { get; } = new();

        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton(new AuthFailureBackoff(Options.Create(new AuthBackoffOptions()), Clock)));
    }

    /// <summary>A fake clock that reports each timer it is asked for (the backoff's delays) by its due time.</summary>
    public sealed class ReportingClock : FakeTimeProvider
    {
        public Channel<TimeSpan> Delays { get; } = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // The timer exists before it is reported: a test that advances the clock as soon as
            // it reads the delay must find the timer there to fire, not one made a moment later
            // whose due time counts from the advanced clock.
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Delays.Writer.TryWrite(dueTime);
            return timer;
        }
    }
}
