using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Firmware.Oci.Model;
using Firmware.Rootfs;
using Firmware.Rootfs.Layers;
using Firmware.Rootfs.Layout;
using Firmware.Rootfs.Listing;
using Firmware.Rootfs.Squashfs;
using Firmware.Rootfs.Tree;

namespace Firmware.Image.Build;

/// <summary>
/// Applies a <see cref="RootfsPlan"/>: flattens each image from its layers (each blob checked
/// against its digest as it streams, from the cache when it holds it), merges the init images at
/// <c>/</c>, lays the containers out as LinuxKit does, adds the files section, and writes the
/// squashfs, its content listing and the list of resolved images. Everything is made in a
/// directory beside the output and moved into place at the end, so a failure leaves nothing.
/// </summary>
public sealed class RootfsExecutor
{
    /// <summary>The squashfs image's name in the output directory.</summary>
    public const string SquashfsName = "rootfs.squashfs";

    /// <summary>The content listing's name (<see cref="ContentListing"/>).</summary>
    public const string ListingName = "rootfs.list";

    /// <summary>The resolved images' name: one line per image, <c>ROLE NAME REFERENCE LOCATION PLATFORM MANIFEST-DIGEST</c>.</summary>
    public const string LockName = "images.lock";

    private readonly SquashfsImageWriter _squashfs;

    /// <summary>Writes squashfs images with <paramref name="squashfs"/>.</summary>
    public RootfsExecutor(SquashfsImageWriter squashfs)
    {
        ArgumentNullException.ThrowIfNull(squashfs);
        _squashfs = squashfs;
    }

    /// <summary>The stage that adds a bootable kernel to the root, or null to record the kernel image only.</summary>
    public IRootfsKernelStage? KernelStage { get; init; }

    /// <summary>The squashfs compressor (<see cref="SquashfsOptions.Compression"/>); a root GRUB reads files from needs one GRUB decodes (xz or gzip).</summary>
    public string Compression { get; init; } = new SquashfsOptions().Compression;

