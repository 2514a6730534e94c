namespace Firmware.Kernel.Debian;

/// <summary>A read-only window of exactly <c>length</c> bytes over a forward-only stream; a short inner stream is a truncation.</summary>
internal sealed class BoundedStream(Stream inner, long size, Func<Exception> truncated) : Stream
{
    private readonly long length = size;
    private long remaining = size;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => length - remaining; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
        if (read == 0)
        {
            throw truncated();
        }

        remaining -= read;
        return read;
    }

    /// <summary>Reads and discards what the consumer left, so the outer reader is at the member's end.</summary>
    public void Drain()
    {
        var scratch = new byte[81920];
        while (Read(scratch) > 0)
        {
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
