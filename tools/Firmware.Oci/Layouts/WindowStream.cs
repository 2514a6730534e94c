namespace Firmware.Oci.Layouts;

/// <summary>A read-only view of the next <c>length</c> bytes of a stream: one entry of a tar, read in place.</summary>
internal sealed class WindowStream(Stream inner, long length) : ForwardReadStream
{
    private readonly long _length = length;
    private long _remaining = length;

    public override long Length => _length;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= count;
        return count;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
        _remaining -= count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
