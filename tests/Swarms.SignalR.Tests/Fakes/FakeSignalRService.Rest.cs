using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;

namespace Swarms.SignalR.Tests.Fakes;

/// <summary>The data-plane REST API: checks, records, then answers by script.</summary>
public sealed partial class FakeSignalRService
{
    private async Task HandleRestAsync(HttpContext context, string rawPath, string query)
    {
        var request = context.Request;
        var problems = new List<string>();
        var authProblems = new List<string>();
        var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        if (!parameters.TryGetValue("api-version", out var version) || version != ApiVersion)
        {
            problems.Add($"api-version is '{version}', expected {ApiVersion}");
        }

        var route = MatchRoute(request.Method, rawPath, problems);

        // The audience the service expects: the request URL without its query.
        var authorization = request.Headers.Authorization.ToString();
        var (token, tokenProblems) = await CheckRestTokenAsync(authorization, $"http://127.0.0.1:{Port}{rawPath}");
        authProblems.AddRange(tokenProblems);

        JsonElement? body = null;
        if (route.Kind == RouteKind.Send)
        {
            body = await ReadSendBodyAsync(request, problems);
        }

        _calls.Enqueue(new RecordedCall(request.Method, rawPath, query, authorization, body, token, [.. problems, .. authProblems]));
        if (authProblems.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (problems.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(string.Join("; ", problems));
            return;
        }

        var behavior = _script.TryDequeue(out var next) ? next : DefaultBehavior;
        await AnswerAsync(context, behavior, route, body);
    }

    private async Task AnswerAsync(HttpContext context, FakeBehavior behavior, Route route, JsonElement? body)
    {
        switch (behavior)
        {
            case FakeBehavior.AbortBehavior:
                context.Abort();
                return;
            case FakeBehavior.StatusBehavior status:
                context.Response.StatusCode = (int)status.Code;
                if (status.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = status.AsDate
                        ? Clock.GetUtcNow().AddSeconds(seconds).ToString("R")
                        : seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await context.Response.WriteAsync($"{{\"code\":\"Scripted\",\"message\":\"scripted {(int)status.Code}\"}}");
                return;
            case FakeBehavior.HoldBehavior hold:
                try
                {
                    await hold.Release.WaitAsync(context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                break;
        }

        await ApplyAsync(context, route, body);
    }

    /// <summary>A valid call, answered as the service does, and applied to the hub at /client.</summary>
    private async Task ApplyAsync(HttpContext context, Route route, JsonElement? body)
    {
        switch (route.Kind)
        {
            case RouteKind.Send:
                _delivered.Enqueue(new DeliveredMessage(route.Group!, body!.Value.GetProperty("target").GetString()!, body.Value.GetProperty("arguments")[0].GetRawText()));
                var arguments = body!.Value.GetProperty("arguments").EnumerateArray().Select(a => (object?)a.Clone()).ToArray();
                await Hub.Clients.Group(route.Group!).SendCoreAsync(body.Value.GetProperty("target").GetString()!, arguments);
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return;
            case RouteKind.AddConnection:
                if (RequireKnownConnections && !Connections.Connected.ContainsKey(route.ConnectionId!))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    await context.Response.WriteAsync("{\"code\":\"Error.Connection.NotExisted\",\"message\":\"Connection does not exist.\"}");
                    return;
                }

                await Hub.Groups.AddToGroupAsync(route.ConnectionId!, route.Group!);
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            case RouteKind.RemoveConnection:
                await Hub.Groups.RemoveFromGroupAsync(route.ConnectionId!, route.Group!);
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            default:
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
        }
    }

    private static Route MatchRoute(string method, string rawPath, List<string> problems)
    {
        if (rawPath == "/api/health")
        {
            if (method != HttpMethods.Head)
            {
                problems.Add($"health is HEAD, got {method}");
            }

            return new Route(RouteKind.Health, null, null);
        }

        var match = GroupPath().Match(rawPath);
        if (!match.Success)
        {
            problems.Add($"unknown path {rawPath}");
            return new Route(RouteKind.Unknown, null, null);
        }

        var hub = match.Groups["hub"].Value;
        if (hub.Any(char.IsUpper))
        {
            problems.Add($"hub '{hub}' is not lower-cased");
        }

        var group = Uri.UnescapeDataString(match.Groups["group"].Value);
        if (match.Groups["send"].Success)
        {
            if (method != HttpMethods.Post)
            {
                problems.Add($"send is POST, got {method}");
            }

            return new Route(RouteKind.Send, group, null);
        }

        var connection = Uri.UnescapeDataString(match.Groups["connection"].Value);
        if (method == HttpMethods.Put)
        {
            return new Route(RouteKind.AddConnection, group, connection);
        }

        if (method == HttpMethods.Delete)
        {
            return new Route(RouteKind.RemoveConnection, group, connection);
        }

        problems.Add($"group membership is PUT or DELETE, got {method}");
        return new Route(RouteKind.Unknown, group, connection);
    }

    private static async Task<JsonElement?> ReadSendBodyAsync(HttpRequest request, List<string> problems)
    {
        if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            problems.Add($"content type '{request.ContentType}', expected application/json");
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            problems.Add($"body is not JSON: {ex.Message}");
            return null;
        }

        if (body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.String
            || !body.TryGetProperty("arguments", out var arguments) || arguments.ValueKind != JsonValueKind.Array
            || body.EnumerateObject().Count() != 2)
        {
            problems.Add($"body is not {{\"target\":string,\"arguments\":array}}: {body.GetRawText()}");
        }

        return body;
    }

    private async Task<(ValidatedToken? Token, List<string> Problems)> CheckRestTokenAsync(string authorization, string audience)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (null, ["no bearer token"]);
        }

        var token = authorization["Bearer ".Length..];
        if (_entraTokens.ContainsKey(token))
        {
            return (null, []);
        }

        return await TokenChecker.CheckAsync(token, _ => AccessKey, audience, Clock.GetUtcNow());
    }

    [GeneratedRegex(@"^/api/hubs/(?<hub>[^/]+)/groups/(?<group>[^/]+)/(?:(?<send>:send)|connections/(?<connection>[^/]+))$")]
    private static partial Regex GroupPath();

    private enum RouteKind
    {
        Unknown,
        Send,
        AddConnection,
        RemoveConnection,
        Health,
    }

    private sealed record Route(RouteKind Kind, string? Group, string? ConnectionId);
}
