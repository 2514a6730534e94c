namespace Firmware.Rootfs.Tree;

// The image spec's `files` section: entries written over the assembled tree, confined like layers.
public sealed partial class RootfsTree
{
    private const string FilesSection = "files";

    /// <summary>Writes a regular file at <paramref name="path"/>, replacing what was there.</summary>
    public RegularFileNode AddFile(string path, ReadOnlySpan<byte> contents, UnixFileMode mode, int uid, int gid, long mtime = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = new RegularFileNode(Store.Add(contents)) { Mode = mode, Uid = uid, Gid = gid, MTime = mtime };
        return (RegularFileNode)Put(Components(path), node, FilesSection, path);
    }

    /// <summary>Makes a directory at <paramref name="path"/>, or sets the metadata of the one there.</summary>
    public DirectoryNode AddDirectory(string path, UnixFileMode mode, int uid, int gid, long mtime = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = new DirectoryNode { Mode = mode, Uid = uid, Gid = gid, MTime = mtime };
        return (DirectoryNode)Put(Components(path), node, FilesSection, path);
    }

    /// <summary>Makes a symlink at <paramref name="path"/> pointing at <paramref name="target"/> (stored verbatim).</summary>
    public SymlinkNode AddSymlink(string path, string target, int uid, int gid, long mtime = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(target);
        var node = new SymlinkNode(target) { Mode = SymlinkMode, Uid = uid, Gid = gid, MTime = mtime };
        return (SymlinkNode)Put(Components(path), node, FilesSection, path);
    }

    /// <summary>Symlinks are always 0777 on Linux; their mode is never consulted.</summary>
    internal const UnixFileMode SymlinkMode = (UnixFileMode)0b111_111_111;

    private static List<string> Components(string path)
    {
        var components = TreePath.Split(path, FilesSection);
        return components.Count == 0
            ? throw new RootfsException(RootfsError.InvalidName, "a files entry cannot be the root", FilesSection, path)
            : components;
    }
}
