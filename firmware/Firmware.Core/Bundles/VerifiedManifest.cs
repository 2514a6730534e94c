using Firmware.Trust;

namespace Firmware.Bundles;

/// <summary>A manifest whose signatures, trust chain and policy checks have all passed.</summary>
public sealed record VerifiedManifest
{
    /// <summary>The manifest.</summary>
    public required BundleManifest Manifest { get; init; }

    /// <summary>The manifest's bytes exactly as signed.</summary>
    public required ReadOnlyMemory<byte> ManifestBytes { get; init; }

    /// <summary>The trust the manifest was verified under: the verifier's own, or a newer one carried in the bundle.</summary>
    public required TrustFile Trust { get; init; }

    /// <summary>True when <see cref="Trust"/> came from the bundle and the device should store it.</summary>
    public required bool TrustAdvanced { get; init; }

    /// <summary>Key ids of the release keys whose signatures verified.</summary>
    public required IReadOnlyList<string> Signers { get; init; }
}
