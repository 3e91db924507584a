namespace Swarms.SignalR.DependencyInjection;

/// <summary>
/// HttpClients from <see cref="IHttpClientFactory"/>, one per request as the factory intends (its handlers rotate,
/// so DNS changes are seen). While the container is being disposed the factory can no longer create one; the last
/// client is then reused, so the publisher can still flush when it is disposed with the container.
/// </summary>
internal sealed class FactoryHttpClientSource
{
    private readonly IHttpClientFactory _factory;
    private readonly string _name;
    private volatile HttpClient _last;

    /// <summary>Creates the source and its first client, while the container is surely alive.</summary>
    public FactoryHttpClientSource(IHttpClientFactory factory, string name)
    {
        _factory = factory;
        _name = name;
        _last = factory.CreateClient(name);
    }

    public HttpClient Get()
    {
        try
        {
            return _last = _factory.CreateClient(_name);
        }
        catch (ObjectDisposedException)
        {
            // Held here, the last client's handler stays alive: the factory disposes only handlers nobody references.
            return _last;
        }
    }
}
