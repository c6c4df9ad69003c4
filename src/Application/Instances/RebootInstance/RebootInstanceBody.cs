using Ganeti.Application.OpBody;

namespace Ganeti.Application.Instances.RebootInstance;

/// <summary>What the reboot body may hold, and what the URL and query set.</summary>
public static class RebootInstanceBody
{
    public static readonly OpDefinition Definition = new("OP_INSTANCE_REBOOT", "OpInstanceReboot",
    [
        new("instance_name", ParameterKind.String, Required: true),
        new("instance_uuid", ParameterKind.MaybeNonEmptyString),
        new("shutdown_timeout", ParameterKind.NonNegativeInt),
        new("ignore_secondaries", ParameterKind.Bool),
        new("reboot_type", ParameterKind.OneOf<Domain.Instances.RebootType>(), Required: true),
    ]);

    public static readonly IReadOnlyCollection<string> Statics =
        ["instance_name", "reboot_type", "ignore_secondaries", "dry_run", "reason"];

    /// <summary>The resource name used in the reason trail.</summary>
    public const string Resource = "instances_name_reboot";
}
