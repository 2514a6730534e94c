using Firmware.HostTools;

namespace Firmware.Image.Build;

/// <summary>The host programs the image build runs, each with the Debian package that installs it.</summary>
public static class ImageBuildTools
{
    /// <summary>Formats the ESP (mtools).</summary>
    public static HostTool Mformat { get; } = new("mformat", "mtools");

    /// <summary>Makes ESP directories (mtools).</summary>
    public static HostTool Mmd { get; } = new("mmd", "mtools");

    /// <summary>Copies files into the ESP (mtools).</summary>
    public static HostTool Mcopy { get; } = new("mcopy", "mtools");

    /// <summary>Links GRUB's EFI image (grub-common; the modules come from grub-efi-amd64-bin or grub-efi-arm64-bin).</summary>
    public static HostTool GrubMkimage { get; } = new("grub-mkimage", "grub-common");

    /// <summary>Makes the data partition (e2fsprogs).</summary>
    public static HostTool MkfsExt4 { get; } = new("mkfs.ext4", "e2fsprogs");
}
