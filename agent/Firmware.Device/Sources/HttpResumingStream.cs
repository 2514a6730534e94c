using System.Net.Http.Headers;
using Firmware.Device.Updates;

namespace Firmware.Device.Sources;

/// <summary>
/// A forward-only HTTP body that, when the connection drops mid-body, asks for the rest with a
/// Range request from the first byte it has not delivered.
/// </summary>
internal sealed class HttpResumingStream(HttpBundleSource source, Stream body, long offset, EntityTagHeaderValue? tag) : Stream
{
    private Stream _body = body;
    private long _position = offset;
    private int _resumes;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                var read = await _body.ReadAsync(buffer, cancellationToken);
                _position += read;
                return read;
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                if (++_resumes > source.MaxResumes)
                {
                    throw new UpdateException(UpdateError.SourceUnavailable, transient: true,
                        $"{source.Uri}: the connection dropped {_resumes} times; last at byte {_position}: {e.Message}", e);
                }

                await _body.DisposeAsync();
                (_body, _) = await source.RequestAsync(_position, tag, cancellationToken);
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
