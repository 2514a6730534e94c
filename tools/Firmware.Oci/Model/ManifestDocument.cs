using Firmware.Oci.Json;

namespace Firmware.Oci.Model;

/// <summary>
/// A manifest or an index as fetched: its exact bytes (which its digest covers), its digest, and
/// exactly one of <see cref="Manifest"/> or <see cref="Index"/>.
/// </summary>
public sealed class ManifestDocument
{
    private ManifestDocument(string mediaType, Digest digest, ReadOnlyMemory<byte> bytes, ImageManifest? manifest, ImageIndex? index)
    {
        MediaType = mediaType;
        Digest = digest;
        Bytes = bytes;
        Manifest = manifest;
        Index = index;
    }

    /// <summary>The media type, from the document or, when it states none, from its shape.</summary>
    public string MediaType { get; }

    /// <summary>The digest of <see cref="Bytes"/>.</summary>
    public Digest Digest { get; }

    /// <summary>The document's bytes, exactly as stored.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The manifest, when the document is one.</summary>
    public ImageManifest? Manifest { get; }

    /// <summary>The index or manifest list, when the document is one.</summary>
    public ImageIndex? Index { get; }

    /// <summary>
    /// Parses <paramref name="bytes"/>, which the caller has already checked against
    /// <paramref name="digest"/>. The media type comes from the document's own field, else from
    /// <paramref name="declaredMediaType"/> (a descriptor or a Content-Type), else from its shape.
    /// </summary>
    /// <param name="bytes">The document.</param>
    /// <param name="digest">Its digest.</param>
    /// <param name="declaredMediaType">What the referrer said it is, if anything.</param>
    /// <param name="image">The image, for error messages.</param>
    public static ManifestDocument Parse(ReadOnlyMemory<byte> bytes, Digest digest, string? declaredMediaType, string image)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var probe = OciDocuments.Parse(bytes.Span, OciJsonContext.Default.MediaTypeProbe, $"manifest {digest} of {image}");
        var mediaType = probe.MediaType ?? (MediaTypes.IsIndex(declaredMediaType) || MediaTypes.IsManifest(declaredMediaType) ? declaredMediaType : null)
            ?? (probe.Manifests is not null ? MediaTypes.OciIndex : probe.Config is not null ? MediaTypes.OciManifest : null);
        if (MediaTypes.IsIndex(mediaType))
        {
            var index = OciDocuments.Parse(bytes.Span, OciJsonContext.Default.ImageIndex, $"index {digest} of {image}");
            return new ManifestDocument(mediaType!, digest, bytes, null, CheckSchema(index.SchemaVersion, index, digest, image));
        }

        if (MediaTypes.IsManifest(mediaType))
        {
            var manifest = OciDocuments.Parse(bytes.Span, OciJsonContext.Default.ImageManifest, $"manifest {digest} of {image}");
            return new ManifestDocument(mediaType!, digest, bytes, CheckSchema(manifest.SchemaVersion, manifest, digest, image), null);
        }

        throw new OciException(OciError.UnsupportedMediaType,
            $"{image}: manifest {digest} has media type '{mediaType ?? "(none)"}', not an OCI or Docker schema 2 manifest or index");
    }

    private static T CheckSchema<T>(int schemaVersion, T document, Digest digest, string image) => schemaVersion == 2
        ? document
        : throw new OciException(OciError.UnsupportedMediaType, $"{image}: manifest {digest} has schemaVersion {schemaVersion}; only 2 is supported");
}
