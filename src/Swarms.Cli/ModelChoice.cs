using System.Collections;
using Microsoft.Extensions.AI;
using Swarms.Agents.Models;
using Swarms.Agents.Workflows.Definitions;

namespace Swarms.Cli;

/// <summary>Turns <c>--provider</c> and <c>--model</c>, the environment and <c>local.settings.json</c> into chat clients.</summary>
internal sealed class ModelChoice
{
    private readonly ModelSettings _settings;
    private readonly string? _model;

    private ModelChoice(ModelSettings settings, string? model)
    {
        _settings = settings;
        _model = model;
    }

    /// <exception cref="CliUsageException">Unknown provider or incomplete settings.</exception>
    public static ModelChoice Create(CliContext context, string? provider, string? model)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (context.Environment is { } env)
        {
            foreach (var (k, v) in env)
            {
                variables[k] = v;
            }
        }
        else
        {
            foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            {
                variables[(string)e.Key] = e.Value as string;
            }
        }

        if (provider is not null)
        {
            if (!ModelSettings.Providers.Contains(provider))
            {
                throw new CliUsageException($"--provider '{provider}' is not known; use one of: {string.Join(", ", ModelSettings.Providers)}.");
            }

            variables["SWARMS_MODEL_PROVIDER"] = provider;
        }

        try
        {
            var settings = ModelSettings.FromEnvironment(variables, Path.Combine(context.WorkingDirectory, "local.settings.json"));
            var choice = new ModelChoice(settings, model);
            choice.Create((string?)null); // fail now, before any output, when the provider lacks a setting
            return choice;
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }
    }

    /// <summary>The model every agent uses when <c>--model</c> is given.</summary>
    public string? ModelOverride => _model;

    public IChatClient Create(AgentDefinition agent) => Create(_model ?? agent.Model);

    public IChatClient Create(string? model) => ChatClientFactory.Create(_settings, model ?? _model);
}
