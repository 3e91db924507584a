using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Swarms.Agents.Tests.Fakes;
using Swarms.Testing;

/// <summary>
/// The queue at scale (the tests send 100): N messages on <c>swarm-tasks</c> in Azurite, 5% malformed, 5% of the good
/// ones sent twice with the same run id, to the local host as a child process whose agents call the OpenAI-compatible
/// test server, which counts the model calls. Checks every good message ran exactly once (one call per one-agent run)
/// and every bad one is in <c>swarm-tasks-poison</c> with its reason; prints the time from first send to the last run.
/// </summary>
internal static class QueueBench
{
    public static async Task<int> RunAsync(int count)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var model = await ChatCompletionsServer.StartAsync();
        var calls = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        model.Responder = r =>
        {
            calls.AddOrUpdate(r.UserPrompt ?? "?", 1, (_, n) => n + 1);
            return FakeReply.Text("Done.");
        };

        var root = Directory.CreateTempSubdirectory("swarms-queue-bench-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "swarms"));
        await File.WriteAllTextAsync(Path.Combine(root, "swarms", "solo.json"), """
            { "name": "solo", "kind": "sequential", "agents": [ { "name": "Only", "systemPrompt": "You answer." } ] }
            """);
        var port = FreePort.Next();
        var env = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString, ["SWARMS_MODEL_PROVIDER"] = "openai", ["OPENAI_BASE_URL"] = model.BaseAddress.ToString(),
            ["OPENAI_API_KEY"] = "bench", ["OPENAI_MODEL"] = "gpt-fake-1", ["Logging__LogLevel__Default"] = "Error",
        };
        var dll = Path.Combine(RepoPaths.Root, "src", "Swarms.Host", "bin", "Release", "net10.0", "Swarms.Host.dll");
        using var host = ChildProcess.StartDotnet(dll, ["--urls", $"http://127.0.0.1:{port}"], env, root);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        await host.WaitUntilHealthyAsync(http);

        var queue = new QueueClient(azurite.ConnectionString, "swarm-tasks", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var poison = new QueueClient(azurite.ConnectionString, "swarm-tasks-poison", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        int bad = count / 20, good = count - bad;
        string[] malformed = ["{\"swarm\": \"solo\", \"task\": ", "{\"swarm\": \"nope\", \"task\": \"x\"}", "{\"swarm\": \"solo\"}", "{\"swarm\": \"solo\", \"task\": 7}", "[]"];
        var texts = new List<string>();
        for (int i = 0; i < good; i++)
        {
            var runId = i % 20 == 0 ? $"twice-{i}" : null;
            var text = new JsonObject { ["swarm"] = "solo", ["task"] = $"task-{i:D5}", ["runId"] = runId }.ToJsonString();
            texts.Add(text);
            if (runId is not null)
            {
                texts.Add(text); // the same run sent twice
            }
        }

        for (int i = 0; i < bad; i++)
        {
            texts.Insert((i * 20 + 7) % texts.Count, malformed[i % malformed.Length]);
        }

        var clock = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(32))
        {
            await Task.WhenAll(texts.Select(async t =>
            {
                await gate.WaitAsync();
                try
                {
                    await queue.SendMessageAsync(t);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var sent = clock.Elapsed;
        await Wait.UntilAsync(async () => calls.Count >= good && (await poison.ExistsAsync()) && (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount >= bad
            && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "every message is handled", TimeSpan.FromMinutes(20));
        var elapsed = clock.Elapsed;
        await Task.Delay(3000); // anything run twice would show up now
        var twice = calls.Where(kv => kv.Value != 1).Select(kv => kv.Key).ToList();
        int poisoned = (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var reasons = (await poison.PeekMessagesAsync(32)).Value.Select(m => (string?)JsonNode.Parse(m.Body.ToString())!["reason"]).ToList();
        host.Kill();
        Directory.Delete(root, recursive: true);

        Console.WriteLine($"{texts.Count} messages ({good} good, {texts.Count - good - bad} of them sent twice, {bad} malformed) sent in {sent.TotalSeconds:F1} s; all handled after {elapsed.TotalSeconds:F1} s ({good / elapsed.TotalSeconds:F1} runs/s)");
        Console.WriteLine($"model calls: {calls.Values.Sum()} for {calls.Count} tasks; tasks called other than once: {twice.Count}; poisoned: {poisoned} (reasons, first few: {string.Join(" | ", reasons.Take(3))})");
        bool ok = calls.Count == good && twice.Count == 0 && calls.Values.Sum() == good && poisoned == bad && reasons.All(r => !string.IsNullOrWhiteSpace(r));
        Console.WriteLine(ok ? "OK: every good message ran exactly once, every bad one is poisoned with its reason" : "FAILED");
        return ok ? 0 : 1;
    }
}
