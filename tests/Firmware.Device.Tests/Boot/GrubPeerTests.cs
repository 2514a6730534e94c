using Firmware.Device.Boot;
using Firmware.Device.Boot.Grub;
using Firmware.Device.Slots;

namespace Firmware.Device.Tests.Boot;

/// <summary>grub-editenv is the peer: it lists what the backend armed, and the backend reads what it set.</summary>
[Trait("Category", "Integration")]
public sealed class GrubPeerTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();
    private readonly string _file;

    public GrubPeerTests()
    {
        _file = _scratch.Of("grubenv");
        GrubEditenv("create");
        GrubEditenv("set", "saved_entry=0");
    }

    [Fact]
    public void Grub_editenv_lists_the_armed_trial_and_keeps_other_variables()
    {
        new GrubBootControl(_file).ArmTrial(SlotName.B, 3);

        Assert.Equal("saved_entry=0\nfw_trial=B\nfw_tries=3\n", GrubEditenv("list"));
        Assert.Equal(1024, new FileInfo(_file).Length);
    }

    [Fact]
    public void The_backend_reads_what_grub_editenv_set()
    {
        GrubEditenv("set", "fw_primary=B", "fw_trial=A", "fw_tries=1");

        Assert.Equal(new BootState(SlotName.B, SlotName.A, 1), new GrubBootControl(_file).Read());
    }

    [Fact]
    public void Commit_leaves_a_block_grub_editenv_reads_with_the_trial_gone()
    {
        var control = new GrubBootControl(_file);
        control.ArmTrial(SlotName.B, 2);
        GrubEditenv("set", "fw_tries=1", "fw_booted=B");

        control.Commit(SlotName.B);

        Assert.Equal("saved_entry=0\nfw_primary=B\n", GrubEditenv("list"));
    }

    [Fact]
    public void A_value_grub_editenv_set_that_is_not_a_slot_is_named_in_the_error()
    {
        GrubEditenv("set", "fw_trial=C");

        var error = Assert.Throws<BootControlException>(() => new GrubBootControl(_file).Read());

        Assert.Contains(_file, error.Message, StringComparison.Ordinal);
        Assert.Contains("fw_trial is 'C'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_block_is_an_error_that_says_how_to_create_it()
    {
        var error = Assert.Throws<BootControlException>(() => new GrubBootControl(_scratch.Of("absent")).Read());

        Assert.Contains("grub-editenv", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_scratch.Of("absent")));
    }

    private string GrubEditenv(params string[] args)
    {
        var result = ProcessRunner.Run("grub-editenv", [_file, .. args], _scratch.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    public void Dispose() => _scratch.Dispose();
}
