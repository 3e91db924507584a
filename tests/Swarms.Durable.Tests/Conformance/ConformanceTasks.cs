using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Swarms.Durable.Tests.Conformance;

/// <summary>The orchestrators and activities the conformance suite runs, written once against the real SDK.</summary>
internal static class ConformanceTasks
{
    /// <summary>Attempts per key, for activities that fail a given number of times first.</summary>
    public static readonly ConcurrentDictionary<string, int> Attempts = new();

    public static void Register(DurableTaskRegistry r) => r
        .AddOrchestratorFunc<string[], string>("Sequence", async (ctx, cities) =>
        {
            var greetings = new List<string>();
            foreach (var city in cities!)
            {
                greetings.Add(await ctx.CallActivityAsync<string>("Hello", city));
            }

            return string.Join(" ", greetings);
        })
        .AddActivityFunc<string, string>("Hello", (_, name) => $"Hello, {name}!")
        .AddOrchestrator<GreeterOrchestrator>()
        .AddActivity<GreetActivity>()
        .AddOrchestratorFunc<FlakyInput, string>("Retry", async (ctx, input) =>
            await ctx.CallActivityAsync<string>("Flaky", input, TaskOptions.FromRetryPolicy(new RetryPolicy(input!.MaxAttempts, TimeSpan.FromMilliseconds(50)))))
        .AddActivityFunc<FlakyInput, string>("Flaky", (_, input) =>
        {
            var attempt = Attempts.AddOrUpdate(input!.Key, 1, (_, n) => n + 1);
            return attempt <= input.Failures ? throw new InvalidOperationException($"attempt {attempt} failed") : $"ok after {attempt}";
        })
        .AddOrchestratorFunc<string, string>("CatchFailure", async (ctx, message) =>
        {
            try
            {
                await ctx.CallActivityAsync("Throw", message);
                return "no failure";
            }
            catch (TaskFailedException ex)
            {
                return $"{ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
            }
        })
        .AddActivityFunc<string>("Throw", (_, message) => throw new InvalidOperationException(message))
        .AddOrchestratorFunc<string, string>("Unhandled", async (ctx, message) => await ctx.CallActivityAsync<string>("Throw", message))
        .AddOrchestratorFunc<int, int>("Parent", async (ctx, n) =>
        {
            var children = Enumerable.Range(1, n).Select(i =>
                ctx.CallSubOrchestratorAsync<int>("Child", i, new SubOrchestrationOptions { InstanceId = $"{ctx.InstanceId}-child{i}" }));
            return (await Task.WhenAll(children)).Sum();
        })
        .AddOrchestratorFunc<int, int>("Child", async (ctx, i) => await ctx.CallActivityAsync<int>("Square", i) + (ctx.Parent is null ? 1000 : 0))
        .AddActivityFunc<int, int>("Square", (_, i) => i * i)
        .AddOrchestratorFunc<string, string>("FailingParent", async (ctx, message) =>
        {
            try
            {
                await ctx.CallSubOrchestratorAsync<string>("Unhandled", message);
                return "no failure";
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails.InnerFailure?.ErrorMessage ?? ex.FailureDetails.ErrorMessage;
            }
        })
        .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            (await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Identity", i)))).Sum())
        .AddActivityFunc<int, int>("Identity", (_, i) => i)
        .AddOrchestratorFunc<object?, string>("WhenAnyEvent", async (ctx, _) =>
        {
            var a = ctx.WaitForExternalEvent<string>("a");
            var b = ctx.WaitForExternalEvent<string>("b");
            var first = await Task.WhenAny(a, b);
            return first == a ? "a:" + a.Result : "b:" + b.Result;
        })
        .AddOrchestratorFunc<double, DateTime[]>("Timer", async (ctx, seconds) =>
        {
            var fireAt = ctx.CurrentUtcDateTime.AddSeconds(seconds);
            await ctx.CreateTimer(fireAt, CancellationToken.None);
            return [fireAt, ctx.CurrentUtcDateTime];
        })
        .AddOrchestratorFunc<double, string>("EventWithTimeout", async (ctx, seconds) =>
        {
            try
            {
                return "got " + await ctx.WaitForExternalEvent<string>("approval", TimeSpan.FromSeconds(seconds));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        })
        .AddOrchestratorFunc<object?, string>("TwoEvents", async (ctx, _) =>
        {
            var first = await ctx.WaitForExternalEvent<string>("approval");
            var second = await ctx.WaitForExternalEvent<string>("APPROVAL");
            return first + "," + second;
        })
        .AddOrchestratorFunc<object?, string>("CancelTimer", async (ctx, _) =>
        {
            using var cts = new CancellationTokenSource();
            var timeout = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(1), cts.Token);
            var work = ctx.CallActivityAsync<string>("Hello", "work");
            if (await Task.WhenAny(work, timeout) != work)
            {
                return "timed out";
            }

            cts.Cancel();
            return await work;
        })
        .AddOrchestratorFunc<string, string>("CustomStatus", async (ctx, status) =>
        {
            ctx.SetCustomStatus(new { step = status });
            return await ctx.WaitForExternalEvent<string>("go");
        })
        .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
        {
            if (n < 5)
            {
                await ctx.CallActivityAsync<int>("Identity", n);
                ctx.ContinueAsNew(n + 1);
                return -1;
            }

            return n * 10;
        })
        .AddOrchestratorFunc<object?, string>("WaitForever", async (ctx, _) => await ctx.WaitForExternalEvent<string>("never"))
        .AddOrchestratorFunc<object?, string>("ParentOfWaiter", async (ctx, _) =>
            await ctx.CallSubOrchestratorAsync<string>("WaitForever", null, new SubOrchestrationOptions { InstanceId = ctx.InstanceId + "-child" }))
        .AddOrchestratorFunc<object?, string>("NonDeterministic", async (ctx, _) =>
        {
            // First run: "Hello"; any replay: "Identity". The timer outlives the session, so the instance replays.
            if (!ctx.IsReplaying)
            {
                await ctx.CallActivityAsync<string>("Hello", "first");
            }
            else
            {
                await ctx.CallActivityAsync<int>("Identity", 1);
            }

            await ctx.CreateTimer(TimeSpan.FromSeconds(3), CancellationToken.None);
            return "not detected";
        })
        .AddOrchestratorFunc<string, string>("ReplaySafeLogging", async (ctx, tag) =>
        {
            // The timer outlives the session, so the instance replays; the replay-safe logger stays quiet then.
            Attempts.AddOrUpdate("runs-" + tag, 1, (_, n) => n + 1); // every run of this code, replays included
            var logger = ctx.CreateReplaySafeLogger("Conformance.Replay");
            logger.LogInformation("before {Tag}", tag);
            await ctx.CallActivityAsync<string>("Hello", tag);
            await ctx.CreateTimer(TimeSpan.FromSeconds(3), CancellationToken.None);
            logger.LogInformation("after {Tag}", tag);
            return tag!;
        })
        .AddOrchestratorFunc<string, string>("Echo", async (ctx, text) => await ctx.CallActivityAsync<string>("EchoActivity", text))
        .AddActivityFunc<string, string>("EchoActivity", (_, text) => text!)
        .AddOrchestratorFunc<object?, string[]>("Context", (ctx, _) =>
        {
            var guid = ctx.NewGuid();
            return Task.FromResult(new[] { ctx.InstanceId, ctx.Name.Name, guid.ToString(), ctx.CurrentUtcDateTime.Kind.ToString() });
        });
}

internal sealed record FlakyInput(string Key, int Failures, int MaxAttempts);

/// <summary>A greeting service, to prove task classes are built through dependency injection.</summary>
internal sealed class Greeter
{
    public string Greet(string name) => $"Welcome, {name}.";
}

internal sealed class GreeterOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(GreetActivity), input);
}

internal sealed class GreetActivity(Greeter greeter) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(greeter.Greet(input));
}
