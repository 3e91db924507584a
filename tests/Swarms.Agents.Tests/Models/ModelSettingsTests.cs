using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Swarms.Agents.Configuration;
using Swarms.Agents.Models;

namespace Swarms.Agents.Tests.Models;

public sealed class ModelSettingsTests : IDisposable
{
    private readonly string _settingsFile = Path.Combine(Path.GetTempPath(), $"local.settings.{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_settingsFile);

    /// <summary>As the CLI and the hosts read them: local.settings.json's Values, then the environment (here a dictionary), which wins.</summary>
    private static ModelSettings Read(Dictionary<string, string?> variables, string? settingsFile = null)
    {
        var builder = new ConfigurationBuilder();
        if (settingsFile is not null)
        {
            builder.AddLocalSettingsValues(settingsFile);
        }

        return ModelSettings.FromConfiguration(builder.AddInMemoryCollection(variables).Build());
    }

    private string WriteSettings(string valuesJson)
    {
        File.WriteAllText(_settingsFile, $$"""{ "IsEncrypted": false, "Values": {{valuesJson}} }""");
        return _settingsFile;
    }

    [Fact]
    public void FromConfiguration_NothingConfigured_IsTheLocalModel()
    {
        var settings = Read([]);

        Assert.Equal("local", settings.Provider);
        Assert.Null(settings.Endpoint);
        Assert.Equal(LocalModelOptions.DefaultTokensPerSecond, settings.LocalTokensPerSecond);
        Assert.IsType<LocalChatClient>(ChatClientFactory.Create(settings));
    }

    [Fact]
    public void FromConfiguration_AzureVariables_AzureProviderWithEndpointDeploymentAndKey()
    {
        var settings = Read(new()
        {
            ["AZURE_OPENAI_ENDPOINT"] = "https://contoso.openai.azure.com/",
            ["AZURE_OPENAI_DEPLOYMENT"] = "gpt-4o",
            ["AZURE_OPENAI_API_KEY"] = "secret",
        });

        Assert.Equal("azure-openai", settings.Provider);
        Assert.Equal(new Uri("https://contoso.openai.azure.com/"), settings.Endpoint);
        Assert.Equal("gpt-4o", settings.Model);
        Assert.Equal("secret", settings.ApiKey);
    }

    [Fact]
    public void FromConfiguration_OpenAiBaseUrlWithoutKey_OpenAiProviderForACompatibleServer()
    {
        var settings = Read(new() { ["OPENAI_BASE_URL"] = "http://localhost:11434/v1", ["OPENAI_MODEL"] = "llama3.2" });

        Assert.Equal("openai", settings.Provider);
        Assert.Equal(new Uri("http://localhost:11434/v1"), settings.Endpoint);
        Assert.Equal("llama3.2", settings.Model);
        Assert.Null(settings.ApiKey);
        Assert.NotNull(ChatClientFactory.Create(settings));
    }

    [Fact]
    public void FromConfiguration_SwarmsModel_OverridesTheProviderModel()
    {
        var settings = Read(new() { ["OPENAI_API_KEY"] = "k", ["OPENAI_MODEL"] = "gpt-4o", ["SWARMS_MODEL"] = "gpt-4o-mini" });

        Assert.Equal(("openai", "gpt-4o-mini"), (settings.Provider, settings.Model));
    }

    [Fact]
    public void FromConfiguration_LocalSettingsValues_AreRead()
    {
        var file = WriteSettings("""
            { "SWARMS_MODEL_PROVIDER": "Azure-OpenAI", "AZURE_OPENAI_ENDPOINT": "https://file.openai.azure.com/", "AZURE_OPENAI_DEPLOYMENT": "from-file" }
            """);

        var settings = Read([], file);

        Assert.Equal("azure-openai", settings.Provider);
        Assert.Equal(new Uri("https://file.openai.azure.com/"), settings.Endpoint);
        Assert.Equal("from-file", settings.Model);
        Assert.Null(settings.ApiKey);
    }

    [Fact]
    public void FromConfiguration_VariableAndSettingsFileBothSet_VariableWins()
    {
        var file = WriteSettings("""{ "SWARMS_MODEL_PROVIDER": "local", "SWARMS_LOCAL_TOKENS_PER_SECOND": "5", "SWARMS_MODEL": "file-model" }""");

        var settings = Read(new() { ["SWARMS_LOCAL_TOKENS_PER_SECOND"] = "0", ["SWARMS_MODEL"] = " " }, file);

        Assert.Equal("local", settings.Provider);
        Assert.Equal(0, settings.LocalTokensPerSecond);
        // A blank variable wins too: it means "no default model", not "ask the file".
        Assert.Null(settings.Model);
    }

    [Fact]
    public void FromConfiguration_UnknownProvider_ThrowsArgumentExceptionNamingItAndTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Read(new() { ["SWARMS_MODEL_PROVIDER"] = "anthropic" }));

