using Firmware.Oci.Model;

namespace Firmware.Oci.Sources;

/// <summary>
/// One place images come from (a layout directory, an archive, a registry). A source turns a
/// location and a platform into a <see cref="ResolvedImage"/>, and opens that image's blobs as
/// streams that check their digest and size while they are read.
/// </summary>
public interface IImageSource
{
    /// <summary>The transport name that selects this source in <c>name:location</c> (<c>oci</c>, <c>docker</c>, ...).</summary>
    string Name { get; }

    /// <summary>Finds the image at <paramref name="location"/> built for <paramref name="platform"/>.</summary>
    /// <param name="location">Where the image is, in this source's syntax (e.g. <c>DIR:TAG</c>, <c>host/name:tag</c>).</param>
    /// <param name="platform">The platform to select from an index.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="OciException">The image is missing, malformed, or has no manifest for the platform.</exception>
    Task<ResolvedImage> ResolveAsync(string location, Platform platform, CancellationToken cancellationToken);

    /// <summary>
    /// Opens <paramref name="blob"/> of <paramref name="image"/>. The stream never yields more
    /// than the descriptor's size and throws <see cref="OciException"/> on a short, long or
    /// corrupt blob, naming the image and digest.
    /// </summary>
    Task<VerifiedBlob> OpenBlobAsync(ResolvedImage image, Descriptor blob, CancellationToken cancellationToken);
}
