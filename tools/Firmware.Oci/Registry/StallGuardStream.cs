using Firmware.Oci.Layouts;

namespace Firmware.Oci.Registry;

/// <summary>
/// Reads a response body, failing with <see cref="OciError.Timeout"/> when one read waits longer
/// than the stall timeout: a server that keeps the connection open but stops sending is caught
/// without bounding how long a large, steady download may take.
/// </summary>
internal sealed class StallGuardStream(Stream inner, TimeSpan stallTimeout, TimeProvider clock, string what, IDisposable? owner) : ForwardReadStream
{
    public override long Length => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var stall = new CancellationTokenSource(stallTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stall.Token, cancellationToken);
        try
        {
            return await inner.ReadAsync(buffer, linked.Token);
        }
        catch (OperationCanceledException e) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OciException(OciError.Timeout, $"{what}: nothing received for {stallTimeout.TotalSeconds:0.#} s; the transfer stalled", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new OciException(OciError.RegistryFailed, $"{what}: the connection failed mid-transfer: {e.Message}", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            owner?.Dispose();
        }

        base.Dispose(disposing);
    }
}
