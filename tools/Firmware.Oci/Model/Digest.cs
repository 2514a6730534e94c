using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Firmware.Oci.Json;

namespace Firmware.Oci.Model;

/// <summary>
/// A content digest, <c>algorithm:encoded</c> (image-spec 1.1, descriptor.md "Digests"). Only
/// registered algorithms are accepted, each with its exact length of lowercase hex: sha256 (64)
/// and sha512 (128). Anything else is rejected rather than trusted unchecked.
/// </summary>
[JsonConverter(typeof(DigestJsonConverter))]
public sealed record Digest
{
    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    /// <summary>The algorithm: <c>sha256</c> or <c>sha512</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The lowercase hex encoding of the hash.</summary>
    public string Hex { get; }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="OciException"/> (<see cref="OciError.InvalidDigest"/>).</summary>
    public static Digest Parse(string text) =>
        TryParse(text, out var digest) ? digest : throw new OciException(OciError.InvalidDigest, $"invalid digest '{text}': expected sha256:<64 hex> or sha512:<128 hex>");

    /// <summary>Parses <paramref name="text"/>; false when it is not a supported digest.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Digest? digest)
    {
        digest = null;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0)
        {
            return false;
        }

        var algorithm = text![..colon];
        var hex = text[(colon + 1)..];
        var length = algorithm switch { "sha256" => 64, "sha512" => 128, _ => -1 };
        if (hex.Length != length || !hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            return false;
        }

        digest = new Digest(algorithm, hex);
        return true;
    }

    /// <summary>The SHA-256 digest of <paramref name="content"/>.</summary>
    public static Digest Sha256(ReadOnlySpan<byte> content) => new("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>A digest of <paramref name="algorithm"/> over a finished hash.</summary>
    internal static Digest FromHash(string algorithm, ReadOnlySpan<byte> hash) => new(algorithm, Convert.ToHexStringLower(hash));

    /// <summary>The incremental hash that computes a digest of this algorithm.</summary>
    internal IncrementalHash CreateHash() => IncrementalHash.CreateHash(Algorithm == "sha512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

    /// <summary>The digest as written: <c>algorithm:hex</c>.</summary>
    public override string ToString() => $"{Algorithm}:{Hex}";
}
