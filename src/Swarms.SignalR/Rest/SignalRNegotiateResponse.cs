using System.Text.Json.Serialization;

namespace Swarms.SignalR;

/// <summary>
/// The reply of <c>POST /api/negotiate</c> in serverless mode: where the client connects and the token it presents.
/// Serialises as <c>{"url":"https://x.service.signalr.net/client/?hub=swarms","accessToken":"..."}</c>, the shape the
/// Azure Functions SignalR binding returns and the official JavaScript and .NET clients follow (they connect to
/// <c>url</c> with <c>accessToken</c> as the bearer token).
/// </summary>
/// <param name="Url">The client endpoint with the hub, <c>{clientEndpoint}/client/?hub={hub}</c>.</param>
/// <param name="AccessToken">A token for that hub, valid for <see cref="SignalRRestOptions.ClientTokenLifetime"/>.</param>
public sealed record SignalRNegotiateResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("accessToken")] string AccessToken);
