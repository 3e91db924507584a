using Swarms.Agents.Models;
using Swarms.Agents.Streaming;
using Swarms.Agents.Workflows;

namespace Swarms.Agents.Tests.Workflows;

public class WorkflowCallbackTests
{
    [Fact]
    public async Task RunAsync_AgentWithTokenCallbackAndNoModelName_TokenInfoNamesTheClientsModelAsALoneAgentWould()
    {
        var infos = new List<TokenInfo>();
        var agent = new Agent(new AgentOptions
        {
            AgentName = "Analyst",
            SystemPrompt = "You are a market analyst.",
            PrintOn = false,
            ChatClient = new LocalChatClient(new LocalModelOptions { TokensPerSecond = 0 }),
            TokenCallback = infos.Add,
        });

        var result = await new SequentialWorkflow([agent]).RunAsync("Analyze TSLA");

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.True(infos.Count > 10);
        Assert.All(infos, info => Assert.Equal(LocalModelOptions.ModelName, info.Model));
        Assert.True(infos[^1].IsLast);
    }
}
