using System.CommandLine;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Spectre.Console;
using Swarms.Cli.Durable;
using Swarms.Orchestration;
using Swarms.Orchestration.Approvals;
using Swarms.Orchestration.RunLog;

namespace Swarms.Cli.Commands;

/// <summary><c>swarms runs</c>: the durable runs of a run store; <c>show</c>, <c>resume</c> and <c>approve</c> one.</summary>
internal static class RunsCommand
{
    private const string Help = """
        List the durable runs of a run store (started with 'swarms run ... --durable'): id, swarm, status, when it was
        created and how long it ran. Subcommands show, resume and approve one run, named by its id or a unique start of it.

        Examples:
          swarms runs
          swarms runs --store ~/runs.db
          swarms runs show 3f9a2c1b7d4e
          swarms runs resume 3f9a
          swarms runs approve 3f9a --agent Writer
          swarms runs approve 3f9a --agent Writer --reject --feedback "Cite your sources first."

        Exit codes: 0 done, 2 bad usage (no such store or run, a run already finished).
        """;

    public static Option<string?> CreateStoreOption() => new("--store")
    {
        Description = $"The run store: the SQLite file durable runs are kept in (default ./{RunStore.DefaultFileName}).",
        HelpName = "file",
    };

    public static Command Create(CliContext context)
    {
        var store = CreateStoreOption();
        var json = new Option<bool>("--json") { Description = "One JSON object per run (NDJSON) instead of a table." };
        var command = new Command("runs", Help) { store, json, Show(context), Resume(context), Approve(context) };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var runStore = RunStore.Resolve(context, parse.GetValue(store), mustExist: true);
            await using var session = DurableSession.ForClient(runStore);
            var now = DateTimeOffset.UtcNow;
            var runs = new List<RunSummary>();
            await foreach (var run in session.Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true, PageSize = 100 })
                .WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (run.Name == SwarmRunOrchestrator.Name)
                {
                    runs.Add(RunSummary.From(run, now));
                }
            }

            runs.Sort((a, b) => b.Created.CompareTo(a.Created));
            if (parse.GetValue(json))
            {
                foreach (var run in runs)
                {
                    await context.Out.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        runId = run.RunId, swarm = run.Swarm, status = run.Status, created = run.Created, elapsedSeconds = run.Elapsed.TotalSeconds,
                    }, EventJson.Options)).ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }

            if (runs.Count == 0)
            {
                context.Console.WriteLine($"No durable runs in {runStore.Shown} yet. Start one: swarms run <swarm> \"<task>\" --durable");
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).Title($"Durable runs in {Markup.Escape(runStore.Shown)}")
                .AddColumn("Run").AddColumn("Swarm").AddColumn("Status").AddColumn("Created").AddColumn(new TableColumn("Elapsed").RightAligned());
            foreach (var run in runs)
            {
                table.AddRow(new Text(run.RunId), new Text(run.Swarm), new Text(run.Status), new Text(RunSummary.Time(run.Created)), new Text(RunSummary.Duration(run.Elapsed)));
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Argument<string> RunArgument() => new("run") { Description = "The run's id, or a unique start of it (see 'swarms runs')." };

    private static Command Show(CliContext context)
    {
        var run = RunArgument();
        var store = CreateStoreOption();
        var json = new Option<bool>("--json") { Description = "The run as one JSON object: status, task, every agent, the output." };
        var events = new Option<bool>("--events") { Description = "The run's logged events as NDJSON (the lines 'swarms run --json' prints)." };
        var command = new Command("show", """
            Show a durable run: its swarm, status, task, each agent's status, attempt and tokens, and the final output.

            Examples:
              swarms runs show 3f9a2c1b7d4e
              swarms runs show 3f9a --json
              swarms runs show 3f9a --events | jq -c 'select(.type == "AgentStarted")'
            """) { run, store, json, events };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(json) && parse.GetValue(events))
            {
                throw new CliUsageException("--json and --events cannot be used together.");
            }

            var runStore = RunStore.Resolve(context, parse.GetValue(store), mustExist: true);
            await using var session = DurableSession.ForClient(runStore);
            var metadata = await RunIds.ResolveAsync(session.Client, runStore, parse.GetValue(run), cancellationToken).ConfigureAwait(false);
            var logged = await ReadAllAsync(session.Log, metadata.InstanceId, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(events))
            {
                foreach (var evt in logged)
                {
                    await context.Out.WriteLineAsync(SwarmEventJson.Serialize(evt)).ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }

            var summary = RunSummary.From(metadata, DateTimeOffset.UtcNow);
            var request = metadata.ReadInputAs<SwarmRunRequest>();
            var agents = AgentSummary.Fold(request?.Definition.Agents.Select(a => a.Name).ToList() ?? [], logged);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    runId = summary.RunId, swarm = summary.Swarm, kind = summary.Kind, status = summary.Status, runtimeStatus = metadata.RuntimeStatus.ToString(),
                    created = summary.Created, elapsedSeconds = summary.Elapsed.TotalSeconds, task = summary.Task, progress = summary.Progress,
                    agents = agents.Select(a => new { name = a.Name, status = a.Status, attempt = a.Attempt, usage = a.Usage, output = a.Output, error = a.Error }),
                    output = summary.Result?.Output, error = summary.Result?.Error ?? summary.Failure, events = logged.Count,
                }, EventJson.Indented)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var console = context.Console;
            console.MarkupLine($"[bold]Run {Markup.Escape(summary.RunId)}[/] · {Markup.Escape(summary.Swarm)} ({Markup.Escape(summary.Kind)}, {agents.Count} agent{(agents.Count == 1 ? "" : "s")})");
            console.WriteLine($"Status:  {summary.Status}");
            console.WriteLine($"Created: {RunSummary.Time(summary.Created)} · {(metadata.IsCompleted ? "ran" : "running for")} {RunSummary.Duration(summary.Elapsed)} · {logged.Count} logged events");
            console.WriteLine($"Task:    {Shorten(summary.Task ?? "", 200)}");
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Agent").AddColumn("Status").AddColumn(new TableColumn("Attempt").RightAligned())
                .AddColumn(new TableColumn("Tokens").RightAligned()).AddColumn("Output");
            foreach (var agent in agents)
            {
                table.AddRow(
                    new Text(agent.Name), new Text(agent.Status), new Text(agent.Attempt == 0 ? "" : agent.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Text(agent.Usage.TotalTokens.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)),
                    new Text(Shorten(agent.Error is { } e && agent.Output.Length == 0 ? e : agent.Output, 60)));
            }

            console.Write(table);
            if (summary.Result is { } result)
            {
                console.WriteLine(result.Output.Length > 0 ? "Output:" : "Error:");
                console.WriteLine(result.Output.Length > 0 ? result.Output : result.Error ?? "");
            }
            else if (!metadata.IsCompleted)
            {
                console.WriteLine($"Not finished. Continue it with: swarms runs resume {summary.RunId}{RunIds.StoreArgument(runStore)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Resume(CliContext context)
    {
        var run = RunArgument();
        var store = CreateStoreOption();
        var provider = new Option<string?>("--provider") { Description = "Model provider: local, openai or azure-openai. Overrides SWARMS_MODEL_PROVIDER." };
        var json = new Option<bool>("--json") { Description = "The run's events as NDJSON on stdout (what was logged, then the rest live) instead of the dashboard." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No display: print only the final output." };
        var noDashboard = new Option<bool>("--no-dashboard") { Description = "Plain progress lines instead of the live dashboard." };
        var command = new Command("resume", """
            Finish a durable run whose process stopped (Ctrl+C) or was killed: agents already done are not run again
            (their answers are in the store); the agent that was interrupted starts over as its next attempt. Shows what was
            logged so far, then the rest live.

            Examples:
              swarms runs resume 3f9a2c1b7d4e
              swarms runs resume 3f9a --json
              swarms runs resume 3f9a --store ~/runs.db --quiet

            Exit codes: 0 completed, 1 the run failed, 2 bad usage (no such run, already finished), 130 stopped again (Ctrl+C).
            """) { run, store, provider, json, quiet, noDashboard };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(json) && parse.GetValue(quiet))
            {
                throw new CliUsageException("--json and --quiet cannot be used together.");
            }

            var runStore = RunStore.Resolve(context, parse.GetValue(store), mustExist: true);
            var output = new RunOutput(parse.GetValue(json), parse.GetValue(quiet), parse.GetValue(noDashboard) ? false : null, null);
            return await DurableRun.ResumeAsync(context, runStore, parse.GetValue(run), parse.GetValue(provider), output, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Approve(CliContext context)
    {
        var run = RunArgument();
        var store = CreateStoreOption();
        var agent = new Option<string?>("--agent") { Description = "The agent to decide on (default: the one agent waiting)." };
        var reject = new Option<bool>("--reject") { Description = "Reject instead: the agent does not run, the run goes on without it." };
        var feedback = new Option<string?>("--feedback") { Description = "Why: recorded with the decision (and shown in 'swarms runs show')." };
        var command = new Command("approve", """
            Approve (or reject) an agent of a durable run that waits for a person ("approval": true in its definition).
            Approved, it runs; rejected, it is skipped with status "rejected" and your feedback recorded, and the run goes
            on (a sequential run hands the next agent what the last completed agent produced). The process running the run
            picks the decision up; if none runs it, 'swarms runs resume' does.

            Examples:
              swarms runs approve 3f9a2c1b7d4e
              swarms runs approve 3f9a --agent Writer
              swarms runs approve 3f9a --agent Writer --reject --feedback "Cite your sources first."

            Exit codes: 0 decided, 2 bad usage (no such run or agent, nothing waiting, run finished).
            """) { run, store, agent, reject, feedback };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var runStore = RunStore.Resolve(context, parse.GetValue(store), mustExist: true);
            await using var session = DurableSession.ForClient(runStore);
            var metadata = await RunIds.ResolveAsync(session.Client, runStore, parse.GetValue(run), cancellationToken).ConfigureAwait(false);
            var runId = metadata.InstanceId;
            if (metadata.IsCompleted)
            {
                throw new CliUsageException($"Run {runId} already finished ({RunSummary.Describe(metadata)}); there is nothing to approve.");
            }

            var definition = metadata.ReadInputAs<SwarmRunRequest>()?.Definition ?? throw new CliUsageException($"Run {runId} was not started by swarms.");
            var gated = definition.Agents.Where(a => a.Approval).Select(a => a.Name).ToList();
            var waiting = metadata.ReadCustomStatusAs<SwarmRunProgress>()?.WaitingForApproval ?? [];
            var name = parse.GetValue(agent) ?? waiting.Count switch
            {
                1 => waiting[0],
                0 => throw new CliUsageException(gated.Count == 0
                    ? $"No agent of run {runId} waits for approval (none has \"approval\": true)."
                    : $"No agent of run {runId} waits for approval now; to decide in advance, name one with --agent ({string.Join(", ", gated)})."),
                _ => throw new CliUsageException($"Several agents wait for approval ({string.Join(", ", waiting)}); choose one with --agent."),
            };
            if (!gated.Contains(name, StringComparer.Ordinal))
            {
                throw new CliUsageException(gated.Count == 0
                    ? $"No agent of run {runId} waits for approval (none has \"approval\": true)."
                    : $"Agent '{name}' of run {runId} does not wait for approval; those that do: {string.Join(", ", gated)}.");
            }

            var text = parse.GetValue(feedback);
            var decision = parse.GetValue(reject) ? ApprovalDecision.Reject(text) : ApprovalDecision.Approve(text);
            await session.Client.DecideAsync(runId, name, decision, cancellationToken).ConfigureAwait(false);
            var when = waiting.Contains(name) ? "" : $" ({name} is not waiting yet: the decision applies when the run reaches it)";
            await context.Out.WriteLineAsync($"{(decision.Approved ? "Approved" : "Rejected")} {name} in run {runId}{when}.").ConfigureAwait(false);
            await context.Out.WriteLineAsync(
                $"The process running the run continues it; if none does: swarms runs resume {runId}{RunIds.StoreArgument(runStore)}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<List<Swarms.Agents.Streaming.SwarmEvent>> ReadAllAsync(IRunLog log, string runId, CancellationToken cancellationToken)
    {
        var all = new List<Swarms.Agents.Streaming.SwarmEvent>();
        while (true)
        {
            var page = await log.ReadAsync(runId, all.Count == 0 ? 0 : all[^1].Seq, 1000, cancellationToken).ConfigureAwait(false);
            all.AddRange(page);
            if (page.Count < 1000)
            {
                return all;
            }
        }
    }

    private static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
