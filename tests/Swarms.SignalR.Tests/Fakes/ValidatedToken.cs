namespace Swarms.SignalR.Tests.Fakes;

/// <summary>A JWT that passed the fake service's checks.</summary>
/// <param name="Raw">The token.</param>
/// <param name="Kid">The header's key id.</param>
/// <param name="Audience">The <c>aud</c> claim.</param>
/// <param name="IssuedAt">The <c>iat</c> claim.</param>
/// <param name="NotBefore">The <c>nbf</c> claim.</param>
/// <param name="Expires">The <c>exp</c> claim.</param>
/// <param name="Claims">Every other string claim (<c>nameid</c>, <c>asrs.s.uid</c>, ...).</param>
public sealed record ValidatedToken(
    string Raw,
    string? Kid,
    string Audience,
    DateTimeOffset IssuedAt,
    DateTimeOffset NotBefore,
    DateTimeOffset Expires,
    IReadOnlyDictionary<string, string> Claims);
