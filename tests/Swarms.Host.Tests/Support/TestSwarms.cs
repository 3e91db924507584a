namespace Swarms.Host.Tests.Support;

/// <summary>Swarm definitions the tests put in the host's <c>swarms/</c> folder.</summary>
internal static class TestSwarms
{
    /// <summary>Three agents one after another (the crash tests kill the host during the second).</summary>
    public const string Trio = """
        { "name": "trio", "kind": "sequential", "agents": [
          { "name": "First", "systemPrompt": "agent-one: you open." },
          { "name": "Second", "systemPrompt": "agent-two: you continue." },
          { "name": "Third", "systemPrompt": "agent-three: you close." } ] }
        """;

    /// <summary>One agent (the queue tests count one model call per run).</summary>
    public const string Solo = """
        { "name": "solo", "kind": "sequential", "agents": [ { "name": "Only", "systemPrompt": "agent-solo: you answer." } ] }
        """;

    /// <summary>Two agents, the second waiting for a person: a run that stays Running until it is approved.</summary>
    public const string Gated = """
        { "name": "gated", "kind": "sequential", "agents": [
          { "name": "Drafter", "systemPrompt": "agent-drafter: you draft." },
          { "name": "Publisher", "systemPrompt": "agent-publisher: you publish.", "approval": true } ] }
        """;

    /// <summary>A folder holding the test swarms (and whatever else the test writes there).</summary>
    public static string NewContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "swarms-host-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(root, "swarms"));
        File.WriteAllText(Path.Combine(root, "swarms", "trio.json"), Trio);
        File.WriteAllText(Path.Combine(root, "swarms", "solo.json"), Solo);
        File.WriteAllText(Path.Combine(root, "swarms", "gated.json"), Gated);
        return root;
    }
}
