namespace Firmware.Signing;

/// <summary>
/// The <c>manifest.sig</c> entry: a DSSE envelope without its payload, since the payload is the
/// <c>manifest.json</c> entry just before it.
/// </summary>
public sealed record DetachedSignatures
{
    /// <summary>Must be <see cref="PreAuthEncoding.ManifestType"/>.</summary>
    public required string PayloadType { get; init; }

    /// <summary>The signatures.</summary>
    public required IReadOnlyList<SignatureRecord> Signatures { get; init; }
}
