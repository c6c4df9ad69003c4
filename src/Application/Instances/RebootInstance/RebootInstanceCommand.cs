using System.Text.Json.Nodes;
using Ganeti.Domain.Jobs;
using Mediator;

namespace Ganeti.Application.Instances.RebootInstance;

/// <summary>
/// POST /2/instances/{name}/reboot: <c>?type=</c> (default hard), <c>?ignore_secondaries</c>,
/// <c>?dry-run</c>, <c>?reason</c>; the body may carry the opcode's other parameters.
/// </summary>
public sealed record RebootInstanceCommand(
    string InstanceName,
    string? RebootType,
    bool IgnoreSecondaries,
    bool DryRun,
    string? Reason,
    JsonNode? Body) : ICommand<JobId>;
