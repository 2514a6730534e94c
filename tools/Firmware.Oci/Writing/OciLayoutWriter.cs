using Firmware.Oci.Json;
using Firmware.Oci.Model;

namespace Firmware.Oci.Writing;

/// <summary>
/// Writes an OCI image layout directory (image-spec 1.1, image-layout.md): blobs under
/// <c>blobs/sha256/HEX</c>, <c>index.json</c>, and <c>oci-layout</c>. Each blob is written to a
/// temporary name and renamed once complete. JSON is compact with a fixed key order, so equal
/// inputs give equal bytes and equal digests.
/// </summary>
public sealed class OciLayoutWriter
{
    /// <summary>A writer into <paramref name="directory"/>, which it creates.</summary>
    public OciLayoutWriter(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "blobs", "sha256"));
    }

    /// <summary>The layout directory.</summary>
    public string Directory { get; }

    /// <summary>Writes <paramref name="content"/> as a blob of <paramref name="mediaType"/>.</summary>
    public async Task<Descriptor> WriteBlobAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken)
    {
        var descriptor = new Descriptor { MediaType = mediaType, Digest = Digest.Sha256(content.Span), Size = content.Length };
        var temporary = TemporaryPath();
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        File.Move(temporary, PathOf(descriptor.Digest), overwrite: true);
        return descriptor;
    }

    /// <summary>Writes a layer through <see cref="LayerBuilder"/> straight into the blob store.</summary>
    public async Task<BuiltLayer> WriteLayerAsync(IEnumerable<LayerEntry> entries, DateTimeOffset modificationTime, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPath();
        try
        {
            BuiltLayer layer;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                layer = await LayerBuilder.WriteAsync(entries, modificationTime, file, cancellationToken);
            }

            File.Move(temporary, PathOf(layer.Descriptor.Digest), overwrite: true);
            return layer;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Writes an image for one platform: its config and a manifest over <paramref name="layers"/>.
    /// Returns the manifest's descriptor with the config's platform, ready for an index.
    /// </summary>
    public async Task<Descriptor> WriteImageAsync(ImageConfig config, IReadOnlyList<Descriptor> layers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(layers);
        var configDescriptor = await WriteBlobAsync(OciDocuments.Write(config, OciJsonContext.Default.ImageConfig), MediaTypes.OciConfig, cancellationToken);
        var manifest = new ImageManifest { SchemaVersion = 2, MediaType = MediaTypes.OciManifest, Config = configDescriptor, Layers = layers };
        var descriptor = await WriteBlobAsync(OciDocuments.Write(manifest, OciJsonContext.Default.ImageManifest), MediaTypes.OciManifest, cancellationToken);
        return descriptor with { Platform = config.Platform };
    }

    /// <summary>Writes an image index over per-platform manifests, as a blob.</summary>
    public Task<Descriptor> WriteIndexAsync(IReadOnlyList<Descriptor> manifests, CancellationToken cancellationToken)
    {
        var index = new ImageIndex { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = manifests };
        return WriteBlobAsync(OciDocuments.Write(index, OciJsonContext.Default.ImageIndex), MediaTypes.OciIndex, cancellationToken);
    }

    /// <summary>
    /// Writes <c>index.json</c> listing <paramref name="entries"/> (each tagged with
    /// <c>org.opencontainers.image.ref.name</c> by the caller as needed) and the <c>oci-layout</c> marker.
    /// </summary>
    public async Task WriteIndexJsonAsync(IReadOnlyList<Descriptor> entries, CancellationToken cancellationToken)
    {
        var index = new ImageIndex { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = entries };
        await WriteFileAsync("index.json", OciDocuments.Write(index, OciJsonContext.Default.ImageIndex), cancellationToken);
        await WriteFileAsync("oci-layout", OciDocuments.Write(new LayoutMarker { ImageLayoutVersion = LayoutMarker.CurrentVersion }, OciJsonContext.Default.LayoutMarker), cancellationToken);
    }

    /// <summary>A descriptor tagged for index.json.</summary>
    public static Descriptor Tagged(Descriptor descriptor, string tag)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentException.ThrowIfNullOrEmpty(tag);
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [Descriptor.RefNameAnnotation] = tag };
        foreach (var (key, value) in descriptor.Annotations ?? new Dictionary<string, string>())
        {
            annotations.TryAdd(key, value);
        }

        return descriptor with { Annotations = annotations };
    }

    private async Task WriteFileAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPath();
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, Path.Combine(Directory, name), overwrite: true);
    }

    private string PathOf(Digest digest) => Path.Combine(Directory, "blobs", digest.Algorithm, digest.Hex);

    private string TemporaryPath() => Path.Combine(Directory, $".tmp-{Guid.NewGuid():N}");
}
