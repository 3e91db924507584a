namespace Swarms.Agents.Tools;

/// <summary>
/// Declares that the method, made into a tool with <c>AIFunctionFactory.Create</c>, may run more than once for the same
/// call without harm: it only reads, or doing it twice has the effect of doing it once.
/// </summary>
/// <remarks>
/// <b>The safe-to-repeat rule.</b> A tool is <i>not</i> safe to repeat unless it says so (this attribute,
/// <see cref="ToolExtensions.AsSafeToRepeat"/>, the <c>safeToRepeat</c> flag of <see cref="ToolRegistry.Add(Microsoft.Extensions.AI.AIFunction, bool?)"/>,
/// or, for an MCP tool, the server's <c>readOnlyHint</c> or <c>idempotentHint</c>). In process, an agent never runs a
/// completed tool call again, whatever the flag: a model call that fails after a tool ran is retried from the
/// conversation that holds the tool's result. Durable runs (where a worker may crash and an activity be delivered
/// again) run each model turn and each tool call as its own activity, so a completed tool call is recorded and never
/// run again; the flag decides a call cut off while it ran: a tool safe to repeat is run again, one that is not is
/// not run again, and the model is told it may or may not have run.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SafeToRepeatAttribute : Attribute;
