using System.Text.Json.Nodes;

namespace Ganeti.Simulator.Tests;

/// <summary>
/// Follows a job to its end the way Ganeti's own clients do (cli.py's job poller): each
/// WaitForJobChange passes the job info and the highest log serial seen so far (a job's log
/// entries newer than the serial passed come back at once), "nochange" simply asks again, and
/// the loop ends at a final status or at a deadline in time, however many answers that takes.
/// </summary>
internal static class JobWait
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(2);

    public static async Task<string> UntilEndAsync(Func<JsonNode?[], Task<JsonNode?>> waitForJobChange, long id, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? DefaultLimit);
        JsonNode? previous = null;
        long? logSerial = null;
        var status = "(none)";
        while (DateTime.UtcNow < deadline)
        {
            var answer = await waitForJobChange([id, new JsonArray("status"), previous?.DeepClone(), logSerial, 5]);
            if (answer is not JsonArray change)
            {
                continue; // "nochange": the wait timed out with nothing new
            }

            if (change[1] is JsonArray { Count: > 0 } entries)
            {
                logSerial = Math.Max(logSerial ?? 0, entries.Max(e => e![0]!.GetValue<long>()));
            }

            status = change[0]![0]!.GetValue<string>();
            if (status is "success" or "error" or "canceled")
            {
                return status;
            }

            previous = change[0];
        }

        throw new TimeoutException($"job {id} did not end within {(limit ?? DefaultLimit).TotalSeconds} s (last status {status})");
    }
}
