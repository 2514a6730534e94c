using Firmware.Bundles;

namespace Firmware.Tar;

/// <summary>
/// Reads a ustar stream front to back without seeking, tracking the absolute offset for error
/// reports. It never reads past what the caller asks for, so the caller bounds memory.
/// </summary>
internal sealed class TarStreamReader
{
    /// <summary>Writers may pad an archive to this record size with zeros (POSIX blocking factor 20).</summary>
    private const int RecordSize = 20 * TarHeader.BlockSize;

    private readonly Stream _stream;
    private readonly bool _readDirectly;
    private readonly byte[] _block = new byte[TarHeader.BlockSize];
    private long _entryRemaining;
    private int _entryPadding;
    private string? _entryName;

    public TarStreamReader(Stream stream)
    {
        _stream = stream;

        // A FileStream opened for synchronous I/O (as the CLIs open bundles) has no asynchronous
        // read: ReadAsync queues the blocking read to the thread pool and resumes on whichever
        // worker ran it, so every chunk costs a hand-off between threads, with wake-ups and
        // spinning, while the reader waits anyway. Read such a file on the calling thread instead;
        // any other stream (a socket, a pipe, an asynchronous file) keeps ReadAsync.
        _readDirectly = stream is FileStream { IsAsync: false };
    }

    /// <summary>Absolute offset of the next byte to be read.</summary>
    public long Position { get; private set; }

    /// <summary>
    /// Reads the next header, or returns null at the end-of-archive marker (two zero blocks).
    /// The previous entry's data must have been consumed.
    /// </summary>
    public async ValueTask<TarHeader?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        if (_entryRemaining != 0)
        {
            throw new InvalidOperationException("The previous entry's data has not been read.");
        }

        await SkipPaddingAsync(cancellationToken);
        var offset = Position;
        if (!await TryFillAsync(_block, cancellationToken))
        {
            // Empty only when the stream held nothing at all; a partial first header is truncation.
            var empty = Position == 0;
            throw new BundleException(empty ? BundleError.Empty : BundleError.Truncated,
                empty ? "the bundle is empty" : "the archive ends inside a header or without an end-of-archive marker", null, offset);
        }

        if (TarHeader.IsZeroBlock(_block))
        {
            await ExpectAsync(_block, "end-of-archive marker", cancellationToken);
            if (!TarHeader.IsZeroBlock(_block))
            {
                throw new BundleException(BundleError.HeaderInvalid, "a zero block is followed by a non-zero block", null, Position - TarHeader.BlockSize);
            }

            return null;
        }

        var header = TarHeader.Parse(_block, offset);
        if (!TarHeader.IsCanonical(_block, header))
        {
            throw new BundleException(BundleError.HeaderInvalid, "tar header is not in the one form bundles use (docs/bundle-format.md, section 1.2)", header.Name, offset);
        }

        _entryName = header.Name;
        _entryRemaining = header.Size;
        _entryPadding = TarHeader.PaddingFor(header.Size);
        return header;
    }

    /// <summary>Fills <paramref name="buffer"/> from the current entry's data.</summary>
    public async ValueTask ReadDataAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.Length > _entryRemaining)
        {
            throw new InvalidOperationException("Read past the end of the entry.");
        }

        await ExpectAsync(buffer, _entryName, cancellationToken);
        _entryRemaining -= buffer.Length;
    }

    /// <summary>
    /// After the end-of-archive marker, accepts only zero padding up to the next record boundary,
    /// then requires the end of the stream. Anything else is data the signature does not cover.
    /// </summary>
    public async ValueTask ExpectEndOfStreamAsync(CancellationToken cancellationToken)
    {
        var padding = (int)((RecordSize - (Position % RecordSize)) % RecordSize);
        var probe = new byte[padding + 1];
        var read = await ReadAtLeastAsync(probe, cancellationToken);
        var nonZero = probe.AsSpan(0, Math.Min(read, padding)).IndexOfAnyExcept((byte)0);
        if (nonZero >= 0 || read > padding)
        {
            throw new BundleException(BundleError.TrailingData, "data follows the end-of-archive marker", null, Position + (nonZero >= 0 ? nonZero : padding));
        }

        Position += read;
    }

    private async ValueTask SkipPaddingAsync(CancellationToken cancellationToken)
    {
        if (_entryPadding == 0)
        {
            return;
        }

        var padding = _block.AsMemory(0, _entryPadding);
        await ExpectAsync(padding, _entryName, cancellationToken);

        // Padding is zeros by definition; any other byte is data that nothing signs.
        var nonZero = padding.Span.IndexOfAnyExcept((byte)0);
        if (nonZero >= 0)
        {
            throw new BundleException(BundleError.HeaderInvalid, "the padding after the entry's data is not zero", _entryName, Position - _entryPadding + nonZero);
        }

        _entryPadding = 0;
    }

    private async ValueTask ExpectAsync(Memory<byte> buffer, string? entry, CancellationToken cancellationToken)
    {
        if (!await TryFillAsync(buffer, cancellationToken))
        {
            throw new BundleException(BundleError.Truncated, "the bundle ends early", entry, Position);
        }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>'s length; false if the stream ends first (Position then marks the end).</summary>
    private async ValueTask<bool> TryFillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await ReadAtLeastAsync(buffer, cancellationToken);
        Position += read;
        return read == buffer.Length;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the count read.</summary>
    private ValueTask<int> ReadAtLeastAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!_readDirectly)
        {
            return _stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_stream.ReadAtLeast(buffer.Span, buffer.Length, throwOnEndOfStream: false));
    }
}