        Assert.Contains("SWARMS_MODEL_PROVIDER", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'anthropic'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("local, openai, azure-openai", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SWARMS_MODEL_PROVIDER", "azure-openai", "AZURE_OPENAI_ENDPOINT")]
    [InlineData("AZURE_OPENAI_ENDPOINT", "contoso.openai.azure.com", "AZURE_OPENAI_ENDPOINT")]
    [InlineData("OPENAI_BASE_URL", "ftp://localhost/v1", "OPENAI_BASE_URL")]
    [InlineData("SWARMS_LOCAL_TOKENS_PER_SECOND", "fast", "SWARMS_LOCAL_TOKENS_PER_SECOND")]
    [InlineData("SWARMS_LOCAL_TOKENS_PER_SECOND", "-1", "SWARMS_LOCAL_TOKENS_PER_SECOND")]
    public void FromConfiguration_InvalidSetting_ThrowsArgumentExceptionNamingIt(string name, string value, string named)
    {
        var ex = Assert.Throws<ArgumentException>(() => Read(new() { [name] = value }));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_SettingsFileNotJson_ThrowsArgumentExceptionNamingTheFile()
    {
        File.WriteAllText(_settingsFile, "{ not json");

        var ex = Assert.Throws<ArgumentException>(() => Read([], _settingsFile));

        Assert.Contains(_settingsFile, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalSettingsSample_HasEveryKeyTheModelSettingsRead()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Swarms.Functions.sln")))
        {
            dir = dir.Parent;
        }

        var configuration = new ConfigurationBuilder().AddLocalSettingsValues(Path.Combine(dir.FullName, "local.settings.sample.json")).Build();

        string[] keys =
        [
            "SWARMS_MODEL_PROVIDER", "SWARMS_MODEL", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_DEPLOYMENT", "AZURE_OPENAI_API_KEY",
            "OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL", "SWARMS_LOCAL_TOKENS_PER_SECOND",
        ];
        Assert.All(keys, k => Assert.NotNull(configuration[k]));
        Assert.Equal("local", ModelSettings.FromConfiguration(configuration).Provider);
    }

    [Fact]
    public void FromConfiguration_SettingsFileMissing_IsIgnored()
    {
        Assert.Equal("local", Read([], Path.Combine(Path.GetTempPath(), "no-such-dir", "local.settings.json")).Provider);
    }

    [Fact]
    public void Create_AzureWithoutDeployment_ThrowsArgumentExceptionNamingTheSetting()
    {
        var settings = new ModelSettings { Provider = "azure-openai", Endpoint = new Uri("https://contoso.openai.azure.com/"), ApiKey = "k" };

        var ex = Assert.Throws<ArgumentException>(() => ChatClientFactory.Create(settings));

        Assert.Contains("AZURE_OPENAI_DEPLOYMENT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OpenAiWithoutKeyOrBaseUrl_ThrowsArgumentExceptionNamingTheSettings()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChatClientFactory.Create(new ModelSettings { Provider = "openai", Model = "gpt-4o" }));

        Assert.Contains("OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ModelArgument_OverridesTheSettingsModel()
    {
        var settings = new ModelSettings { Provider = "openai", ApiKey = "k", Model = "gpt-4o" };

        var client = ChatClientFactory.Create(settings, "gpt-4o-mini");

        Assert.Equal("gpt-4o-mini", client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }
}
