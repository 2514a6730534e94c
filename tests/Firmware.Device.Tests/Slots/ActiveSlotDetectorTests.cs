using Firmware.Boot;
using Firmware.Device.Boot;
using Firmware.Device.Boot.Grub;
using Firmware.Device.Slots;

namespace Firmware.Device.Tests.Slots;

[Trait("Category", "Unit")]
public sealed class ActiveSlotDetectorTests : IDisposable
{
    private static readonly SlotLayout Layout = new(new SlotDevice("/dev/mmcblk0p2"), new SlotDevice("/dev/mmcblk0p3"));
    private readonly ScratchDirectory _scratch = new();
    private readonly FakeSystem _system;

    public ActiveSlotDetectorTests()
    {
        _system = new FakeSystem(_scratch)
            .Partition("mmcblk0p2", "179:2", label: "root-a", partUuid: "0f1e2d3c-02")
            .Partition("mmcblk0p3", "179:3", label: "root-b", partUuid: "0f1e2d3c-03")
            .Partition("mmcblk0p4", "179:4", label: "data", partUuid: "0f1e2d3c-04");
    }

    [Fact]
    public void Three_sources_that_agree_give_the_slot_and_the_other_is_inactive()
    {
        _system.CommandLine("console=ttyS0 root=PARTUUID=0F1E2D3C-03 fw.slot=B rootwait").RootMount("179:3");

        var active = Detect(Grub(SlotName.B));

        Assert.Equal(SlotName.B, active.Slot);
        Assert.Equal(SlotName.A, active.Inactive);
        Assert.Equal(
            ["kernel command line said fw.slot=B (slot B)", "kernel command line said root=PARTUUID=0F1E2D3C-03 (slot B)",
             "boot environment (grub) said it chose B (slot B)", "mounts said / is squashfs /dev/root on 179:3 (mmcblk0p3) (slot B)"],
            active.Evidence.Select(e => e.ToString()));
    }

    [Fact]
    public void Root_by_partition_label_matches_the_slot_through_sysfs()
    {
        _system.CommandLine("root=PARTLABEL=root-a ro").RootMount("179:2");

        Assert.Equal(SlotName.A, Detect(null).Slot);
    }

    [Fact]
    public void Slots_configured_by_udev_links_resolve_to_the_same_devices()
    {
        _system.CommandLine("root=/dev/mmcblk0p3").RootMount("179:3");
        var layout = new SlotLayout(new SlotDevice("/dev/disk/by-partlabel/root-a"), new SlotDevice("/dev/disk/by-partuuid/0f1e2d3c-03"));

        Assert.Equal(SlotName.B, new ActiveSlotDetector(layout, null, _system.Roots).Detect().Slot);
    }

    [Fact]
    public void A_partuuid_without_udev_links_says_nothing_and_the_other_sources_decide()
    {
        _system.CommandLine("root=PARTUUID=99999999-03 fw.slot=B").RootMount("179:3");

        var active = Detect(null);

        Assert.Equal(SlotName.B, active.Slot);
        Assert.Equal("kernel command line said root=PARTUUID=99999999-03, and /dev/disk/by-partuuid/99999999-03 does not exist (no slot)", active.Evidence[1].ToString());
    }

    [Fact]
    public void A_dm_verity_root_resolves_to_the_partition_beneath()
    {
        _system.Partition("dm-0", "254:0", slaves: "mmcblk0p2").CommandLine("fw.slot=A").RootMount("254:0", source: "/dev/dm-0");

        var active = Detect(null);

        Assert.Equal(SlotName.A, active.Slot);
        Assert.Contains("mmcblk0p2", active.Evidence[^1].Said, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_slot_mounted_through_a_loop_device_matches_by_its_backing_file()
    {
        var layout = new SlotLayout(new SlotDevice("/var/lib/slots/a.img"), new SlotDevice("/var/lib/slots/b.img"));
        _system.Loop("loop3", "7:3", "/var/lib/slots/b.img").CommandLine("console=ttyS0").RootMount("7:3");

        var active = new ActiveSlotDetector(layout, null, _system.Roots).Detect();

        Assert.Equal(SlotName.B, active.Slot);
        Assert.Equal("mounts said / is squashfs /dev/root on 7:3 (loop3) (slot B)", active.Evidence[^1].ToString());
    }

    [Fact]
    public void An_overlay_root_says_nothing_and_the_other_sources_decide()
    {
        _system.CommandLine("fw.slot=B").RootMount("0:35", fsType: "overlay", source: "overlay");

        var active = Detect(Grub(SlotName.B));

        Assert.Equal(SlotName.B, active.Slot);
        Assert.Null(active.Evidence[^1].Slot);
    }

    [Fact]
    public void Disagreeing_sources_are_refused_and_each_is_named_with_what_it_said()
    {
        _system.CommandLine("fw.slot=A").RootMount("179:3");

        var error = Assert.Throws<SlotDetectionException>(() => Detect(Grub(SlotName.A)));

        Assert.Equal(
            "cannot tell the booted slot: the sources disagree: kernel command line said fw.slot=A (slot A); " +
            "boot environment (grub) said it chose A (slot A); mounts said / is squashfs /dev/root on 179:3 (mmcblk0p3) (slot B)",
            error.Message);
    }

    [Fact]
    public void A_boot_environment_that_chose_the_other_slot_is_refused()
    {
        _system.CommandLine("fw.slot=B").RootMount("179:3");

        var error = Assert.Throws<SlotDetectionException>(() => Detect(Grub(SlotName.A)));

        Assert.Contains("boot environment (grub) said it chose A", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fw.slot=B", "179:4", "mounts said / is squashfs /dev/root on 179:4 (mmcblk0p4) (neither slot)")]
    [InlineData("root=PARTLABEL=data", "179:3", "kernel command line said root=PARTLABEL=data (neither slot)")]
    [InlineData("fw.slot=C", "179:3", "kernel command line said fw.slot=C (neither slot)")]
    public void A_source_naming_neither_slot_is_refused(string commandLine, string rootDevice, string expected)
    {
        _system.CommandLine(commandLine).RootMount(rootDevice);

        var error = Assert.Throws<SlotDetectionException>(() => Detect(null));

        Assert.StartsWith("cannot tell the booted slot: a source names neither slot", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_source_naming_a_slot_is_refused()
    {
        _system.CommandLine("console=ttyS0").RootMount("0:35", fsType: "overlay", source: "overlay");

        var error = Assert.Throws<SlotDetectionException>(() => Detect(null));

        Assert.StartsWith("cannot tell the booted slot: no source names a slot", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The GRUB backend over a block whose script chose <paramref name="slot"/> (committed there, no trial).</summary>
    private GrubBootControl Grub(SlotName slot)
    {
        var block = new GrubEnvironmentBlock();
        block.Set(BootVariables.Primary, slot.Letter());
        File.WriteAllBytes(_scratch.Of("grubenv"), block.ToBytes());
        return new GrubBootControl(_scratch.Of("grubenv"));
    }

    private ActiveSlot Detect(IBootedSlotRecord? record) => new ActiveSlotDetector(Layout, record, _system.Roots).Detect();

    public void Dispose() => _scratch.Dispose();
}
