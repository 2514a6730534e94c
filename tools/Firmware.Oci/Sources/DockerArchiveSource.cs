using Firmware.Oci.Blobs;
using Firmware.Oci.Json;
using Firmware.Oci.Layouts;
using Firmware.Oci.Model;

namespace Firmware.Oci.Sources;

/// <summary>
/// Images in a <c>docker save</c> tarball: <c>docker-archive:FILE[:NAME[:TAG]]</c>. Its
/// <c>manifest.json</c> lists, per image, the config's and layers' paths in the tar and the tags.
/// The archive has no manifest of its own, so one is made here: the config is named by its
/// SHA-256, and each uncompressed layer by its diff ID from the config, so every byte read is
/// still checked against a digest.
/// </summary>
public sealed class DockerArchiveSource : IImageSource
{
    private const string ManifestFile = "manifest.json";

    /// <inheritdoc/>
    public string Name => "docker-archive";

    /// <inheritdoc/>
    public async Task<ResolvedImage> ResolveAsync(string location, Platform platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var archive = Open(location);
        var configBytes = await archive.ReadAsync(archive.Entry.Config, cancellationToken);
        var configDigest = Digest.Sha256(configBytes);
        var config = OciDocuments.Parse(configBytes, OciJsonContext.Default.ImageConfig, $"{archive.Image}: {archive.Entry.Config}");
        if (config.RootFs.DiffIds.Count != archive.Entry.Layers.Count)
        {
            throw new OciException(OciError.MalformedDocument,
                $"{archive.Image}: {ManifestFile} lists {archive.Entry.Layers.Count} layers but config {configDigest} has {config.RootFs.DiffIds.Count} diff_ids");
        }

        var layers = new List<Descriptor>();
        for (var i = 0; i < archive.Entry.Layers.Count; i++)
        {
            layers.Add(await archive.DescribeLayerAsync(archive.Entry.Layers[i], config.RootFs.DiffIds[i], cancellationToken));
        }

        var manifest = new ImageManifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciManifest,
            Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = configDigest, Size = configBytes.Length },
            Layers = layers,
        };
        var manifestBytes = OciDocuments.Write(manifest, OciJsonContext.Default.ImageManifest);
        var root = ManifestDocument.Parse(manifestBytes, Digest.Sha256(manifestBytes), MediaTypes.OciManifest, archive.Image);
        return await ImageResolver.ResolveAsync(Name, location, root, platform,
            (_, _) => throw new InvalidOperationException("a docker-archive has no index"),
            (_, _) => Task.FromResult(configBytes), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<VerifiedBlob> OpenBlobAsync(ResolvedImage image, Descriptor blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(blob);
        var archive = Open(image.Location);
        var layer = image.Layers.ToList().FindIndex(l => l.Digest == blob.Digest);
        var path = blob.Digest == image.Manifest.Config.Digest ? archive.Entry.Config
            : layer >= 0 && layer < archive.Entry.Layers.Count ? archive.Entry.Layers[layer]
            : throw new OciException(OciError.NotFound, $"{archive.Image}: blob {blob.Digest} is not part of this image");
        var stream = archive.Store.TryOpen(path, out _)
            ?? throw new OciException(OciError.NotFound, $"{archive.Image}: blob {blob.Digest} is missing ({archive.Store.Describe(path)})");
        return Task.FromResult(new VerifiedBlob(blob, new VerifyingStream(stream, blob, archive.Image)));
    }

    private Archive Open(string location)
    {
        var (path, name) = SplitLocation(location);
        var image = $"{Name}:{location}";
        var store = TarLayoutStore.Open(path, image);
        using var stream = store.TryOpen(ManifestFile, out var length)
            ?? throw new OciException(OciError.InvalidLayout, $"{image}: {store.Describe(ManifestFile)} is missing: not a docker-archive");
        if (length > ImageResolver.MaxDocumentSize)
        {
            throw new OciException(OciError.Oversized, $"{image}: {store.Describe(ManifestFile)} is {length} bytes; documents are limited to {ImageResolver.MaxDocumentSize}");
        }

        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        var entries = OciDocuments.Parse(bytes, OciJsonContext.Default.IReadOnlyListDockerArchiveEntry, store.Describe(ManifestFile));
        var wanted = name is null ? null : ImageReference.Parse(name);
        var matches = wanted is null ? entries : entries.Where(e => e.RepoTags?.Any(t => ImageReference.Parse(t) == wanted) == true).ToList();
        return matches switch
        {
            [var only] => new Archive(store, only, image),
            [] => throw new OciException(OciError.NotFound, $"{image}: no image {(wanted is null ? "" : $"tagged {wanted} ")}in {store.Describe(ManifestFile)}"),
            _ => throw new OciException(OciError.NotFound, $"{image}: {store.Describe(ManifestFile)} holds {matches.Count} images; name one as FILE:NAME:TAG"),
        };
    }

    // FILE[:NAME[:TAG]]: the file is the longest prefix that exists, since both parts may hold colons.
    private static (string Path, string? Name) SplitLocation(string location)
    {
        for (var colon = location.IndexOf(':', StringComparison.Ordinal); colon > 0; colon = location.IndexOf(':', colon + 1))
        {
            if (File.Exists(location[..colon]) && !File.Exists(location))
            {
                return (location[..colon], location[(colon + 1)..]);
            }
        }

        return (location, null);
    }

    private sealed record Archive(TarLayoutStore Store, DockerArchiveEntry Entry, string Image)
    {
        public async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
        {
            await using var stream = Store.TryOpen(path, out var length)
                ?? throw new OciException(OciError.InvalidLayout, $"{Image}: {Store.Describe(path)} is missing");
            if (length > ImageResolver.MaxDocumentSize)
            {
                throw new OciException(OciError.Oversized, $"{Image}: {Store.Describe(path)} is {length} bytes; documents are limited to {ImageResolver.MaxDocumentSize}");
            }

            var bytes = new byte[length];
            await stream.ReadExactlyAsync(bytes, cancellationToken);
            return bytes;
        }

        // docker save writes uncompressed layers, whose digest is the diff ID. A compressed one
        // (some tools gzip them) is hashed here, so it too is read back against a digest.
        public async Task<Descriptor> DescribeLayerAsync(string path, Digest diffId, CancellationToken cancellationToken)
        {
            await using var stream = Store.TryOpen(path, out var length)
                ?? throw new OciException(OciError.InvalidLayout, $"{Image}: layer {Store.Describe(path)} is missing");
            var magic = new byte[2];
            var read = await stream.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken);
            if (read < 2 || magic[0] != 0x1F || magic[1] != 0x8B)
            {
                return new Descriptor { MediaType = MediaTypes.OciLayer, Digest = diffId, Size = length };
            }

            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            hash.AppendData(magic);
            var buffer = new byte[1 << 16];
            for (int count; (count = await stream.ReadAsync(buffer, cancellationToken)) > 0;)
            {
                hash.AppendData(buffer, 0, count);
            }

            return new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.FromHash("sha256", hash.GetHashAndReset()), Size = length };
        }
    }
}
