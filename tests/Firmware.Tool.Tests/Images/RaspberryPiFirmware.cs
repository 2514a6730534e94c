namespace Firmware.Tool.Tests.Images;

/// <summary>
/// The <c>--firmware</c> directory for raspberrypi4 builds. Debian ships start4.elf and fixup4.dat in
/// raspi-firmware, in the non-free-firmware component this machine's package sources do not carry,
/// so those two are stand-ins with a recognisable text: no test boots a Pi, and the build copies them
/// byte for byte like any other firmware file. The device tree is the real one from Debian's arm64
/// kernel package (broadcom/bcm2711-rpi-4-b.dtb), and overlays/ holds one stand-in file so the
/// directory tree is exercised.
/// </summary>
internal static class RaspberryPiFirmware
{
    /// <summary>The stand-in text of start4.elf.</summary>
    public const string StartElf = "stand-in for raspi-firmware's start4.elf\n";

    /// <summary>Lays the directory out under <paramref name="directory"/> and returns it.</summary>
    public static string Create(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "overlays"));
        File.WriteAllText(Path.Combine(directory, "start4.elf"), StartElf);
        File.WriteAllText(Path.Combine(directory, "fixup4.dat"), "stand-in for raspi-firmware's fixup4.dat\n");
        File.WriteAllText(Path.Combine(directory, "overlays", "README"), "stand-in for raspi-firmware's overlays\n");
        var package = RootfsInputs.KernelPackageName("arm64");
        var dtb = DebianDownloads.Extract(package, "arm64", $"usr/lib/{package}/broadcom/bcm2711-rpi-4-b.dtb");
        File.Copy(dtb, Path.Combine(directory, "bcm2711-rpi-4-b.dtb"));
        return directory;
    }
}
