namespace Firmware.Rootfs.Tree;

/// <summary>
/// One inode of the tree: the metadata every file type carries. A node that appears under two
/// names is a hard link, exactly as an inode is: the names share this object and its metadata.
/// </summary>
public abstract class TreeNode
{
    /// <summary>Permission bits including setuid, setgid and sticky (the low 12 bits of st_mode).</summary>
    public UnixFileMode Mode { get; set; }

    /// <summary>Owner user id.</summary>
    public int Uid { get; set; }

    /// <summary>Owner group id.</summary>
    public int Gid { get; set; }

    /// <summary>Modification time, seconds since the Unix epoch.</summary>
    public long MTime { get; set; }

    /// <summary>Extended attributes by full name (<c>security.capability</c>, <c>user.x</c>), ordinal order.</summary>
    public SortedDictionary<string, byte[]> Xattrs { get; } = new(StringComparer.Ordinal);

    /// <summary>Copies mode, owner, mtime and xattrs from <paramref name="other"/>.</summary>
    public void CopyMetadataFrom(TreeNode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Mode = other.Mode;
        Uid = other.Uid;
        Gid = other.Gid;
        MTime = other.MTime;
        Xattrs.Clear();
        foreach (var (name, value) in other.Xattrs)
        {
            Xattrs[name] = value;
        }
    }

    /// <summary>A copy of this node without its children, for grafting a tree elsewhere.</summary>
    internal abstract TreeNode CloneShallow();
}
