using System.Text.Json.Serialization;

namespace Firmware.Signing;

/// <summary>One signature of a DSSE envelope: the signer's key id and the base64 Ed25519 signature.</summary>
public sealed record SignatureRecord
{
    /// <summary>Lowercase hex SHA-256 of the signer's raw public key.</summary>
    [JsonPropertyName("keyid")]
    public required string KeyId { get; init; }

    /// <summary>Base64 (RFC 4648, padded) of the 64-byte signature over the pre-authentication encoding.</summary>
    [JsonPropertyName("sig")]
    public required string Sig { get; init; }

    /// <summary>Signs <paramref name="preAuthEncoded"/> with <paramref name="key"/>.</summary>
    public static SignatureRecord Create(SigningKey key, ReadOnlySpan<byte> preAuthEncoded)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new SignatureRecord { KeyId = key.KeyId, Sig = Convert.ToBase64String(key.Sign(preAuthEncoded)) };
    }
}
