using Firmware.Image.Spec;
using Firmware.Oci.Writing;

namespace Firmware.Image.Packages;

/// <summary>
/// Turns a package's files into one architecture's layer entries. A source may hold
/// <c>${arch}</c>, replaced by the architecture being built, so per-architecture binaries sit
/// beside each other (<c>bin/${arch}/busybox</c>). A source directory is copied whole. Owners
/// come from pkg.yml (default 0:0), modes from pkg.yml or else the file's permission bits;
/// directories the destinations need are added as 0755 root:root.
/// </summary>
public static class PackageLayerPlanner
{
    /// <summary>The placeholder a file source may hold for the architecture being built.</summary>
    public const string ArchitecturePlaceholder = "${arch}";

    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED;
    private const UnixFileMode PermissionBits = (UnixFileMode)0xFFF;

    /// <summary>The layer entries of <paramref name="definition"/> for <paramref name="architecture"/>.</summary>
    /// <param name="definition">The validated pkg.yml.</param>
    /// <param name="directory">The package directory the sources are relative to.</param>
    /// <param name="architecture">The architecture being built.</param>
    /// <exception cref="SpecException">A source does not exist (the message names pkg.yml, the entry and the path).</exception>
    public static IReadOnlyList<LayerEntry> Plan(PackageDefinition definition, string directory, string architecture)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var entries = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Files.Count; i++)
        {
            var file = definition.Files[i];
            var source = Path.Combine(directory, file.Source.Replace(ArchitecturePlaceholder, architecture, StringComparison.Ordinal));
            var destination = file.Destination.TrimStart('/').TrimEnd('/');
            if (File.Exists(source))
            {
                Add(entries, FileEntry(source, destination, file));
            }
            else if (Directory.Exists(source))
            {
                AddTree(entries, source, destination, file);
            }
            else
            {
                throw new SpecException(SpecError.InvalidPath, definition.Source, 0, 0, $"files[{i}].source",
                    $"{source} does not exist{(file.Source.Contains(ArchitecturePlaceholder, StringComparison.Ordinal) ? $" (for {architecture})" : "")}");
            }
        }

        foreach (var path in entries.Keys.ToList())
        {
            for (var parent = Path.GetDirectoryName(path); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
            {
                entries.TryAdd(parent, new LayerEntry { Path = parent, Kind = LayerEntryKind.Directory, Mode = DirectoryMode });
            }
        }

        return [.. entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal)];
    }

    private static void AddTree(Dictionary<string, LayerEntry> entries, string source, string destination, PackageFile file)
    {
        Add(entries, new LayerEntry
        {
            Path = destination, Kind = LayerEntryKind.Directory, Uid = (int)file.Uid, Gid = (int)file.Gid,
            Mode = file.Mode is { } mode ? (UnixFileMode)mode : File.GetUnixFileMode(source) & PermissionBits,
        });
        foreach (var item in new DirectoryInfo(source).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var path = $"{destination}/{Path.GetRelativePath(source, item.FullName).Replace('\\', '/')}";
            var owner = (Uid: (int)file.Uid, Gid: (int)file.Gid);
            Add(entries, item switch
            {
                { LinkTarget: { } target } => new LayerEntry { Path = path, Kind = LayerEntryKind.Symlink, Mode = (UnixFileMode)0x1FF, LinkTarget = target, Uid = owner.Uid, Gid = owner.Gid },
                DirectoryInfo => new LayerEntry { Path = path, Kind = LayerEntryKind.Directory, Mode = item.UnixFileMode & PermissionBits, Uid = owner.Uid, Gid = owner.Gid },
                _ => FileEntry(item.FullName, path, file with { Mode = null }),
            });
        }
    }

    private static LayerEntry FileEntry(string source, string destination, PackageFile file) => new()
    {
        Path = destination,
        Kind = LayerEntryKind.File,
        Mode = file.Mode is { } mode ? (UnixFileMode)mode : File.GetUnixFileMode(source) & PermissionBits,
        Uid = (int)file.Uid,
        Gid = (int)file.Gid,
        OpenContent = () => new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
    };

    private static void Add(Dictionary<string, LayerEntry> entries, LayerEntry entry) => entries[entry.Path] = entry;
}
