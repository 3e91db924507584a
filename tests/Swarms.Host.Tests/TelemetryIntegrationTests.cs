using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Swarms.Agents.Tests.Fakes;
using Swarms.Host.Tests.Support;

namespace Swarms.Host.Tests;

/// <summary>
/// The local host's OpenTelemetry, collected by in-memory exporters while a 3-agent run goes through HTTP on the real
/// OpenAI client against the Chat Completions test server: spans of the run's orchestration and its steps, one per agent
/// turn, one per model call (GenAI conventions), all in one trace; metrics of runs, turns, tokens and model calls; logs
/// with the run id and the agent, and no prompt or key at Information.
/// </summary>
public sealed class TelemetryIntegrationTests
{
    [Fact]
    public async Task Run_EmitsSpansPerRunStepTurnAndModelCall_MetricsAndLogsWithoutPrompts()
    {
        await using var model = await ChatCompletionsServer.StartAsync();
        model.DefaultReply = FakeReply.Text("Fine", " answer", ".") with { PromptTokens = 21, CompletionTokens = 3, FinishReason = "stop" };
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var logs = new CapturingLoggerProvider();
        const string Secret = "sk-test-secret-0123456789";
        const string RunId = "otel-run-1";

        await using (var host = await InProcessHost.StartAsync(
            new Dictionary<string, string>
            {
                ["SWARMS_MODEL_PROVIDER"] = "openai",
                ["OPENAI_BASE_URL"] = model.BaseAddress.ToString(),
                ["OPENAI_API_KEY"] = Secret,
                ["OPENAI_MODEL"] = "gpt-fake-1",
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Swarms.Agents"] = "Debug",
            },
            configure: b =>
            {
                b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
                b.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
                b.Logging.AddProvider(logs);
            }))
        {
            var runId = await host.StartRunAsync("trio", "Analyze the secret-task-text", RunId);
            var done = await host.WaitForRunAsync(runId);
            Assert.Equal("Completed", (string?)done["runtimeStatus"]);
            host.Services.GetRequiredService<TracerProvider>().ForceFlush();
            host.Services.GetRequiredService<MeterProvider>().ForceFlush();

            List<Activity> snapshot;
            lock (spans)
            {
                snapshot = [.. spans];
            }

            var dump = string.Join("\n", snapshot.Where(s => s.Source.Name != "Microsoft.AspNetCore").Select(s => $"{s.Source.Name} | {s.DisplayName} | {s.TraceId} | {string.Join(", ", s.TagObjects.Select(t => $"{t.Key}={t.Value}"))}"));

            // One span per agent turn, with the run id and the turn's usage.
            // Spans of the other test classes' runs in this process reach this exporter too: only this run's count.
            var trace = Swarms.Orchestration.SwarmsTelemetry.RunContext(runId).TraceId;
            var turns = snapshot.Where(s => s.Source.Name == "Swarms.Orchestration" && s.DisplayName.StartsWith("invoke_agent ", StringComparison.Ordinal)
                && (string?)s.GetTagItem("swarms.run.id") == runId).ToList();
            Assert.True(turns.Count == 3, dump);
            Assert.Equal(["First", "Second", "Third"], turns.Select(t => (string?)t.GetTagItem("gen_ai.agent.name")).Order());
            Assert.All(turns, t =>
            {
                Assert.Equal(runId, t.GetTagItem("swarms.run.id"));
                Assert.Equal(1, t.GetTagItem("swarms.agent.attempt"));
                Assert.Equal(21L, t.GetTagItem("gen_ai.usage.input_tokens"));
                Assert.Equal(3L, t.GetTagItem("gen_ai.usage.output_tokens"));
                Assert.Equal(ActivityStatusCode.Unset, t.Status);
            });

            // One span per model call, a child of its turn, with the GenAI attributes.
            var calls = snapshot.Where(s => s.Source.Name == "Swarms.Models" && s.TraceId == trace).ToList();
            Assert.True(calls.Count == 3, dump);
            Assert.All(calls, c =>
            {
                Assert.Contains(turns, t => t.SpanId == c.ParentSpanId);
                Assert.Equal("chat", c.GetTagItem("gen_ai.operation.name"));
                Assert.Equal("gpt-fake-1", c.GetTagItem("gen_ai.request.model"));
                Assert.Equal(21, Convert.ToInt32(c.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(3, Convert.ToInt32(c.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(FinishReasons(c.GetTagItem("gen_ai.response.finish_reasons")).Contains("stop"), dump);
            });

            // The run's span, from its start to its end, and every turn and model call in the run's one trace.
            var run = Assert.Single(snapshot, s => s.Source.Name == "Swarms.Orchestration" && s.DisplayName == "swarm_run trio");
            Assert.Equal(runId, run.GetTagItem("swarms.run.id"));
            Assert.Equal("completed", run.GetTagItem("swarms.run.status"));
            Assert.Equal(63L, run.GetTagItem("gen_ai.usage.input_tokens"));
            Assert.True(run.StartTimeUtc <= turns.Min(t => t.StartTimeUtc) && run.StartTimeUtc + run.Duration >= turns.Max(t => t.StartTimeUtc + t.Duration), dump);
            Assert.True(turns.Concat(calls).Append(run).All(s => s.TraceId == trace), dump);

            // The orchestration's steps: DurableTask.Core's span per activity of the instance.
            var steps = snapshot.Where(s => s.Source.Name == "DurableTask.Core" && s.DisplayName == "activity:SwarmAgentTurn"
                && (string?)s.GetTagItem("durabletask.task.instance_id") == runId).ToList();
            Assert.True(steps.Count == 3, dump);

            // Metrics: runs started, agent turns and tokens, model call duration and token usage.
            var names = metrics.Select(m => m.Name).ToHashSet();
            Assert.True(
                new[] { "swarms.runs.started", "swarms.runs.finished", "swarms.run.duration", "swarms.agent.turns", "swarms.agent.turn.duration", "swarms.agent.tokens", "gen_ai.client.operation.duration", "gen_ai.client.token.usage" }.All(names.Contains),
                string.Join(", ", names.Order()));
        }

        // Logs: the turn's logs carry the run and the agent; no prompt, task or key at Information or above.
        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Category.StartsWith("Swarms.Agents", StringComparison.Ordinal)
            && l.Text.Contains($"scope[RunId={RunId} Agent=Second]", StringComparison.Ordinal));
        var visible = lines.Where(l => l.Level >= LogLevel.Information).ToList();
        Assert.DoesNotContain(visible, l => l.Text.Contains(Secret, StringComparison.Ordinal) || l.Text.Contains("secret-task-text", StringComparison.Ordinal)
            || l.Text.Contains("agent-two: you continue", StringComparison.Ordinal));
    }

    // A string array, or its JSON text, as exporters may get either.
    private static string[] FinishReasons(object? tag) => tag switch
    {
        IEnumerable<string> reasons => [.. reasons],
        string text => text.Contains('[', StringComparison.Ordinal) ? System.Text.Json.JsonSerializer.Deserialize<string[]>(text) ?? [] : [text],
        _ => [],
    };
}
