namespace Firmware.Tar;

/// <summary>
/// Writes a ustar stream of regular files: header, data, zero padding, and the two-block
/// end-of-archive marker. Every entry gets the same owner, mode and time, so output is reproducible.
/// </summary>
internal sealed class TarStreamWriter
{
    private readonly Stream _stream;
    private readonly long _modificationTime;
    private readonly byte[] _block = new byte[TarHeader.BlockSize];

    public TarStreamWriter(Stream stream, long modificationTime)
    {
        _stream = stream;
        _modificationTime = modificationTime;
    }

    /// <summary>Writes an entry whose data is in memory.</summary>
    public async ValueTask WriteEntryAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await WriteHeaderAsync(name, data.Length, cancellationToken);
        await _stream.WriteAsync(data, cancellationToken);
        await WritePaddingAsync(data.Length, cancellationToken);
    }

    /// <summary>Writes an entry of <paramref name="size"/> bytes copied from <paramref name="data"/>.</summary>
    public async ValueTask WriteEntryAsync(string name, Stream data, long size, CancellationToken cancellationToken)
    {
        await WriteHeaderAsync(name, size, cancellationToken);
        var buffer = new byte[1 << 20];
        for (var remaining = size; remaining > 0;)
        {
            var want = (int)Math.Min(buffer.Length, remaining);
            await data.ReadExactlyAsync(buffer.AsMemory(0, want), cancellationToken);
            await _stream.WriteAsync(buffer.AsMemory(0, want), cancellationToken);
            remaining -= want;
        }

        await WritePaddingAsync(size, cancellationToken);
    }

    /// <summary>Writes the end-of-archive marker.</summary>
    public async ValueTask WriteEndAsync(CancellationToken cancellationToken)
    {
        Array.Clear(_block);
        await _stream.WriteAsync(_block, cancellationToken);
        await _stream.WriteAsync(_block, cancellationToken);
    }

    private async ValueTask WriteHeaderAsync(string name, long size, CancellationToken cancellationToken)
    {
        new TarHeader(name, size, _modificationTime, TarHeader.EntryMode).WriteTo(_block);
        await _stream.WriteAsync(_block, cancellationToken);
    }

    private async ValueTask WritePaddingAsync(long size, CancellationToken cancellationToken)
    {
        var padding = TarHeader.PaddingFor(size);
        if (padding > 0)
        {
            Array.Clear(_block);
            await _stream.WriteAsync(_block.AsMemory(0, padding), cancellationToken);
        }
    }
}
