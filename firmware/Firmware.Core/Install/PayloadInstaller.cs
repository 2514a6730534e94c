using System.Security.Cryptography;
using Firmware.Bundles;

namespace Firmware.Install;

/// <summary>
/// Writes verified payload chunks into a slot (any seekable stream: a block device or an image
/// file) and proves by reading back that every chunk landed. The slot is written only after
/// the reader has verified the manifest, and each chunk only after its digest held.
/// </summary>
public static class PayloadInstaller
{
    /// <summary>
    /// Reads every chunk from <paramref name="reader"/> (whose manifest has been verified) and
    /// writes those of payload <paramref name="payloadName"/> to <paramref name="slot"/>.
    /// Other payloads are still verified, so a bundle damaged anywhere fails the install.
    /// </summary>
    /// <param name="reader">A reader under <see cref="PayloadCheck.Full"/> whose manifest has been read.</param>
    /// <param name="manifest">The verified manifest.</param>
    /// <param name="payloadName">The payload to write.</param>
    /// <param name="slot">The slot, seekable and writable.</param>
    /// <param name="slotCapacity">The slot's size; a larger payload is refused before anything is written.</param>
    /// <param name="cancellationToken">Cancels the install.</param>
    /// <exception cref="SlotTooSmallException">The payload does not fit the slot.</exception>
    /// <exception cref="BundleException">The bundle is rejected part-way; the slot then holds a partial image and must not be booted.</exception>
    public static async Task InstallAsync(BundleReader reader, VerifiedManifest manifest, string payloadName, Stream slot, long slotCapacity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(slot);
        var payload = manifest.Manifest.Payloads.FirstOrDefault(p => p.Name == payloadName)
                      ?? throw new ArgumentException($"The bundle has no payload '{payloadName}'.", nameof(payloadName));
        if (!slot.CanSeek || !slot.CanWrite)
        {
            throw new ArgumentException("The slot must be seekable and writable.", nameof(slot));
        }

        if (payload.Size > slotCapacity)
        {
            throw new SlotTooSmallException(payload.Size, slotCapacity);
        }

        while (await reader.ReadChunkAsync(cancellationToken) is { } chunk)
        {
            if (chunk.Payload.Name != payloadName)
            {
                continue;
            }

            slot.Position = chunk.Offset;
            await slot.WriteAsync(chunk.Data, cancellationToken);
        }

        await slot.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the slot back and compares each chunk with its digest in the manifest.
    /// </summary>
    /// <returns>The index of the first chunk that differs, or null when all match.</returns>
    public static async Task<int?> VerifyReadBackAsync(Stream slot, PayloadManifest payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(payload);
        var buffer = new byte[payload.Chunks.Max(c => c.Size)];
        var digest = new byte[SHA256.HashSizeInBytes];
        slot.Position = 0;
        for (var i = 0; i < payload.Chunks.Count; i++)
        {
            var chunk = payload.Chunks[i];
            var read = await slot.ReadAtLeastAsync(buffer.AsMemory(0, chunk.Size), chunk.Size, throwOnEndOfStream: false, cancellationToken);
            if (read != chunk.Size)
            {
                return i;
            }

            SHA256.HashData(buffer.AsSpan(0, chunk.Size), digest);
            if (!digest.AsSpan().SequenceEqual(Convert.FromHexString(chunk.Sha256)))
            {
                return i;
            }
        }

        return null;
    }
}
