using Firmware.Boards;
using Firmware.Image.Spec;

namespace Firmware.Image.Build;

/// <summary>What <c>fwtool image build</c> is asked to make.</summary>
public sealed record ImageBuildRequest
{
    /// <summary>The validated spec.</summary>
    public required ImageSpec Spec { get; init; }

    /// <summary>The board.</summary>
    public required Board Board { get; init; }

    /// <summary>The directory of shared bootloader files (boards/common).</summary>
    public required string CommonBoardFiles { get; init; }

    /// <summary>The version the image and its bundle carry (semver).</summary>
    public required string Version { get; init; }

    /// <summary>Where each spec reference is read from.</summary>
    public ImageSourceMap Sources { get; init; } = ImageSourceMap.Empty;

    /// <summary>SOURCE_DATE_EPOCH, or null.</summary>
    public long? SourceDateEpoch { get; init; }

    /// <summary>A second spec whose root fills slot B, or null.</summary>
    public ImageSpec? SlotBSpec { get; init; }

    /// <summary>The Raspberry Pi firmware files (start4.elf, fixup4.dat, the device tree, overlays) for tryboot boards, or null.</summary>
    public string? FirmwareDirectory { get; init; }

    /// <summary>A squashfs that fills slot B as it is, or null. At most one of this and <see cref="SlotBSpec"/>.</summary>
    public string? SlotBImage { get; init; }
}
