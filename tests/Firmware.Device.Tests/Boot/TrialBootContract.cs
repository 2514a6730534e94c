using System.Text.RegularExpressions;
using Firmware.Device.Boot;
using Firmware.Device.Slots;

namespace Firmware.Device.Tests.Boot;

/// <summary>
/// The bootloader's side of the contract, for backends whose bootloader logic can run here: after
/// the agent arms a trial, the real boot script boots the trial slot at most N times, counting down,
/// then falls back to the primary slot with no help from userspace. A subclass runs one boot
/// through the real script in <see cref="Boot"/> (GRUB: grub-emu; the simulated bootloader: itself).
/// </summary>
public abstract partial class TrialBootContract : IDisposable
{
    /// <summary>A scratch directory for the bootloader's files, removed after the test.</summary>
    protected ScratchDirectory Scratch { get; } = new();

    /// <summary>A new backend instance over the persistent state (a freshly flashed device: A, no trial).</summary>
    protected abstract IBootControl Open();

    /// <summary>Boots once through the bootloader's real logic and returns the slot it chose.</summary>
    protected abstract SlotName Boot();

    /// <summary>Runs a tool in the scratch directory; fails the test when it fails.</summary>
    protected string Run(string program, params string[] args)
    {
        var result = ProcessRunner.Run(program, args, Scratch.Path);
        Assert.True(result.ExitCode == 0, $"{program}: {result}");
        return result.Stdout + result.Stderr;
    }

    /// <summary>The slot in the harness's "FWBOOT slot=X" line; fails the test on a missing line or a bootloader error.</summary>
    protected static SlotName BootedSlotIn(string output, params string[] errors)
    {
        var match = BootLine().Match(output);
        Assert.True(match.Success, $"the bootloader printed no boot line:\n{output}");
        Assert.All(errors, error => Assert.DoesNotContain(error, output, StringComparison.Ordinal));
        return match.Groups[1].Value == "A" ? SlotName.A : SlotName.B;
    }

    /// <summary>The slot the backend's record says the bootloader chose for the last boot.</summary>
    protected SlotName Booted() => ((IBootedSlotRecord)Open()).ReadBootedSlot();

    [Fact]
    public void With_no_trial_every_boot_is_the_primary_slot()
    {
        Assert.Equal([SlotName.A, SlotName.A, SlotName.A], [Boot(), Boot(), Boot()]);
        Assert.Equal(new BootState(SlotName.A, null, 0), Open().Read());
        Assert.Equal(SlotName.A, Booted());
    }

    [Fact]
    public void An_armed_trial_boots_the_trial_slot_n_times_counting_down_then_falls_back()
    {
        Open().ArmTrial(SlotName.B, 3);
        var boots = new List<SlotName>();
        var triesLeft = new List<int>();
        var recorded = new List<SlotName>();
        for (var i = 0; i < 5; i++)
        {
            boots.Add(Boot());
            triesLeft.Add(Open().Read().TriesLeft);
            recorded.Add(Booted());
        }

        Assert.Equal([SlotName.B, SlotName.B, SlotName.B, SlotName.A, SlotName.A], boots);
        Assert.Equal([2, 1, 0, 0, 0], triesLeft);
        Assert.Equal(boots, recorded);
        Assert.Equal(new BootState(SlotName.A, SlotName.B, 0), Open().Read());
    }

    [Fact]
    public void A_trial_committed_after_its_first_boot_stays_booted()
    {
        Open().ArmTrial(SlotName.B, 2);
        Assert.Equal(SlotName.B, Boot());

        Open().Commit(SlotName.B);

        Assert.Equal([SlotName.B, SlotName.B, SlotName.B], [Boot(), Boot(), Boot()]);
        Assert.Equal(new BootState(SlotName.B, null, 0), Open().Read());
        Assert.Equal(SlotName.B, Booted());
    }

    [Fact]
    public void A_rolled_back_trial_boots_the_primary_slot_again()
    {
        Open().ArmTrial(SlotName.B, 2);
        Assert.Equal(SlotName.B, Boot());
        Assert.Equal(SlotName.B, Booted());

        Open().Rollback();

        Assert.Equal([SlotName.A, SlotName.A], [Boot(), Boot()]);
        Assert.Equal(SlotName.A, Booted());
    }

    [Fact]
    public void The_second_update_runs_from_B_back_to_A()
    {
        Open().ArmTrial(SlotName.B, 1);
        Assert.Equal(SlotName.B, Boot());
        Open().Commit(SlotName.B);
        Open().ArmTrial(SlotName.A, 1);

        Assert.Equal([SlotName.A, SlotName.B], [Boot(), Boot()]);
    }

    public void Dispose()
    {
        Scratch.Dispose();
        GC.SuppressFinalize(this);
    }

    [GeneratedRegex("FWBOOT slot=([AB])")]
    private static partial Regex BootLine();
}
