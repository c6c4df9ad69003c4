using System.Text.Json.Nodes;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Ganeti.Infrastructure.Luxi.Wire.Converters;

namespace Ganeti.Infrastructure.Luxi;

/// <summary>The job-queue port over LUXI.</summary>
public sealed class LuxiJobQueue(LuxiClient luxi) : IGanetiJobQueue
{
    public async ValueTask<JobId> SubmitAsync(IReadOnlyList<OpCode> ops, CancellationToken ct)
    {
        JsonArray opList = [.. ops.Select(op => (JsonNode)OpCodeJsonConverter.ToJsonObject(op))];
        var result = await luxi.CallAsync("SubmitJob", [opList], ct).ConfigureAwait(false);
        return result is JsonValue v && v.TryGetValue<long>(out var id)
            ? new JobId(id)
            : throw new MasterProtocolException($"LUXI SubmitJob returned '{result?.ToJsonString() ?? "null"}' instead of a job id");
    }
}
