using System.Text.Json.Nodes;
using Mediator;

namespace Ganeti.Application.Instances;

/// <summary>GET /2/instances/{instanceName}/console: how to reach a running instance's console (503 when it is not running).</summary>
public sealed record GetInstanceConsoleQuery(string InstanceName) : IQuery<JsonNode>;
