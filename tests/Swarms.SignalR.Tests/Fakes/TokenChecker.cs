using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Swarms.SignalR.Tests.Fakes;

/// <summary>
/// Checks a bearer token as Azure SignalR Service does, with an independent implementation (Microsoft.IdentityModel):
/// HS256 signature with the access key's UTF-8 bytes (or the temporary key its <c>kid</c> names), the exact
/// audience, issuer <c>azure-signalr</c>, and not expired / not yet valid against the service's clock.
/// </summary>
public static class TokenChecker
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>Validates <paramref name="token"/>; returns it parsed, or the reasons it is not valid.</summary>
    public static async Task<(ValidatedToken? Token, List<string> Problems)> CheckAsync(
        string token,
        Func<string?, string?> keyForKid,
        string expectedAudience,
        DateTimeOffset now)
    {
        var problems = new List<string>();
        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(token);
        }
        catch (ArgumentException ex)
        {
            return (null, [$"not a JWT: {ex.Message}"]);
        }

        if (parsed.Alg != "HS256")
        {
            problems.Add($"alg {parsed.Alg}, expected HS256");
        }

        var key = keyForKid(parsed.Kid);
        if (key is null)
        {
            problems.Add($"no key for kid '{parsed.Kid}'");
            return (null, problems);
        }

        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            ValidIssuer = "azure-signalr",
            ValidAudience = expectedAudience,
            // Lifetime is checked below against the service's clock, which tests may move.
            ValidateLifetime = false,
            RequireExpirationTime = true,
        });
        if (!result.IsValid)
        {
            problems.Add($"rejected: {result.Exception?.Message}");
            return (null, problems);
        }

        var exp = DateTimeOffset.FromUnixTimeSeconds(ReadLong(parsed, "exp"));
        var nbf = DateTimeOffset.FromUnixTimeSeconds(ReadLong(parsed, "nbf"));
        var iat = DateTimeOffset.FromUnixTimeSeconds(ReadLong(parsed, "iat"));
        if (exp <= now)
        {
            problems.Add($"expired at {exp:O}, now {now:O}");
        }

        if (nbf > now.AddMinutes(5))
        {
            problems.Add($"not valid before {nbf:O}, now {now:O}");
        }

        var claims = parsed.Claims
            .Where(c => c.Type is not ("aud" or "iss" or "exp" or "nbf" or "iat"))
            .ToDictionary(c => c.Type, c => c.Value);
        return (problems.Count == 0 ? new ValidatedToken(token, parsed.Kid, parsed.GetClaim("aud").Value, iat, nbf, exp, claims) : null, problems);
    }

    private static long ReadLong(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<long>(claim, out var value) ? value : 0;
}
