using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Swarms.Agents.DependencyInjection;
using Swarms.Api.Http;
using Swarms.Functions.Queue;
using Swarms.Orchestration.RunLog;
using Swarms.Testing;

namespace Swarms.Functions.Tests;

/// <summary>
/// One source of truth for the settings on Azure: the Functions app is composed with exactly the settings of
/// infra/app-settings.json (as environment variables give them: <c>AzureWebJobsStorage__accountName</c> becomes
/// <c>AzureWebJobsStorage:accountName</c>), every service a function uses is built, and every setting the app looked
/// up must be in that file, or be an optional one the app does without on Azure (documented in README.md and
/// local.settings.sample.json), another form of the storage connection, or a standard OpenTelemetry SDK variable; and
/// every setting of that file must be read. tests/Swarms.Infra.Tests checks that the compiled template (infra/main.bicep
/// to ARM) sets exactly the names of that file, so together the template and the code agree.
/// </summary>
public sealed class AppSettingsContractTests
{
    // Read from the process environment by Azure.Identity (DefaultAzureCredential takes the user-assigned identity from
    // AZURE_CLIENT_ID when the Azure OpenAI client authenticates), not through IConfiguration.
    private static readonly HashSet<string> NotReadByTheWorker = new(StringComparer.OrdinalIgnoreCase) { "AZURE_CLIENT_ID" };

    [Fact]
    public void FunctionsApp_OnAzure_ReadsOnlySettingsOfTheContract()
    {
        var contract = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "app-settings.json")))!.AsArray()
            .Select(s => (string)s!["name"]!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var clientId = "6c6c7a8e-0f6e-4b55-9a5e-2a3b4c5d6e7f";
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage__accountName"] = "swarmsstore",
            ["AzureWebJobsStorage__credential"] = "managedidentity",
            ["AzureWebJobsStorage__clientId"] = clientId,
            ["AzureSignalRConnectionString"] = $"Endpoint=https://swarms.service.signalr.net;AuthType=azure.msi;ClientId={clientId};Version=1.0;",
            ["SWARMS_MODEL_PROVIDER"] = "azure-openai",
            ["AZURE_OPENAI_ENDPOINT"] = "https://swarms.openai.azure.com/",
            ["AZURE_OPENAI_DEPLOYMENT"] = "gpt-4.1-mini",
            ["AZURE_CLIENT_ID"] = clientId,
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = $"ClientId={clientId};Authorization=AAD",
        };
        Assert.Equal(contract.Order(StringComparer.OrdinalIgnoreCase), values.Keys.Order(StringComparer.OrdinalIgnoreCase));

        var recorder = new RecordingSource(values.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => kv.Value));
        var configuration = new ConfigurationBuilder().Add(recorder).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSwarmsFunctions(configuration);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<SwarmsHttpApi>();
        provider.GetRequiredService<IRunLog>();
        provider.GetRequiredService<PoisonMessageWriter>();
        provider.GetRequiredService<ChatClientProvider>().GetChatClient().Dispose();
        provider.GetRequiredService<IChatClient>();
        provider.GetRequiredService<TracerProvider>();
        // The live channel on Azure SignalR Service with the app identity (the Entra form of the connection string).
        provider.GetRequiredService<Swarms.Api.Live.ILiveConnections>();
        Assert.Contains(provider.GetServices<Swarms.Orchestration.Publishing.IRunEventPublisher>(), p => p.GetType().Name == "RestRunEventPublisher");

        var read = recorder.Keys.Select(k => k.Replace(":", "__", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var outside = read
            .Where(k => !contract.Contains(k) && !FunctionsSettings.Optional.Contains(k) && !FunctionsSettings.StorageConnectionForms.Contains(k)
                && !k.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase))
            .Order()
            .ToList();
        Assert.True(outside.Count == 0, $"the app reads settings missing from infra/app-settings.json: {string.Join(", ", outside)}");
        var unread = contract.Where(k => !read.Contains(k) && !NotReadByTheWorker.Contains(k)).Order().ToList();
        Assert.True(unread.Count == 0, $"infra/app-settings.json sets settings the app never reads: {string.Join(", ", unread)}");

        // The optional ones are documented for users.
        var sample = File.ReadAllText(Path.Combine(RepoPaths.Root, "local.settings.sample.json"));
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        Assert.All(FunctionsSettings.Optional, k => Assert.True(sample.Contains($"\"{k}\"", StringComparison.Ordinal) && readme.Contains(k, StringComparison.Ordinal), k));
        Assert.All(FunctionsSettings.StorageConnectionForms, k => Assert.True(readme.Contains(k.Replace("AzureWebJobsStorage__", "__", StringComparison.Ordinal), StringComparison.Ordinal), k));
    }

    /// <summary>A configuration source that remembers every key looked up.</summary>
    private sealed class RecordingSource(IDictionary<string, string?> values) : IConfigurationSource
    {
        private readonly Provider _provider = new(values);

        public IReadOnlyCollection<string> Keys => [.. _provider.Keys];

        public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

        private sealed class Provider(IDictionary<string, string?> values) : MemoryConfigurationProvider(new MemoryConfigurationSource { InitialData = values })
        {
            public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Seen { get; } = new(StringComparer.OrdinalIgnoreCase);

            public IEnumerable<string> Keys => Seen.Keys;

            public override bool TryGet(string key, out string? value)
            {
                Seen[key] = true;
                return base.TryGet(key, out value);
            }
        }
    }
}
