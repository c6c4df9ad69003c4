using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Ganeti.Api.Tests.Observability;

/// <summary>One <c>/metrics</c> answer in Prometheus' text format, read series by series.</summary>
public sealed partial class Scrape(string text)
{
    public string Text { get; } = text;

    public static async Task<Scrape> ReadAsync(GanetiApiFactory factory, string credentials = RapiTestClient.Admin)
    {
        var (status, text, contentType) = await GetAsync(factory, "/metrics", credentials);
        status.Should().Be(HttpStatusCode.OK, text);
        contentType.Should().Be("text/plain");
        return new Scrape(text);
    }

    public static async Task<(HttpStatusCode Status, string Text, string? ContentType)> GetAsync(GanetiApiFactory factory, string path, string? credentials)
    {
        using var http = factory.CreateClient();
        if (credentials is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        using var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include <paramref name="labels"/>; null when there is none.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels)
    {
        double? sum = null;
        foreach (var line in Text.Split('\n'))
        {
            var match = Sample().Match(line);
            if (!match.Success || match.Groups["name"].Value != name)
            {
                continue;
            }

            var found = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (labels.All(l => found.TryGetValue(l.Name, out var v) && v == l.Value))
            {
                sum = (sum ?? 0) + double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex Sample();

    [GeneratedRegex("""(\w+)="((?:[^"\\]|\\.)*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Label();
}
