using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarms.SignalR.Auth;

namespace Swarms.SignalR;

/// <summary>
/// The Azure SignalR Service data-plane REST API (<c>api-version=2022-06-01</c>) for one hub, plus serverless
/// negotiate: what an app without a hub server (Azure Functions) needs to stream to browsers.
/// </summary>
/// <remarks>
/// <para>Every request carries a bearer token: with an <c>AccessKey</c>, a JWT signed with it whose <c>aud</c> is the
/// request URL without its query (reused per URL until 5 minutes before it expires); with Microsoft Entra auth, the
/// Entra token for <c>https://signalr.azure.com/.default</c>, as the Microsoft.Azure.SignalR SDK does.</para>
/// <para>Each call is one HTTP request: no retries are hidden here. <see cref="SignalRPublisher"/> retries sends;
/// callers of the other methods decide for themselves. Thread-safe; create one per connection string.</para>
/// </remarks>
public sealed partial class SignalRRestClient
{
    /// <summary>The REST API version every call names.</summary>
    public const string ApiVersion = "2022-06-01";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly Func<HttpClient> _httpClient;
    private readonly SignalRAuthenticator _auth;
    private readonly SignalRRestOptions _options;
    private readonly string _clientUrl;
    private readonly string _clientAudience;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates a client.</summary>
    /// <param name="options">The settings; copied.</param>
    /// <param name="httpClient">The client to send with. No retry or resilience handlers should be added to it.</param>
    /// <param name="logger">A logger, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The connection string or hub name is missing or invalid.</exception>
    public SignalRRestClient(SignalRRestOptions options, HttpClient httpClient, ILogger<SignalRRestClient>? logger = null)
        : this(options, ReturnSame(httpClient), TimeProvider.System, logger)
    {
    }

    internal SignalRRestClient(SignalRRestOptions options, Func<HttpClient> httpClient, TimeProvider time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        _options = options.Clone();
        _httpClient = httpClient;
        _logger = logger ?? NullLogger.Instance;
        _time = time;
        if (string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            throw new ArgumentException(
                $"The Azure SignalR connection string is not set (app setting {SignalRRestOptions.ConnectionStringSetting}).",
                nameof(options));
        }

        if (_options.HubName is null || !HubNamePattern().IsMatch(_options.HubName))
        {
            throw new ArgumentException(
                "The hub name must start with a letter and hold at most 128 letters, digits or _`,.[] characters.",
                nameof(options));
        }

        _options.Publisher.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.ClientTokenLifetime, TimeSpan.Zero, nameof(options));
        Connection = SignalRConnectionString.Parse(_options.ConnectionString);
        HubName = _options.HubName.ToLowerInvariant();

        // Negotiate, as the SDK's DefaultServiceEndpointGenerator: the URL is on the client endpoint (port included),
        // the audience on the service endpoint's scheme and host only (its AudienceBaseUrl has no port).
        _clientUrl = UriPaths.Append(Connection.ClientEndpoint, $"client/?hub={HubName}").AbsoluteUri;
        _clientAudience = $"{Connection.Endpoint.Scheme}://{Connection.Endpoint.Host}/client/?hub={HubName}";

