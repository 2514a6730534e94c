using Firmware.Device.Boot;
using Firmware.Device.Boot.Tryboot;

namespace Firmware.Device.Tests.Boot;

[Trait("Category", "Unit")]
public sealed class TrybootContractTests : BootControlContract
{
    private readonly TrybootSettings _settings;

    public TrybootContractTests()
    {
        _settings = new TrybootSettings(Scratch.Of("autoboot.txt"), PartitionA: 2, PartitionB: 3, DeviceTreeRoot: Scratch.Of("device-tree"));
        File.WriteAllText(_settings.AutobootFile, "[all]\ntryboot_a_b=1\nboot_partition=2\n[tryboot]\nboot_partition=2\n");
    }

    /// <summary>The firmware keeps no counter: one try, whatever is asked.</summary>
    protected override int MaxTries => 1;

    protected override IBootControl Open() => new TrybootBootControl(_settings, new RecordingReboot());

    protected override byte[] Snapshot() => File.ReadAllBytes(_settings.AutobootFile);

    protected override void Corrupt() => File.WriteAllText(_settings.AutobootFile, "[all]\nboot_partition=7\n");
}
