using System.Text.Json.Nodes;
using Ganeti.Domain.Jobs;
using Mediator;

namespace Ganeti.Application.Nodes.EvacuateNode;

/// <summary>
/// POST /2/nodes/{name}/evacuate: <c>?dry-run</c>, <c>?reason</c>; the body gives <c>mode</c>
/// (required) and optionally <c>iallocator</c>, <c>remote_node</c>, <c>early_release</c>,
/// <c>ignore_soft_errors</c>.
/// </summary>
public sealed record EvacuateNodeCommand(string NodeName, bool DryRun, string? Reason, JsonNode? Body) : ICommand<JobId>;
