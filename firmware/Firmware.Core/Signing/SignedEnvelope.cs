namespace Firmware.Signing;

/// <summary>A DSSE envelope (payload type, base64 payload, signatures); the form of a trust file.</summary>
public sealed record SignedEnvelope
{
    /// <summary>What the payload is; bound into every signature.</summary>
    public required string PayloadType { get; init; }

    /// <summary>Base64 of the signed document's bytes.</summary>
    public required string Payload { get; init; }

    /// <summary>The signatures.</summary>
    public required IReadOnlyList<SignatureRecord> Signatures { get; init; }
}
