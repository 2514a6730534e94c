using Firmware.Image.Build.Grub;

namespace Firmware.Image.Build.Esp;

/// <summary>Where the build puts each file on the ESP; the plan lists them and the builder writes them.</summary>
public static class EspPaths
{
    /// <summary>The shared A/B script (boards/common/grub/ab.cfg).</summary>
    public const string AbScript = GrubEfiImage.EspDirectory + "/ab.cfg";

    /// <summary>The board's grub.cfg, which the embedded config sources.</summary>
    public const string GrubConfig = GrubEfiImage.EspDirectory + "/grub.cfg";

    /// <summary>GRUB's EFI application at the removable-media path UEFI boots without a boot entry.</summary>
    public static string BootFile(GrubTarget target) => "EFI/BOOT/" + target?.BootFile;
}
