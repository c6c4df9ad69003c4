using System.Text.Json.Nodes;
using Mediator;

namespace Ganeti.Application.Jobs.GetJob;

/// <summary>GET /2/jobs/{id}: a job's status, opcodes, results and log.</summary>
public sealed record GetJobQuery(long JobId) : IQuery<JsonObject>;