        _auth = Connection.AuthType == SignalRAuthType.AccessKey
            ? new AccessKeyAuthenticator(Connection.AccessKey!, time)
            : new MicrosoftEntraAuthenticator(
                _options.Credential ?? Connection.CreateCredential()!,
                Connection.ServerEndpoint,
                httpClient,
                time,
                _logger);
    }

    /// <summary>The connection string in use (its secrets stay hidden).</summary>
    public SignalRConnectionString Connection { get; }

    /// <summary>The hub, lower-cased.</summary>
    public string HubName { get; }

    internal SignalRRestOptions Options => _options;

    internal SignalRAuthenticator Authenticator => _auth;

    /// <summary>
    /// Sends <c>target(arguments...)</c> to every connection in <paramref name="group"/>:
    /// <c>POST /api/hubs/{hub}/groups/{group}/:send</c> with <c>{"target":...,"arguments":[...]}</c>. The service
    /// answers 202 once it has accepted the message; a group with no connections is not an error.
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="target">The client method, e.g. <c>events</c>.</param>
    /// <param name="arguments">Its arguments, serialised with <see cref="SignalRRestOptions.SerializerOptions"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the service has accepted the message.</returns>
    /// <exception cref="SignalRRestException">The service refused it or could not be reached.</exception>
    public async Task SendToGroupAsync(string group, string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentNullException.ThrowIfNull(arguments);
        var body = InvocationBody.Serialize(target, arguments, _options.SerializerOptions);
        (await SendAsync(HttpMethod.Post, GroupSendUri(group), body, cancellationToken).ConfigureAwait(false)).ThrowIfFailed();
    }

    /// <summary>
    /// Adds a connection to a group: <c>PUT /api/hubs/{hub}/groups/{group}/connections/{connectionId}</c>.
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="connectionId">The client's connection id (<c>connection.connectionId</c> in the JavaScript client).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the connection is in the group.</returns>
    /// <exception cref="SignalRRestException">The service refused it (404: no such connection) or could not be reached.</exception>
    public async Task AddConnectionToGroupAsync(string group, string connectionId, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Put, GroupConnectionUri(group, connectionId), null, cancellationToken).ConfigureAwait(false)).ThrowIfFailed();

    /// <summary>
    /// Removes a connection from a group: <c>DELETE /api/hubs/{hub}/groups/{group}/connections/{connectionId}</c>.
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the connection is out of the group.</returns>
    /// <exception cref="SignalRRestException">The service refused it or could not be reached.</exception>
    public async Task RemoveConnectionFromGroupAsync(string group, string connectionId, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Delete, GroupConnectionUri(group, connectionId), null, cancellationToken).ConfigureAwait(false)).ThrowIfFailed();

    /// <summary>
    /// Whether the service is reachable and healthy: <c>HEAD /api/health</c>, as the SDK's <c>IsServiceHealthy</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> on 2xx; <see langword="false"/> on 5xx or when the service cannot be reached.</returns>
    /// <exception cref="SignalRRestException">Any other answer (401, 403, 404): a configuration fault a probe must show.</exception>
    public async Task<bool> IsServiceHealthyAsync(CancellationToken cancellationToken = default)
    {
        var outcome = await SendAsync(HttpMethod.Head, UriPaths.Append(Connection.ServerEndpoint, $"api/health?api-version={ApiVersion}"), null, cancellationToken)
            .ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            return true;
        }

        if (outcome.Status is null || (int)outcome.Status >= 500)
        {
            return false;
        }

        outcome.ThrowIfFailed();
        return false;
    }

    /// <summary>
    /// Serverless negotiate: where a client connects to the hub and the token it presents, exactly as Azure SignalR's
    /// negotiate (and the Functions <c>SignalRConnectionInfo</c> binding) replies. Return it as the JSON body of
    /// <c>POST /api/negotiate</c>.
    /// </summary>
    /// <param name="userId">Binds the connection to a user (the SDK's <c>asrs.s.uid</c> claim), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for a temporary access key (Microsoft Entra auth only).</param>
    /// <returns>The negotiate reply.</returns>
    /// <exception cref="SignalRRestException">Microsoft Entra auth: the service did not issue a temporary access key.</exception>
    public async Task<SignalRNegotiateResponse> NegotiateAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        var token = await _auth.GetClientTokenAsync(_clientAudience, userId, _options.ClientTokenLifetime, cancellationToken).ConfigureAwait(false);
        return new SignalRNegotiateResponse(_clientUrl, token);
    }

    internal Uri GroupSendUri(string group) =>
        HubUri($"groups/{Uri.EscapeDataString(group)}/:send");

    internal Uri GroupConnectionUri(string group, string connectionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        return HubUri($"groups/{Uri.EscapeDataString(group)}/connections/{Uri.EscapeDataString(connectionId)}");
    }

    /// <summary>One attempt, never throwing for a failed answer; throws only when the caller cancels.</summary>
    internal async Task<RestOutcome> SendAsync(HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        try
        {
            var token = await _auth.GetRestTokenAsync(uri, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } };
            }

            using var response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new RestOutcome(response.StatusCode, null, null);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // The next attempt signs (or fetches) a new token instead of presenting the refused one again.
                _auth.ForgetRestTokens();
            }

            var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && Connection.AuthType != SignalRAuthType.AccessKey
                ? "the identity needs the 'SignalR REST API Owner' role"
                : null;
            var error = await SignalRRestException.FromResponseAsync(request, response, hint, cancellationToken).ConfigureAwait(false);
            return new RestOutcome(response.StatusCode, RetryAfter(response), error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or AuthenticationFailedException or IOException)
        {
            // No answer: refused or closed connection, HttpClient.Timeout, or no Entra token.
            var error = new SignalRRestException($"Azure SignalR could not be reached for {method} {uri.AbsolutePath}: {ex.Message}", null, ex);
            return new RestOutcome(null, null, error);
        }
    }

    private Uri HubUri(string pathAfterHub) =>
        UriPaths.Append(Connection.ServerEndpoint, $"api/hubs/{Uri.EscapeDataString(HubName)}/{pathAfterHub}?api-version={ApiVersion}");

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static Func<HttpClient> ReturnSame(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return () => httpClient;
    }

    // The service's hub name rule (REST API reference): a letter, then up to 127 of letters, digits and _`,.[]
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_`,.\[\]]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex HubNamePattern();
}
