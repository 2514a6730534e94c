using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Squashfs;

/// <summary>
/// Writes a <see cref="RootfsTree"/> as a squashfs image with mksquashfs, without privileges:
/// every entry's metadata is stated to mksquashfs (pseudo definitions, or a tar when the tree has
/// xattrs), none is read from the host. The image is made beside the output under a temporary
/// name and renamed into place, so a failure leaves nothing behind.
/// </summary>
public sealed class SquashfsImageWriter
{
    private readonly ISquashfsTool _tool;

    /// <summary>Uses the installed mksquashfs.</summary>
    public SquashfsImageWriter() : this(new MksquashfsTool()) { }

    /// <summary>Uses <paramref name="tool"/>.</summary>
    public SquashfsImageWriter(ISquashfsTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        _tool = tool;
    }

    /// <summary>The input for <paramref name="tree"/>: as <paramref name="options"/> asks, else a tar when any entry has xattrs, else a pseudo file.</summary>
    /// <exception cref="RootfsException">A pseudo file was asked for a tree with xattrs.</exception>
    public static SquashfsInput InputFor(RootfsTree tree, SquashfsOptions options)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(options);
        var withXattrs = TreeWalker.Walk(tree).FirstOrDefault(e => e.Node.Xattrs.Count > 0);
        return (options.Input, withXattrs) switch
        {
            (SquashfsInput.PseudoFile, not null) => throw new RootfsException(RootfsError.NotRepresentable,
                "squashfs-tools 4.5 pseudo definitions cannot carry xattrs; use the tar input", "squashfs", withXattrs.Path),
            ({ } asked, _) => asked,
            (null, not null) => SquashfsInput.Tar,
            _ => SquashfsInput.PseudoFile,
        };
    }

    /// <summary>Writes <paramref name="tree"/> to <paramref name="outputPath"/>.</summary>
    /// <exception cref="RootfsException">A name cannot be represented, or mksquashfs is missing or failed.</exception>
    public void Write(RootfsTree tree, string outputPath, SquashfsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        options ??= new SquashfsOptions();
        var output = Path.GetFullPath(outputPath);
        var work = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(work);
        try
        {
            var image = Path.Combine(work, "image.squashfs");
            var input = InputFor(tree, options);
            if (input == SquashfsInput.Tar)
            {
                CheckTarRoot(tree.Root);

                // Without an epoch, the newest mtime stands in: it caps nothing and fixes the root's time.
                var tarOptions = options with { SourceDateEpoch = options.SourceDateEpoch ?? LatestMTime(tree) };
                var command = MksquashfsCommand.For(input, null, null, image, tree.Root, tarOptions);
                _tool.Run(command, stdin => TarInputWriter.Write(tree, stdin, tarOptions.SourceDateEpoch));
            }
            else
            {
                var source = Directory.CreateDirectory(Path.Combine(work, "empty")).FullName;
                var pseudo = Path.Combine(work, "pseudo");
                using (var stream = new FileStream(pseudo, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    PseudoFileWriter.Write(tree, stream, options.SourceDateEpoch);
                }

                _tool.Run(MksquashfsCommand.For(input, source, pseudo, image, tree.Root, options), null);
            }

            File.Move(image, output, overwrite: true);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // squashfs-tools 4.5.1 gives the root of a tar-built image no xattrs and the builder's own
    // owner: refuse a tree that needs anything else rather than write a different root.
    private void CheckTarRoot(DirectoryNode root)
    {
        if (root.Xattrs.Count > 0)
        {
            throw new RootfsException(RootfsError.NotRepresentable, "mksquashfs takes no xattrs for the root directory", "squashfs", "/");
        }

        if (_tool.RunsAs != (root.Uid, root.Gid))
        {
            throw new RootfsException(RootfsError.NotRepresentable,
                $"a tree with xattrs is built from a tar, and squashfs-tools 4.5 gives its root the builder's owner {_tool.RunsAs.Uid}:{_tool.RunsAs.Gid}, " +
                $"not {root.Uid}:{root.Gid}; build as that user, or with squashfs-tools 4.6 or later", "squashfs", "/");
        }
    }

    private static long LatestMTime(RootfsTree tree) => TreeWalker.Walk(tree).Max(e => e.Node.MTime);
}
