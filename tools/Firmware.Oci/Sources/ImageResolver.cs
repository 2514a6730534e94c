using Firmware.Oci.Json;
using Firmware.Oci.Model;

namespace Firmware.Oci.Sources;

/// <summary>
/// The walk every source shares once it has a first manifest or index: select the platform's
/// entry from each index (nested indexes included), then read and check the config.
/// </summary>
internal static class ImageResolver
{
    /// <summary>The largest manifest, index or config read into memory; registries cap manifests at 4 MiB too.</summary>
    public const long MaxDocumentSize = 4 << 20;

    private const int MaxIndexDepth = 4;

    /// <summary>Fetches a manifest or index by descriptor.</summary>
    public delegate Task<ManifestDocument> ManifestFetcher(Descriptor descriptor, CancellationToken cancellationToken);

    /// <summary>Fetches a small blob (the config) by descriptor, verified.</summary>
    public delegate Task<byte[]> BlobFetcher(Descriptor descriptor, CancellationToken cancellationToken);

    /// <summary>Walks from <paramref name="root"/> to the manifest for <paramref name="platform"/> and reads its config.</summary>
    public static async Task<ResolvedImage> ResolveAsync(string source, string location, ManifestDocument root, Platform platform,
        ManifestFetcher fetchManifest, BlobFetcher fetchBlob, CancellationToken cancellationToken)
    {
        var image = $"{source}:{location}";
        var document = root;
        Digest? indexDigest = null;
        for (var depth = 0; document.Index is { } index; depth++)
        {
            if (depth == MaxIndexDepth)
            {
                throw new OciException(OciError.MalformedDocument, $"{image}: indexes nest deeper than {MaxIndexDepth} levels");
            }

            indexDigest ??= document.Digest;
            var entry = Select(index, platform, image, document.Digest);
            document = await fetchManifest(CheckDocumentSize(entry, image), cancellationToken);
        }

        var manifest = document.Manifest!;
        if (!MediaTypes.IsConfig(manifest.Config.MediaType))
        {
            throw new OciException(OciError.UnsupportedMediaType,
                $"{image}: manifest {document.Digest} has config type '{manifest.Config.MediaType}': an artifact, not a container image");
        }

        var configBytes = await fetchBlob(CheckDocumentSize(manifest.Config, image), cancellationToken);
        var config = OciDocuments.Parse(configBytes, OciJsonContext.Default.ImageConfig, $"config {manifest.Config.Digest} of {image}");
        if (!platform.Matches(config.Platform))
        {
            throw new OciException(OciError.PlatformNotFound, $"{image} is built for {config.Platform}, not {platform}");
        }

        if (config.RootFs.DiffIds.Count != manifest.Layers.Count)
        {
            throw new OciException(OciError.MalformedDocument,
                $"{image}: manifest {document.Digest} lists {manifest.Layers.Count} layers but its config has {config.RootFs.DiffIds.Count} diff_ids");
        }

        return new ResolvedImage
        {
            Source = source,
            Location = location,
            Platform = config.Platform,
            IndexDigest = indexDigest,
            ManifestDescriptor = new Descriptor { MediaType = document.MediaType, Digest = document.Digest, Size = document.Bytes.Length },
            Manifest = manifest,
            Config = config,
        };
    }

    /// <summary>Throws <see cref="OciError.Oversized"/> before reading a document larger than <see cref="MaxDocumentSize"/>.</summary>
    public static Descriptor CheckDocumentSize(Descriptor descriptor, string image) => descriptor.Size is >= 0 and <= MaxDocumentSize
        ? descriptor
        : throw new OciException(OciError.Oversized, $"{image}: {descriptor.Digest} declares {descriptor.Size} bytes; documents are limited to {MaxDocumentSize}");

    // The first entry whose platform matches wins, as in containerd. An index with a single entry
    // and no platform (an OCI layout's index.json pointing at a multi-arch index) is followed:
    // the config's platform is checked at the end anyway.
    private static Descriptor Select(ImageIndex index, Platform platform, string image, Digest indexDigest)
    {
        var candidates = index.Manifests.Where(m => MediaTypes.IsIndex(m.MediaType) || MediaTypes.IsManifest(m.MediaType)).ToList();
        var match = candidates.FirstOrDefault(m => m.Platform is not null && platform.Matches(m.Platform));
        if (match is not null)
        {
            return match;
        }

        if (candidates is [{ Platform: null } only])
        {
            return only;
        }

        var available = candidates.Where(m => m.Platform is not null).Select(m => m.Platform!.ToString()).Distinct().ToList();
        throw new OciException(OciError.PlatformNotFound,
            $"{image}: index {indexDigest} has no manifest for {platform} (it has: {(available.Count == 0 ? "none with a platform" : string.Join(", ", available))})");
    }
}
