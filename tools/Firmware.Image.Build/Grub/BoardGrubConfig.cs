namespace Firmware.Image.Build.Grub;

/// <summary>
/// The board's grub.cfg on the ESP: it points <c>fw_env</c> at the environment block, runs the
/// shared A/B script (boards/common/grub/ab.cfg) to choose <c>fw_boot_slot</c>, and loads that
/// slot's kernel and initramfs from inside its squashfs. The disk is the one GRUB found the ESP on,
/// so the slots are addressed as partitions of it.
/// </summary>
public static class BoardGrubConfig
{
    /// <summary>The kernel's path inside a slot's root.</summary>
    public const string KernelPath = "/boot/vmlinuz";

    /// <summary>The initramfs's path inside a slot's root.</summary>
    public const string InitramfsPath = "/boot/initramfs.img";

    /// <summary>Writes the config.</summary>
    /// <param name="slotA">Slot A's GPT partition number (1-based) and name.</param>
    /// <param name="slotB">Slot B's.</param>
    /// <param name="environmentFile">The environment block's path on the ESP.</param>
    /// <param name="cmdline">The kernel command line besides <c>root=</c> and <c>fw.slot=</c>.</param>
    public static string Create((int Number, string Name) slotA, (int Number, string Name) slotB, string environmentFile, string cmdline)
    {
        ArgumentNullException.ThrowIfNull(environmentFile);
        ArgumentNullException.ThrowIfNull(cmdline);
        var config = $"""
            # Written by fwtool image build (docs/image-build.md). Chooses the slot with ab.cfg and boots
            # the kernel and initramfs inside that slot's squashfs.
            set fw_env=($root)/{environmentFile}
            source ($root)/{Esp.EspPaths.AbScript}
            regexp --set=1:fw_disk '^([^,]+),' "$root"
            if [ "$fw_boot_slot" = "B" ]; then
                set fw_part="gpt{slotB.Number}"
                set fw_label="{slotB.Name}"
            else
                set fw_part="gpt{slotA.Number}"
                set fw_label="{slotA.Name}"
            fi
            echo "fw-grub: booting slot $fw_boot_slot from ($fw_disk,$fw_part)"
            linux ($fw_disk,$fw_part){KernelPath} root=PARTLABEL=$fw_label fw.slot=$fw_boot_slot {cmdline}
            initrd ($fw_disk,$fw_part){InitramfsPath}
            boot

            """;
        return config.Replace("\r", "", StringComparison.Ordinal);
    }
}
