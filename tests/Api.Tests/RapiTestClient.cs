using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ganeti.Api.Tests;

/// <summary>One answer of the service: status, parsed body and raw text.</summary>
public sealed record RapiAnswer(HttpStatusCode Status, JsonNode? Body, string Text)
{
    /// <summary>The <c>message</c> of an error body.</summary>
    public string? Message => Body is JsonObject o ? o["message"]?.GetValue<string>() : null;
}

/// <summary>
/// Requests against the service as a RAPI client sends them (JSON bodies with Ganeti's content
/// type, Basic credentials), checking what every answer must be: JSON ending in a newline.
/// </summary>
public sealed class RapiTestClient(HttpClient http)
{
    public const string Admin = "admin:adminpass";
    public const string Reader = "reader:readerpass";
    public const string Plain = "plain:plainpass";

    public static RapiTestClient For(GanetiApiFactory factory, string? credentials = null)
    {
        var http = factory.CreateClient();
        if (credentials is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        return new RapiTestClient(http);
    }

    public Task<RapiAnswer> GetAsync(string uri, string? json = null) => SendAsync(HttpMethod.Get, uri, json);

    public Task<RapiAnswer> PutAsync(string uri, string? json = null) => SendAsync(HttpMethod.Put, uri, json);

    public Task<RapiAnswer> PostAsync(string uri, string? json = null) => SendAsync(HttpMethod.Post, uri, json);

    public Task<RapiAnswer> DeleteAsync(string uri, string? json = null) => SendAsync(HttpMethod.Delete, uri, json);

    public async Task<RapiAnswer> SendAsync(HttpMethod method, string uri, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, uri);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json", $"{method} {uri} answers JSON");
        text.Should().EndWith("\n", $"{method} {uri} ends its body with a newline");
        return new RapiAnswer(response.StatusCode, JsonNode.Parse(text), text);
    }

    /// <summary>Sends a request that must succeed and answers its body.</summary>
    public async Task<JsonNode?> OkAsync(HttpMethod method, string uri, string? json = null)
    {
        var answer = await SendAsync(method, uri, json);
        answer.Status.Should().Be(HttpStatusCode.OK, $"{method} {uri}: {answer.Text}");
        return answer.Body;
    }

    /// <summary>
    /// Follows a job with the long poll <c>GET /2/jobs/{id}/wait</c> (write access) until it
    /// ends, then answers <c>GET /2/jobs/{id}</c>. Like Ganeti's clients it passes the job
    /// info and the highest log serial seen (log entries newer than the serial come back at
    /// once), and it is bounded by a deadline in time rather than a number of answers.
    /// </summary>
    public async Task<JsonObject> WaitForJobAsync(long id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        JsonNode? previous = null;
        long? logSerial = null;
        string? status = null;
        while (DateTime.UtcNow < deadline)
        {
            var body = new JsonObject { ["fields"] = new JsonArray("status"), ["previous_job_info"] = previous?.DeepClone(), ["previous_log_serial"] = logSerial };
            var change = await OkAsync(HttpMethod.Get, $"/2/jobs/{id}/wait", body.ToJsonString());
            if (change is not JsonObject || change["job_info"] is null)
            {
                continue; // nothing changed before the wait's own timeout
            }

            if (change["log_entries"] is JsonArray { Count: > 0 } entries)
            {
                logSerial = Math.Max(logSerial ?? 0, entries.Max(e => e![0]!.GetValue<long>()));
            }

            status = change["job_info"]![0]?.GetValue<string>();
            if (status is "success" or "error" or "canceled")
            {
                return (await OkAsync(HttpMethod.Get, $"/2/jobs/{id}"))!.AsObject();
            }

            previous = change["job_info"];
        }

        throw new TimeoutException($"job {id} did not end in time (last status {status})");
    }

    /// <summary>Submits through <paramref name="uri"/>, waits for the job and answers it.</summary>
    public async Task<JsonObject> RunJobAsync(HttpMethod method, string uri, string? json = null)
    {
        var id = await OkAsync(method, uri, json);
        return await WaitForJobAsync(id!.GetValue<long>());
    }
}
