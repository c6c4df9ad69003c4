using System.Text.Json.Nodes;
using Mediator;

namespace Ganeti.Application.Instances.GetInstance;

/// <summary>GET /2/instances/{name}: one instance in full.</summary>
public sealed record GetInstanceQuery(string InstanceName, bool UseLocking) : IQuery<JsonObject>;
