using System.Text;
using Ganeti.Infrastructure.Ssh;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ganeti.Ssh.Tests;

public class KnownHostsTests
{
    private static readonly byte[] Ed25519 = Blob("ssh-ed25519", 1);
    private static readonly byte[] OtherEd25519 = Blob("ssh-ed25519", 2);
    private static readonly byte[] Rsa = Blob("ssh-rsa", 3);

    [Fact]
    public void PlainHostOnPort22_IsTrusted()
    {
        var check = KnownHosts.Check([Line("node1.example.com,192.0.2.1", Ed25519)], "node1.example.com", Ed25519);

        check.Status.Should().Be(HostKeyStatus.Trusted);
        check.Line.Should().Be(1);
    }

    [Fact]
    public void BracketedHostAndPort_MatchesOnlyThatPort()
    {
        string[] file = [Line("[node1]:2222", Ed25519)];

        KnownHosts.Check(file, new SshNode("node1", 2222).KnownHostsName, Ed25519).Status.Should().Be(HostKeyStatus.Trusted);
        KnownHosts.Check(file, new SshNode("node1", 22).KnownHostsName, Ed25519).Status.Should().Be(HostKeyStatus.Unknown);
        KnownHosts.Check(file, new SshNode("node1", 2223).KnownHostsName, Ed25519).Status.Should().Be(HostKeyStatus.Unknown);
    }

    [Fact]
    public void HashedEntry_MatchesTheHashedName()
    {
        // |1|salt|HMAC-SHA1(salt, "[node1]:2222"), as ssh-keygen -H writes it.
        var salt = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
        string[] file = ["# comment", string.Empty, Line(KnownHosts.HashName("[node1]:2222", salt), Ed25519)];

        KnownHosts.Check(file, "[NODE1]:2222", Ed25519).Status.Should().Be(HostKeyStatus.Trusted);
        KnownHosts.Check(file, "[node2]:2222", Ed25519).Status.Should().Be(HostKeyStatus.Unknown);
    }

    [Fact]
    public void LineHashedByOpenSsh_IsMatched()
    {
        // Written by `ssh-keygen -H` from "[node1.example.com]:2222 ssh-ed25519 AAAA…".
        const string Hashed = "|1|7FdURYz9dTDBmBEBJNDcHPUztXQ=|foa+MmUzAZL3SsGoYVqpi4vHbgI= ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMQa2GNR8P6+gog51i4yNu+3595Q7Vtc+l3B0VMfRXhk";
        var key = Convert.FromBase64String("AAAAC3NzaC1lZDI1NTE5AAAAIMQa2GNR8P6+gog51i4yNu+3595Q7Vtc+l3B0VMfRXhk");

        KnownHosts.Check([Hashed], new SshNode("node1.example.com", 2222).KnownHostsName, key).Status.Should().Be(HostKeyStatus.Trusted);
        KnownHosts.Check([Hashed], new SshNode("node1.example.com", 22).KnownHostsName, key).Status.Should().Be(HostKeyStatus.Unknown);
    }

    [Fact]
    public void DifferentKeyOfTheSameType_IsChanged_WithItsLine()
    {
        var check = KnownHosts.Check([Line("other", Ed25519), Line("node1", OtherEd25519)], "node1", Ed25519);

        check.Status.Should().Be(HostKeyStatus.Changed);
        check.Line.Should().Be(2);
    }

    [Fact]
    public void SameKeyOnAnotherLine_StillTrusted_EvenIfAnOlderLineDiffers()
    {
        KnownHosts.Check([Line("node1", OtherEd25519), Line("node1", Ed25519)], "node1", Ed25519).Status.Should().Be(HostKeyStatus.Trusted);
    }

    [Fact]
    public void OnlyOtherKeyTypes_IsNotTrusted()
    {
        var check = KnownHosts.Check([Line("node1", Rsa)], "node1", Ed25519);

        check.Status.Should().Be(HostKeyStatus.OtherTypesOnly);
        check.KnownTypes.Should().Equal("ssh-rsa");
    }

