using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Swarms.Host.Live;
using Swarms.Host.Tests.Support;
using Xunit.Abstractions;

namespace Swarms.Host.Tests.Dashboard;

/// <summary>
/// The web dashboard in a real browser: Playwright for .NET driving the system's chromium (Debian's package; Playwright's
/// own browser download is never used) against the local host. A run started from the page streams into one panel per
/// agent, survives a network drop (the browser goes offline and its connection is cut) and ends with each agent's
/// final output exactly; a screenshot is saved to the test output.
/// </summary>
[Collection(ProcessHeavy.Name)]
public sealed class DashboardBrowserIntegrationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private InProcessHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _host = await InProcessHost.StartAsync(new Dictionary<string, string> { ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "60" }, LiveSwarms.Write);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task StartRun_NetworkDropMidRun_PanelsEndWithExactOutputs()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_host.Client.BaseAddress!.ToString());
        await page.SelectOptionAsync("#swarm", "panel");
        await page.FillAsync("#task", "Analyze TSLA");
        await page.ClickAsync("#startButton");
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.agent .agent-text')].filter(t => t.textContent.length > 0).length === 3");
        var runId = (await page.TextContentAsync("#runTitle"))!;

        // The network goes: the browser is offline and its open connection is cut (a WebSocket outlives offline mode).
        // The banner may show only for a moment on a busy machine: an observer notes that it did.
        await page.EvaluateAsync("""
            () => { const b = document.querySelector('#banner'); window.bannerShown = false;
                    new MutationObserver(() => { if (!b.hidden) window.bannerShown = true; }).observe(b, { attributes: true }); }
            """);
        // Chromium may hold the socket's close until the network is back, so the banner is awaited after the drop.
        await context.SetOfflineAsync(true);
        Assert.Equal(1, _host.Services.GetRequiredService<HubConnections>().AbortAll());
        await Task.Delay(1500); // the agents go on streaming while the page is away
        Assert.Equal("running", await page.TextContentAsync("#runStatus"));
        await context.SetOfflineAsync(false);
        await page.WaitForFunctionAsync("() => window.bannerShown === true");
        await page.WaitForSelectorAsync("#banner", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        await page.WaitForFunctionAsync("() => document.querySelector('#runStatus').textContent === 'completed'", null, new PageWaitForFunctionOptions { Timeout = 60_000 });

        var status = await FinishedStatusAsync(runId);
        foreach (var agent in status["agents"]!.AsArray())
        {
            var panel = page.Locator($".agent[data-agent='{(string)agent!["name"]!}']");
            Assert.Equal((string?)agent["output"], await panel.Locator(".agent-text").TextContentAsync());
            Assert.Equal("completed", await panel.Locator(".agent-status").TextContentAsync());
            Assert.Equal("1", await panel.Locator(".agent-attempt").TextContentAsync());
            Assert.StartsWith("tokens ", await panel.Locator(".agent-usage").TextContentAsync(), StringComparison.Ordinal);
        }

        Assert.Equal((string?)status["output"], await page.TextContentAsync("#finalOutput"));
        Assert.True(double.Parse((await page.TextContentAsync("#runElapsed"))!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        await SaveScreenshotAsync(page, "dashboard-run.png");
    }

    [Fact]
    public async Task OpenRunById_FinishedRun_ShowsEveryAgentAndTheFinalOutput()
    {
        var runId = await _host.StartRunAsync("panel", "Analyze NVDA");
        var status = await FinishedStatusAsync(runId);
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_host.Client.BaseAddress!.ToString());

        await page.FillAsync("#runId", runId);
        await page.ClickAsync("#openButton");
        await page.WaitForFunctionAsync("() => document.querySelector('#runStatus').textContent === 'completed'");

        foreach (var agent in status["agents"]!.AsArray())
        {
            Assert.Equal((string?)agent!["output"], await page.Locator($".agent[data-agent='{(string)agent["name"]!}'] .agent-text").TextContentAsync());
        }

        Assert.Equal((string?)status["output"], await page.TextContentAsync("#finalOutput"));
        Assert.True(await page.IsHiddenAsync("#error"));
    }

    private async Task<JsonObject> FinishedStatusAsync(string runId)
    {
        await _host.WaitForRunAsync(runId);
        return (JsonObject)JsonNode.Parse(await _host.Client.GetStringAsync($"api/runs/{runId}"))!;
    }

    private async Task SaveScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, "the screenshot is empty");
        output.WriteLine($"screenshot: {path}");
    }

    /// <summary>The system's chromium (apt-get install chromium; .ci/run does), or SWARMS_CHROMIUM.</summary>
    private static string Chromium()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("SWARMS_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("No chromium: install Debian's (apt-get install chromium), or set SWARMS_CHROMIUM to a Chromium executable.");
    }
}
