using Ganeti.Api.Auth;
using Ganeti.Api.Http;

namespace Ganeti.Api.Tests;

public class HttpPartsTests
{
    [Theory]
    [InlineData("1", 1L)]
    [InlineData(" 0 ", 0L)]
    [InlineData("-5", -5L)]
    [InlineData("+7", 7L)]
    [InlineData("1_000", 1000L)]
    public void TryParsePythonInt_AcceptsWhatIntAccepts(string text, long expected)
    {
        RapiQuery.TryParsePythonInt(text, out var value).Should().BeTrue();
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("true")]
    [InlineData("1.5")]
    [InlineData("_1")]
    [InlineData("1__0")]
    [InlineData("0x10")]
    public void TryParsePythonInt_RefusesTheRest(string text) => RapiQuery.TryParsePythonInt(text, out _).Should().BeFalse();

    [Fact]
    public void UsersFile_ParsesGanetiFormat()
    {
        var users = RapiUsersFile.Parse("""
            # comment
            admin secret write
            reader {CLEARTEXT}pw read, write
            lonely
            admin newer
            """);

        users.Keys.Should().BeEquivalentTo("admin", "reader");
        users["admin"].Password.Should().Be("newer");
        users["admin"].Options.Should().BeEmpty();
        users["reader"].Options.Should().BeEquivalentTo("read", "write");
    }

    [Fact]
    public void Verify_PasswordForms()
    {
        RapiUsersFile.Verify(new RapiUser("a", "pw", new HashSet<string>()), "pw").Should().BeTrue();
        RapiUsersFile.Verify(new RapiUser("a", "{cleartext}pw", new HashSet<string>()), "pw").Should().BeTrue();
        RapiUsersFile.Verify(new RapiUser("a", "{HA1}" + RapiUsersFile.Ha1("a", "pw").ToUpperInvariant(), new HashSet<string>()), "pw").Should().BeTrue();
        RapiUsersFile.Verify(new RapiUser("a", "{HA1}" + RapiUsersFile.Ha1("a", "pw"), new HashSet<string>()), "other").Should().BeFalse();
        RapiUsersFile.Verify(new RapiUser("a", "{SHA}pw", new HashSet<string>()), "pw").Should().BeFalse();
        RapiUsersFile.Verify(new RapiUser("a", "{}pw", new HashSet<string>()), "pw").Should().BeFalse();
    }

    [Fact]
    public void Ha1_IsMd5OfUserRealmPassword() =>
        RapiUsersFile.Ha1("jack", "abc123").Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("jack:Ganeti Remote API:abc123"u8.ToArray())));
}
