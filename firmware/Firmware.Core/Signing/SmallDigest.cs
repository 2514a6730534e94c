using NSec.Cryptography;

namespace Firmware.Signing;

/// <summary>
/// SHA-256 of small inputs (key identifiers, trust files), through libsodium. Loading trust is the
/// only hashing a device does while idle, and libsodium is already mapped for Ed25519, whereas
/// the first OpenSSL call maps 3.3 MB of libcrypto. Payloads are hashed with
/// <see cref="System.Security.Cryptography.SHA256"/>, whose SHA-NI code is several times faster.
/// </summary>
internal static class SmallDigest
{
    /// <summary>The lowercase hex SHA-256 of <paramref name="data"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(HashAlgorithm.Sha256.Hash(data));
}
