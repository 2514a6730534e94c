using Firmware.Bundles;
using Firmware.Signing;

namespace Firmware.Trust;

/// <summary>
/// A parsed trust file: a DSSE envelope (<see cref="PreAuthEncoding.TrustType"/>) around a
/// <see cref="TrustDocument"/>. Parsing checks structure only; <see cref="VerifySelfSigned"/>,
/// <see cref="VerifyRotationTo"/> and <see cref="EnsureCurrent"/> establish trust (docs/trust.md).
/// </summary>
public sealed class TrustFile
{
    /// <summary>Largest trust file accepted, so a hostile one cannot exhaust memory.</summary>
    public const int MaxBytes = 256 << 10;

    /// <summary>Most keys a trust file may list.</summary>
    public const int MaxKeys = 64;

    private readonly byte[] _bytes;
    private readonly byte[] _signedMessage;

    private TrustFile(byte[] bytes, SignedEnvelope envelope, TrustDocument document, byte[] signedMessage, string name)
    {
        _bytes = bytes;
        _signedMessage = signedMessage;
        Envelope = envelope;
        Document = document;
        Name = name;
        var keys = document.Keys.ToDictionary(k => k.KeyId, k => new VerificationKey(Convert.FromBase64String(k.Public)), StringComparer.Ordinal);
        RootKeys = document.Roles.Root.KeyIds.ToDictionary(id => id, id => keys[id], StringComparer.Ordinal);
        ReleaseKeys = document.Roles.Release.KeyIds.ToDictionary(id => id, id => keys[id], StringComparer.Ordinal);
        Sha256 = SmallDigest.Sha256Hex(bytes);
    }

    /// <summary>The file or entry name, for messages.</summary>
    public string Name { get; }

    /// <summary>The envelope as read.</summary>
    public SignedEnvelope Envelope { get; }

    /// <summary>The signed document.</summary>
    public TrustDocument Document { get; }

    /// <summary>The document's version.</summary>
    public int Version => Document.Version;

    /// <summary>Keys of the root role, by key id.</summary>
    public IReadOnlyDictionary<string, VerificationKey> RootKeys { get; }

    /// <summary>Keys of the release role, by key id.</summary>
    public IReadOnlyDictionary<string, VerificationKey> ReleaseKeys { get; }

    /// <summary>Lowercase hex SHA-256 of the file's bytes (what a manifest binds).</summary>
    public string Sha256 { get; }

