using Firmware.Signing;
using Firmware.Trust;

namespace Firmware.Bundles;

/// <summary>The entries of a bundle before its payloads, as read, before any trust decision.</summary>
/// <param name="Manifest">The decoded, structurally valid manifest.</param>
/// <param name="ManifestBytes">The manifest's bytes exactly as stored (what the signatures cover).</param>
/// <param name="Signatures">The detached signatures.</param>
/// <param name="CarriedTrust">Trust files carried in the bundle, oldest first, each matching its manifest digest.</param>
public sealed record BundleHeader(BundleManifest Manifest, ReadOnlyMemory<byte> ManifestBytes, DetachedSignatures Signatures, IReadOnlyList<TrustFile> CarriedTrust);
