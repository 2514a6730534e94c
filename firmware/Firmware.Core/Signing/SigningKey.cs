using NSec.Cryptography;

namespace Firmware.Signing;

/// <summary>
/// An Ed25519 private key (RFC 8032). Stored as PKCS#8 PEM ("BEGIN PRIVATE KEY"), the form
/// <c>openssl genpkey -algorithm ed25519</c> writes, so keys move freely between the two.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly Key _key;

    private SigningKey(Key key)
    {
        _key = key;
        PublicKey = new VerificationKey(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The matching public key.</summary>
    public VerificationKey PublicKey { get; }

    /// <summary>The key identifier: lowercase hex SHA-256 of the 32-byte public key.</summary>
    public string KeyId => PublicKey.KeyId;

    /// <summary>Creates a new random key.</summary>
    public static SigningKey Generate() => new(Key.Create(SignatureAlgorithm.Ed25519, Exportable()));

    /// <summary>Reads a PKCS#8 PEM private key.</summary>
    /// <exception cref="FormatException">The text is not an Ed25519 PKCS#8 PEM key.</exception>
    public static SigningKey FromPem(ReadOnlySpan<byte> pem)
    {
        if (!Key.TryImport(SignatureAlgorithm.Ed25519, pem, KeyBlobFormat.PkixPrivateKeyText, out var key, Exportable()) || key is null)
        {
            throw new FormatException("Not an Ed25519 private key in PKCS#8 PEM form ('BEGIN PRIVATE KEY').");
        }

        return new SigningKey(key);
    }

    /// <summary>Exports the private key as PKCS#8 PEM.</summary>
    public byte[] ExportPem() => Pem.WithUnixLineEndings(_key.Export(KeyBlobFormat.PkixPrivateKeyText));

    /// <summary>Signs <paramref name="message"/>. Ed25519 is deterministic: same key and message, same signature.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    private static KeyCreationParameters Exportable() => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
