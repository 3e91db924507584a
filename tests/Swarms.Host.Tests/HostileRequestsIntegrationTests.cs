using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Swarms.Host.Tests.Support;

namespace Swarms.Host.Tests;

/// <summary>
/// 1,000 malformed or hostile requests against the running local host over real HTTP: bad JSON, wrong types, unknown
/// fields, 10 MB bodies, unknown swarms, path tricks, invalid run ids and event names, bad query values, wrong methods
/// and unknown routes. None may answer 5xx; every answer is <c>application/problem+json</c> whose <c>errors</c> names
/// the field (the expected one where the case knows it), with no stack trace. The one exception is a request Kestrel
/// itself refuses before any application code runs (a NUL byte in the path): its bare 400 has no body at all.
/// </summary>
public sealed class HostileRequestsIntegrationTests : IAsyncLifetime
{
    private const int Count = 1000;

    // Requests the server refuses while parsing HTTP, before routing and middleware.
    private const string Kestrel = "(kestrel)";

    private InProcessHost _host = null!;

    private sealed record Case(HttpMethod Method, string Path, Func<HttpContent?> Body, string? Field);

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ThousandHostileRequests_NoServerError_EveryErrorProblemJsonNamingTheField()
    {
        var gated = await _host.StartRunAsync("gated", "hold");
        var cases = Cases(gated);
        Assert.Equal(Count, cases.Count);

        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
        {
            using var request = new HttpRequestMessage(c.Method, c.Path) { Content = c.Body() };
            using var response = await _host.Client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var text = await response.Content.ReadAsStringAsync(ct);
            var problem = Check(status, response.Content.Headers.ContentType?.MediaType, text, c.Field);
            if (problem is not null)
            {
                failures.Add($"{c.Method} {c.Path} -> {status}: {problem}: {text[..Math.Min(300, text.Length)]}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers:\n{string.Join('\n', failures.Take(20))}");
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.Contains(413, statuses.Keys);
        Assert.Contains(405, statuses.Keys);
        Assert.Contains(404, statuses.Keys);
        Assert.Contains(400, statuses.Keys);
    }

    private static string? Check(int status, string? mediaType, string text, string? field)
    {
        if (field == Kestrel)
        {
            return status == 400 && text.Length == 0 ? null : "Kestrel's own 400 expected";
        }

        if (status >= 500)
        {
            return "server error";
        }

        if (status < 400)
        {
            return "accepted a hostile request";
        }

        if (mediaType != "application/problem+json")
        {
            return $"content type {mediaType}";
        }

        if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
        {
            return "stack trace or exception in the body";
        }

        var errors = JsonNode.Parse(text)?["errors"] as JsonObject;
        if (errors is null || errors.Count == 0)
        {
            return "no errors object naming a field";
        }

        return field is not null && !errors.ContainsKey(field) ? $"does not name {field} (names {string.Join(", ", errors.Select(e => e.Key))})" : null;
    }

    private static List<Case> Cases(string gatedRun)
    {
        static Func<HttpContent?> Json(string json) => () => new StringContent(json, Encoding.UTF8, "application/json");
        static Func<HttpContent?> Raw(byte[] bytes) => () => new ByteArrayContent(bytes);
        var post = HttpMethod.Post;
        var get = HttpMethod.Get;
        var random = new Random(20261130);
        var start = "api/swarms/solo/runs";

        // Bodies that are not JSON objects, or not JSON at all.
        string[] notJson = ["", "{", "{\"task\":", "[", "]", "nul", "{'task':'x'}", "{\"task\":\"x\",}", "\u0000\u0001", "task=x", "{\"task\":\"x\"}}", "<xml/>", "\"just a string\"", "42", "null", "true", "[{\"task\":\"x\"}]"];
        string[] wrongTask = ["{\"task\":42}", "{\"task\":true}", "{\"task\":[\"x\"]}", "{\"task\":{\"a\":1}}", "{\"task\":null}", "{}", "{\"task\":\"\"}", "{\"task\":\"   \"}", "{\"runId\":\"r\"}"];
        string[] badRunIds = ["../x", "a/b", "with space", "-leading", "_leading", "semi;colon", "q?x", "hash#x", "back\\\\slash", new string('a', 101), "\u00e9t\u00e9", "tab\\t"];
        string[] unknownFields = ["taks", "Task", "run_id", "definition", "swarm", "__proto__"];
        string[] badNames = ["nope", "no-such-swarm", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "..%2Fsolo", "solo.json", "swarm%20name", new string('s', 65), "C%3A%5Cwindows", "%E2%98%83", "-x", "a.b"];
        string[] badDefinitions =
        [
            "{\"task\":\"x\",\"definition\":{}}",
            "{\"task\":\"x\",\"definition\":[]}",
            "{\"task\":\"x\",\"definition\":{\"name\":\"d\",\"kind\":\"sideways\",\"agents\":[{\"name\":\"a\"}]}}",
            "{\"task\":\"x\",\"definition\":{\"name\":\"d\",\"kind\":\"sequential\",\"agents\":[]}}",
            "{\"task\":\"x\",\"definition\":{\"name\":\"d\",\"kind\":\"sequential\",\"agents\":[{\"name\":\"a\"},{\"name\":\"a\"}]}}",
            "{\"task\":\"x\",\"definition\":{\"name\":\"d\",\"kind\":\"concurrent\",\"maxConcurrency\":0,\"agents\":[{\"name\":\"a\"}]}}",
            "{\"task\":\"x\",\"definition\":{\"name\":\"d\",\"kind\":\"sequential\",\"agents\":[{\"name\":\"a\",\"options\":{\"temperature\":9}}]}}",
            "{\"task\":\"x\",\"definition\":{\"name\":\"d\",\"kind\":\"sequential\",\"agents\":[{\"name\":\"a\",\"bogus\":1}]}}",
            "{\"task\":\"x\",\"definition\":\"market-analysis\"}",
            "{\"definition\":{\"name\":\"d\",\"kind\":\"sequential\",\"agents\":[{\"name\":\"a\"}]}}",
        ];
        string?[] definitionFields = ["$.definition.name", "$.definition", "$.definition.kind", "$.definition.agents", "$.definition.agents[1].name", "$.definition.maxConcurrency", "$.definition.agents[0].options.temperature", "$.definition.agents[0].bogus", "$.definition", "$.task"];
        (HttpMethod, string)[] wrongMethods =
        [
            (HttpMethod.Put, "api/swarms"), (HttpMethod.Delete, "api/swarms"), (HttpMethod.Patch, "api/swarms/solo/runs"), (get, "api/swarms/solo/runs"),
            (HttpMethod.Delete, "api/runs"), (get, "api/runs"), (post, "api/health"), (HttpMethod.Put, $"api/runs/{gatedRun}"),
            (HttpMethod.Patch, $"runtime/webhooks/durabletask/instances/{gatedRun}"), (get, $"runtime/webhooks/durabletask/instances/{gatedRun}/terminate"),
        ];
        string[] unknownRoutes = ["api", "api/swarm", "api/swarms/solo", "api/swarms/solo/runs/extra", "runtime/webhooks/durabletask", "admin", ".env", "api/runs/x/y/z", "%2e%2e/%2e%2e/etc/passwd", "wwwroot/../../secrets"];
        string[] badQueries = ["after=abc", "after=-5", "after=1e3", "limit=0", "limit=5000", "limit=x", "after=99999999999999999999"];

        var cases = new List<Case>();
        void Add(Case c) => cases.Add(c);
        for (int i = 0; cases.Count < Count; i++)
        {
            switch (i % 16)
            {
                case 0: Add(new(post, start, Json(notJson[random.Next(notJson.Length)]), null)); break;
                case 1: Add(new(post, start, Json(wrongTask[random.Next(wrongTask.Length)]), null)); break;
                case 2: Add(new(post, start, Json($"{{\"task\":\"x\",\"runId\":\"{badRunIds[random.Next(badRunIds.Length)]}\"}}"), "$.runId")); break;
                case 3: Add(new(post, start, Json($"{{\"task\":\"x\",\"runId\":{random.Next()}}}"), "$.runId")); break;
                case 4: Add(new(post, start, Json($"{{\"task\":\"x\",\"{unknownFields[random.Next(unknownFields.Length)]}\":1}}"), null)); break;
                case 5:
                    // A few 10 MB bodies (they are slow to send); otherwise 1-2 MB, over the 1 MiB limit.
                    var size = cases.Count(c => c.Field == "body") < 5 ? 10 * 1024 * 1024 : 1024 * 1024 + random.Next(1, 1024 * 1024);
                    var big = new byte[size];
                    Array.Fill(big, (byte)'a');
                    "{\"task\":\""u8.CopyTo(big);
                    Add(new(post, start, Raw(big), "body"));
                    break;
                case 6:
                    Add(i % 160 == 6
                        ? new(post, "api/swarms/%00/runs", Json("{\"task\":\"x\"}"), Kestrel)
                        : new(post, $"api/swarms/{badNames[random.Next(badNames.Length)]}/runs", Json("{\"task\":\"x\"}"), null));
                    break;
                case 7: Add(new(get, $"api/runs/{Uri.EscapeDataString(badRunIds[random.Next(badRunIds.Length)])}", () => null, null)); break;
                case 8: Add(new(post, $"runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(badRunIds[random.Next(badRunIds.Length)])}/terminate", () => null, null)); break;
                case 9:
                    var d = random.Next(badDefinitions.Length);
                    Add(new(post, "api/runs", Json(badDefinitions[d]), definitionFields[d]));
                    break;
                case 10:
                    var (method, path) = wrongMethods[random.Next(wrongMethods.Length)];
                    Add(new(method, path, Json("{}"), "method"));
                    break;
                case 11: Add(new(get, unknownRoutes[random.Next(unknownRoutes.Length)], () => null, null)); break;
                case 12:
                    var q = badQueries[random.Next(badQueries.Length)];
                    Add(new(get, $"api/runs/{gatedRun}/events?{q}", () => null, q.Split('=')[0]));
                    break;
                case 13: Add(new(post, $"runtime/webhooks/durabletask/instances/{gatedRun}/raiseEvent/bad%20name%21", Json("true"), "eventName")); break;
                case 14:
                    string[] approvals = ["{\"approved\":\"yes\"}", "{}", "{\"approved\":true,\"extra\":1}", "[]", "{\"approved\":1}"];
                    Add(new(post, $"api/runs/{gatedRun}/approvals/Publisher", Json(approvals[random.Next(approvals.Length)]), null));
                    break;
                default:
                    Add(new(get, $"runtime/webhooks/durabletask/instances/{gatedRun}?showInput=maybe", () => null, "showInput"));
                    break;
            }
        }

        return cases;
    }
}
