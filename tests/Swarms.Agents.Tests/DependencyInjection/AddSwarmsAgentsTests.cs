using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Swarms.Agents.DependencyInjection;
using Swarms.Agents.Models;
using Swarms.Agents.Tests.Fakes;
using Swarms.Agents.Tests.Support;
using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Agents.Tests.DependencyInjection;

public sealed class AddSwarmsAgentsTests : IAsyncLifetime
{
    private ChatCompletionsServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatCompletionsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ServiceProvider Services(Dictionary<string, string?> settings, Action<SwarmsAgentsBuilder>? configure = null, ILoggerFactory? logs = null)
    {
        var services = new ServiceCollection();
        if (logs is not null)
        {
            services.AddSingleton(logs);
        }

        var builder = services.AddSwarmsAgents(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        configure?.Invoke(builder);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddSwarmsAgents_FlatKeys_AreBoundToModelSettings()
    {
        using var services = Services(new()
        {
            ["SWARMS_MODEL_PROVIDER"] = "openai", ["OPENAI_BASE_URL"] = "http://localhost:11434/v1", ["OPENAI_MODEL"] = "llama3.2",
            ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "7",
        });

        var settings = services.GetRequiredService<IOptions<ModelSettings>>().Value;

        Assert.Equal(("openai", "llama3.2", new Uri("http://localhost:11434/v1"), 7.0), (settings.Provider, settings.Model, settings.Endpoint, settings.LocalTokensPerSecond));
        Assert.Equal("llama3.2", services.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void AddSwarmsAgents_NothingConfigured_TheChatClientIsTheLocalModel()
    {
        using var services = Services([]);

        Assert.NotNull(services.GetRequiredService<IChatClient>().GetService<LocalChatClient>());
    }

    [Fact]
    public async Task AgentFactory_DefinitionNamingAModel_StreamsThroughTheRealClientWithThatModelAndTheAppsLogger()
    {
        var logs = new CapturingLoggerFactory();
        using var services = Services(new()
        {
            ["OPENAI_BASE_URL"] = _server.BaseAddress.ToString(), ["OPENAI_API_KEY"] = "k", ["OPENAI_MODEL"] = "default-model",
        }, logs: logs);
        var factory = services.GetRequiredService<AgentFactory>();

        var agent = factory.Create(new AgentDefinition("Analyst", "You are an analyst.") { Model = "gpt-fake-2", RetryAttempts = 0 });
        var answer = await agent.RunAsync("Go").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Hello, world!", answer);
        Assert.Equal("gpt-fake-2", Assert.Single(_server.Requests).Model);
        // The chat client pipeline logs through the application's logger factory (UseLogging).
        Assert.Contains(logs.Entries, e => e.Category.Contains("LoggingChatClient", StringComparison.Ordinal));
        Assert.False(agent.Options.PrintOn);
    }

    [Fact]
    public async Task UseChatClient_Decorator_WrapsEveryModelsClient()
    {
        CountingChatClient? counting = null;
        using var services = Services(new() { ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "0" }, b => b.UseChatClient(c => c.Use(inner => counting = new CountingChatClient(inner))));
        var options = TestAgents.Options();
        options.ChatClient = null;

        await services.GetRequiredService<AgentFactory>().Create(options).RunAsync("Go");

        Assert.Equal(1, counting!.Calls);
    }
}
