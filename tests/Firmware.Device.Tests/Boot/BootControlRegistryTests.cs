using Firmware.Boot;
using Firmware.Device.Boot;
using Firmware.Device.Boot.Grub;
using Firmware.Device.Boot.Tryboot;
using Firmware.Device.Boot.UBoot;

namespace Firmware.Device.Tests.Boot;

[Trait("Category", "Unit")]
public sealed class BootControlRegistryTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void Each_backend_is_created_by_its_registered_name()
    {
        File.WriteAllBytes(_scratch.Of("grubenv"), new GrubEnvironmentBlock().ToBytes());
        File.WriteAllText(_scratch.Of("fw_env.config"), $"{_scratch.Of("env.bin")} 0 0x1000\n");
        var settings = new BootControlSettings(_scratch.Of("grubenv"), _scratch.Of("fw_env.config"), new TrybootSettings(_scratch.Of("autoboot.txt")), new RecordingReboot());

        Assert.IsType<GrubBootControl>(BootControlRegistry.Create("grub", settings));
        Assert.IsType<UBootBootControl>(BootControlRegistry.Create("uboot", settings));
        Assert.IsType<TrybootBootControl>(BootControlRegistry.Create("tryboot", settings));
        Assert.All(BootControlRegistry.Names, name => Assert.Equal(name, BootControlRegistry.Create(name, settings).Name));
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var error = Assert.Throws<BootControlException>(() => BootControlRegistry.Create("lilo", new BootControlSettings(null, null, null, new RecordingReboot())));

        Assert.Equal("unknown boot-control backend 'lilo'; known: grub, tryboot, uboot", error.Message);
    }

    [Fact]
    public void A_backend_without_its_settings_says_what_it_needs()
    {
        var error = Assert.Throws<BootControlException>(() => BootControlRegistry.Create("uboot", new BootControlSettings(null, null, null, new RecordingReboot())));

        Assert.Equal("boot-control backend 'uboot' needs the fw_env.config file", error.Message);
    }

    public void Dispose() => _scratch.Dispose();
}
