using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Swarms.Host.Tests.Support;

namespace Swarms.Host.Tests;

/// <summary>
/// With <c>SWARMS_API_KEY</c> set, every route but health needs the key, as an Azure Functions function key: the
/// <c>x-functions-key</c> header or the <c>code</c> query parameter; the check-status URLs carry it; it never reaches the logs.
/// </summary>
public sealed class ApiKeyIntegrationTests : IAsyncLifetime
{
    private const string Key = "k3y-Zq9-secret-4f1e";
    private readonly CapturingLoggerProvider _logs = new();
    private InProcessHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await InProcessHost.StartAsync(
            new Dictionary<string, string> { ["SWARMS_API_KEY"] = Key, ["Logging:LogLevel:Default"] = "Trace" },
            configure: b => b.Logging.AddProvider(_logs));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("GET", "api/swarms")]
    [InlineData("POST", "api/swarms/solo/runs")]
    [InlineData("POST", "api/runs")]
    [InlineData("GET", "api/runs/some-run")]
    [InlineData("GET", "api/runs/some-run/events")]
    [InlineData("POST", "api/runs/some-run/approvals/Publisher")]
    [InlineData("GET", "runtime/webhooks/durabletask/instances/some-run")]
    [InlineData("DELETE", "runtime/webhooks/durabletask/instances/some-run")]
    [InlineData("POST", "runtime/webhooks/durabletask/instances/some-run/terminate")]
    [InlineData("POST", "runtime/webhooks/durabletask/instances/some-run/raiseEvent/x")]
    [InlineData("GET", "no/such/route")]
    public async Task EveryRoute_NoKeyOrWrongKey_401NamingTheHeader(string method, string path)
    {
        foreach (var (header, query) in new[] { ((string?)null, ""), ("wrong", ""), (null, "?code=wrong"), (Key + "x", "") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path + query) { Content = JsonContent.Create(new { task = "x" }) };
            if (header is not null)
            {
                request.Headers.Add("x-functions-key", header);
            }

            using var response = await _host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["x-functions-key"]);
        }
    }

    [Fact]
    public async Task Health_NoKey_200()
    {
        using var response = await _host.Client.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task KeyInHeaderOrQuery_Accepted_UrlsCarryIt_AndNoLogHasIt()
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, "api/swarms/solo/runs") { Content = JsonContent.Create(new { task = "Analyze TSLA" }) };
        start.Headers.Add("x-functions-key", Key);
        using var started = await _host.Client.SendAsync(start);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var payload = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        var statusUrl = (string)payload["statusQueryGetUri"]!;
        Assert.EndsWith("?code=" + Key, statusUrl);
        Assert.Contains("reason={text}&code=" + Key, (string?)payload["terminatePostUri"]);

        // The status URL works as given (the key in its code query).
        await Swarms.Testing.Wait.UntilAsync(async () => (await _host.Client.GetAsync(statusUrl)).StatusCode == HttpStatusCode.OK, "the run completes");
        using var swarms = await _host.Client.GetAsync("api/swarms?code=" + Uri.EscapeDataString(Key));
        Assert.Equal(HttpStatusCode.OK, swarms.StatusCode);

        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, l => l.Text.Contains(Key, StringComparison.Ordinal) || l.Text.Contains("Analyze TSLA", StringComparison.Ordinal) && l.Level >= LogLevel.Information);
    }
}
