using Ganeti.Domain.Common;

namespace Ganeti.Domain.Instances;

/// <summary>How OP_INSTANCE_CREATE creates an instance: fresh, from a local export, or from another cluster.</summary>
public enum InstCreateMode
{
    [WireName("create")] Create,
    [WireName("import")] Import,
    [WireName("remote-import")] RemoteImport,
}
