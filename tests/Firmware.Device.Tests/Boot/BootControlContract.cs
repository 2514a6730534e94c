using Firmware.Device.Boot;
using Firmware.Device.Slots;

namespace Firmware.Device.Tests.Boot;

/// <summary>
/// The contract of <see cref="IBootControl"/> (its remarks), run over every backend. A backend's
/// test class derives from this one, sets up a freshly flashed state (slot A primary, no trial) in
/// its constructor, and says how to open the backend over that state, how to fingerprint the
/// persistent state, and how to corrupt it. <see cref="Open"/> must return a new instance each
/// time: state that only lived in an object would then be lost, and the tests would see it.
/// </summary>
public abstract class BootControlContract : IDisposable
{
    /// <summary>A scratch directory for the backend's files, removed after the test.</summary>
    protected ScratchDirectory Scratch { get; } = new();

    /// <summary>The most tries the backend arms (requests above it are clamped).</summary>
    protected virtual int MaxTries => BootVariables.MaxTries;

    /// <summary>A new backend instance over the persistent state.</summary>
    protected abstract IBootControl Open();

    /// <summary>The bytes of the persistent state, to see whether a call wrote anything.</summary>
    protected abstract byte[] Snapshot();

    /// <summary>Damages the persistent state so that it can no longer be read.</summary>
    protected abstract void Corrupt();

    [Fact]
    public void A_freshly_flashed_device_boots_A_with_no_trial()
    {
        Assert.Equal(new BootState(SlotName.A, null, 0), Open().Read());
    }

    [Fact]
    public void Arming_a_trial_keeps_the_primary_slot_and_survives_a_new_instance()
    {
        Open().ArmTrial(SlotName.B, 3);

        var state = Open().Read();

        Assert.Equal(new BootState(SlotName.A, SlotName.B, Math.Min(3, MaxTries)), state);
        Assert.Equal(SlotName.B, state.NextBoot);
    }

    [Fact]
    public void Commit_makes_the_slot_primary_and_disarms_the_trial()
    {
        Open().ArmTrial(SlotName.B, 2);

        Open().Commit(SlotName.B);

        Assert.Equal(new BootState(SlotName.B, null, 0), Open().Read());
    }

    [Fact]
    public void Rollback_disarms_the_trial_and_keeps_the_primary_slot()
    {
        Open().ArmTrial(SlotName.B, 2);

        Open().Rollback();

        var state = Open().Read();
        Assert.Equal(new BootState(SlotName.A, null, 0), state);
        Assert.Equal(SlotName.A, state.NextBoot);
    }

    [Fact]
    public void Updates_run_both_ways_between_the_slots()
    {
        var control = Open();
        control.ArmTrial(SlotName.B, 1);
        control.Commit(SlotName.B);
        control.ArmTrial(SlotName.A, 1);

        Assert.Equal(new BootState(SlotName.B, SlotName.A, 1), Open().Read());

        Open().Commit(SlotName.A);
        Assert.Equal(new BootState(SlotName.A, null, 0), Open().Read());
    }

    [Fact]
    public void Repeating_a_call_changes_nothing()
    {
        Open().ArmTrial(SlotName.B, 2);
        var armed = Snapshot();
        Open().ArmTrial(SlotName.B, 2);
        Assert.Equal(armed, Snapshot());

        Open().Commit(SlotName.B);
        var committed = Snapshot();
        Open().Commit(SlotName.B);
        Assert.Equal(committed, Snapshot());

        Open().Rollback();
        Assert.Equal(committed, Snapshot());
    }

    [Fact]
    public void Tries_above_what_the_bootloader_counts_are_clamped_never_raised()
    {
        Open().ArmTrial(SlotName.B, 1000);

        Assert.Equal(MaxTries, Open().Read().TriesLeft);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Fewer_than_one_try_is_a_caller_bug(int tries)
    {
        var before = Snapshot();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Open().ArmTrial(SlotName.B, tries));

        Assert.Equal("tries", error.ParamName);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Unreadable_state_is_a_boot_control_error_for_every_call()
    {
        Corrupt();
        var control = Open();

        Assert.Throws<BootControlException>(control.Read);
        Assert.Throws<BootControlException>(() => control.ArmTrial(SlotName.B, 1));
        Assert.Throws<BootControlException>(() => control.Commit(SlotName.B));
        Assert.Throws<BootControlException>(control.Rollback);
    }

    public void Dispose()
    {
        Scratch.Dispose();
        GC.SuppressFinalize(this);
    }
}
