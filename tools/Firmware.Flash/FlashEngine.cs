using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Firmware.Flash.Bmap;
using Firmware.Flash.Targets;

namespace Firmware.Flash;

/// <summary>
/// Executes a <see cref="FlashPlan"/>: reads the source front to back, checks each range's
/// checksum as it is read, writes on a second thread so reading, hashing and writing overlap,
/// syncs, then (by default) drops the target's cache and reads every range back from the medium.
/// </summary>
public sealed class FlashEngine
{
    private const int BufferSize = 4 << 20;
    private const int Buffers = 6;

    private readonly IProgress<FlashProgress>? _progress;
    private readonly Stopwatch _clock = new();
    private readonly Lock _reportLock = new();

    /// <summary>Creates an engine that reports to <paramref name="progress"/>.</summary>
    public FlashEngine(IProgress<FlashProgress>? progress = null) => _progress = progress;

    /// <summary>Writes <paramref name="plan"/> from <paramref name="source"/> to <paramref name="target"/>.</summary>
    /// <exception cref="FlashException">The source is corrupt or short, the target failed, or read-back differed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the target holds an incomplete image, synced.</exception>
    public async Task<FlashResult> RunAsync(FlashPlan plan, Stream source, IFlashTarget target, bool verify, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        _clock.Restart();
        var writer = new RangeWriter(target, Buffers, BufferSize);
        var written = new WrittenLog();
        long imageSize;
        try
        {
            imageSize = plan.Source == PlanSource.Stream
                ? await StreamToEndAsync(source, target, writer, written, cancellationToken)
                : await WriteRangesAsync(plan, source, writer, written, cancellationToken);
            await writer.CompleteAsync();
        }
        catch
        {
            // What was written is made durable, so the reported state of the target is true.
            await writer.AbandonAsync();
            SyncQuietly(target);
            throw;
        }

        if (target is FileTarget file && plan.ImageSize is null)
        {
            file.SetLength(imageSize);
        }

        Report("syncing", writer.BytesWritten, writer.BytesWritten);
        Sync(target, writer.BytesWritten);
        if (verify)
        {
            ReadBack(target, written, cancellationToken);
        }

        return new FlashResult(imageSize, writer.BytesWritten, written.Ranges, verify, _clock.Elapsed);
    }

    private async Task<long> WriteRangesAsync(FlashPlan plan, Stream source, RangeWriter writer, WrittenLog written, CancellationToken cancellationToken)
    {
        var position = 0L;
        var total = plan.BytesToWrite;
        foreach (var range in plan.Ranges)
        {
            position = Skip(source, position, range.Offset, writer);
            using var hash = BmapFile.Hash(plan.ChecksumType);
            for (var remaining = range.Length; remaining > 0;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var buffer = await writer.RentAsync(cancellationToken);
                var want = (int)Math.Min(BufferSize, remaining);
                var read = ReadSource(source, buffer.AsSpan(0, want), writer);
                if (read < want)
                {
                    throw new FlashException(FlashError.SourceTruncated, $"the image ends at offset {position + read}, inside range {range.Index} ({range.Offset}+{range.Length})", writer.State);
                }

                hash.AppendData(buffer, 0, read);
                written.Add(position, buffer.AsSpan(0, read));
                await writer.WriteAsync(buffer, read, position, cancellationToken);
                position += read;
                remaining -= read;
                Report("writing", writer.BytesQueued, total);
            }

            var digest = hash.GetHashAndReset();
            if (range.Checksum is { } expected && !Convert.ToHexStringLower(digest).Equals(expected, StringComparison.OrdinalIgnoreCase))
            {
                await writer.CompleteAsync();
                throw new FlashException(FlashError.SourceCorrupt,
                    $"range {range.Index} (bytes {range.Offset}-{range.Offset + range.Length - 1}) does not match its bmap checksum: the image is damaged or is not the one the bmap describes",
                    $"incomplete: {writer.BytesWritten} bytes written, through byte {range.Offset + range.Length - 1}; nothing after the bad range");
            }

            written.Ranges++;
        }

        return plan.ImageSize ?? position;
    }

