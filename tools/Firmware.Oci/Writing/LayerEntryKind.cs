namespace Firmware.Oci.Writing;

/// <summary>The kinds of entry a layer built here holds.</summary>
public enum LayerEntryKind
{
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A regular file.</summary>
    File,
    /// <summary>A symbolic link.</summary>
    Symlink,
}
