using Firmware.Boot;
using Firmware.Device.Boot;
using Firmware.Device.Boot.UBoot;
using Firmware.Device.Slots;
using Firmware.Native;
using Microsoft.Win32.SafeHandles;

namespace Firmware.Device.Tests.Boot;

/// <summary>How a redundant environment is updated: the inactive copy, one generation up, the current copy untouched.</summary>
[Trait("Category", "Unit")]
public sealed class UBootRedundantWriteTests : IDisposable
{
    private const int Size = 0x1000;
    private readonly ScratchDirectory _scratch = new();
    private readonly string _image;
    private readonly UBootBootControl _control;

    public UBootRedundantWriteTests()
    {
        _image = _scratch.Of("env.bin");
        File.WriteAllText(_scratch.Of("fw_env.config"), $"{_image} 0x0 0x1000\n{_image} 0x1000 0x1000\n");
        _control = UBootBootControl.FromConfigFile(_scratch.Of("fw_env.config"), _scratch.Of("fw_printenv.lock"));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(254, 255)]
    [InlineData(255, 0)]
    public void The_inactive_copy_is_written_one_generation_up_and_the_current_copy_is_untouched(int current, int next)
    {
        Write(first: Environment(("fw_primary", "A")), firstFlags: (byte)current, second: null, secondFlags: 0);
        var before = File.ReadAllBytes(_image);

        _control.ArmTrial(SlotName.B, 2);

        var after = File.ReadAllBytes(_image);
        Assert.Equal(before.AsSpan(0, Size).ToArray(), after.AsSpan(0, Size).ToArray());
        var written = UBootEnvironment.TryParse(after.AsSpan(Size, Size), redundant: true, out var flags);
        Assert.NotNull(written);
        Assert.Equal((byte)next, flags);
        Assert.Equal("B", written["fw_trial"]);
        Assert.Equal(new BootState(SlotName.A, SlotName.B, 2), _control.Read());
    }

    [Fact]
    public void Consecutive_writes_alternate_between_the_copies()
    {
        Write(first: Environment(), firstFlags: 5, second: Environment(), secondFlags: 4);

        _control.ArmTrial(SlotName.B, 2);   // copy 0 is current (5 > 4): writes copy 1 as 6
        _control.Commit(SlotName.B);        // copy 1 is current: writes copy 0 as 7

        var bytes = File.ReadAllBytes(_image);
        Assert.NotNull(UBootEnvironment.TryParse(bytes.AsSpan(0, Size), redundant: true, out var firstFlags));
        Assert.NotNull(UBootEnvironment.TryParse(bytes.AsSpan(Size, Size), redundant: true, out var secondFlags));
        Assert.Equal((7, 6), (firstFlags, secondFlags));
        Assert.Equal(new BootState(SlotName.B, null, 0), _control.Read());
    }

    [Fact]
    public void A_write_torn_by_a_power_cut_leaves_the_previous_state_current()
    {
        Write(first: Environment(("fw_primary", "A")), firstFlags: 3, second: null, secondFlags: 0);
        _control.ArmTrial(SlotName.B, 2);

        // The power failed while the new copy was being written: its tail never reached the medium.
        var bytes = File.ReadAllBytes(_image);
        bytes.AsSpan(Size + 512, Size - 512).Clear();
        bytes[Size + 5] = (byte)'x';
        File.WriteAllBytes(_image, bytes);

        Assert.Equal(new BootState(SlotName.A, null, 0), _control.Read());
    }

    [Fact]
    public void While_fw_setenv_holds_libubootenvs_lock_the_backend_does_not_touch_the_environment()
    {
        Write(first: Environment(("fw_primary", "A")), firstFlags: 1, second: null, secondFlags: 0);
        var before = File.ReadAllBytes(_image);
        using var held = new SafeFileHandle(Libc.Open(_scratch.Of("fw_printenv.lock"), Libc.OWrOnly | Libc.OCreat, 0x1b6), ownsHandle: true);
        Assert.Equal(0, Libc.Flock(held, Libc.LockExclusive));
        var control = new UBootBootControl(UBootEnvironmentConfig.Load(_scratch.Of("fw_env.config")), _scratch.Of("fw_printenv.lock"), TimeSpan.Zero);

        var error = Assert.Throws<BootControlException>(() => control.ArmTrial(SlotName.B, 2));

        Assert.Contains("locked by another program", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_image));
        held.Dispose();
        control.ArmTrial(SlotName.B, 2);
        Assert.Equal(SlotName.B, control.Read().Trial);
    }

    private static UBootEnvironment Environment(params (string Name, string Value)[] variables)
    {
        var environment = new UBootEnvironment();
        environment.Set("bootcmd", "run distro_bootcmd");
        foreach (var (name, value) in variables)
        {
            environment.Set(name, value);
        }

        return environment;
    }

    private void Write(UBootEnvironment first, byte firstFlags, UBootEnvironment? second, byte secondFlags)
    {
        var bytes = new byte[2 * Size];
        first.ToBytes(Size, firstFlags).CopyTo(bytes, 0);
        second?.ToBytes(Size, secondFlags).CopyTo(bytes, Size);
        File.WriteAllBytes(_image, bytes);
    }

    public void Dispose() => _scratch.Dispose();
}
