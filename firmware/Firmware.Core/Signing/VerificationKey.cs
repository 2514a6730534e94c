using NSec.Cryptography;

namespace Firmware.Signing;

/// <summary>An Ed25519 public key and its identifier.</summary>
public sealed class VerificationKey : IEquatable<VerificationKey>
{
    /// <summary>Length of a raw Ed25519 public key.</summary>
    public const int RawLength = 32;

    private readonly byte[] _raw;
    private readonly PublicKey _key;

    /// <summary>Wraps a raw 32-byte public key.</summary>
    /// <exception cref="FormatException">The bytes are not a valid Ed25519 public key.</exception>
    public VerificationKey(ReadOnlySpan<byte> raw)
    {
        if (raw.Length != RawLength || !PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            throw new FormatException($"An Ed25519 public key is {RawLength} bytes encoding a curve point.");
        }

        _raw = raw.ToArray();
        _key = key;
        KeyId = ComputeKeyId(raw);
    }

    /// <summary>Lowercase hex SHA-256 of the raw public key.</summary>
    public string KeyId { get; }

    /// <summary>The raw 32-byte key.</summary>
    public ReadOnlySpan<byte> Raw => _raw;

    /// <summary>Reads a SubjectPublicKeyInfo PEM public key ("BEGIN PUBLIC KEY").</summary>
    /// <exception cref="FormatException">The text is not an Ed25519 public key PEM.</exception>
    public static VerificationKey FromPem(ReadOnlySpan<byte> pem)
    {
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, pem, KeyBlobFormat.PkixPublicKeyText, out var key) || key is null)
        {
            throw new FormatException("Not an Ed25519 public key in PEM form ('BEGIN PUBLIC KEY').");
        }

        return new VerificationKey(key.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>Exports the key as SubjectPublicKeyInfo PEM.</summary>
    public byte[] ExportPem() => Pem.WithUnixLineEndings(_key.Export(KeyBlobFormat.PkixPublicKeyText));

    /// <summary>True when <paramref name="signature"/> is this key's signature of <paramref name="message"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        SignatureAlgorithm.Ed25519.Verify(_key, message, signature);

    /// <summary>Computes the identifier of a raw public key.</summary>
    public static string ComputeKeyId(ReadOnlySpan<byte> raw) => SmallDigest.Sha256Hex(raw);

    /// <inheritdoc/>
    public bool Equals(VerificationKey? other) => other is not null && _raw.AsSpan().SequenceEqual(other._raw);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as VerificationKey);

    /// <inheritdoc/>
    public override int GetHashCode() => KeyId.GetHashCode(StringComparison.Ordinal);
}
