namespace Firmware.Oci.Writing;

/// <summary>
/// One file, directory or symbolic link of a layer. Owners and modes are given explicitly, never
/// taken from the host, so the build machine's users do not leak into images.
/// </summary>
public sealed record LayerEntry
{
    /// <summary>The path inside the image, relative, with <c>/</c> separators (<c>usr/bin/app</c>).</summary>
    public required string Path { get; init; }

    /// <summary>What it is.</summary>
    public required LayerEntryKind Kind { get; init; }

    /// <summary>Permission bits (and setuid/setgid/sticky).</summary>
    public required UnixFileMode Mode { get; init; }

    /// <summary>The owner's numeric ID.</summary>
    public int Uid { get; init; }

    /// <summary>The group's numeric ID.</summary>
    public int Gid { get; init; }

    /// <summary>The target of a symbolic link.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>Opens a regular file's content.</summary>
    public Func<Stream>? OpenContent { get; init; }
}
