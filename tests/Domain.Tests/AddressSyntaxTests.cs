using Ganeti.Domain.Networks;

namespace Ganeti.Domain.Tests;

/// <summary>Address notation as Python's <c>ipaddress</c> module, which Ganeti's opcode checks use, reads it.</summary>
public class AddressSyntaxTests
{
    [Theory]
    [InlineData("10.0.0.0/24", true, null, 24)]
    [InlineData("10.0.0.0/255.255.255.0", true, null, 24)]
    [InlineData("10.0.0.0/0.0.0.255", true, null, 24)]
    [InlineData("10.0.0.0/024", true, null, 24)]
    [InlineData("10.0.0.5", true, null, 32)]
    [InlineData("010.0.0.1/32", false, null, 0)]
    [InlineData("10.0.0", false, null, 0)]
    [InlineData("10.0.0.1/24", false, "10.0.0.1/24 has host bits set", 0)]
    [InlineData("10.0.0.0/33", false, "'33' is not a valid netmask", 0)]
    [InlineData("10.0.0.0/255.0.255.0", false, "'255.0.255.0' is not a valid netmask", 0)]
    public void IPv4Network_ReadsLikePython(string text, bool valid, string? problem, int prefix)
    {
        var network = AddressSyntax.ParseIPv4Network(text);

        network.Valid.Should().Be(valid);
        network.Problem.Should().Be(problem);
        network.NotAnAddress.Should().Be(!valid && problem is null);
        if (valid)
        {
            network.PrefixLength.Should().Be(prefix);
        }
    }

    [Theory]
    [InlineData("2001:db8::/64", true, null)]
    [InlineData("2001:db8::1/64", false, "2001:db8::1/64 has host bits set")]
    [InlineData("2001:db8::/129", false, "'129' is not a valid netmask")]
    [InlineData("2001:db8::g/64", false, null)]
    public void IPv6Network_ReadsLikePython(string text, bool valid, string? problem)
    {
        var network = AddressSyntax.ParseIPv6Network(text);

        network.Valid.Should().Be(valid);
        network.Problem.Should().Be(problem);
    }

    [Theory]
    [InlineData("1.2.3.4", AddressKind.IPv4Address, true)]
    [InlineData("01.2.3.4", AddressKind.IPv4Address, false)]
    [InlineData("256.1.1.1", AddressKind.IPv4Address, false)]
    [InlineData("none", AddressKind.IPv4Address, false)]
    [InlineData("fe80::1", AddressKind.IPv6Address, true)]
    [InlineData("::ffff:1.2.3.4", AddressKind.IPv6Address, true)]
    [InlineData("1.2.3.4", AddressKind.IPv6Address, false)]
    public void Addresses_ReadLikePython(string text, AddressKind kind, bool valid) =>
        AddressSyntax.IsValid(text, kind).Should().Be(valid);
}
