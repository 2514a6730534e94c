using Firmware.Oci.Blobs;
using Firmware.Oci.Json;
using Firmware.Oci.Model;
using Firmware.Oci.Sources;

namespace Firmware.Oci.Layouts;

/// <summary>
/// Reads an OCI image layout (image-spec 1.1, image-layout.md): the <c>oci-layout</c> marker,
/// <c>index.json</c>, and blobs at <c>blobs/ALGORITHM/HEX</c>, every one checked against its digest.
/// </summary>
internal sealed class LayoutReader(ILayoutStore store, string image)
{
    private const string IndexFile = "index.json";
    private const string MarkerFile = "oci-layout";

    /// <summary>Resolves the image tagged <paramref name="tag"/> (or the only one) for <paramref name="platform"/>.</summary>
    public async Task<ResolvedImage> ResolveAsync(string source, string location, string? tag, Platform platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var root = await ReadRootAsync(tag, cancellationToken);
        return await ImageResolver.ResolveAsync(source, location, root, platform, FetchManifestAsync, ReadBlobAsync, cancellationToken);
    }

    /// <summary>The index.json entry for <paramref name="tag"/> (or the only entry), as the document to start resolving from.</summary>
    public async Task<ManifestDocument> ReadRootAsync(string? tag, CancellationToken cancellationToken)
    {
        var marker = OciDocuments.Parse(await ReadFileAsync(MarkerFile, cancellationToken), OciJsonContext.Default.LayoutMarker, store.Describe(MarkerFile));
        if (!marker.ImageLayoutVersion.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new OciException(OciError.InvalidLayout, $"{image}: {store.Describe(MarkerFile)} has imageLayoutVersion {marker.ImageLayoutVersion}; 1.x is supported");
        }

        var indexBytes = await ReadFileAsync(IndexFile, cancellationToken);
        var index = OciDocuments.Parse(indexBytes, OciJsonContext.Default.ImageIndex, store.Describe(IndexFile));
        var entries = tag is null ? index.Manifests : index.Manifests.Where(m => m.RefName == tag).ToList();
        return entries switch
        {
            [] when tag is not null => throw new OciException(OciError.NotFound,
                $"{image}: no image tagged '{tag}' in {store.Describe(IndexFile)} (tags: {string.Join(", ", index.Manifests.Select(m => m.RefName).OfType<string>().DefaultIfEmpty("none"))})"),
            [] => throw new OciException(OciError.NotFound, $"{image}: {store.Describe(IndexFile)} lists no images"),
            [var only] => await FetchManifestAsync(only, cancellationToken),
            // No name given: index.json itself is the index to select from; several entries for one
            // name (one per platform, as some tools write them): those entries are.
            _ when tag is null => ManifestDocument.Parse(indexBytes, Digest.Sha256(indexBytes), MediaTypes.OciIndex, image),
            _ => SubIndex(entries),
        };
    }

    /// <summary>Opens a blob, verified against <paramref name="descriptor"/> as it is read.</summary>
    public VerifiedBlob OpenBlob(Descriptor descriptor)
    {
        var path = $"blobs/{descriptor.Digest.Algorithm}/{descriptor.Digest.Hex}";
        var stream = store.TryOpen(path, out _)
            ?? throw new OciException(OciError.NotFound, $"{image}: blob {descriptor.Digest} is missing ({store.Describe(path)})");
        return new VerifiedBlob(descriptor, new VerifyingStream(stream, descriptor, image));
    }

    /// <summary>Reads and parses the manifest or index <paramref name="descriptor"/> names.</summary>
    public async Task<ManifestDocument> FetchManifestAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        var bytes = await ReadBlobAsync(descriptor, cancellationToken);
        return ManifestDocument.Parse(bytes, descriptor.Digest, descriptor.MediaType, image);
    }

    /// <summary>Reads a small blob whole, after bounding its size.</summary>
    public async Task<byte[]> ReadBlobAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        await using var blob = OpenBlob(ImageResolver.CheckDocumentSize(descriptor, image));
        return await blob.ReadAllAsync(cancellationToken);
    }

    private ManifestDocument SubIndex(IReadOnlyList<Descriptor> entries)
    {
        var bytes = OciDocuments.Write(new ImageIndex { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = entries }, OciJsonContext.Default.ImageIndex);
        return ManifestDocument.Parse(bytes, Digest.Sha256(bytes), MediaTypes.OciIndex, image);
    }

    private async Task<byte[]> ReadFileAsync(string name, CancellationToken cancellationToken)
    {
        await using var stream = store.TryOpen(name, out var length)
            ?? throw new OciException(OciError.InvalidLayout, $"{image}: {store.Describe(name)} is missing: not an OCI image layout");
        if (length > ImageResolver.MaxDocumentSize)
        {
            throw new OciException(OciError.Oversized, $"{image}: {store.Describe(name)} is {length} bytes; documents are limited to {ImageResolver.MaxDocumentSize}");
        }

        var bytes = new byte[length];
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }
}
