using Microsoft.Extensions.AI;

namespace Swarms.Agents.Tools;

/// <summary>A function marked safe to repeat (see <see cref="SafeToRepeatAttribute"/>), in the style of M.E.AI's <c>ApprovalRequiredAIFunction</c>.</summary>
internal sealed class SafeToRepeatAIFunction(AIFunction inner) : DelegatingAIFunction(inner);
