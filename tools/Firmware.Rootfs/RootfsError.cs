namespace Firmware.Rootfs;

/// <summary>Why a layer, a spec entry or an image write was rejected.</summary>
public enum RootfsError
{
    /// <summary>The entry's path leaves the root once normalized (<c>../</c>, or an absolute path above <c>/</c>).</summary>
    PathEscape,
    /// <summary>The entry's path goes through a symlink already in the tree; symlinks are never followed.</summary>
    PathThroughSymlink,
    /// <summary>A parent of the entry's path is a file, device or fifo, not a directory.</summary>
    ParentNotDirectory,
    /// <summary>The name holds NUL, a component is empty, longer than 255 bytes, or the path longer than 4096 bytes.</summary>
    InvalidName,
    /// <summary>The tar entry type is not one a root filesystem may hold (sparse, multi-volume, ...).</summary>
    UnsupportedEntryType,
    /// <summary>The entry declares a size above the configured limit.</summary>
    EntryTooLarge,
    /// <summary>A hard link names a target that is not in the tree, or is a directory.</summary>
    HardLinkTargetInvalid,
    /// <summary>A whiteout name that is neither <c>.wh.NAME</c> nor the opaque marker.</summary>
    InvalidWhiteout,
    /// <summary>An extended attribute record cannot be decoded to its exact bytes.</summary>
    InvalidXattr,
    /// <summary>A uid, gid, device number or mtime is out of range.</summary>
    InvalidMetadata,
    /// <summary>The layer is not a readable tar (bad compression, bad header, truncated).</summary>
    MalformedLayer,
    /// <summary>A path or name cannot be expressed in the output format.</summary>
    NotRepresentable,
    /// <summary>A graft or container would overwrite something already in the tree.</summary>
    Conflict,
    /// <summary>A required external tool is not installed.</summary>
    ToolMissing,
    /// <summary>An external tool ran and failed.</summary>
    ToolFailed,
}
