using Firmware.Device.Boot;
using Firmware.Device.Slots;
using Firmware.Device.Storage;

namespace Firmware.Device.Tests.Boot;

/// <summary>The simulated bootloader under the contract every backend keeps.</summary>
[Trait("Category", "Unit")]
public sealed class SimulatedBootloaderContractTests : BootControlContract
{
    public SimulatedBootloaderContractTests() => Open().Initialize(SlotName.A);

    protected override SimulatedBootloader Open() => new(new DirectoryStorage(Scratch.Path), "boot.state");

    protected override byte[] Snapshot() => File.ReadAllBytes(Scratch.Of("boot.state"));

    protected override void Corrupt() => File.WriteAllText(Scratch.Of("boot.state"), "primary=X\n");
}
