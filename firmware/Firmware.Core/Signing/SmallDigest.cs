using NSec.Cryptography;

namespace Firmware.Signing;

/// <summary>
/// SHA-256 of small inputs that an idle device hashes (key identifiers, trust files, the update
/// checkpoint), through libsodium: it is already mapped for Ed25519, whereas the first OpenSSL
/// call maps 3.3 MB of libcrypto. Payloads and manifests are hashed with
/// <see cref="System.Security.Cryptography.SHA256"/>, whose SHA-NI code is several times faster.
/// </summary>
public static class SmallDigest
{
    /// <summary>The lowercase hex SHA-256 of <paramref name="data"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(HashAlgorithm.Sha256.Hash(data));
}
