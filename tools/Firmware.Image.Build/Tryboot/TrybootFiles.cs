namespace Firmware.Image.Build.Tryboot;

/// <summary>
/// The text files of a Raspberry Pi 4 tryboot image (Raspberry Pi documentation, "config.txt":
/// "autoboot.txt", "tryboot", "Boot options"). The first FAT partition holds only autoboot.txt and
/// the firmware; <c>tryboot_a_b=1</c> makes the firmware read config.txt, the kernel and the
/// initramfs from the partition <c>boot_partition</c> names: <c>[all]</c> for a normal boot, the
/// <c>[tryboot]</c> section on the one restart that carries the tryboot flag. The agent's tryboot
/// backend (agent/Firmware.Device/Boot/Tryboot) reads and rewrites exactly these two keys.
/// </summary>
public static class TrybootFiles
{
    /// <summary>autoboot.txt's name on the first FAT partition.</summary>
    public const string Autoboot = "autoboot.txt";

    /// <summary>The slot's config.txt on its boot partition.</summary>
    public const string Config = "config.txt";

    /// <summary>The slot's kernel command line, which config.txt's default <c>cmdline=</c> names.</summary>
    public const string Cmdline = "cmdline.txt";

    /// <summary>The kernel on a slot's boot partition (Debian's arm64 vmlinuz, an uncompressed Image), as config.txt's <c>kernel=</c> names it.</summary>
    public const string Kernel = "vmlinuz";

    /// <summary>The initramfs on a slot's boot partition.</summary>
    public const string Initramfs = "initramfs.img";

    /// <summary>The firmware files a Pi 4 cannot boot without (the raspi-firmware package's, plus the board's device tree).</summary>
    public static IReadOnlyList<string> RequiredFirmware { get; } = ["start4.elf", "fixup4.dat", "bcm2711-rpi-4-b.dtb"];

    /// <summary>autoboot.txt selecting slot A (<paramref name="partitionA"/>) for normal boots and for a tryboot restart alike:
    /// no trial is armed until the agent writes <c>[tryboot] boot_partition</c>.</summary>
    public static string AutobootText(int partitionA) =>
        $"[all]\ntryboot_a_b=1\nboot_partition={partitionA}\n[tryboot]\nboot_partition={partitionA}\n";

    /// <summary>A slot's config.txt: 64-bit kernel, the initramfs loaded after it, the UART for the console.</summary>
    public static string ConfigText() =>
        "# Written by fwtool image build (docs/image-build.md).\narm_64bit=1\nkernel=" + Kernel +
        "\ninitramfs " + Initramfs + " followkernel\nenable_uart=1\n";

    /// <summary>A slot's cmdline.txt: one line, the root and slot as GRUB boards pass them, then <paramref name="cmdline"/>.</summary>
    public static string CmdlineText(char slot, string rootLabel, string cmdline)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootLabel);
        ArgumentNullException.ThrowIfNull(cmdline);
        return $"root=PARTLABEL={rootLabel} fw.slot={slot} {cmdline}".TrimEnd() + "\n";
    }
}
