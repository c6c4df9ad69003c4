using System.Text.Json.Nodes;
using Ganeti.Domain.Jobs;

namespace Ganeti.Application.Abstractions;

/// <summary>One job of a SubmitManyJobs answer: the new id, or why it was refused.</summary>
public sealed record SubmitResult(bool Success, JobId? Id, string? Error);

/// <summary>A job log entry: <c>[serial, [seconds, microseconds], type, message]</c>.</summary>
public sealed record JobLogEntry(long Serial, JsonNode? Timestamp, string Type, JsonNode? Message);

/// <summary>What WaitForJobChange answers: the requested fields' values and the new log entries.</summary>
public sealed record JobChange(IReadOnlyList<JsonNode?> Info, IReadOnlyList<JobLogEntry> Log);

/// <summary>The answer of CancelJob and ChangeJobPriority: done or not, and the master's message.</summary>
public sealed record JobActionResult(bool Success, string Message);

/// <summary>The answer of AutoArchiveJobs.</summary>
public sealed record ArchiveResult(int Archived, int Remaining);
