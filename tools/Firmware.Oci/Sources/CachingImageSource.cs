using Firmware.Oci.Blobs;
using Firmware.Oci.Model;

namespace Firmware.Oci.Sources;

/// <summary>
/// Puts a <see cref="BlobCache"/> in front of another source. Resolving always asks the source
/// (a tag can move); blobs, named by their digest, come from the cache when it has them.
/// </summary>
public sealed class CachingImageSource(IImageSource inner, BlobCache cache) : IImageSource
{
    /// <inheritdoc/>
    public string Name => inner.Name;

    /// <summary>The cache, with its hit and miss counters.</summary>
    public BlobCache Cache => cache;

    /// <inheritdoc/>
    public Task<ResolvedImage> ResolveAsync(string location, Platform platform, CancellationToken cancellationToken) =>
        inner.ResolveAsync(location, platform, cancellationToken);

    /// <inheritdoc/>
    public async Task<VerifiedBlob> OpenBlobAsync(ResolvedImage image, Descriptor blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(blob);
        var stream = await cache.OpenAsync(blob, image.DisplayName,
            async ct => (await inner.OpenBlobAsync(image, blob, ct)).Stream, cancellationToken);
        return new VerifiedBlob(blob, stream);
    }
}
