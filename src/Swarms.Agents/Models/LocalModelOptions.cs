namespace Swarms.Agents.Models;

/// <summary>Settings of the offline <see cref="LocalChatClient"/>.</summary>
public sealed class LocalModelOptions
{
    /// <summary>A pace close to a hosted model's streaming, so demos look real.</summary>
    public const double DefaultTokensPerSecond = 40;

    /// <summary>The model name it reports: it says plainly that it is a stand-in.</summary>
    public const string ModelName = "local-stand-in (offline, not an LLM)";

    /// <summary>Streaming rate; 0 streams as fast as possible.</summary>
    public double TokensPerSecond { get; set; } = DefaultTokensPerSecond;

    /// <summary>The clock used for the streaming pace.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