    /// <summary>The file's bytes, exactly as read or written.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Parses a trust file and checks its structure; establishes no trust.</summary>
    /// <exception cref="BundleException"><see cref="BundleError.TrustMalformed"/> or <see cref="BundleError.EntryTooLarge"/>.</exception>
    public static TrustFile Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length > MaxBytes)
        {
            throw new BundleException(BundleError.EntryTooLarge, $"trust file of {bytes.Length} bytes exceeds {MaxBytes}", name);
        }

        var envelope = StrictJson.Decode(bytes, FirmwareJsonContext.Default.SignedEnvelope, BundleError.TrustMalformed, name);
        StrictJson.RequireElements(envelope.Signatures, "$.signatures", BundleError.TrustMalformed, name);
        if (envelope.PayloadType != PreAuthEncoding.TrustType)
        {
            throw new BundleException(BundleError.TrustMalformed, $"payload type '{envelope.PayloadType}' is not '{PreAuthEncoding.TrustType}'", name);
        }

        byte[] body;
        try
        {
            body = Convert.FromBase64String(envelope.Payload);
        }
        catch (FormatException e)
        {
            throw new BundleException(BundleError.TrustMalformed, "payload is not base64", name, null, e);
        }

        // The envelope is not itself signed: hold it to the one encoding the writer produces.
        if (Convert.ToBase64String(body) != envelope.Payload ||
            !StrictJson.Encode(envelope, FirmwareJsonContext.Default.SignedEnvelope).AsSpan().SequenceEqual(bytes))
        {
            throw new BundleException(BundleError.TrustMalformed, "envelope is not in canonical form (compact JSON, canonical base64, as the writer emits it)", name);
        }

        var document = StrictJson.Decode(body, FirmwareJsonContext.Default.TrustDocument, BundleError.TrustMalformed, name);
        StrictJson.RequireElements(document.Keys, "$.keys", BundleError.TrustMalformed, name);
        StrictJson.RequireElements(document.Roles.Root.KeyIds, "$.roles.root.keyIds", BundleError.TrustMalformed, name);
        StrictJson.RequireElements(document.Roles.Release.KeyIds, "$.roles.release.keyIds", BundleError.TrustMalformed, name);
        TrustDocumentRules.Validate(document, name);
        return new TrustFile(bytes.ToArray(), envelope, document, PreAuthEncoding.Encode(PreAuthEncoding.TrustType, body), name);
    }

    /// <summary>Serializes and signs <paramref name="document"/>.</summary>
    /// <exception cref="ArgumentException">The document is invalid.</exception>
    public static TrustFile Create(TrustDocument document, IEnumerable<SigningKey> signers)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(signers);
        try
        {
            TrustDocumentRules.Validate(document, "trust document");
        }
        catch (BundleException e)
        {
            throw new ArgumentException(e.Message, nameof(document), e);
        }

        var body = StrictJson.Encode(document, FirmwareJsonContext.Default.TrustDocument);
        var message = PreAuthEncoding.Encode(PreAuthEncoding.TrustType, body);
        var envelope = new SignedEnvelope
        {
            PayloadType = PreAuthEncoding.TrustType,
            Payload = Convert.ToBase64String(body),
            Signatures = signers.Select(k => SignatureRecord.Create(k, message)).ToList(),
        };
        return Parse(StrictJson.Encode(envelope, FirmwareJsonContext.Default.SignedEnvelope), "trust document");
    }

    /// <summary>Requires a threshold of this file's own root keys to have signed it (how version 1 is accepted).</summary>
    /// <exception cref="BundleException">A signature error code.</exception>
    public IReadOnlyList<string> VerifySelfSigned() =>
        ThresholdCheck.Require(_signedMessage, Envelope.Signatures, RootKeys, Document.Roles.Root.Threshold, "root", Name);

    /// <summary>
    /// Requires <paramref name="next"/> to be a valid rotation of this file: version N+1, signed by
    /// a threshold of this file's root keys and a threshold of its own root keys. Either failing is
    /// <see cref="BundleError.TrustRotationInvalid"/>, with the underlying reason in the message.
    /// </summary>
    public void VerifyRotationTo(TrustFile next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Version != Version + 1)
        {
            throw new BundleException(BundleError.TrustRotationInvalid, $"version {next.Version} does not follow version {Version}", next.Name);
        }

        Require(() => _ = ThresholdCheck.Require(next._signedMessage, next.Envelope.Signatures, RootKeys, Document.Roles.Root.Threshold, $"version {Version} root", next.Name));
        Require(() => _ = ThresholdCheck.Require(next._signedMessage, next.Envelope.Signatures, next.RootKeys, next.Document.Roles.Root.Threshold, $"version {next.Version} root", next.Name));

        static void Require(Action check)
        {
            try
            {
                check();
            }
            catch (BundleException e) when (BundleException.ClassOf(e.Error) == BundleErrorClass.Signature)
            {
                throw new BundleException(BundleError.TrustRotationInvalid, $"rotation not authorized: {e.Error}: {e.Message}", e.Entry, null, e);
            }
        }
    }

    /// <summary>Throws <see cref="BundleError.TrustExpired"/> when the file has expired at <paramref name="now"/>.</summary>
    public void EnsureCurrent(DateTimeOffset now)
    {
        if (now >= Document.Expires)
        {
            throw new BundleException(BundleError.TrustExpired, $"trust version {Version} expired at {Document.Expires:u}", Name);
        }
    }
}
