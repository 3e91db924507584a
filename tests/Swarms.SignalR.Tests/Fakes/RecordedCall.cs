using System.Text.Json;

namespace Swarms.SignalR.Tests.Fakes;

/// <summary>A REST call the fake service received, with what its checks found.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="RawPath">The path as sent (still percent-encoded).</param>
/// <param name="Query">The query string, with its <c>?</c>.</param>
/// <param name="Authorization">The Authorization header.</param>
/// <param name="Body">The body, parsed, for sends.</param>
/// <param name="Token">The bearer token's claims, when it was a JWT that validated.</param>
/// <param name="Problems">Every check that failed; empty when the call was valid.</param>
public sealed record RecordedCall(
    string Method,
    string RawPath,
    string Query,
    string? Authorization,
    JsonElement? Body,
    ValidatedToken? Token,
    IReadOnlyList<string> Problems)
{
    /// <summary>The single argument of a send, as raw JSON.</summary>
    public string Argument => Body!.Value.GetProperty("arguments")[0].GetRawText();
}
