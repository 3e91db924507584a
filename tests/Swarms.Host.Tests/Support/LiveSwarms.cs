namespace Swarms.Host.Tests.Support;

/// <summary>Swarms of the live-channel tests, written into a test host's <c>swarms/</c> folder.</summary>
internal static class LiveSwarms
{
    /// <summary>Three agents at once.</summary>
    public const string Panel = """
        { "name": "panel", "kind": "concurrent", "agents": [
          { "name": "Technical", "systemPrompt": "agent-technical: you read the charts." },
          { "name": "Fundamental", "systemPrompt": "agent-fundamental: you read the filings." },
          { "name": "Sentiment", "systemPrompt": "agent-sentiment: you read the news." } ] }
        """;

    public static readonly string[] PanelAgents = ["Technical", "Fundamental", "Sentiment"];

    /// <summary>Writes the live swarms into <paramref name="contentRoot"/>.</summary>
    public static void Write(string contentRoot) => File.WriteAllText(Path.Combine(contentRoot, "swarms", "panel.json"), Panel);
}
