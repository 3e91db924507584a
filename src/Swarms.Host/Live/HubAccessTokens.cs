using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Swarms.Host.Live;

/// <summary>
/// The access tokens negotiate gives for the local hub: HS256 JWTs (<c>aud</c> the hub URL, <c>exp</c>), shaped like
/// Azure SignalR's client tokens. Signed with <c>SWARMS_API_KEY</c> when it is set, so they survive a restart of the host
/// (a reconnecting client presents the token it has) and checked on every <c>/client</c> request; without a key the
/// host is open and the token is not checked.
/// </summary>
internal sealed class HubAccessTokens
{
    private readonly byte[] _key;

    public HubAccessTokens(string? apiKey, TimeProvider time)
    {
        _key = apiKey is null ? RandomNumberGenerator.GetBytes(32) : SHA256.HashData(Encoding.UTF8.GetBytes("swarms-hub:" + apiKey));
        Time = time;
    }

    /// <summary>How long a token lets a client connect: one hour, as Azure SignalR's negotiate.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromHours(1);

    private TimeProvider Time { get; }

    public string Create(string audience)
    {
        var now = Time.GetUtcNow();
        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(Lifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["aud"] = audience,
        }));
        var input = header + "." + payload;
        return input + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>Whether <paramref name="token"/> was signed here and has not expired.</summary>
    public bool IsValid(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return false;
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return CryptographicOperations.FixedTimeEquals(signature, expected)
                && payload.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                && DateTimeOffset.FromUnixTimeSeconds(seconds) > Time.GetUtcNow();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    /// <summary>The token a SignalR request carries: the bearer header, or <c>access_token</c> (WebSockets and SSE from browsers).</summary>
    public static string? From(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        var query = request.Query["access_token"];
        return query.Count > 0 ? query.ToString() : null;
    }
}
