namespace Firmware.Flash;

/// <summary>What the user asked to flash.</summary>
public sealed record FlashRequest
{
    /// <summary>The image: raw, .zst, .gz or .xz.</summary>
    public required string Image { get; init; }

    /// <summary>The target: a block device or a file.</summary>
    public required string Target { get; init; }

    /// <summary>An explicit bmap; null looks for IMAGE.bmap (with any compression suffix removed first).</summary>
    public string? Bmap { get; init; }

    /// <summary>Ignore any bmap and write the whole image.</summary>
    public bool NoBmap { get; init; }

    /// <summary>Waive the removable-device check.</summary>
    public bool Force { get; init; }
}
