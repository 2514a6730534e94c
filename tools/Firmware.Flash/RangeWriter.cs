using System.Threading.Channels;
using Firmware.Flash.Targets;

namespace Firmware.Flash;

/// <summary>
/// Writes buffers to the target on its own thread, so the next buffer is read and hashed while
/// this one is written. Buffers circulate through a fixed pool: memory stays constant.
/// </summary>
internal sealed class RangeWriter
{
    private readonly IFlashTarget _target;
    private readonly Channel<byte[]> _free;
    private readonly Channel<(byte[] Buffer, int Length, long Offset)> _pending;
    private readonly Task _worker;
    private long _written;

    public RangeWriter(IFlashTarget target, int buffers, int bufferSize)
    {
        _target = target;
        _free = Channel.CreateBounded<byte[]>(buffers);
        for (var i = 0; i < buffers; i++)
        {
            _free.Writer.TryWrite(new byte[bufferSize]);
        }

        _pending = Channel.CreateBounded<(byte[], int, long)>(buffers);
        _worker = Task.Run(WriteLoopAsync);
    }

    /// <summary>Bytes that reached the target (written, not necessarily synced).</summary>
    public long BytesWritten => Interlocked.Read(ref _written);

    /// <summary>Bytes handed to the writer.</summary>
    public long BytesQueued { get; private set; }

    /// <summary>The target's state for a failure report.</summary>
    public string State => BytesWritten == 0 && BytesQueued == 0 ? "untouched" : $"incomplete: {BytesWritten} bytes written";

    public async ValueTask<byte[]> RentAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _free.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            await _worker; // the writer failed: surface its failure
            throw;
        }
    }

    public void Return(byte[] buffer) => _free.Writer.TryWrite(buffer);

    public async ValueTask WriteAsync(byte[] buffer, int length, long offset, CancellationToken cancellationToken)
    {
        try
        {
            await _pending.Writer.WriteAsync((buffer, length, offset), cancellationToken);
        }
        catch (ChannelClosedException)
        {
            await _worker; // the writer failed: surface its failure
            throw;
        }

        BytesQueued += length;
    }

    /// <summary>Waits until everything queued is written; rethrows a write failure.</summary>
    public async Task CompleteAsync()
    {
        _pending.Writer.TryComplete();
        await _worker;
    }

    /// <summary>Stops after what is queued, without surfacing a write failure (another failure is being reported).</summary>
    public async Task AbandonAsync()
    {
        _pending.Writer.TryComplete();
        try
        {
            await _worker;
        }
        catch (FlashException)
        {
            // Reported by whoever called Complete first, or superseded by the failure in flight.
        }
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var (buffer, length, offset) in _pending.Reader.ReadAllAsync())
        {
            try
            {
                _target.Write(buffer.AsSpan(0, length), offset);
                _target.StartWriteback(offset, length);
            }
            catch (IOException e)
            {
                var failure = new FlashException(FlashError.TargetFailed, $"{_target.Path}: writing {length} bytes at offset {offset} failed: {e.Message}",
                    $"incomplete: {BytesWritten} bytes written before the failure", e);

                // Unblock the reader, which may be waiting for a free buffer or a queue slot.
                _free.Writer.TryComplete(failure);
                _pending.Writer.TryComplete(failure);
                throw failure;
            }

            Interlocked.Add(ref _written, length);
            _free.Writer.TryWrite(buffer);
        }
    }
}
