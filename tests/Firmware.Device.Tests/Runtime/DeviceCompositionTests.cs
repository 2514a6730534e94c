using Firmware.Device.Config;
using Firmware.Device.Runtime;
using Firmware.Device.Slots;
using Firmware.Device.Tests.Boot;
using Firmware.Device.Tests.Slots;
using Firmware.Fuzz;

namespace Firmware.Device.Tests.Runtime;

/// <summary>A device composed from agent.yml: the booted slot comes from the detector, which refuses when its sources disagree.</summary>
[Trait("Category", "Unit")]
public sealed class DeviceCompositionTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private AgentConfig Config(string boot) => AgentConfigParser.Parse($$"""
        device: { id: dev-1, compatible: {{FuzzKeys.Board}} }
        data-dir: {{_scratch.Of("data")}}
        slots:
          a: { device: /dev/vda2 }
          b: { device: /dev/vda3 }
        boot: {{boot}}
        trust: /etc/fwagent/trust.json
        """, "agent.yml");

    private static AgentHost Host(FakeSystem system) => new() { Roots = system.Roots, Reboot = new RecordingReboot(), Http = new HttpClient() };

    [Fact]
    public void The_booted_slot_is_the_one_the_command_line_and_the_mounts_agree_on()
    {
        var system = new FakeSystem(_scratch).Partition("vda2", "254:2", "root-a").Partition("vda3", "254:3", "root-b")
            .CommandLine("fw.slot=B root=PARTLABEL=root-b").RootMount("254:3");
        var composed = DeviceComposition.Compose(Config($$"""{ backend: simulated, simulated: { state: {{_scratch.Of("boot.state")}} } }"""), Host(system), FuzzKeys.Trust);

        Assert.Equal(SlotName.B, composed.Device.Booted);
        Assert.Equal(3, composed.Active.Evidence.Count);
        Assert.Equal("simulated", composed.Device.Boot.Name);
        Assert.Equal(4096, composed.Device.Slots.A.Rootfs.Capacity);
        Assert.Equal(FuzzKeys.Board, composed.Options.Board);
    }

    [Fact]
    public void The_running_slot_is_never_opened_for_writing_and_the_other_one_is_written_and_synced()
    {
        File.WriteAllBytes(_scratch.Of("slot-a.img"), new byte[8192]);
        File.WriteAllBytes(_scratch.Of("slot-b.img"), new byte[8192]);
        var config = AgentConfigParser.Parse($$"""
            device: { id: dev-1, compatible: {{FuzzKeys.Board}} }
            data-dir: {{_scratch.Of("data")}}
            slots:
              a: { file: {{_scratch.Of("slot-a.img")}}, size: 8KiB }
              b: { file: {{_scratch.Of("slot-b.img")}}, size: 8KiB }
            boot: { backend: simulated, simulated: { state: {{_scratch.Of("boot.state")}} } }
            trust: /etc/fwagent/trust.json
            """, "agent.yml");
        var composed = DeviceComposition.Compose(config, Host(new FakeSystem(_scratch).CommandLine("fw.slot=A")), FuzzKeys.Trust);

        var refused = Assert.Throws<IOException>(() => composed.Device.Slots.A.Rootfs.OpenWrite());
        using (var slot = composed.Device.Slots.B.Rootfs.OpenWrite())
        {
            slot.Position = 4096;
            slot.Write([1, 2, 3]);
            slot.Flush();
        }

        Assert.Contains("belongs to the running slot", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new byte[8192], File.ReadAllBytes(_scratch.Of("slot-a.img")));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(_scratch.Of("slot-b.img"))[4096..4099]);
    }

    [Fact]
    public void A_slot_s_boot_partition_is_a_target_of_its_group_and_the_running_slot_s_is_never_opened_for_writing()
    {
        foreach (var name in new[] { "root-a.img", "root-b.img", "boot-a.img", "boot-b.img" })
        {
            File.WriteAllBytes(_scratch.Of(name), new byte[8192]);
        }

        var config = AgentConfigParser.Parse($$"""
            device: { id: dev-1, compatible: {{FuzzKeys.Board}} }
            data-dir: {{_scratch.Of("data")}}
            slots:
              a: { file: {{_scratch.Of("root-a.img")}}, size: 8KiB, boot: { file: {{_scratch.Of("boot-a.img")}}, size: 4KiB } }
              b: { file: {{_scratch.Of("root-b.img")}}, size: 8KiB, boot: { file: {{_scratch.Of("boot-b.img")}}, size: 4KiB } }
            boot: { backend: simulated, simulated: { state: {{_scratch.Of("boot.state")}} } }
            trust: /etc/fwagent/trust.json
            """, "agent.yml");
        var composed = DeviceComposition.Compose(config, Host(new FakeSystem(_scratch).CommandLine("fw.slot=A")), FuzzKeys.Trust);

        Assert.Equal(4096, composed.Device.Slots.B.Boot!.Capacity);
        var refused = Assert.Throws<IOException>(() => composed.Device.Slots.A.Boot!.OpenWrite());
        using (var boot = composed.Device.Slots.B.Boot.OpenWrite())
        {
            boot.Write([7, 8, 9]);
            boot.Flush();
        }

        Assert.Contains("slot A's boot partition", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new byte[8192], File.ReadAllBytes(_scratch.Of("boot-a.img")));
        Assert.Equal([7, 8, 9], File.ReadAllBytes(_scratch.Of("boot-b.img"))[..3]);
        Assert.Equal(new byte[8192], File.ReadAllBytes(_scratch.Of("root-b.img")));
    }

    [Fact]
    public void Sources_that_disagree_are_refused_before_anything_is_opened()
    {
        var system = new FakeSystem(_scratch).Partition("vda2", "254:2", "root-a").Partition("vda3", "254:3", "root-b")
            .CommandLine("fw.slot=A").RootMount("254:3");
        var error = Assert.Throws<SlotDetectionException>(() =>
            DeviceComposition.Compose(Config($$"""{ backend: simulated, simulated: { state: {{_scratch.Of("boot.state")}} } }"""), Host(system), FuzzKeys.Trust));

        Assert.StartsWith("cannot tell the booted slot: the sources disagree: kernel command line said fw.slot=A (slot A)", error.Message);
        Assert.False(Directory.Exists(_scratch.Of("data")) && File.Exists(Path.Combine(_scratch.Of("data"), "checkpoint-0.db")));
    }

    [Fact]
    public void A_grub_backend_comes_from_the_registry_and_its_environment_counts_as_evidence()
    {
        var system = new FakeSystem(_scratch).Partition("vda2", "254:2").Partition("vda3", "254:3").CommandLine("fw.slot=A");
        var env = _scratch.Of("grubenv");
        File.WriteAllText(env, "# GRUB Environment Block\nfw_booted=B\n".PadRight(1024, '#'));

        var error = Assert.Throws<SlotDetectionException>(() => DeviceComposition.Compose(Config($$"""{ backend: grub, grub: { env: {{env}} } }"""), Host(system), FuzzKeys.Trust));

        Assert.Contains("boot environment (grub) said it chose B", error.Message);
    }
}
