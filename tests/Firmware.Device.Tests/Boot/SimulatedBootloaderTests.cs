using Firmware.Device.Boot;
using Firmware.Device.Slots;
using Firmware.Device.Storage;
using Firmware.Device.Tests.Simulation;

namespace Firmware.Device.Tests.Boot;

[Trait("Category", "Unit")]
public sealed class SimulatedBootloaderTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private SimulatedBootloader OnFiles()
    {
        var boot = new SimulatedBootloader(new DirectoryStorage(_scratch.Path), "boot/state");
        boot.Initialize(SlotName.A);
        return boot;
    }

    [Fact]
    public void A_trial_boots_at_most_its_tries_then_falls_back_by_itself()
    {
        var boot = OnFiles();
        boot.ArmTrial(SlotName.B, 2);

        Assert.Equal(new BootState(SlotName.A, SlotName.B, 2), boot.Read());
        Assert.Equal([SlotName.B, SlotName.B, SlotName.A, SlotName.A], Enumerable.Range(0, 4).Select(_ => boot.PowerOn()));
        Assert.Equal(new BootState(SlotName.A, SlotName.B, 0), boot.Read());
        Assert.Equal(SlotName.A, boot.Read().NextBoot);
    }

    [Fact]
    public void Commit_makes_the_trial_primary_and_rollback_disarms_it()
    {
        var boot = OnFiles();
        boot.ArmTrial(SlotName.B, 3);
        boot.PowerOn();
        boot.Commit(SlotName.B);
        boot.Commit(SlotName.B);

        Assert.Equal(new BootState(SlotName.B, null, 0), boot.Read());
        Assert.Equal(SlotName.B, boot.PowerOn());

        boot.ArmTrial(SlotName.A, 3);
        boot.Rollback();
        boot.Rollback();
        Assert.Equal(new BootState(SlotName.B, null, 0), boot.Read());
        Assert.Equal(SlotName.B, boot.PowerOn());
    }

    [Fact]
    public void Arming_the_primary_slot_is_refused()
    {
        var boot = OnFiles();

        Assert.Equal("slot", Assert.Throws<ArgumentException>(() => boot.ArmTrial(SlotName.A, 1)).ParamName);
        Assert.Equal("tries", Assert.Throws<ArgumentOutOfRangeException>(() => boot.ArmTrial(SlotName.B, 0)).ParamName);
    }

    [Theory]
    [InlineData("primary=A\ntrial=\ntries=0\nextra=1\n", "boot/state:4: unexpected line 'extra=1'")]
    [InlineData("primary=C\ntries=0\n", "boot/state:1: unexpected line 'primary=C'")]
    [InlineData("trial=B\ntries=1\n", "boot/state: the state lacks 'primary'")]
    public void A_malformed_state_file_is_reported_with_its_line(string content, string message)
    {
        var storage = new DirectoryStorage(_scratch.Path);
        Directory.CreateDirectory(_scratch.Of("boot"));
        File.WriteAllText(_scratch.Of("boot/state"), content);

        var error = Assert.Throws<BootControlException>(() => new SimulatedBootloader(storage, "boot/state").Read());

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_state_file_is_a_boot_control_error()
    {
        var boot = new SimulatedBootloader(new DirectoryStorage(_scratch.Path), "boot/state");

        Assert.Throws<BootControlException>(boot.Read);
    }

    [Fact]
    public void A_power_cut_at_any_point_of_a_state_write_leaves_the_old_state_or_the_new_one()
    {
        var before = new BootState(SlotName.A, null, 0);
        var after = new BootState(SlotName.A, SlotName.B, 3);
        for (var operation = 1; operation <= 8; operation++)
        {
            for (var seed = 0; seed < 20; seed++)
            {
                var disk = new SimulatedDisk();
                var boot = new SimulatedBootloader(disk, "state");
                boot.Initialize(SlotName.A);
                disk.InjectAt(disk.Operations + operation, DiskFault.Crash);
                try
                {
                    boot.ArmTrial(SlotName.B, 3);
                }
                catch (SimulatedCrash)
                {
                }

                disk.Restart(powerCut: true, new Random(seed));
                var state = boot.Read();
                Assert.True(state == before || state == after, $"operation {operation}, seed {seed}: {state}");
            }
        }
    }
}
