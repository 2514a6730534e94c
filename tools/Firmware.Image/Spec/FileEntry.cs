namespace Firmware.Image.Spec;

/// <summary>A file, directory or symlink that a spec adds to the root filesystem.</summary>
public sealed record FileEntry
{
    /// <summary>The absolute path in the image (LinuxKit's relative <c>etc/x</c> is read as <c>/etc/x</c>).</summary>
    public required string Path { get; init; }

    /// <summary>What the entry makes.</summary>
    public required FileKind Kind { get; init; }

    /// <summary>The text, for <see cref="FileKind.Contents"/>.</summary>
    public string? Contents { get; init; }

    /// <summary>The host file, relative to the spec's directory unless absolute, for <see cref="FileKind.Source"/>.</summary>
    public string? Source { get; init; }

    /// <summary>The link target, for <see cref="FileKind.Symlink"/>.</summary>
    public string? Symlink { get; init; }

    /// <summary><c>yaml</c> or <c>json</c>, for <see cref="FileKind.Metadata"/>.</summary>
    public string? Metadata { get; init; }

    /// <summary>Skip a <see cref="FileKind.Source"/> entry whose host file does not exist.</summary>
    public bool Optional { get; init; }

    /// <summary>The permission bits; LinuxKit's defaults are 0600 for files and 0700 for directories.</summary>
    public required uint Mode { get; init; }

    /// <summary>The owner.</summary>
    public required IdReference Uid { get; init; }

    /// <summary>The group.</summary>
    public required IdReference Gid { get; init; }
}
