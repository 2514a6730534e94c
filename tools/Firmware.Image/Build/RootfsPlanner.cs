using System.Text;
using Firmware.Image.Runtime;
using Firmware.Image.Spec;
using Firmware.Oci;
using Firmware.Oci.Model;
using Firmware.Oci.Sources;
using ImageReference = Firmware.Image.Spec.ImageReference;

namespace Firmware.Image.Build;

/// <summary>
/// Turns a spec into a <see cref="RootfsPlan"/>: resolves every image (kernel, init, containers)
/// through the image sources for the requested platform, checks pinned digests, generates each
/// container's config.json from its image config and the spec (<see cref="OciConfigGenerator"/>),
/// and reads the files section. Only manifests and configs are fetched; no layer is opened.
/// </summary>
public sealed class RootfsPlanner
{
    private readonly ImageSources _sources;

    /// <summary>Plans with <paramref name="sources"/> (usually <see cref="ImageSources.CreateDefault"/> behind a cache).</summary>
    public RootfsPlanner(ImageSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = sources;
    }

    /// <summary>Resolves everything <paramref name="request"/> needs.</summary>
    /// <exception cref="OciException">An image is missing, not built for the platform, or not the digest the spec pins.</exception>
    /// <exception cref="SpecException">A container's options cannot make a config.</exception>
    /// <exception cref="FileNotFoundException">A <c>files:</c> source is missing and not optional.</exception>
    public async Task<RootfsPlan> PlanAsync(RootfsBuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spec = request.Spec;
        var resolved = new Dictionary<string, (IImageSource, ResolvedImage)>(StringComparer.Ordinal);
        async Task<PlannedImage> Resolve(ImageRole role, ImageReference reference)
        {
            var location = request.Sources.LocationOf(reference);
            if (!resolved.TryGetValue(location, out var found))
            {
                var (source, sourceLocation) = _sources.Parse(location);
                found = (source, await source.ResolveAsync(sourceLocation, request.Platform, cancellationToken));
                resolved[location] = found;
            }

            // Per reference, not per location: two references may share a location and pin differently.
            CheckPinnedDigest(reference, found.Item2);

            return new PlannedImage(role, reference, location, found.Item1, found.Item2);
        }

        var kernel = spec.Kernel is { } k ? await Resolve(ImageRole.Kernel, k.Image) : null;
        var init = new List<PlannedImage>();
        foreach (var reference in spec.Init)
        {
            init.Add(await Resolve(ImageRole.Init, reference));
        }

        var ids = spec.ContainerIds();
        var containers = new List<PlannedContainer>();
        foreach (var container in spec.Containers)
        {
            var image = await Resolve(ImageRole.Container, container.Image);
            var config = OciConfigGenerator.Generate(container.Name, container.Options, RuntimeDefaultsOf(image.Resolved.Config), ids);
            containers.Add(new PlannedContainer(container, image, OciConfigJson.Serialize(config.Config), MobyConfigLabel.WriteRuntimeJson(config.Runtime)));
        }

        return new RootfsPlan
        {
            Spec = spec,
            Platform = request.Platform,
            Kernel = kernel,
            Init = init,
            Containers = containers,
            Files = spec.Files.Select(f => PlanFile(spec, f, ids)).ToList(),
            SourceDateEpoch = request.SourceDateEpoch,
        };
    }

    // A reference written with @sha256:... names either the index or the platform manifest
    // (distribution/reference); whichever source served it, the bytes must be that digest.
    private static void CheckPinnedDigest(ImageReference reference, ResolvedImage image)
    {
        if (reference.Digest is { } pinned && pinned != image.ManifestDescriptor.Digest.ToString() && pinned != image.IndexDigest?.ToString())
        {
            throw new OciException(OciError.DigestMismatch,
                $"{reference}: {image.DisplayName} resolved to manifest {image.ManifestDescriptor.Digest}" +
                $"{(image.IndexDigest is { } index ? $" (index {index})" : "")}, not the pinned {pinned}");
        }
    }

    /// <summary>What an image config says about running it, for <see cref="OciConfigGenerator"/>.</summary>
    public static ImageRuntimeDefaults RuntimeDefaultsOf(ImageConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = config.Config;
        return c is null ? ImageRuntimeDefaults.Empty : new ImageRuntimeDefaults
        {
            Entrypoint = c.Entrypoint,
            Cmd = c.Cmd,
            Env = c.Env,
            WorkingDir = c.WorkingDir,
            User = c.User,
            Labels = c.Labels ?? new Dictionary<string, string>(),
        };
    }

    private static PlannedFile PlanFile(ImageSpec spec, FileEntry entry, IReadOnlyDictionary<string, uint> ids)
    {
        var contents = entry.Kind switch
        {
            FileKind.Contents => Encoding.UTF8.GetBytes(entry.Contents ?? ""),
            FileKind.Source => ReadSource(spec, entry),
            FileKind.Metadata => Metadata(spec, entry),
            _ => null,
        };
        return new PlannedFile(entry, Id(entry.Uid, ids), Id(entry.Gid, ids), contents);
    }

    private static int Id(IdReference id, IReadOnlyDictionary<string, uint> ids) =>
        checked((int)(id.Number ?? ids[id.Name!]));

    private static byte[]? ReadSource(ImageSpec spec, FileEntry entry)
    {
        var path = Path.IsPathRooted(entry.Source!) ? entry.Source! : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(spec.Source))!, entry.Source!);
        if (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }

        return entry.Optional ? null : throw new FileNotFoundException($"{spec.Source}: files {entry.Path}: source {path} does not exist", path);
    }

    // LinuxKit's metadata entry writes the spec itself; the YAML form is the spec as written.
    private static byte[] Metadata(ImageSpec spec, FileEntry entry) => entry.Metadata == "yaml"
        ? File.ReadAllBytes(spec.Source)
        : throw new NotSupportedException($"{spec.Source}: files {entry.Path}: metadata '{entry.Metadata}' is not supported; use yaml");
}
