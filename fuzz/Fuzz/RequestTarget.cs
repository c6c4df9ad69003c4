using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ganeti.Application.Abstractions;
using Ganeti.Application.Errors;
using Ganeti.Domain.Jobs;
using Ganeti.Domain.OpCodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ganeti.Fuzz;

/// <summary>
/// Requests through the service's whole pipeline (routing, authentication, binding, validation,
/// the handlers that build opcodes) on the embedded simulator, with job submissions recorded
/// instead of run. The first input byte picks a route of the route table; the rest is the
/// body (<see cref="Body"/>) or the query string (<see cref="Query"/>). A finding is an answer
/// the service must never give: a 5xx other than 501/502/503/504, or an error without
/// Ganeti's <c>{code, message, explain}</c> body.
/// </summary>
public static class RequestTarget
{
    private static readonly Lazy<Harness> Shared = new(() => new Harness(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static void Body(byte[] input) => Shared.Value.Send(input, asBody: true);

    public static void Query(byte[] input) => Shared.Value.Send(input, asBody: false);

    /// <summary>The method and filled-in path the first byte of <paramref name="input"/> picks.</summary>
    public static (string Method, string Path) RouteOf(byte[] input) => Shared.Value.RouteOf(input);

    private sealed class Harness
    {
        private readonly HttpClient _client;
        private readonly (string Method, string Path)[] _routes;

        public Harness()
        {
            var dataDir = Path.Combine(Path.GetTempPath(), "ganeti-fuzz-" + Guid.NewGuid().ToString("N")[..10]);
            Directory.CreateDirectory(dataDir);
            var users = Path.Combine(dataDir, "users");
            File.WriteAllText(users, "admin adminpass write\n");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(dataDir, recursive: true);
                }
                catch (IOException)
                {
                }
            };
            // The service's content root is the program's own directory, not a source folder.
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GANETI_API", AppContext.BaseDirectory);
            var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                web.UseSetting("Rapi:DataDir", dataDir);
                web.UseSetting("Rapi:UsersFile", users);
                web.UseSetting("Rapi:SimTimeScale", "0");
                web.UseSetting("Logging:Console", "false");
                web.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IGanetiJobQueue, RecordingJobQueue>()));
            });
            _client = factory.CreateClient();
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:adminpass"u8.ToArray()));
            _routes = [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, Fill(e.RoutePattern.RawText!))))
                .Distinct()
                .OrderBy(r => r.Item2, StringComparer.Ordinal)
                .ThenBy(r => r.m, StringComparer.Ordinal)];
        }

        public (string Method, string Path) RouteOf(byte[] input) => _routes[(input.Length == 0 ? 0 : input[0]) % _routes.Length];

        public void Send(byte[] input, bool asBody)
        {
            if (input.Length == 0)
            {
                return;
            }

            var (method, path) = RouteOf(input);
            var rest = input.AsSpan(1);
            Uri uri;
            try
            {
                uri = new Uri(asBody ? path : path + "?" + QueryText(rest), UriKind.Relative);
            }
            catch (UriFormatException)
            {
                return; // not a request a client can send
            }

            using var request = new HttpRequestMessage(new HttpMethod(method), uri);
            if (asBody)
            {
                request.Content = new ByteArrayContent(rest.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
            }

            using var response = _client.SendAsync(request).GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (status >= 500 && status is not (501 or 502 or 503 or 504))
            {
                throw new InvalidOperationException($"{status} for {method} {request.RequestUri}: {text}");
            }

            if (status >= 400)
            {
                using var error = JsonDocument.Parse(text);
                var root = error.RootElement;
                if (!root.TryGetProperty("code", out var code) || code.GetInt32() != status
                    || !root.TryGetProperty("message", out _) || !root.TryGetProperty("explain", out _))
                {
                    throw new InvalidOperationException($"{status} for {method} {request.RequestUri} without Ganeti's error body: {text}");
                }
            }
        }

        /// <summary>
        /// The bytes as a query string: characters a URI cannot carry are percent-encoded, and
        /// everything else (percent signs, ampersands, equals signs) is left for the service to read.
        /// </summary>
        private static string QueryText(ReadOnlySpan<byte> bytes)
        {
            var text = new StringBuilder(bytes.Length);
            foreach (var b in bytes)
            {
                if (b is > 0x20 and < 0x7f and not (byte)'#')
                {
                    text.Append((char)b);
                }
                else
                {
                    text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return text.ToString();
        }

        /// <summary>A route pattern with its parameters set to objects of the demo cluster.</summary>
        private static string Fill(string pattern)
        {
            var path = new StringBuilder();
            var i = 0;
            while (i < pattern.Length)
            {
                if (pattern[i] != '{')
                {
                    path.Append(pattern[i++]);
                    continue;
                }

                var end = pattern.IndexOf('}', i);
                var name = pattern[(i + 1)..end].Split(':')[0].ToLowerInvariant();
                path.Append(name switch
                {
                    _ when name.Contains("instance", StringComparison.Ordinal) => "web1.example.com",
                    _ when name.Contains("node", StringComparison.Ordinal) => "node1.example.com",
                    _ when name.Contains("group", StringComparison.Ordinal) => "default",
                    _ when name.Contains("network", StringComparison.Ordinal) => "net1",
                    _ when name.Contains("job", StringComparison.Ordinal) => "1",
                    _ when name.Contains("disk", StringComparison.Ordinal) => "0",
                    _ when name.Contains("resource", StringComparison.Ordinal) => "instance",
                    _ => "x",
                });
                i = end + 1;
            }

            return "/" + path.ToString().TrimStart('/');
        }
    }

    /// <summary>Takes every job the handlers submit and gives it an id; nothing runs.</summary>
    private sealed class RecordingJobQueue : IGanetiJobQueue
    {
        private long _next;

        public ValueTask<JobId> SubmitAsync(IReadOnlyList<OpCode> ops, CancellationToken ct) => ValueTask.FromResult(Next());

        public ValueTask<JobId> SubmitToDrainedQueueAsync(IReadOnlyList<OpCode> ops, CancellationToken ct) => ValueTask.FromResult(Next());

        public ValueTask<IReadOnlyList<SubmitResult>> SubmitManyAsync(IReadOnlyList<IReadOnlyList<OpCode>> jobs, CancellationToken ct) =>
            ValueTask.FromResult<IReadOnlyList<SubmitResult>>([.. jobs.Select(_ => new SubmitResult(true, Next(), null))]);

        public ValueTask<JobChange> WaitForChangeAsync(JobId id, IReadOnlyList<string> fields, System.Text.Json.Nodes.JsonArray? previousInfo, long? previousLogSerial, TimeSpan timeout, CancellationToken ct) =>
            throw NotKept(id);

        public ValueTask<JobActionResult> CancelAsync(JobId id, bool kill, CancellationToken ct) => throw NotKept(id);

        public ValueTask<JobActionResult> ChangePriorityAsync(JobId id, int priority, CancellationToken ct) => throw NotKept(id);

        public ValueTask<bool> ArchiveAsync(JobId id, CancellationToken ct) => throw NotKept(id);

        public ValueTask<ArchiveResult> AutoArchiveAsync(TimeSpan age, TimeSpan timeout, CancellationToken ct) => ValueTask.FromResult(new ArchiveResult(0, 0));

        private JobId Next() => new(Interlocked.Increment(ref _next));

        private static NotFoundException NotKept(JobId id) => new($"Job {id} not found");
    }
}