    [Fact]
    public void RevokedKey_IsRevoked_AndCertAuthorityLinesAreIgnored()
    {
        KnownHosts.Check(["@revoked * " + Entry(Ed25519), Line("node1", Ed25519)], "node1", Ed25519).Status.Should().Be(HostKeyStatus.Revoked);
        KnownHosts.Check(["@cert-authority *.example.com " + Entry(Ed25519)], "node1.example.com", Ed25519).Status.Should().Be(HostKeyStatus.Unknown);
    }

    [Theory]
    [InlineData("*.example.com", "node1.example.com", true)]
    [InlineData("node?.example.com", "node1.example.com", true)]
    [InlineData("node?.example.com", "node10.example.com", false)]
    [InlineData("*.example.com,!bad.example.com", "bad.example.com", false)]
    [InlineData("!bad.example.com,*", "good.example.com", true)]
    [InlineData("[10.0.0.*]:2222", "[10.0.0.7]:2222", true)]
    [InlineData("Node1", "node1", true)]
    public void HostPatterns(string patterns, string name, bool matches) =>
        KnownHosts.HostMatches(patterns, name).Should().Be(matches);

    [Fact]
    public void MalformedLines_AreSkipped()
    {
        KnownHosts.Check(["node1", "node1 ssh-ed25519", "node1 ssh-ed25519 not-base64!", Line("node1", Ed25519)], "node1", Ed25519).Status.Should().Be(HostKeyStatus.Trusted);
    }

    [Fact]
    public void Fingerprint_IsOpenSshStyle()
    {
        var fingerprint = KnownHosts.Fingerprint(Ed25519);

        fingerprint.Should().StartWith("SHA256:").And.NotEndWith("=");
        fingerprint.Length.Should().Be("SHA256:".Length + 43);
    }

    [Fact]
    public void KeyType_IsReadFromTheBlob() => KnownHosts.KeyType(Rsa).Should().Be("ssh-rsa");

    [Fact]
    public void Policy_TrustOnFirstUse_RecordsUnknownHosts_ButNeverChangedKeys()
    {
        var dir = Directory.CreateTempSubdirectory("known-hosts-").FullName;
        try
        {
            var file = Path.Combine(dir, "sub", "known_hosts");
            var policy = new HostKeyPolicy(file, trustOnFirstUse: true, NullLogger.Instance);
            var node = new SshNode("node1", 2222);

            policy.Verify(node, Ed25519).Should().BeNull();
            File.ReadAllLines(file).Should().Equal("[node1]:2222 " + Entry(Ed25519));
            policy.Verify(node, Ed25519).Should().BeNull();
            File.ReadAllLines(file).Should().HaveCount(1);

            var refusal = policy.Verify(node, OtherEd25519);

            refusal.Should().Contain("node1 port 2222").And.Contain(KnownHosts.Fingerprint(OtherEd25519)).And.Contain("line 1");
            File.ReadAllLines(file).Should().HaveCount(1);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Policy_AppendsOnANewLine_WhenTheFileLacksATrailingNewline()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "other " + Entry(Rsa));
            new HostKeyPolicy(file, trustOnFirstUse: true, NullLogger.Instance).Verify(new SshNode("node1", 22), Ed25519).Should().BeNull();

            File.ReadAllLines(file).Should().Equal("other " + Entry(Rsa), "node1 " + Entry(Ed25519));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Policy_WithoutTrustOnFirstUse_RefusesUnknownHosts_AndNamesTheFix()
    {
        var policy = new HostKeyPolicy("/nonexistent/known_hosts", trustOnFirstUse: false, NullLogger.Instance);

        var refusal = policy.Verify(new SshNode("node1.example.com", 22), Ed25519);

        refusal.Should().StartWith("Host key verification failed for node1.example.com port 22")
            .And.Contain("ssh-keyscan -p 22 node1.example.com")
            .And.Contain("--ssh-trust-on-first-use");
    }

    /// <summary>A fake public key blob: SSH string of the type, then some bytes.</summary>
    private static byte[] Blob(string type, byte fill)
    {
        var name = Encoding.ASCII.GetBytes(type);
        return [0, 0, 0, (byte)name.Length, .. name, 0, 0, 0, 32, .. Enumerable.Repeat(fill, 32)];
    }

    private static string Entry(byte[] blob) => KnownHosts.KeyType(blob) + " " + Convert.ToBase64String(blob);

    private static string Line(string hosts, byte[] blob) => hosts + " " + Entry(blob);
}
