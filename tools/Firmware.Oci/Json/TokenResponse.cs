using System.Text.Json.Serialization;

namespace Firmware.Oci.Json;

/// <summary>
/// A token server's answer (distribution, docs/spec/auth/token.md "Token Response Fields"):
/// <c>token</c>, or <c>access_token</c> from OAuth2-style servers, and its lifetime.
/// </summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }
}
