using Firmware.Signing;
using Firmware.Tar;
using Firmware.Trust;

namespace Firmware.Bundles;

/// <summary>
/// Writes the bundle archive: manifest, signatures, carried trust files, then each payload's
/// stored chunks, in manifest order. The manifest must already describe the payloads.
/// </summary>
public static class BundleWriter
{
    /// <summary>Writes a signed bundle.</summary>
    /// <param name="output">Receives the archive.</param>
    /// <param name="manifest">The manifest; validated before anything is written.</param>
    /// <param name="signers">Release keys that sign the manifest.</param>
    /// <param name="trust">Trust files to carry, matching <see cref="BundleManifest.Trust"/>.</param>
    /// <param name="openStoredPayload">Opens a payload's stored chunk data, positioned at its start.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task WriteAsync(Stream output, BundleManifest manifest, IReadOnlyList<SigningKey> signers,
        IReadOnlyList<TrustFile> trust, Func<PayloadManifest, Stream> openStoredPayload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(signers);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(openStoredPayload);
        if (signers.Count == 0)
        {
            throw new ArgumentException("At least one signing key is required.", nameof(signers));
        }

        try
        {
            ManifestRules.Validate(manifest);
        }
        catch (BundleException e)
        {
            throw new ArgumentException($"Invalid manifest: {e.Message}", nameof(manifest), e);
        }

        var references = manifest.Trust ?? [];
        if (references.Count != trust.Count || references.Zip(trust).Any(p => p.First.Version != p.Second.Version || p.First.Sha256 != p.Second.Sha256))
        {
            throw new ArgumentException("The trust files do not match the manifest's trust references.", nameof(trust));
        }

        var manifestBytes = ManifestRules.Serialize(manifest);
        var message = PreAuthEncoding.Encode(PreAuthEncoding.ManifestType, manifestBytes);
        var signatures = new DetachedSignatures
        {
            PayloadType = PreAuthEncoding.ManifestType,
            Signatures = signers.Select(k => SignatureRecord.Create(k, message)).ToList(),
        };

        var tar = new TarStreamWriter(output, manifest.Created.ToUnixTimeSeconds());
        await tar.WriteEntryAsync(BundleEntryNames.Manifest, manifestBytes, cancellationToken);
        await tar.WriteEntryAsync(BundleEntryNames.Signatures, StrictJson.Encode(signatures, FirmwareJsonContext.Default.DetachedSignatures), cancellationToken);
        foreach (var file in trust)
        {
            await tar.WriteEntryAsync(BundleEntryNames.Trust(file.Version), file.Bytes.ToArray(), cancellationToken);
        }

        foreach (var payload in manifest.Payloads)
        {
            var stored = openStoredPayload(payload);
            await using (stored.ConfigureAwait(false))
            {
                await tar.WriteEntryAsync(BundleEntryNames.Payload(payload.Name), stored, payload.StoredSize, cancellationToken);
            }
        }

        await tar.WriteEndAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
