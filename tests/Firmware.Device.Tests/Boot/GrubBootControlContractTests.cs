using Firmware.Boot;
using Firmware.Device.Boot;
using Firmware.Device.Boot.Grub;

namespace Firmware.Device.Tests.Boot;

[Trait("Category", "Unit")]
public sealed class GrubBootControlContractTests : BootControlContract
{
    private readonly string _file;

    public GrubBootControlContractTests()
    {
        _file = Scratch.Of("grubenv");
        File.WriteAllBytes(_file, new GrubEnvironmentBlock().ToBytes());
    }

    protected override IBootControl Open() => new GrubBootControl(_file);

    protected override byte[] Snapshot() => File.ReadAllBytes(_file);

    protected override void Corrupt() => File.WriteAllBytes(_file, new byte[1024]);
}
