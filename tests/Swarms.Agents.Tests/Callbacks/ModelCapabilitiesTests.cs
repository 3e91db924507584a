using Swarms.Agents.Models;
using Swarms.Agents.Tests.Support;

namespace Swarms.Agents.Tests.Callbacks;

public class ModelCapabilitiesTests
{
    [Theory]
    [InlineData("gpt-4o-mini", true)]
    [InlineData("openai/gpt-4o", true)]
    [InlineData("claude-sonnet-4-20250514", true)]
    [InlineData("text-embedding-3-small", false)]
    [InlineData("openai/dall-e-3", false)]
    [InlineData("whisper-1", false)]
    public void SupportsStreaming_ByModelName_FalseOnlyForNonChatFamilies(string model, bool expected) =>
        Assert.Equal(expected, ModelCapabilities.SupportsStreaming(model));

    [Fact]
    public async Task ProbeStreamingAsync_LocalModel_StreamsIncrementally()
    {
        var client = TestAgents.Local();

        var probe = await ModelCapabilities.ProbeStreamingAsync(client);

        Assert.True(ModelCapabilities.SupportsStreaming(client));
        Assert.True(probe.IsIncremental);
        Assert.Equal(LocalModelOptions.ModelName, probe.Model);
        Assert.True(probe.TimeToFirstChunk <= probe.Total);
    }
}
