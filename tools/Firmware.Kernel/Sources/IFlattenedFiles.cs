namespace Firmware.Kernel.Sources;

/// <summary>
/// The files of an image whose layers are already applied (the flattened root filesystem of an
/// OCI image). The image pipeline feeds a LinuxKit kernel image through this; a directory is one
/// implementation.
/// </summary>
public interface IFlattenedFiles
{
    /// <summary>A name for messages: the image reference or directory.</summary>
    string Name { get; }

    /// <summary>Opens the regular file at <paramref name="path"/> (relative, <c>/</c>-separated), or returns null when there is none.</summary>
    Stream? TryOpen(string path);
}
