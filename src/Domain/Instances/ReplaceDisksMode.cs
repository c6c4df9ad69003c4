using Ganeti.Domain.Common;

namespace Ganeti.Domain.Instances;

/// <summary>How OP_INSTANCE_REPLACE_DISKS replaces an instance's disks.</summary>
public enum ReplaceDisksMode
{
    [WireName("replace_on_primary")] ReplaceOnPrimary,
    [WireName("replace_on_secondary")] ReplaceOnSecondary,
    [WireName("replace_new_secondary")] ReplaceNewSecondary,
    [WireName("replace_auto")] ReplaceAuto,
}
