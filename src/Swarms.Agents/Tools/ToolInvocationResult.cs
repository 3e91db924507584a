namespace Swarms.Agents.Tools;

/// <summary>What one tool call gave back.</summary>
/// <param name="Result">The text the model is given: the tool's result, or the error it may act on.</param>
/// <param name="IsError">True when the tool failed, was not found, or its arguments were not valid.</param>
/// <param name="Error">For people (events, logs): what went wrong, with the exception's type and message; null on success.</param>
public sealed record ToolInvocationResult(string Result, bool IsError = false, string? Error = null);
