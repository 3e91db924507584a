using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Swarms.Agents.Models;

namespace Swarms.Agents.DependencyInjection;

/// <summary>
/// The chat clients of the configured provider, one per model name, each built once through the same pipeline
/// (logging from the application's logger factory, then <see cref="SwarmsAgentsOptions.ChatClientPipeline"/>).
/// </summary>
public sealed class ChatClientProvider : IDisposable
{
    private readonly ModelSettings _settings;
    private readonly SwarmsAgentsOptions _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly IServiceProvider? _services;
    private readonly ConcurrentDictionary<string, Lazy<IChatClient>> _clients = new(StringComparer.Ordinal);

    /// <summary>Creates the provider (DI does this).</summary>
    public ChatClientProvider(IOptions<ModelSettings> settings, IOptions<SwarmsAgentsOptions> options, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        _settings = settings.Value;
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _services = services;
    }

    /// <summary>The settings the clients are built from.</summary>
    public ModelSettings Settings => _settings;

    /// <summary>The client of <paramref name="model"/>, or of the configured default model when null.</summary>
    /// <exception cref="ArgumentException">The settings lack something the provider needs.</exception>
    public IChatClient GetChatClient(string? model = null) =>
        _clients.GetOrAdd(model ?? "", key => new Lazy<IChatClient>(() => Build(key.Length == 0 ? null : key))).Value;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            if (client.IsValueCreated)
            {
                client.Value.Dispose();
            }
        }
    }

    private IChatClient Build(string? model)
    {
        var builder = new ChatClientBuilder(ChatClientFactory.Create(_settings, model));
        if (_loggerFactory is not null)
        {
            builder.UseLogging(_loggerFactory);
        }

        foreach (var configure in _options.ChatClientPipeline)
        {
            configure(builder);
        }

        return builder.Build(_services);
    }
}
