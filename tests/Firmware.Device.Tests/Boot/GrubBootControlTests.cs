using Firmware.Boot;
using Firmware.Device.Boot;
using Firmware.Device.Boot.Grub;
using Firmware.Device.Slots;

namespace Firmware.Device.Tests.Boot;

[Trait("Category", "Unit")]
public sealed class GrubBootControlTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    [Fact]
    public void The_block_is_rewritten_in_place_at_its_own_size()
    {
        var file = _scratch.Of("grubenv");
        File.WriteAllBytes(file, new GrubEnvironmentBlock().ToBytes(2048));
        var link = _scratch.Of("grubenv.link");
        Assert.Equal(0, ProcessRunner.Run("ln", [file, link], _scratch.Path).ExitCode);

        new GrubBootControl(file).ArmTrial(SlotName.B, 2);

        // A rename would have left the hard link on the old block; in place, both names see the new one.
        Assert.Equal(2048, new FileInfo(file).Length);
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(link));
        Assert.Equal("B", GrubEnvironmentBlock.Parse(File.ReadAllBytes(link))[BootVariables.Trial]);
    }

    [Fact]
    public void The_ab_variables_stay_in_the_first_sector_so_a_torn_write_cannot_mix_states()
    {
        var file = _scratch.Of("grubenv");
        var block = new GrubEnvironmentBlock();
        block.Set("saved_entry", "gnulinux-advanced-0123456789abcdef");
        File.WriteAllBytes(file, block.ToBytes());
        var control = new GrubBootControl(file);

        control.ArmTrial(SlotName.B, 9);
        var armed = File.ReadAllBytes(file);
        control.Commit(SlotName.B);
        var committed = File.ReadAllBytes(file);

        Assert.Equal(armed.AsSpan(512).ToArray(), committed.AsSpan(512).ToArray());
        Assert.All(committed.AsSpan(512).ToArray(), b => Assert.Equal((byte)'#', b));
    }

    public void Dispose() => _scratch.Dispose();
}
