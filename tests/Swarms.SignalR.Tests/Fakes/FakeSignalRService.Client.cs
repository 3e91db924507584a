using Microsoft.AspNetCore.Http;

namespace Swarms.SignalR.Tests.Fakes;

/// <summary>
/// The client endpoint: clients present the negotiate token in the Authorization header (negotiate) or the
/// <c>access_token</c> query (WebSockets). It must be signed with the access key (or the temporary key its kid names)
/// and its audience must be <c>{scheme}://{host}/client/?hub={hub}</c>, the audience the Microsoft.Azure.SignalR SDK
/// signs for (its AudienceBaseUrl carries no port).
/// </summary>
public sealed partial class FakeSignalRService
{
    private async Task HandleClientAsync(HttpContext context, RequestDelegate next)
    {
        var hub = context.Request.Query["hub"].ToString();
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            ? authorization["Bearer ".Length..]
            : context.Request.Query["access_token"].ToString();
        var (validated, problems) = await TokenChecker.CheckAsync(
            token,
            kid => kid is not null && _temporaryKeys.TryGetValue(kid, out var temporary) ? temporary : AccessKey,
            $"http://127.0.0.1/client/?hub={hub}",
            Clock.GetUtcNow());
        if (hub != "swarms")
        {
            problems.Add($"hub '{hub}'");
        }

        if (validated is null || problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                _clientTokenProblems.Enqueue(problem);
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        _clientTokens.Enqueue(validated);
        await next(context);
    }
}
