using Ganeti.Domain.Common;

namespace Ganeti.Domain.Instances;

/// <summary>The hypervisors Ganeti knows, in its declaration order.</summary>
public enum Hypervisor
{
    [WireName("kvm")] Kvm,
    [WireName("xen-pvm")] XenPvm,
    [WireName("chroot")] Chroot,
    [WireName("xen-hvm")] XenHvm,
    [WireName("lxc")] Lxc,
    [WireName("fake")] Fake,
}
