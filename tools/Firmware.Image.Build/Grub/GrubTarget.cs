namespace Firmware.Image.Build.Grub;

/// <summary>
/// GRUB's EFI platform for one architecture: the grub-mkimage format, the directory of its modules,
/// the Debian package that installs them, and the removable-media file name UEFI firmware boots
/// without any boot entry (UEFI 2.10, section 3.5.1.1: \EFI\BOOT\BOOTX64.EFI, BOOTAA64.EFI).
/// </summary>
/// <param name="Format">grub-mkimage's <c>-O</c>.</param>
/// <param name="ModuleDirectory">Where the platform's modules are.</param>
/// <param name="DebianPackage">The package holding them.</param>
/// <param name="BootFile">The removable-media boot file's name.</param>
public sealed record GrubTarget(string Format, string ModuleDirectory, string DebianPackage, string BootFile)
{
    /// <summary>x86-64 UEFI.</summary>
    public static GrubTarget X64 { get; } = new("x86_64-efi", "/usr/lib/grub/x86_64-efi", "grub-efi-amd64-bin", "BOOTX64.EFI");

    /// <summary>AArch64 UEFI.</summary>
    public static GrubTarget Arm64 { get; } = new("arm64-efi", "/usr/lib/grub/arm64-efi", "grub-efi-arm64-bin", "BOOTAA64.EFI");

    /// <summary>The target for an OCI architecture name.</summary>
    /// <exception cref="ArgumentException">Neither amd64 nor arm64.</exception>
    public static GrubTarget For(string architecture) => architecture switch
    {
        "amd64" => X64,
        "arm64" => Arm64,
        _ => throw new ArgumentException($"no GRUB EFI target for architecture '{architecture}'", nameof(architecture)),
    };
}