    /// <summary>Builds <paramref name="plan"/> into <paramref name="outputDirectory"/>, replacing a previous build there.</summary>
    /// <exception cref="IOException">The output exists and is not a previous build.</exception>
    /// <exception cref="Firmware.Oci.OciException">A blob is missing, truncated or not its digest.</exception>
    /// <exception cref="RootfsException">A layer is malformed or leaves the root, or mksquashfs failed.</exception>
    public async Task<RootfsBuildResult> ExecuteAsync(RootfsPlan plan, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var output = Path.GetFullPath(outputDirectory.TrimEnd('/'));
        CheckReplaceable(output);
        var work = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(work);
        try
        {
            var tree = new RootfsTree(new ContentStore(Path.Combine(work, "staging")));
            await AssembleAsync(plan, tree, KernelStage, cancellationToken);
            var squashfs = Path.Combine(work, SquashfsName);
            _squashfs.Write(tree, squashfs, new SquashfsOptions { SourceDateEpoch = plan.SourceDateEpoch, Compression = Compression });
            var listing = ContentListing.ToText(tree);
            await File.WriteAllTextAsync(Path.Combine(work, ListingName), listing, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(work, LockName), Lock(plan), cancellationToken);
            Directory.Delete(Path.Combine(work, "staging"), recursive: true);
            var size = new FileInfo(squashfs).Length;
            string sha256;
            await using (var image = File.OpenRead(squashfs))
            {
                sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(image, cancellationToken));
            }

            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            Directory.Move(work, output);
            return new RootfsBuildResult(output, Path.Combine(output, SquashfsName), Path.Combine(output, ListingName), Path.Combine(output, LockName),
                size, sha256, listing.Count(c => c == '\n'));
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task AssembleAsync(RootfsPlan plan, RootfsTree tree, IRootfsKernelStage? kernelStage, CancellationToken cancellationToken)
    {
        // Each image is flattened once; containers sharing an image get copies (Graft).
        var flattened = new Dictionary<Digest, RootfsTree>();
        async Task<RootfsTree> Flatten(PlannedImage image)
        {
            var digest = image.Resolved.ManifestDescriptor.Digest;
            if (!flattened.TryGetValue(digest, out var result))
            {
                result = new RootfsTree(tree.Store);
                foreach (var layer in image.Resolved.Layers)
                {
                    await using var blob = await image.Source.OpenBlobAsync(image.Resolved, layer, cancellationToken);
                    var name = $"{image.Reference} ({image.Resolved.DisplayName}) layer {layer.Digest}";
                    OciLayer.Apply(result, blob.Stream, name, LayerMediaType.CompressionOf(layer.MediaType) ?? LayerCompression.Detect);
                    await blob.Stream.VerifyToEndAsync(cancellationToken);
                }

                flattened[digest] = result;
            }

            return result;
        }

        var layout = new SystemContainerLayout(tree);
        var bundles = new List<(string Directory, byte[] ConfigJson)>();
        foreach (var init in plan.Init)
        {
            layout.AddInit(await Flatten(init));
        }

        foreach (var container in plan.Containers)
        {
            var image = await Flatten(container.Image);
            var directory = container.Spec.Stage switch
            {
                Spec.ContainerStage.Onboot => layout.AddOnboot(container.Spec.Name, container.ConfigJson, image, container.RuntimeJson),
                Spec.ContainerStage.Onshutdown => layout.AddOnShutdown(container.Spec.Name, container.ConfigJson, image, container.RuntimeJson),
                _ => layout.AddService(container.Spec.Name, container.ConfigJson, image, container.RuntimeJson),
            };
            bundles.Add((directory, container.ConfigJson));
        }

        foreach (var file in plan.Files)
        {
            AddFile(tree, file, plan.SourceDateEpoch ?? 0);
        }

        // After the files section, which may add the files containers bind.
        foreach (var (directory, configJson) in bundles)
        {
            ContainerMountPoints.Add(tree, directory, configJson, plan.SourceDateEpoch ?? 0);
        }

        if (kernelStage is not null && plan.Kernel is { } kernel)
        {
            await kernelStage.AddAsync(await Flatten(kernel), tree, cancellationToken);
        }
    }

    private static void AddFile(RootfsTree tree, PlannedFile file, long mtime)
    {
        var entry = file.Entry;
        var mode = (UnixFileMode)entry.Mode;
        switch (entry.Kind)
        {
            case Spec.FileKind.Directory:
                tree.AddDirectory(entry.Path, mode, file.Uid, file.Gid, mtime);
                break;
            case Spec.FileKind.Symlink:
                tree.AddSymlink(entry.Path, entry.Symlink!, file.Uid, file.Gid, mtime);
                break;
            default:
                if (file.Contents is { } contents)
                {
                    tree.AddFile(entry.Path, contents, mode, file.Uid, file.Gid, mtime);
                }

                break;
        }
    }

    private static string Lock(RootfsPlan plan)
    {
        var text = new StringBuilder();
        foreach (var image in plan.Images)
        {
            var role = image.Role switch
            {
                ImageRole.Kernel => "kernel",
                ImageRole.Init => "init",
                _ => "container",
            };
            text.Append(CultureInfo.InvariantCulture,
                $"{role} {image.Reference} {image.Location} {image.Resolved.Platform} {image.Resolved.ManifestDescriptor.Digest}\n");
        }

        return text.ToString();
    }

    // Replacing is safe only for what a build wrote; anything else is refused before work starts.
    private static void CheckReplaceable(string output)
    {
        if (File.Exists(output))
        {
            throw new IOException($"{output} is a file, not an output directory");
        }

        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !File.Exists(Path.Combine(output, SquashfsName)))
        {
            throw new IOException($"{output} is not empty and holds no previous build ({SquashfsName}); refusing to replace it");
        }
    }
}
