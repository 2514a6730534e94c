using Firmware.Boot;
using Firmware.Device.Boot;
using Firmware.Device.Boot.UBoot;
using Firmware.Device.Slots;

namespace Firmware.Device.Tests.Boot;

/// <summary>
/// Runs boards/common/uboot/boot.cmd, compiled with mkimage, in Debian's U-Boot for QEMU
/// (u-boot-qemu's qemu_arm64 under qemu-system-aarch64 TCG, about a second a boot). QEMU 7.2's
/// pflash breaks saveenv, so the environment is a file on a FAT16 disk: the console imports it
/// with <c>env import -c</c> (the binary single-copy layout the backend writes, CRC included) and
/// the script stores it through the board hook <c>fw_saveenv</c> (<c>env export -c</c> +
/// <c>fatwrite</c>). FAT16 because U-Boot 2023.01's fatwrite corrupts files on FAT12.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UBootQemuTrialBootTests : TrialBootContract
{
    // U-Boot's autoboot consumes up to two pending keys (one before the countdown, one in it), so
    // three blank lines lead: the rest run as empty commands, which do nothing before any command ran.
    private const string Console = """



        fatload virtio 0 ${kernel_addr_r} uboot.env
        env import -c ${kernel_addr_r} 0x4000
        setenv fw_saveenv 'env export -c -s 0x4000 ${kernel_addr_r} fw_primary fw_trial fw_tries fw_booted; fatwrite virtio 0 ${kernel_addr_r} uboot.env 0x4000'
        fatload virtio 0 ${scriptaddr} boot.scr
        source ${scriptaddr}
        echo FWBOOT slot=${fw_boot_slot}
        poweroff

        """;

    private readonly string _env;
    private readonly string _disk;

    public UBootQemuTrialBootTests()
    {
        _env = Scratch.Of("uboot.env");
        _disk = Scratch.Of("disk.img");
        File.WriteAllText(Scratch.Of("fw_env.config"), $"{_env} 0x0 0x4000\n");
        var environment = new UBootEnvironment();
        environment.Set("board", "qemu");
        File.WriteAllBytes(_env, environment.ToBytes(0x4000, flags: null));
        File.WriteAllText(Scratch.Of("console.txt"), Console);
        using (var disk = File.Create(_disk))
        {
            disk.SetLength(32 << 20);
        }

        Run("mkfs.vfat", "-F", "16", _disk);
        Run("mkimage", "-A", "arm64", "-T", "script", "-C", "none", "-n", "fw-ab", "-d", BoardScripts.UBoot, Scratch.Of("boot.scr"));
        Run("mcopy", "-i", _disk, Scratch.Of("boot.scr"), "::boot.scr");
    }

    protected override IBootControl Open() => UBootBootControl.FromConfigFile(Scratch.Of("fw_env.config"), Scratch.Of("fw_printenv.lock"));

    protected override SlotName Boot()
    {
        Run("mcopy", "-o", "-i", _disk, _env, "::uboot.env");
        var output = Run("sh", "-c",
            "exec timeout 60 qemu-system-aarch64 -M virt -cpu cortex-a57 -m 256 -nographic -net none " +
            $"-bios /usr/lib/u-boot/qemu_arm64/u-boot.bin -drive if=none,file={_disk},format=raw,id=d0 " +
            "-device virtio-blk-device,drive=d0 < console.txt");
        Run("mcopy", "-o", "-i", _disk, "::uboot.env", _env);
        return BootedSlotIn(output, "## Error", "Unknown command");
    }
}
