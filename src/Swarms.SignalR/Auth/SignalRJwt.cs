using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Swarms.SignalR.Auth;

/// <summary>
/// Mints the HS256 JSON Web Tokens Azure SignalR Service accepts, laid out as the Microsoft.Azure.SignalR SDK
/// (1.34.0 <c>AuthUtility.GenerateAccessToken</c> / <c>SignalRJwtSecurityTokenHandler</c>) lays them out:
/// header <c>{"alg":"HS256","typ":"JWT","kid":...}</c>; payload: the given claims, then <c>nbf</c>, <c>exp</c>,
/// <c>iat</c> (whole seconds since the epoch), <c>iss</c> = <c>azure-signalr</c>, <c>aud</c>; the signature is
/// HMAC-SHA256 over <c>header.payload</c> with the key's UTF-8 bytes.
/// </summary>
internal static class SignalRJwt
{
    /// <summary>The issuer the SDK writes into every token it signs.</summary>
    public const string Issuer = "azure-signalr";

    /// <summary>The SDK's claim for the server name in REST tokens (ClaimTypes.NameIdentifier, mapped out as <c>nameid</c>).</summary>
    public const string NameIdClaim = "nameid";

    /// <summary>The SDK's claim for the user id of a client connection (<c>ClaimsUtility.BuildJwtClaims</c>).</summary>
    public const string UserIdClaim = "asrs.s.uid";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Creates a signed token.</summary>
    /// <param name="key">The signing key (UTF-8 bytes of the access key).</param>
    /// <param name="kid">The key id written to the header, or <see langword="null"/> to leave it out.</param>
    /// <param name="audience">The <c>aud</c> claim.</param>
    /// <param name="claims">Extra string claims, written first, in order.</param>
    /// <param name="issuedAt">The time used for <c>nbf</c> and <c>iat</c>.</param>
    /// <param name="lifetime">Added to <paramref name="issuedAt"/> for <c>exp</c>.</param>
    /// <returns>The compact serialisation <c>header.payload.signature</c>.</returns>
    public static string Create(
        ReadOnlySpan<byte> key,
        string? kid,
        string audience,
        IReadOnlyList<KeyValuePair<string, string>> claims,
        DateTimeOffset issuedAt,
        TimeSpan lifetime)
    {
        var header = Write(writer =>
        {
            writer.WriteString("alg", "HS256");
            writer.WriteString("typ", "JWT");
            if (kid is not null)
            {
                writer.WriteString("kid", kid);
            }
        });
        var now = issuedAt.ToUnixTimeSeconds();
        var payload = Write(writer =>
        {
            foreach (var (type, value) in claims)
            {
                writer.WriteString(type, value);
            }

            writer.WriteNumber("nbf", now);
            writer.WriteNumber("exp", issuedAt.Add(lifetime).ToUnixTimeSeconds());
            writer.WriteNumber("iat", now);
            writer.WriteString("iss", Issuer);
            writer.WriteString("aud", audience);
        });

        var signingInput = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(payload)}";
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput), signature);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
