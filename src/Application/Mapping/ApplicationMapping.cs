using Ganeti.Application.Instances.RebootInstance;
using Ganeti.Application.Nodes.EvacuateNode;
using Ganeti.Domain.Common;
using Ganeti.Domain.Instances;
using Ganeti.Domain.OpCodes;
using Mapster;

namespace Ganeti.Application.Mapping;

/// <summary>
/// Commands to opcodes, where Ganeti's names and shapes differ from the command's: the
/// static (URL and query) parameters. Body parameters are read by the handlers.
/// </summary>
public static class ApplicationMapping
{
    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig();
        config.Default.MapToConstructor(true);
        config.Default.RequireDestinationMemberSource(true);

        config.NewConfig<RebootInstanceCommand, OpInstanceReboot>()
            .MapToConstructor(true)
            .Map(op => op.InstanceName, c => c.InstanceName)
            .Map(op => op.RebootType, c => WireNames<RebootType>.Parse(c.RebootType ?? "hard"))
            .Map(op => op.IgnoreSecondaries, c => c.IgnoreSecondaries)
            .Map(op => op.DryRun, c => c.DryRun)
            .IgnoreNonMapped(true);

        config.NewConfig<EvacuateNodeCommand, OpNodeEvacuate>()
            .MapToConstructor(true)
            .Map(op => op.NodeName, c => c.NodeName)
            .Map(op => op.Mode, c => EvacuateNodeBody.ModeOf(c.Body))
            .Map(op => op.DryRun, c => c.DryRun)
            .IgnoreNonMapped(true);

        return config;
    }
}
