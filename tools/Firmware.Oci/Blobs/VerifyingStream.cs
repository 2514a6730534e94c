using System.Security.Cryptography;
using Firmware.Oci.Model;

namespace Firmware.Oci.Blobs;

/// <summary>
/// Reads a blob through, checking it against its descriptor as it goes: never more than the
/// declared size is handed on, a source that ends early is <see cref="OciError.Truncated"/>, one
/// that has more is <see cref="OciError.Oversized"/>, and the digest is checked on the read that
/// delivers the last byte, before that read returns. A reader that stops early gets no verdict,
/// so callers that need one read to the end (<see cref="VerifyToEndAsync"/>).
/// </summary>
public sealed class VerifyingStream : Stream
{
    private readonly Stream _inner;
    private readonly Descriptor _expected;
    private readonly string _image;
    private readonly IncrementalHash _hash;
    private readonly bool _leaveOpen;
    private long _read;
    private bool _verified;

    /// <summary>Wraps <paramref name="inner"/>, which should hold the blob <paramref name="expected"/> of <paramref name="image"/>.</summary>
    /// <param name="inner">The unverified bytes.</param>
    /// <param name="expected">The blob's descriptor: its digest and exact size.</param>
    /// <param name="image">The image and where the bytes come from, for error messages.</param>
    /// <param name="leaveOpen">Leave <paramref name="inner"/> open on dispose.</param>
    public VerifyingStream(Stream inner, Descriptor expected, string image, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentOutOfRangeException.ThrowIfNegative(expected.Size);
        _inner = inner;
        _expected = expected;
        _image = image;
        _leaveOpen = leaveOpen;
        _hash = expected.Digest.CreateHash();
    }

    /// <summary>The number of verified-so-far bytes handed on.</summary>
    public long BytesRead => _read;

    /// <summary>True once every byte was read and the digest held.</summary>
    public bool Verified => _verified;

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => _expected.Size;

    /// <inheritdoc/>
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    /// <summary>Reads whatever is left, so the size and digest are checked, and throws if they do not hold.</summary>
    public async Task VerifyToEndAsync(CancellationToken cancellationToken = default)
    {
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        var window = Window(buffer.Length);
        if (window == 0)
        {
            return Finish(buffer.Length == 0 ? null : _inner.Read(stackalloc byte[1]));
        }

        var count = _inner.Read(buffer[..window]);
        Account(buffer[..count]);
        if (count == 0 || _read == _expected.Size)
        {
            Finish(count == 0 ? 0 : _inner.Read(stackalloc byte[1]));
        }

        return count;
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var window = Window(buffer.Length);
        if (window == 0)
        {
            return Finish(buffer.Length == 0 ? null : await ProbeAsync(cancellationToken));
        }

        var count = await _inner.ReadAsync(buffer[..window], cancellationToken);
        Account(buffer.Span[..count]);
        if (count == 0 || _read == _expected.Size)
        {
            Finish(count == 0 ? 0 : await ProbeAsync(cancellationToken));
        }

        return count;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    // Never ask the source for more than the declared size: the bound holds before any byte of
    // an oversized blob is read.
    private int Window(int requested) => (int)Math.Min(requested, _expected.Size - _read);

    private void Account(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        _read += bytes.Length;
    }

    private async ValueTask<int> ProbeAsync(CancellationToken cancellationToken) => await _inner.ReadAsync(new byte[1], cancellationToken);

    // Called when the declared size is reached (or the source ended): one probe byte tells an
    // exact-size source from an oversized one; then the digest decides.
    private int Finish(int? probe)
    {
        if (_verified || probe is null)
        {
            return 0;
        }

        if (_read < _expected.Size)
        {
            throw new OciException(OciError.Truncated,
                $"{_image}: blob {_expected.Digest} ended after {_read} of {_expected.Size} bytes");
        }

        if (probe > 0)
        {
            throw new OciException(OciError.Oversized,
                $"{_image}: blob {_expected.Digest} is longer than its declared {_expected.Size} bytes");
        }

        var actual = Digest.FromHash(_expected.Digest.Algorithm, _hash.GetHashAndReset());
        if (actual != _expected.Digest)
        {
            throw new OciException(OciError.DigestMismatch,
                $"{_image}: blob {_expected.Digest} has digest {actual}: the content is corrupt or was tampered with");
        }

        _verified = true;
        return 0;
    }
}
