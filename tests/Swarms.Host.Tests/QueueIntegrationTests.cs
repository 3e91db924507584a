using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Swarms.Agents.Tests.Fakes;
using Swarms.Api.Contracts;
using Swarms.Api.Queue;
using Swarms.Host.Tests.Support;
using Swarms.Testing;

namespace Swarms.Host.Tests;

/// <summary>
/// The <c>swarm-tasks</c> queue of the local host on Azurite (durable backend: Azure Storage on the same Azurite), with
/// the agents on the real OpenAI client against the Chat Completions test server, whose request log counts the model
/// calls: a batch of messages, 5% of them malformed, runs every good message exactly once and puts every bad one in
/// <c>swarm-tasks-poison</c> with its reason; a message delivered twice runs once. (bench/ has the 1,000-message run.)
/// </summary>
[Collection(ProcessHeavy.Name)]
public sealed class QueueIntegrationTests : IAsyncLifetime
{
    private AzuriteServer _azurite = null!;
    private ChatCompletionsServer _model = null!;
    private InProcessHost _host = null!;
    private readonly ConcurrentDictionary<string, int> _callsPerTask = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _model = await ChatCompletionsServer.StartAsync();
        _model.Responder = request =>
        {
            var task = request.UserPrompt ?? "?";
            _callsPerTask.AddOrUpdate(task, 1, (_, n) => n + 1);
            return FakeReply.Text("Done: ", task, ".");
        };
        _host = await InProcessHost.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["SWARMS_MODEL_PROVIDER"] = "openai",
            ["OPENAI_BASE_URL"] = _model.BaseAddress.ToString(),
            ["OPENAI_API_KEY"] = "test-key",
            ["OPENAI_MODEL"] = "gpt-fake-1",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _model.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Messages_FivePercentMalformed_GoodOnesRunOnce_BadOnesPoisonedWithReason()
    {
        const int Good = 95;
        var queue = new QueueClient(_azurite.ConnectionString, SwarmTaskMessage.QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var raw = new QueueClient(_azurite.ConnectionString, SwarmTaskMessage.QueueName);
        await queue.CreateIfNotExistsAsync();

        // The bad ones, each with the field its reason must name.
        var bad = new (string Text, string Field)[]
        {
            ("{\"swarm\": \"solo\", \"task\": ", "message"),
            ("{\"swarm\": \"no-such-swarm\", \"task\": \"x\"}", "$.swarm"),
            ("{\"swarm\": \"solo\"}", "$.task"),
            ("{\"swarm\": \"solo\", \"task\": 42}", "$.task"),
        };
        var sends = new List<Task>();
        for (int i = 0; i < Good; i++)
        {
            // Every tenth good message names its run id; the first five of those are sent twice on purpose.
            var runId = i % 10 == 0 ? $"named-{i}" : null;
            var text = new JsonObject { ["swarm"] = "solo", ["task"] = $"task-{i:D3}", ["runId"] = runId }.ToJsonString();
            sends.Add(queue.SendMessageAsync(text));
            if (i % 10 == 0 && i < 50)
            {
                sends.Add(queue.SendMessageAsync(text));
            }

            if (i % 24 == 0 && i / 24 < bad.Length)
            {
                sends.Add(queue.SendMessageAsync(bad[i / 24].Text));
            }
        }

        sends.Add(raw.SendMessageAsync("{ not base64 at all }"));
        await Task.WhenAll(sends);

        var client = _host.Services.GetRequiredService<DurableTaskClient>();
        var poison = new QueueClient(_azurite.ConnectionString, SwarmTaskMessage.PoisonQueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await Wait.UntilAsync(async () => await CompletedAsync(client) == Good && (await QueueLengthAsync(poison)) == bad.Length + 1, "every good message completes and every bad one is poisoned", TimeSpan.FromMinutes(3));

        // Each good task was asked of the model exactly once, duplicates included.
        Assert.Equal(Good, _callsPerTask.Count);
        Assert.All(Enumerable.Range(0, Good), i => Assert.Equal(1, _callsPerTask.GetValueOrDefault($"task-{i:D3}")));
        Assert.Equal(Good, _model.Requests.Count);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // Each bad one is in the poison queue, unchanged, with the field at fault and a reason.
        var poisoned = (await poison.PeekMessagesAsync(32)).Value.Select(m => JsonNode.Parse(m.Body.ToString())!).ToList();
        foreach (var (text, field) in bad)
        {
            var entry = Assert.Single(poisoned, p => (string?)p["message"] == text);
            Assert.Equal(field, (string?)entry["field"]);
            Assert.StartsWith(field == "message" ? "message" : field, (string?)entry["reason"], StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace((string?)entry["messageId"]));
        }

        var undecodable = Assert.Single(poisoned, p => (string?)p["message"] == "{ not base64 at all }");
        Assert.Contains("base64", (string?)undecodable["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameMessageDeliveredTwice_StartsOneRun()
    {
        // The same queue message (same id) handed to the app twice, as a redelivery after a lost lease does.
        var handler = _host.Services.GetRequiredService<SwarmTaskMessageHandler>();
        var client = _host.Services.GetRequiredService<DurableTaskClient>();
        const string text = "{\"swarm\": \"solo\", \"task\": \"twice\"}";

        var first = await handler.HandleAsync(client, text, "msg-0001", 1, CancellationToken.None);
        var second = await handler.HandleAsync(client, text, "msg-0001", 2, CancellationToken.None);

        Assert.Equal(QueueOutcomeKind.Started, first.Kind);
        Assert.Equal(QueueOutcomeKind.Duplicate, second.Kind);
        Assert.Equal(first.RunId, second.RunId);
        var done = await _host.WaitForRunAsync(first.RunId!);
        Assert.Equal("Completed", (string?)done["runtimeStatus"]);
        var third = await handler.HandleAsync(client, text, "msg-0001", 3, CancellationToken.None);
        Assert.Equal(QueueOutcomeKind.Duplicate, third.Kind);
        Assert.Equal(1, _callsPerTask.GetValueOrDefault("twice"));
    }

    private static async Task<int> CompletedAsync(DurableTaskClient client)
    {
        int completed = 0;
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 500 }))
        {
            completed++;
        }

        return completed;
    }

    private static async Task<int> QueueLengthAsync(QueueClient queue) =>
        await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
}
