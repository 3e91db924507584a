using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Swarms.Agents;

/// <summary>
/// Answers the guide's "does this model support streaming?" honestly. Through <see cref="IChatClient"/> every
/// model can be streamed (<see cref="IChatClient.GetStreamingResponseAsync"/> always exists), but a provider
/// may emulate it by sending the whole answer as one chunk. So this class checks two things: by model name, that
/// the model is a chat model at all (embedding, image, audio and moderation models are not); and, with
/// <see cref="ProbeStreamingAsync"/>, what a short real call does: how many chunks arrive and when the first does.
/// </summary>
public static class ModelCapabilities
{
    // Families served by OpenAI-compatible APIs that are not chat models: asking them to stream a chat answer fails.
    private static readonly string[] NonChatPrefixes =
        ["text-embedding-", "embed", "dall-e", "gpt-image", "whisper", "tts-", "omni-moderation", "text-moderation"];

    /// <summary>
    /// True for every chat client: the abstraction always offers streaming. Whether tokens really arrive one by one
    /// is up to the provider; <see cref="ProbeStreamingAsync"/> measures it.
    /// </summary>
    public static bool SupportsStreaming(IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var model = client.GetService<ChatClientMetadata>()?.DefaultModelId;
        return model is null || SupportsStreaming(model);
    }

    /// <summary>
    /// False for model names of known non-chat families (embeddings, images, speech, moderation), which cannot
    /// stream a chat answer; true otherwise, since every chat model reached through an <see cref="IChatClient"/> can.
    /// A name this method does not know is assumed to be a chat model.
    /// </summary>
    public static bool SupportsStreaming(string modelName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        var name = modelName.Trim();
        // Strip a provider prefix such as "openai/" (LiteLLM-style names, as swarms uses).
        int slash = name.LastIndexOf('/');
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        return !NonChatPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Makes one short streaming call (at most <paramref name="maxOutputTokens"/> output tokens) and reports how
    /// the answer arrived. This calls the model, so it costs a few tokens on a paid provider.
    /// </summary>
    public static async Task<StreamingProbeResult> ProbeStreamingAsync(
        IChatClient client, int maxOutputTokens = 16, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOutputTokens, 1);
        var options = new ChatOptions { MaxOutputTokens = maxOutputTokens };
        var start = Stopwatch.GetTimestamp();
        TimeSpan? first = null;
        int chunks = 0;
        string? model = client.GetService<ChatClientMetadata>()?.DefaultModelId;
        await foreach (var update in client.GetStreamingResponseAsync("Say hello in a few words.", options, cancellationToken).ConfigureAwait(false))
        {
            model = update.ModelId ?? model;
            if (update.Text.Length > 0)
            {
                first ??= Stopwatch.GetElapsedTime(start);
                chunks++;
            }
        }

        return new StreamingProbeResult(model, chunks, first ?? Stopwatch.GetElapsedTime(start), Stopwatch.GetElapsedTime(start));
    }
}
