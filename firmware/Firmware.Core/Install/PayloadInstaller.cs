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
    public static Task InstallAsync(BundleReader reader, VerifiedManifest manifest, string payloadName, Stream slot, long slotCapacity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return InstallAsync(reader, manifest, [new PayloadTarget(payloadName, slot, slotCapacity)], cancellationToken);
    }

    /// <summary>
    /// Reads every chunk from <paramref name="reader"/> (whose manifest has been verified) and
    /// writes each payload named by a target to that target, in one pass over the bundle (a slot
    /// group: the root and the boot partition of the same slot). Payloads without a target are
    /// still verified. Every payload is checked against its target's capacity before the first write.
    /// </summary>
    /// <param name="reader">A reader under <see cref="PayloadCheck.Full"/> whose manifest has been read.</param>
    /// <param name="manifest">The verified manifest.</param>
    /// <param name="targets">One target per payload to write, each a different payload.</param>
    /// <param name="cancellationToken">Cancels the install.</param>
    /// <exception cref="SlotTooSmallException">A payload does not fit its target; nothing was written.</exception>
    /// <exception cref="BundleException">The bundle is rejected part-way; the targets then hold partial images and must not be booted.</exception>
    public static async Task InstallAsync(BundleReader reader, VerifiedManifest manifest, IReadOnlyList<PayloadTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(targets);
        var byName = new Dictionary<string, PayloadTarget>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (manifest.Manifest.Payloads.FirstOrDefault(p => p.Name == target.Payload) is not { } payload)
            {
                throw new ArgumentException($"The bundle has no payload '{target.Payload}'.", nameof(targets));
            }

            if (!target.Slot.CanSeek || !target.Slot.CanWrite)
            {
                throw new ArgumentException($"The target of payload '{target.Payload}' must be seekable and writable.", nameof(targets));
            }

            if (!byName.TryAdd(target.Payload, target))
            {
                throw new ArgumentException($"Payload '{target.Payload}' has two targets.", nameof(targets));
            }

            if (payload.Size > target.Capacity)
            {
                throw new SlotTooSmallException(payload.Size, target.Capacity);
            }
        }

        await InstallCoreAsync(reader, byName, cancellationToken);
    }

    // One batch writer at a time (each holds two 4 MiB buffers): a bundle stores each payload's
    // chunks together, so the writer of a payload is completed (and its target flushed) when the
    // next payload's chunks begin.
    private static async Task InstallCoreAsync(BundleReader reader, Dictionary<string, PayloadTarget> targets, CancellationToken cancellationToken)
    {
        SlotBatchWriter? writer = null;
        string? writing = null;
        try
        {
            while (await reader.ReadChunkAsync(cancellationToken) is { } chunk)
            {
                if (!targets.TryGetValue(chunk.Payload.Name, out var target))
                {
                    continue;
                }

                if (writing != target.Payload)
                {
                    if (writer is not null)
                    {
                        await writer.CompleteAsync(cancellationToken);
                        await writer.DisposeAsync();
                    }

                    writer = new SlotBatchWriter(target.Slot);
                    writing = target.Payload;
                }

                await writer!.AddAsync(chunk.Offset, chunk.Data, cancellationToken);
            }

            if (writer is not null)
            {
                await writer.CompleteAsync(cancellationToken);
            }
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
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
