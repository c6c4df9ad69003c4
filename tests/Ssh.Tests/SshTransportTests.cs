using System.Diagnostics;
using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Infrastructure.Ssh;
using Ganeti.Luxi;
using Xunit.Abstractions;

namespace Ganeti.Ssh.Tests;

/// <summary>LUXI through a real sshd and socat to a simulated master on the same machine.</summary>
public sealed class SshTransportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private SshLab _lab = null!;
    private SshServer _server = null!;
    private string _socket = null!;
    private string _masterFile = null!;

    public async Task InitializeAsync()
    {
        _lab = new SshLab(new TestOutputLoggerFactory(output));
        _socket = Path.Combine(_lab.Root, "luxi.sock");
        _masterFile = Path.Combine(_lab.Root, "ssconf_master_node");
        File.WriteAllText(_masterFile, "127.0.0.1\n");
        _lab.StartMaster(_socket);
        _server = await _lab.StartServerAsync("sshd");
    }

    public async Task DisposeAsync() => await _lab.DisposeAsync();

    [Fact]
    public async Task QueryClusterInfo_ThroughSshAndSocat_Answers()
    {
        _lab.TrustAll(_server);
        var (transport, client) = _lab.Connect(Options());

        var info = await new LuxiQueries(client).QueryClusterInfoAsync(CancellationToken.None);

        info["name"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        transport.Master.Should().Be(_server.Node);
        transport.Endpoint.Should().Be($"ssh://{SshLab.User}@127.0.0.1:{_server.Port}{_socket}");
    }

    [Fact]
    public async Task SubmittedJob_FollowedWithWaitForJobChange_ReachesSuccess()
    {
        _lab.TrustAll(_server);
        var (_, client) = _lab.Connect(Options());
        var jobs = new LuxiJobQueue(client);

        var id = await jobs.SubmitAsync([new OpTestDelay(0.3)], CancellationToken.None);
        var status = await SshLab.WaitForEndAsync(jobs, id);

        status.Should().Be("success");
    }

    [Fact]
    public async Task ReadOnlyCalls_ShareOneSshConnection_AndReusePooledChannels()
    {
        _lab.TrustAll(_server);
        var (transport, client) = _lab.Connect(Options(), new LuxiOptions { PoolSize = 4 });
        var queries = new LuxiQueries(client);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => queries.QueryClusterInfoAsync(CancellationToken.None).AsTask()));
        for (var i = 0; i < 20; i++)
        {
            await queries.QueryConfigValuesAsync(["cluster_name"], CancellationToken.None);
        }

        transport.ConnectionCount.Should().Be(1);
        _server.SessionCount.Should().Be(1, "one SSH connection carries all channels");
    }

    [Fact]
    public async Task MoreChannelsThanAConnectionCarries_OpenAnotherConnection_AndEachChannelWorks()
    {
        _lab.TrustAll(_server);
        var options = Options();
        options.MaxChannelsPerConnection = 2;
        var (transport, _) = _lab.Connect(options);

        var streams = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => transport.ConnectAsync(CancellationToken.None).AsTask()));
        try
        {
            transport.ConnectionCount.Should().Be(3, "2 channels per connection, 5 open at once");
            _server.SessionCount.Should().Be(3);
            foreach (var stream in streams)
            {
                var request = LuxiMessages.EncodeRequest(LuxiMethods.QueryConfigValues, [new JsonArray("cluster_name")], 3010000);
                await LuxiFrameWriter.WriteFrameAsync(stream, request, CancellationToken.None);
                var answer = LuxiMessages.DecodeResponse((await new LuxiFrameReader(stream, 1 << 20).ReadFrameAsync(CancellationToken.None))!);
                answer.Success.Should().BeTrue();
                transport.IsAlive(stream).Should().BeTrue();
            }
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task CallerCancellation_EndsAWaitingCallPromptly()
    {
        _lab.TrustAll(_server);
        var (_, client) = _lab.Connect(Options());
        var jobs = new LuxiJobQueue(client);
        var id = await jobs.SubmitAsync([new OpTestDelay(20)], CancellationToken.None);
        var current = await jobs.WaitForChangeAsync(id, ["status"], null, null, TimeSpan.FromSeconds(1), CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var act = async () => await jobs.WaitForChangeAsync(id, ["status"], new JsonArray(current.Info[0]!.DeepClone()), null, TimeSpan.FromSeconds(20), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        await jobs.CancelAsync(id, kill: true, CancellationToken.None);
    }

    [Fact]
    public async Task ReadWriteTimeout_OverSsh_IsMasterTimeout()
    {
        _lab.TrustAll(_server);
        var jobs = new LuxiJobQueue(_lab.Connect(Options()).Client);
        var id = await jobs.SubmitAsync([new OpTestDelay(20)], CancellationToken.None);
        var current = await jobs.WaitForChangeAsync(id, ["status"], null, null, TimeSpan.FromSeconds(0), CancellationToken.None);
        var impatient = new LuxiJobQueue(_lab.Connect(Options(), new LuxiOptions { ReadWriteTimeout = TimeSpan.FromSeconds(1) }).Client);

        var act = async () => await impatient.WaitForChangeAsync(id, ["status"], new JsonArray(current.Info[0]!.DeepClone()), null, TimeSpan.FromSeconds(20), CancellationToken.None);

        (await act.Should().ThrowAsync<MasterTimeoutException>()).WithMessage("*WaitForJobChange*read/write timed out after 1 s");
        await jobs.CancelAsync(id, kill: true, CancellationToken.None);
    }

    [Fact]
    public async Task KillingTheSshConnectionMidCall_IsAClearError_AndTheNextCallReconnects()
    {
        _lab.TrustAll(_server);
        var (transport, client) = _lab.Connect(Options());
        var jobs = new LuxiJobQueue(client);
        var id = await jobs.SubmitAsync([new OpTestDelay(30)], CancellationToken.None);
        var current = await jobs.WaitForChangeAsync(id, ["status"], null, null, TimeSpan.FromSeconds(0), CancellationToken.None);
        var waiting = jobs.WaitForChangeAsync(id, ["status"], new JsonArray(current.Info[0]!.DeepClone()), null, TimeSpan.FromSeconds(25), CancellationToken.None).AsTask();
        await _server.WaitForCommandAsync("socat", TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        waiting.IsCompleted.Should().BeFalse("the call waits on the master");

        _server.KillSessions().Should().BeGreaterThan(0);
        var act = () => waiting;

        var error = (await act.Should().ThrowAsync<MasterProtocolException>().WaitAsync(TimeSpan.FromSeconds(10))).Which;
        error.Message.Should().Contain("WaitForJobChange").And.Contain($"127.0.0.1:{_server.Port}").And.Contain("SSH connection");
        var info = await new LuxiQueries(client).QueryClusterInfoAsync(CancellationToken.None);
        info.Should().ContainKey("name");
        transport.ConnectionCount.Should().Be(1);
        await jobs.CancelAsync(id, kill: true, CancellationToken.None);
    }

    [Fact]
    public async Task SshdRestarted_CallsFailWhileDown_AndWorkAgainAfterwards()
    {
        _lab.TrustAll(_server);
        var (_, client) = _lab.Connect(Options(), new LuxiOptions { ConnectAttempts = 2, ConnectRetryDelay = TimeSpan.FromMilliseconds(20) });
        var queries = new LuxiQueries(client);
        await queries.QueryClusterInfoAsync(CancellationToken.None);

        await _server.StopAsync();
        var down = async () => await queries.QueryClusterInfoAsync(CancellationToken.None);
        (await down.Should().ThrowAsync<MasterUnreachableException>()).WithMessage($"*127.0.0.1:{_server.Port}*");

        await _server.StartAsync();
        var info = await queries.QueryClusterInfoAsync(CancellationToken.None);
        info.Should().ContainKey("name");
    }

    [Fact]
    public async Task NoMasterSocket_IsNotDelivered_RetriedThenUnreachableWithSocatsReason()
    {
        _lab.TrustAll(_server);
        var options = Options();
        options.RemoteSocket = Path.Combine(_lab.Root, "absent.sock");
        var (_, client) = _lab.Connect(options, new LuxiOptions { ConnectAttempts = 3, ConnectRetryDelay = TimeSpan.FromMilliseconds(10) });

        var act = async () => await new LuxiJobQueue(client).SubmitAsync([new OpTestDelay(0.001)], CancellationToken.None);

        (await act.Should().ThrowAsync<MasterUnreachableException>())
            .WithMessage($"socat on 127.0.0.1:{_server.Port} could not connect to {options.RemoteSocket}:*No such file or directory*");
    }

    [Fact]
    public async Task SubmitJob_WhenTheMasterSocketAppearsBetweenAttempts_IsSubmittedExactlyOnce()
    {
        _lab.TrustAll(_server);
        var late = Path.Combine(_lab.Root, "late.sock");
        var options = Options();
        options.RemoteSocket = late;
        var (_, client) = _lab.Connect(options, new LuxiOptions { ConnectAttempts = 10, ConnectRetryDelay = TimeSpan.FromMilliseconds(300) });

        var submit = new LuxiJobQueue(client).SubmitAsync([new OpTestDelay(0.001)], CancellationToken.None).AsTask();
        await Task.Delay(150);
        _lab.StartMaster(late, Path.Combine(_lab.Root, "late-cluster"));
        var id = await submit;

        var jobs = await new LuxiQueries(client).QueryJobsAsync(null, ["id"], CancellationToken.None);
        jobs.Select(j => j.Values[0]!.GetValue<long>()).Should().Equal(id.Value);
    }

    [Fact]
    public async Task PooledChannel_ClosedByTheMasterAsItIsReused_ReadIsAskedAgainOnAFreshChannel()
    {
        _lab.TrustAll(_server);
        var socket = Path.Combine(_lab.Root, "one-answer.sock");
        await using var master = new OneAnswerLuxiServer(socket);
        var options = Options();
        options.RemoteSocket = socket;
        var (_, client) = _lab.Connect(options, new LuxiOptions { PoolSize = 1, ConnectAttempts = 1 });

        var first = await client.CallAsync(LuxiMethods.QueryConfigValues, [new JsonArray("cluster_name")], CancellationToken.None);
        var second = await client.CallAsync(LuxiMethods.QueryConfigValues, [new JsonArray("cluster_name")], CancellationToken.None);

        first!.GetValue<string>().Should().Be("answer on connection 1");
        second!.GetValue<string>().Should().Be("answer on connection 2");
        master.Requests.Should().Be(3, "the second read reached the master on the reused channel, then again on a fresh one");
    }

    [Fact]
    public async Task ChannelTheMasterClosesAfterARequest_EndsCleanly_NeverAsNotDelivered()
    {
        _lab.TrustAll(_server);
        var socket = Path.Combine(_lab.Root, "one-answer.sock");
        await using var master = new OneAnswerLuxiServer(socket);
        var options = Options();
        options.RemoteSocket = socket;
        var (transport, client) = _lab.Connect(options, new LuxiOptions { PoolSize = 1, ConnectAttempts = 3 });

        // The master received the second request and closed: socat exits 0 with nothing said,
        // which must never count as "not delivered" (a SubmitJob here might have run).
        var stream = await transport.ConnectAsync(CancellationToken.None);
        await using (stream)
        {
            var request = LuxiMessages.EncodeRequest(LuxiMethods.SubmitJob, [new JsonArray()], null);
            await LuxiFrameWriter.WriteFrameAsync(stream, request, CancellationToken.None);
            var reader = new LuxiFrameReader(stream, 1 << 20);
            (await reader.ReadFrameAsync(CancellationToken.None)).Should().NotBeNull();
            await LuxiFrameWriter.WriteFrameAsync(stream, request, CancellationToken.None);

            var act = async () => await reader.ReadFrameAsync(CancellationToken.None);

            (await act.Should().NotThrowAsync()).Subject.Should().BeNull("socat ends cleanly when the master closes; not a not-delivered case");
        }

        master.Requests.Should().Be(2);
        var answer = await client.CallAsync(LuxiMethods.QueryConfigValues, [new JsonArray("cluster_name")], CancellationToken.None);
        answer!.GetValue<string>().Should().StartWith("answer on connection");
    }

    [Fact]
    public async Task WrongHostKey_IsRefused_WithHostPortAndFingerprint()
    {
        var other = Path.Combine(_lab.Root, "other_ed25519");
        SshLab.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-f", other);
        var otherKey = string.Join(' ', File.ReadAllText(other + ".pub").Split(' ').Take(2));
        File.WriteAllText(_lab.KnownHosts, $"[127.0.0.1]:{_server.Port} {otherKey}\n");
        var (_, client) = _lab.Connect(Options(trustOnFirstUse: true), new LuxiOptions { ConnectAttempts = 1 });

        var act = async () => await new LuxiQueries(client).QueryClusterInfoAsync(CancellationToken.None);

        var error = (await act.Should().ThrowAsync<MasterUnreachableException>()).Which;
        error.Message.Should().Contain($"Host key verification failed for 127.0.0.1 port {_server.Port}")
            .And.Contain(KnownHosts.Fingerprint(_server.HostKeyBlob))
            .And.Contain("differs from the one recorded");
        File.ReadAllText(_lab.KnownHosts).Should().NotContain(_server.HostPublicKey, "a changed key is never recorded, even with trust on first use");
    }

    [Fact]
    public async Task UnknownHost_IsRefusedWithoutTrustOnFirstUse()
    {
        File.WriteAllText(_lab.KnownHosts, "# nothing yet\n");
        var (_, client) = _lab.Connect(Options(), new LuxiOptions { ConnectAttempts = 1 });

        var act = async () => await new LuxiQueries(client).QueryClusterInfoAsync(CancellationToken.None);

        var error = (await act.Should().ThrowAsync<MasterUnreachableException>()).Which;
        error.Message.Should().Contain($"Host key verification failed for 127.0.0.1 port {_server.Port}")
            .And.Contain("has no key for this host")
            .And.Contain(KnownHosts.Fingerprint(_server.HostKeyBlob))
            .And.Contain("--ssh-trust-on-first-use");
        File.ReadAllText(_lab.KnownHosts).Should().Be("# nothing yet\n");
    }

    [Fact]
    public async Task UnknownHost_WithTrustOnFirstUse_IsAcceptedAndRecorded_ThenTrustedWithoutIt()
    {
        var (_, tofu) = _lab.Connect(Options(trustOnFirstUse: true));

        await new LuxiQueries(tofu).QueryClusterInfoAsync(CancellationToken.None);

        File.ReadAllLines(_lab.KnownHosts).Should().Equal(_server.KnownHostsLine);
        var (_, strict) = _lab.Connect(Options());
        var info = await new LuxiQueries(strict).QueryClusterInfoAsync(CancellationToken.None);
        info.Should().ContainKey("name");
    }

    [Fact]
    public async Task HashedKnownHostsEntry_WrittenByOpenSsh_IsTrusted()
    {
        _lab.TrustAll(_server);
        SshLab.Run("ssh-keygen", "-H", "-f", _lab.KnownHosts);
        File.ReadAllText(_lab.KnownHosts).Should().StartWith("|1|");
        var (_, client) = _lab.Connect(Options());

        var info = await new LuxiQueries(client).QueryClusterInfoAsync(CancellationToken.None);

        info.Should().ContainKey("name");
    }

    private SshOptions Options(bool trustOnFirstUse = false) =>
        _lab.Options($"127.0.0.1:{_server.Port}", _socket, _masterFile, trustOnFirstUse);
}
