using Firmware.Boot;
using Firmware.Device.Boot;
using Firmware.Device.Boot.Grub;
using Firmware.Device.Slots;

namespace Firmware.Device.Tests.Boot;

/// <summary>
/// Runs boards/common/grub/ab.cfg in grub-emu (Debian's grub-emu: GRUB's own script engine, loadenv
/// and FAT code on the host). The environment block lives on a FAT image that grub-emu sees as
/// (hd0) through a device map, because save_env writes the sectors under the file and refuses a
/// file on the host file system ("sparse file not allowed"). The agent's side edits the block as a
/// file, copied out of and into the image with mtools around each boot, as the ESP would be mounted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GrubEmuTrialBootTests : TrialBootContract
{
    private readonly string _env;
    private readonly string _image;
    private readonly string _boot;

    public GrubEmuTrialBootTests()
    {
        _env = Scratch.Of("grubenv");
        _image = Scratch.Of("esp.img");
        _boot = Scratch.Of("boot");
        File.WriteAllBytes(_env, new GrubEnvironmentBlock().ToBytes());
        using (var image = File.Create(_image))
        {
            image.SetLength(4 << 20);
        }

        Run("mformat", "-i", _image, "::");
        Directory.CreateDirectory(_boot);
        File.CreateSymbolicLink(Path.Combine(_boot, "x86_64-emu"), "/usr/lib/grub/x86_64-emu");
        File.WriteAllText(Scratch.Of("device.map"), $"(hd0) {_image}\n");
        File.WriteAllText(Path.Combine(_boot, "grub.cfg"), $"""
            insmod fat
            set fw_env=(hd0)/grubenv
            source (host){BoardScripts.Grub}
            echo "FWBOOT slot=${"{"}fw_boot_slot{"}"}"
            halt

            """);
    }

    protected override IBootControl Open() => new GrubBootControl(_env);

    protected override SlotName Boot()
    {
        Run("mcopy", "-o", "-i", _image, _env, "::grubenv");
        var output = Run("timeout", "20", "grub-emu", "-r", "host", "-m", Scratch.Of("device.map"), "-d", _boot);
        Run("mcopy", "-o", "-i", _image, "::grubenv", _env);
        return BootedSlotIn(output, "error:");
    }
}
