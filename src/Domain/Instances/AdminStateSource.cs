using Ganeti.Domain.Common;

namespace Ganeti.Domain.Instances;

/// <summary>Who asked for an instance's shutdown: the administrator or the user inside it.</summary>
public enum AdminStateSource
{
    [WireName("admin")] Admin,
    [WireName("user")] User,
}
