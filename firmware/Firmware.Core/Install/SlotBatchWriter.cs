namespace Firmware.Install;

/// <summary>
/// Writes consecutive chunks to a slot in large batches, one batch on the thread pool while the
/// caller fills the next. Chunks average 256 KiB: written one by one, every chunk is a separate
/// write system call (and, through an unbuffered async stream, a thread-pool hop), and the writes
/// wait for the decompression and hashing of the chunk before them. Batched and overlapped, the
/// slot's writes run on one core while the bundle reader verifies on the other.
/// </summary>
/// <remarks>
/// Batches are written in order and one at a time, so the slot stream is never used by two threads
/// at once, and a failed write surfaces at the next <see cref="AddAsync"/> or at
/// <see cref="CompleteAsync"/>.
/// </remarks>
internal sealed class SlotBatchWriter(Stream slot, int batchSize = SlotBatchWriter.DefaultBatchSize) : IAsyncDisposable
{
    /// <summary>4 MiB: large enough that the per-write cost vanishes, small enough for a device's memory (two are held).</summary>
    public const int DefaultBatchSize = 4 << 20;

    private byte[] _filling = new byte[batchSize];
    private byte[] _spare = new byte[batchSize];
    private long _start;
    private int _length;
    private Task _writing = Task.CompletedTask;

    /// <summary>Queues <paramref name="data"/> for <paramref name="offset"/> in the slot.</summary>
    public async ValueTask AddAsync(long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_length > 0 && (offset != _start + _length || _length + data.Length > _filling.Length))
        {
            await SubmitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (data.Length > _filling.Length)
        {
            // Larger than a batch: written directly, after what is queued before it.
            await _writing.ConfigureAwait(false);
            slot.Position = offset;
            await slot.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_length == 0)
        {
            _start = offset;
        }

        data.Span.CopyTo(_filling.AsSpan(_length));
        _length += data.Length;
    }

    /// <summary>Writes what is queued, waits for every write, and flushes the slot.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await SubmitAsync(cancellationToken).ConfigureAwait(false);
        await _writing.ConfigureAwait(false);
        await slot.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SubmitAsync(CancellationToken cancellationToken)
    {
        if (_length == 0)
        {
            return;
        }

        await _writing.ConfigureAwait(false);
        var (buffer, start, length) = (_filling, _start, _length);
        (_filling, _spare) = (_spare, _filling);
        _length = 0;
        _writing = Task.Run(
            () =>
            {
                slot.Position = start;
                slot.Write(buffer, 0, length);
            },
            cancellationToken);
    }

    /// <summary>Waits for a write still running, so the caller may dispose the slot stream after this.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _writing.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Only reached when the install is already ending with another exception (CompleteAsync
            // observes every write's failure): that one is the failure to report.
        }
    }
}
