using System.Text.Json.Nodes;
using Ganeti.Application.Errors;
using Ganeti.Infrastructure.Luxi;
using Ganeti.Luxi;

namespace Ganeti.Contract.Tests.Differential;

/// <summary>
/// One side of a differential scenario (the real luxid or the simulator), seen through our
/// LUXI client. Every answer, success or failure, becomes JSON so the two sides compare.
/// Jobs waited for are handed to <c>track</c> (the real cluster's fixture archives them).
/// </summary>
public sealed class Master(string name, LuxiClient client, Action<long>? track = null)
{
    private readonly HashSet<long> _jobs = [];
    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>The ids of the jobs this master handed out in the scenario (submitted, or submitted by a job).</summary>
    public IReadOnlySet<long> Jobs => _jobs;

    /// <summary>The LUXI methods called and the opcodes submitted (by their OP_ID) in the scenario.</summary>
    public IReadOnlySet<string> Sent => _sent;

    /// <summary>
    /// The result, or the refusal: <c>{"error": class, "args": [message, code]}</c>, or
    /// <c>{"protocol_error": message}</c> for a request the master could not parse.
    /// </summary>
    public async Task<JsonNode?> Call(string method, params JsonNode?[] args)
    {
        _sent.Add(method);
        if (method is LuxiMethods.SubmitJob or LuxiMethods.SubmitJobToDrainedQueue or LuxiMethods.SubmitManyJobs)
        {
            Submitting(args.FirstOrDefault());
        }

        try
        {
            var result = await client.CallAsync(method, new JsonArray([.. args.Select(a => a?.DeepClone())]), CancellationToken.None);
            if (method is LuxiMethods.SubmitJob or LuxiMethods.SubmitJobToDrainedQueue && result is JsonValue id && id.TryGetValue<long>(out var job))
            {
                _jobs.Add(job);
            }
            else if (method == LuxiMethods.SubmitManyJobs)
            {
                Submitted(result);
            }

            return result;
        }
        catch (GanetiErrorException e)
        {
            return new JsonObject { ["error"] = e.ErrorClass, ["args"] = e.Arguments.DeepClone() };
        }
        catch (JobQueueUnavailableException e)
        {
            return new JsonObject { ["error"] = "queue unavailable", ["message"] = e.Message };
        }
        catch (MasterProtocolException e)
        {
            return new JsonObject { ["protocol_error"] = e.Message };
        }
    }

    /// <summary>Registers the OP_IDs of a job's opcodes, or of several jobs' (SubmitManyJobs).</summary>
    private void Submitting(JsonNode? ops)
    {
        foreach (var op in ops as JsonArray ?? [])
        {
            if (op is JsonArray job)
            {
                Submitting(job);
            }
            else if (op?["OP_ID"] is JsonValue id && id.TryGetValue<string>(out var opId))
            {
                _sent.Add(opId);
            }
        }
    }

    /// <summary>Registers the job ids of a SubmitManyJobs answer, or of an opcode result's "jobs".</summary>
    private void Submitted(JsonNode? answer)
    {
        foreach (var entry in (answer as JsonArray ?? []).OfType<JsonArray>())
        {
            if (entry is [JsonValue ok, JsonValue id] && ok.GetValueKind() == System.Text.Json.JsonValueKind.True && id.TryGetValue<long>(out var job))
            {
                _jobs.Add(job);
            }
        }
    }

    /// <summary>Submits one job and waits for it to end; answers its status, opstatus, opresult and summary.</summary>
    public async Task<JsonNode?> Run(params JsonObject[] ops)
    {
        var submitted = await Call(LuxiMethods.SubmitJob, new JsonArray([.. ops.Select(o => (JsonNode)o)]));
        if (submitted is not JsonValue id)
        {
            return submitted;
        }

        return await WaitJob(id.GetValue<long>());
    }

    public async Task<JsonNode?> WaitJob(long id)
    {
        track?.Invoke(id);
        _jobs.Add(id);
        JsonNode? previous = null;
        long? logSerial = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            // Log entries newer than the serial passed come back at once, so the serial must
            // follow them: otherwise a job that logs while it runs answers the same entries
            // again and again instead of waiting for a change.
            var change = await Call(LuxiMethods.WaitForJobChange, id, new JsonArray("status"), previous, logSerial, 10);
            var status = change?[0]?[0]?.GetValue<string>();
            if (change?[1] is JsonArray entries && entries.Count > 0)
            {
                logSerial = Math.Max(logSerial ?? 0, entries.Max(e => e![0]!.GetValue<long>()));
            }

            if (status is "success" or "error" or "canceled")
            {
                string[] fields = ["id", "status", "opstatus", "opresult", "summary"];
                var row = (await Call(LuxiMethods.QueryJobs, new JsonArray(id), new JsonArray([.. fields.Select(f => (JsonNode)f)])))![0]!.AsArray();
                foreach (var result in row[3] as JsonArray ?? [])
                {
                    Submitted((result as JsonObject)?["jobs"]);
                }

                return new JsonObject(fields.Select((f, i) => KeyValuePair.Create(f, row[i]?.DeepClone())));
            }

            previous = change?[0];
        }

        throw new TimeoutException($"{Name}: job {id} did not end in time");
    }

    /// <summary>An opcode with an empty reason trail, as <see cref="RealGanetiFixture.Op"/> makes it.</summary>
    public static JsonObject Op(string id, JsonObject? args = null) => RealGanetiFixture.Op(id, args ?? []);
}
