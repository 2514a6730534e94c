using Firmware.Oci.Layouts;
using Firmware.Oci.Model;

namespace Firmware.Oci.Sources;

/// <summary>
/// What the layout-shaped sources share: <c>PATH[:TAG]</c> locations, index.json lookup by tag,
/// and blobs at <c>blobs/ALGORITHM/HEX</c>. Subclasses say only where the layout's files are.
/// </summary>
public abstract class LayoutSourceBase : IImageSource
{
    private protected LayoutSourceBase()
    {
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public Task<ResolvedImage> ResolveAsync(string location, Platform platform, CancellationToken cancellationToken)
    {
        var (reader, tag) = Open(location);
        return reader.ResolveAsync(Name, location, tag, platform, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<VerifiedBlob> OpenBlobAsync(ResolvedImage image, Descriptor blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(blob);
        return Task.FromResult(Open(image.Location).Reader.OpenBlob(blob));
    }

    /// <summary>The layout's files at <paramref name="path"/>; <paramref name="image"/> names the image in errors.</summary>
    private protected abstract ILayoutStore OpenStore(string path, string image);

    private (LayoutReader Reader, string? Tag) Open(string location)
    {
        var (path, tag) = LayoutLocation.Split(location);
        var image = $"{Name}:{location}";
        return (new LayoutReader(OpenStore(path, image), image), tag);
    }
}
