using Firmware.Oci.Blobs;
using Firmware.Oci.Model;

namespace Firmware.Oci.Sources;

/// <summary>An opened blob: the descriptor it is checked against and the stream that checks it.</summary>
/// <param name="Descriptor">What the blob must be.</param>
/// <param name="Stream">Its bytes; throws on a mismatch as they are read.</param>
public sealed record VerifiedBlob(Descriptor Descriptor, VerifyingStream Stream) : IAsyncDisposable, IDisposable
{
    /// <summary>Reads the whole blob into memory; for manifests and configs, whose size was bounded before.</summary>
    public async Task<byte[]> ReadAllAsync(CancellationToken cancellationToken)
    {
        var bytes = new byte[Descriptor.Size];
        await Stream.ReadExactlyAsync(bytes, cancellationToken);
        await Stream.VerifyToEndAsync(cancellationToken);
        return bytes;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    /// <inheritdoc/>
    public void Dispose() => Stream.Dispose();
}
