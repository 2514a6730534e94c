namespace Firmware.Bundles;

/// <summary>Verifies a whole bundle without keeping anything: the core of every <c>verify</c> command.</summary>
public static class BundleVerification
{
    /// <summary>Reads and verifies every entry of the bundle in <paramref name="stream"/>.</summary>
    /// <returns>The verified manifest and how much was read.</returns>
    /// <exception cref="BundleException">The bundle is rejected.</exception>
    public static async Task<VerificationResult> VerifyAsync(Stream stream, VerificationPolicy policy, CancellationToken cancellationToken = default)
    {
        using var reader = new BundleReader(stream, policy);
        var manifest = await reader.ReadManifestAsync(cancellationToken);
        long chunks = 0, bytes = 0;
        while (await reader.ReadChunkAsync(cancellationToken) is { } chunk)
        {
            chunks++;
            bytes += chunk.Payload.Chunks[chunk.Index].Size;
        }

        return new VerificationResult(manifest, chunks, bytes, reader.Position);
    }
}

/// <summary>The outcome of a successful verification.</summary>
/// <param name="Manifest">The verified manifest.</param>
/// <param name="Chunks">Chunks verified.</param>
/// <param name="PayloadBytes">Uncompressed payload bytes covered.</param>
/// <param name="BundleBytes">Bundle bytes read.</param>
public sealed record VerificationResult(VerifiedManifest Manifest, long Chunks, long PayloadBytes, long BundleBytes);
