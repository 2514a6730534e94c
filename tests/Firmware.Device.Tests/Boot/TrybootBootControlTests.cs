using Firmware.Device.Boot;
using Firmware.Device.Boot.Tryboot;
using Firmware.Device.Slots;

namespace Firmware.Device.Tests.Boot;

[Trait("Category", "Unit")]
public sealed class TrybootBootControlTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();
    private readonly TrybootSettings _settings;
    private readonly RecordingReboot _reboot = new();
    private readonly TrybootBootControl _control;

    public TrybootBootControlTests()
    {
        _settings = new TrybootSettings(_scratch.Of("autoboot.txt"), PartitionA: 2, PartitionB: 3, DeviceTreeRoot: _scratch.Of("device-tree"));
        File.WriteAllText(_settings.AutobootFile, "# slots\n[all]\ntryboot_a_b=1\nboot_partition=2\n[pi5]\ndisable_splash=1\n");
        _control = new TrybootBootControl(_settings, _reboot);
    }

    [Fact]
    public void Arming_writes_the_tryboot_section_and_keeps_every_other_line()
    {
        _control.ArmTrial(SlotName.B, 3);

        Assert.Equal("# slots\n[all]\ntryboot_a_b=1\nboot_partition=2\n[pi5]\ndisable_splash=1\n[tryboot]\nboot_partition=3\n", File.ReadAllText(_settings.AutobootFile));
        Assert.Equal(new BootState(SlotName.A, SlotName.B, 1), _control.Read());
    }

    [Fact]
    public void Commit_rewrites_the_all_section_boot_partition_and_leaves_no_temporary_file()
    {
        _control.ArmTrial(SlotName.B, 1);

        _control.Commit(SlotName.B);

        Assert.Equal("# slots\n[all]\ntryboot_a_b=1\nboot_partition=3\n[pi5]\ndisable_splash=1\n[tryboot]\nboot_partition=3\n", File.ReadAllText(_settings.AutobootFile));
        Assert.Equal(["autoboot.txt"], Directory.GetFiles(_scratch.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Autoboot_txt_is_replaced_by_a_rename_never_rewritten_in_place()
    {
        var link = _scratch.Of("old-autoboot.txt");
        Assert.Equal(0, ProcessRunner.Run("ln", [_settings.AutobootFile, link], _scratch.Path).ExitCode);
        var before = File.ReadAllText(_settings.AutobootFile);

        _control.ArmTrial(SlotName.B, 1);

        // The old file, still reachable through the hard link, was never touched: a reader saw it whole until the rename.
        Assert.Equal(before, File.ReadAllText(link));
        Assert.NotEqual(before, File.ReadAllText(_settings.AutobootFile));
    }

    [Fact]
    public void Reboot_into_the_trial_sends_the_tryboot_flag_through_the_reboot_interface()
    {
        _control.ArmTrial(SlotName.B, 1);

        _control.RebootIntoTrial();

        Assert.Equal(["0 tryboot"], _reboot.Restarts);
    }

    [Fact]
    public void Reboot_into_a_trial_that_is_not_armed_is_refused()
    {
        Assert.Throws<BootControlException>(_control.RebootIntoTrial);
        Assert.Empty(_reboot.Restarts);
    }

    [Fact]
    public void During_the_trial_boot_the_try_is_used_and_the_booted_slot_is_the_trial()
    {
        _control.ArmTrial(SlotName.B, 1);
        Assert.Equal(SlotName.A, _control.ReadBootedSlot());

        SetTrybootCell(1);

        Assert.True(_control.InTrialBoot);
        Assert.Equal(new BootState(SlotName.A, SlotName.B, 0), _control.Read());
        Assert.Equal(SlotName.A, _control.Read().NextBoot);
        Assert.Equal(SlotName.B, _control.ReadBootedSlot());
    }

    [Fact]
    public void A_normal_boot_reports_a_zero_cell()
    {
        SetTrybootCell(0);

        Assert.False(_control.InTrialBoot);
    }

    [Fact]
    public void A_partition_that_is_no_slot_is_named_in_the_error()
    {
        File.WriteAllText(_settings.AutobootFile, "[all]\nboot_partition=5\n");

        var error = Assert.Throws<BootControlException>(_control.Read);

        Assert.Contains("[all] boot_partition=5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(0, 3)]
    [InlineData(2, 64)]
    public void Slot_partitions_must_be_two_different_valid_numbers(int a, int b)
    {
        var error = Assert.Throws<ArgumentException>(() => new TrybootBootControl(_settings with { PartitionA = a, PartitionB = b }, _reboot));

        Assert.Equal("settings", error.ParamName);
    }

    private void SetTrybootCell(byte value)
    {
        var directory = Path.Combine(_settings.DeviceTreeRoot, "chosen", "bootloader");
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "tryboot"), [0, 0, 0, value]);
    }

    public void Dispose() => _scratch.Dispose();
}