    private async Task<long> StreamToEndAsync(Stream source, IFlashTarget target, RangeWriter writer, WrittenLog written, CancellationToken cancellationToken)
    {
        var position = 0L;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var buffer = await writer.RentAsync(cancellationToken);
            var read = ReadSource(source, buffer, writer);
            if (read == 0)
            {
                writer.Return(buffer);
                break;
            }

            if (target.Capacity is { } capacity && position + read > capacity)
            {
                throw new FlashException(FlashError.TargetRefused, $"the image is larger than the target ({capacity} bytes)", writer.State);
            }

            written.Add(position, buffer.AsSpan(0, read));
            await writer.WriteAsync(buffer, read, position, cancellationToken);
            position += read;
            Report("writing", writer.BytesQueued, null);
        }

        written.Ranges = 1;
        return position;
    }

    private static long Skip(Stream source, long position, long offset, RangeWriter writer)
    {
        if (source.CanSeek)
        {
            source.Position = offset;
            return offset;
        }

        // A compressed stream is decompressed through the gap: there is no other way past it.
        var scratch = new byte[Math.Min(BufferSize, Math.Max(1, offset - position))];
        while (position < offset)
        {
            var read = ReadSource(source, scratch.AsSpan(0, (int)Math.Min(scratch.Length, offset - position)), writer);
            if (read == 0)
            {
                throw new FlashException(FlashError.SourceTruncated, $"the image ends at offset {position}, before the range at {offset}", writer.State);
            }

            position += read;
        }

        return position;
    }

    private static int ReadSource(Stream source, Span<byte> buffer, RangeWriter writer)
    {
        try
        {
            return source.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is InvalidDataException or ZstdSharp.ZstdException or SharpCompress.Common.ArchiveException or IOException)
        {
            throw new FlashException(FlashError.SourceCorrupt, $"the image cannot be read or decompressed: {e.Message}", writer.State, e);
        }
    }

    // Every written buffer is checked on its own, so the read-back runs on all cores and costs
    // about what reading the medium costs.
    private void ReadBack(IFlashTarget target, WrittenLog written, CancellationToken cancellationToken)
    {
        foreach (var (offset, length) in written.Extents())
        {
            target.DropCache(offset, length);
        }

        var total = written.Bytes;
        var done = 0L;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        try
        {
            Parallel.ForEach(written.Spans, options, () => new byte[BufferSize], (span, _, buffer) =>
            {
                VerifySpan(target, span, buffer);
                Report("verifying", Interlocked.Add(ref done, span.Length), total);
                return buffer;
            }, _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<FlashException>().FirstOrDefault() is { } mismatch)
        {
            ExceptionDispatchInfo.Throw(mismatch);
        }
    }

    private static void VerifySpan(IFlashTarget target, WrittenSpan span, byte[] buffer)
    {
        var read = target.Read(buffer.AsSpan(0, span.Length), span.Offset);
        if (read != span.Length || !WrittenLog.Matches(buffer.AsSpan(0, read), span.Check))
        {
            throw new FlashException(FlashError.VerifyMismatch,
                $"reading back bytes {span.Offset}-{span.Offset + span.Length - 1} gave other bytes than were written: the medium is faulty, too small, or was changed meanwhile",
                "written but corrupt");
        }
    }

    private static void Sync(IFlashTarget target, long written)
    {
        try
        {
            target.Flush();
        }
        catch (IOException e)
        {
            throw new FlashException(FlashError.TargetFailed, e.Message, $"incomplete: {written} bytes written but not all of them reached the medium", e);
        }
    }

    private static void SyncQuietly(IFlashTarget target)
    {
        try
        {
            target.Flush();
        }
        catch (IOException)
        {
            // The failure that got us here is the one to report.
        }
    }

    private void Report(string phase, long done, long? total)
    {
        // Read-back reports from several threads; progress sinks need not be thread-safe.
        lock (_reportLock)
        {
            _progress?.Report(new FlashProgress(phase, done, total, _clock.Elapsed));
        }
    }
}
