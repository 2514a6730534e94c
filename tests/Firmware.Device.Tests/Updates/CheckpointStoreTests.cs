using Firmware.Device.Slots;
using Firmware.Device.Tests.Simulation;
using Firmware.Device.Updates;
using Firmware.Device.Updates.Checkpoints;

namespace Firmware.Device.Tests.Updates;

[Trait("Category", "Unit")]
public sealed class CheckpointStoreTests
{
    private static Checkpoint Sample(int n) => new()
    {
        Device = new DeviceRecord { InstalledVersion = $"1.{n}.0", Floor = "1.0.0" },
        Update = new UpdateRecord
        {
            Id = $"u{n}", Source = "file:/x.fwb", Payload = "rootfs", State = UpdateStateName.Writing, ActiveSlot = SlotName.A,
            Offered = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), ManifestSha256 = "ab", StateEntries = n, ErrorCode = UpdateError.SlotIo,
        },
        Outbox = [new OutboxEntry { Id = "old", Outcome = UpdateOutcome.RolledBack, Slot = SlotName.A, Detail = "why", Acknowledged = n % 2 == 0 }],
    };

    [Fact]
    public void Each_save_is_loaded_back_as_the_newest_generation()
    {
        var disk = new SimulatedDisk();
        var store = new CheckpointStore(disk);
        var saved = store.Load();
        Assert.Equal(0, saved.Generation);

        for (var n = 1; n <= 5; n++)
        {
            saved = store.Save(Sample(n) with { Generation = saved.Generation });
            var loaded = new CheckpointStore(disk).Load();
            Assert.Equal(n, loaded.Generation);
            Assert.Equal(saved.Update, loaded.Update);
            Assert.Equal(saved.Device, loaded.Device);
            Assert.Equal(saved.Outbox, loaded.Outbox);
        }
    }
}
