using System.Globalization;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Squashfs;

/// <summary>One mksquashfs run (squashfs-tools 4.5.1 options), built without running anything.</summary>
/// <param name="Arguments">The command line after the program name.</param>
/// <param name="Environment">Variables to set; SOURCE_DATE_EPOCH is otherwise removed from the inherited environment.</param>
public sealed record MksquashfsCommand(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    private const string SourceDateEpoch = "SOURCE_DATE_EPOCH";

    /// <summary>The command that makes <paramref name="output"/> from the tree whose root is <paramref name="root"/>.</summary>
    /// <param name="input">Pseudo file or tar.</param>
    /// <param name="source">The empty source directory (pseudo-file input only).</param>
    /// <param name="pseudoFile">The pseudo file (pseudo-file input only).</param>
    /// <param name="output">The image to write.</param>
    /// <param name="root">The tree's root directory, whose metadata the -root-* options carry.</param>
    /// <param name="options">Compression, block size, epoch.</param>
    public static MksquashfsCommand For(SquashfsInput input, string? source, string? pseudoFile, string output, DirectoryNode root, SquashfsOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(output);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BlockSize is < 4096 or > 1 << 20 || !int.IsPow2(options.BlockSize))
        {
            throw new ArgumentException("block size must be a power of two from 4 KiB to 1 MiB", nameof(options));
        }

        var epoch = Number(SquashfsTime.Of(options.SourceDateEpoch ?? 0, null));
        List<string> args = input switch
        {
            SquashfsInput.PseudoFile => [Require(source, nameof(source)), output, "-pf", Require(pseudoFile, nameof(pseudoFile))],
            _ => ["-", output, "-tar"],
        };
        args.AddRange(["-noappend", "-no-progress", "-quiet", "-exit-on-error", "-comp", options.Compression]);
        if (options.CompressionLevel is { } level)
        {
            args.AddRange(["-Xcompression-level", Number(level)]);
        }

        args.AddRange(["-b", Number(options.BlockSize), "-root-mode", Convert.ToString((int)root.Mode, 8)]);
        Dictionary<string, string> environment = new(StringComparer.Ordinal);
        if (input == SquashfsInput.PseudoFile)
        {
            args.AddRange([
                "-mkfs-time", epoch,
                "-root-time", Number(SquashfsTime.Of(root.MTime, options.SourceDateEpoch)),
                "-root-uid", Number(root.Uid),
                "-root-gid", Number(root.Gid),
                // Pseudo definitions carry no xattrs in 4.5.1; reading none keeps the host's own
                // labels (SELinux on the empty source directory) out of the image.
                "-no-xattrs",
            ]);
        }
        else
        {
            // 4.5.1 reading a tar ignores -root-time/-root-uid/-root-gid (sqfstar gained them in
            // 4.6) and stamps the root with time(NULL); SOURCE_DATE_EPOCH clamps that stamp and
            // sets the creation time. The root's owner is the builder's: the writer checks it.
            environment[SourceDateEpoch] = epoch;
        }

        if (options.Processors is { } processors)
        {
            args.AddRange(["-processors", Number(processors)]);
        }

        return new MksquashfsCommand(args, environment);
    }

    private static string Require(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException("required for pseudo-file input", name) : value;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
