using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Swarms.Api.Http;
using Swarms.Host.Live;

namespace Swarms.Host.Http;

/// <summary>
/// When <c>SWARMS_API_KEY</c> is set, every request but <c>GET /api/health</c> must carry it, as Azure Functions
/// checks a function key: the <c>x-functions-key</c> header or the <c>code</c> query parameter. Compared in constant
/// time; never logged.
/// </summary>
/// <remarks>The hub (<c>/client</c>) takes the access token negotiate gave instead, as Azure SignalR Service does.</remarks>
internal sealed class ApiKeyMiddleware(RequestDelegate next, byte[] key, HubAccessTokens tokens)
{
    public const string HeaderName = "x-functions-key";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(LiveHosting.HubPath, StringComparison.OrdinalIgnoreCase))
        {
            return tokens.IsValid(HubAccessTokens.From(context.Request))
                ? next(context)
                : ApiResults.Problem(StatusCodes.Status401Unauthorized, "access_token", "the hub needs the accessToken POST /api/negotiate returned").ExecuteAsync(context);
        }

        if (context.Request.Path.Equals("/" + ApiRoutes.Health, StringComparison.OrdinalIgnoreCase) || Matches(context.Request))
        {
            return next(context);
        }

        var sent = context.Request.Headers.ContainsKey(HeaderName) || context.Request.Query.ContainsKey("code");
        return ApiResults.Problem(
            StatusCodes.Status401Unauthorized,
            HeaderName,
            sent ? "the key is wrong (send the x-functions-key header or the code query parameter)" : "a key is required: send the x-functions-key header or the code query parameter")
            .ExecuteAsync(context);
    }

    public static byte[] Encode(string key) => Encoding.UTF8.GetBytes(key);

    private bool Matches(HttpRequest request)
    {
        var header = request.Headers[HeaderName];
        var candidate = header.Count > 0 ? header.ToString() : request.Query["code"].ToString();
        return candidate.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), key);
    }
}
