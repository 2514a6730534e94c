namespace Firmware.Image.Build;

/// <summary>What an image build wrote and measured.</summary>
public sealed record ImageBuildResult
{
    /// <summary>The disk image.</summary>
    public required string Image { get; init; }

    /// <summary>Its bmap.</summary>
    public required string Bmap { get; init; }

    /// <summary>The bundle installing slot A's root.</summary>
    public required string Bundle { get; init; }

    /// <summary>The disk image's SHA-256, lower-case hex.</summary>
    public required string ImageSha256 { get; init; }

    /// <summary>The disk image's size.</summary>
    public required long ImageBytes { get; init; }

    /// <summary>Bytes the bmap maps.</summary>
    public required long MappedBytes { get; init; }

    /// <summary>Slot A's squashfs size.</summary>
    public required long RootBytes { get; init; }

    /// <summary>The kernel in slot A.</summary>
    public required KernelStageResult Kernel { get; init; }

    /// <summary>The bundle's size.</summary>
    public required long BundleBytes { get; init; }
}
