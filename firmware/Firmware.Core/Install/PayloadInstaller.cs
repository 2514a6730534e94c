using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
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

        await using var writer = new SlotBatchWriter(slot);
        while (await reader.ReadChunkAsync(cancellationToken) is { } chunk)
        {
            if (chunk.Payload.Name == payloadName)
            {
                await writer.AddAsync(chunk.Offset, chunk.Data, cancellationToken);
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the slot back and compares each chunk with its digest in the manifest. A file or
    /// block device is read with positional reads, chunks hashed on every core; any other stream
    /// is read in order.
    /// </summary>
    /// <returns>The index of the first chunk that differs, or null when all match.</returns>
    public static async Task<int?> VerifyReadBackAsync(Stream slot, PayloadManifest payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(payload);
        return slot is FileStream file
            ? await VerifyInParallelAsync(file.SafeFileHandle, payload, cancellationToken)
            : await VerifyInOrderAsync(slot, payload, cancellationToken);
    }

    private static async Task<int?> VerifyInParallelAsync(SafeFileHandle slot, PayloadManifest payload, CancellationToken cancellationToken)
    {
        var offsets = new long[payload.Chunks.Count];
        for (var i = 1; i < offsets.Length; i++)
        {
            offsets[i] = offsets[i - 1] + payload.Chunks[i - 1].Size;
        }

        // Every chunk is checked even after a mismatch, so the lowest bad index is the answer
        // whatever order the workers ran in; a mismatch is rare and ends the install anyway.
        var firstBad = int.MaxValue;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, offsets.Length, options, (i, _) =>
        {
            var chunk = payload.Chunks[i];
            var buffer = ArrayPool<byte>.Shared.Rent(chunk.Size);
            try
            {
                if (!ReadsBack(slot, offsets[i], buffer.AsSpan(0, chunk.Size), chunk.Sha256))
                {
                    InterlockedMin(ref firstBad, i);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return ValueTask.CompletedTask;
        });
        return firstBad == int.MaxValue ? null : firstBad;
    }

    private static bool ReadsBack(SafeFileHandle slot, long offset, Span<byte> buffer, string sha256)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = RandomAccess.Read(slot, buffer[filled..], offset + filled);
            if (read == 0)
            {
                return false;
            }

            filled += read;
        }

        return DigestEquals(buffer, sha256);
    }

    private static async Task<int?> VerifyInOrderAsync(Stream slot, PayloadManifest payload, CancellationToken cancellationToken)
    {
        var buffer = new byte[payload.Chunks.Max(c => c.Size)];
        slot.Position = 0;
        for (var i = 0; i < payload.Chunks.Count; i++)
        {
            var chunk = payload.Chunks[i];
            var read = await slot.ReadAtLeastAsync(buffer.AsMemory(0, chunk.Size), chunk.Size, throwOnEndOfStream: false, cancellationToken);
            if (read != chunk.Size || !DigestEquals(buffer.AsSpan(0, chunk.Size), chunk.Sha256))
            {
                return i;
            }
        }

        return null;
    }

    private static bool DigestEquals(ReadOnlySpan<byte> data, string sha256)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, digest);
        return Convert.FromHexString(sha256, expected, out _, out var written) == OperationStatus.Done
               && written == expected.Length
               && digest.SequenceEqual(expected);
    }

    private static void InterlockedMin(ref int target, int value)
    {
        int current;
        while (value < (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
