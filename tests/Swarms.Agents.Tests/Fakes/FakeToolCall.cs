namespace Swarms.Agents.Tests.Fakes;

/// <summary>A streamed tool call: its id, function name, and the argument JSON split into the fragments sent.</summary>
public sealed record FakeToolCall(string Id, string Name, params string[] ArgumentFragments)
{
    public string Arguments => string.Concat(ArgumentFragments);
}
