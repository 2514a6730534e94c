using Firmware.Device.Config;
using Firmware.Device.Slots;
using Firmware.Versioning;

namespace Firmware.Device.Tests.Config;

[Trait("Category", "Unit")]
public sealed class AgentConfigParserTests
{
    internal const string Full = """
        device:
          id: pump-0042
          compatible: qemu-x86_64
        data-dir: /data/fwagent
        slots:
          a: { device: /dev/vda2 }
          b: { device: /dev/vda3, size: 512MiB }
        boot:
          backend: grub
          tries: 2
          grub: { env: /boot/efi/EFI/BOOT/grubenv }
        health:
          timeout-s: 120
          retry-s: 3
          services: { status: /run/fw-init/services, required: [sshd, app], up-s: 10 }
          broker: { timeout-s: 5 }
          commands:
            - { name: gateway, run: [/bin/ping, -c1, 10.0.0.1], timeout-s: 5 }
            - { run: [/usr/bin/app-selftest] }
          min-memory: 32MiB
          disks:
            - { mount: /data, min-free: 64MiB }
        telemetry:
          interval-s: 30
          ring: 2880
          mounts: [/, /data]
        led: { chip: 0, line: 17, active: low }
        broker:
          url: mqtts://broker.example:8884
          ca: /etc/fwagent/ca.pem
          cert: /etc/fwagent/device.pem
          key: /etc/fwagent/device.key
        trust: /etc/fwagent/trust.json
        """;

    internal const string Minimal = """
        device: { id: dev1, compatible: board }
        slots:
          a: { file: /data/a.img, size: 64MiB }
          b: { file: /data/b.img, size: 64MiB }
        boot: { backend: simulated, simulated: { state: /data/boot.state } }
        """;

    [Fact]
    public void Reads_each_slot_s_boot_partition_as_a_target_of_its_group()
    {
        var config = AgentConfigParser.Parse("""
            device: { id: pi-7, compatible: raspberrypi-4-model-b }
            slots:
              a: { device: /dev/disk/by-partlabel/rootfs-a, boot: { device: /dev/disk/by-partlabel/boot-a } }
              b: { device: /dev/disk/by-partlabel/rootfs-b, boot: { device: /dev/disk/by-partlabel/boot-b, size: 64MiB } }
            boot:
              backend: tryboot
              tries: 1
              tryboot: { autoboot: /boot/firmware/autoboot.txt, partition-a: 2, partition-b: 3 }
            """, "agent.yml");

        Assert.Equal(new SlotConfig(SlotName.A, "/dev/disk/by-partlabel/boot-a", false, null), config.SlotA.Boot);
        Assert.Equal(new SlotConfig(SlotName.B, "/dev/disk/by-partlabel/boot-b", false, 64L << 20), config.SlotB.Boot);
        Assert.Equal("/dev/disk/by-partlabel/rootfs-b", config.SlotB.Path);
        Assert.Null(AgentConfigParser.Parse(Full, "agent.yml").SlotA.Boot);
    }

    [Fact]
    public void The_board_comes_from_the_roots_release_file_when_agent_yml_leaves_it_out_and_must_match_it_otherwise()
    {
        var release = new FirmwareRelease("gateway", FirmwareVersion.Parse("0.2.0"), "qemu-arm64");
        var withoutBoard = Minimal.Replace("{ id: dev1, compatible: board }", "{ id: dev1 }", StringComparison.Ordinal);

        Assert.Equal("qemu-arm64", AgentConfigParser.Parse(withoutBoard, "agent.yml", release).Compatible);
        var missing = Assert.Throws<AgentConfigException>(() => AgentConfigParser.Parse(withoutBoard, "agent.yml"));
        Assert.Equal((AgentConfigError.MissingKey, "device.compatible"), (missing.Error, missing.Key));
        var other = Assert.Throws<AgentConfigException>(() => AgentConfigParser.Parse(Minimal, "agent.yml", release));
        Assert.Equal((AgentConfigError.Conflict, "device.compatible"), (other.Error, other.Key));
        Assert.Contains("is 'board', but the running root was built for board 'qemu-arm64' (/etc/fw-release)", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_every_key_of_a_full_file()
    {
        var config = AgentConfigParser.Parse(Full, "agent.yml");

        Assert.Equal("pump-0042", config.DeviceId);
        Assert.Equal("qemu-x86_64", config.Compatible);
        Assert.Equal(new SlotConfig(SlotName.A, "/dev/vda2", false, null), config.SlotA);
        Assert.Equal(new SlotConfig(SlotName.B, "/dev/vda3", false, 512L << 20), config.Slot(SlotName.B));
        Assert.Equal(new GrubBootConfig("/boot/efi/EFI/BOOT/grubenv"), config.Boot);
        Assert.Equal(2, config.TrialTries);
        Assert.Equal(TimeSpan.FromSeconds(120), config.Health.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(3), config.Health.Retry);
        Assert.Equal(["sshd", "app"], config.Health.Services!.Required);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Health.Services.MinUptime);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Health.BrokerTimeout);
        Assert.Equal(new CommandCheckConfig("gateway", ["/bin/ping", "-c1", "10.0.0.1"], TimeSpan.FromSeconds(5)), config.Health.Commands[0], CommandComparer);
        Assert.Equal("app-selftest", config.Health.Commands[1].Name);
        Assert.Equal(HealthConfig.DefaultCommandTimeout, config.Health.Commands[1].Timeout);
        Assert.Equal(32L << 20, config.Health.MinMemoryAvailable);
        Assert.Equal([new DiskCheckConfig("/data", 64L << 20)], config.Health.Disks);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Telemetry.Interval);
        Assert.Equal(2880, config.Telemetry.RingCapacity);
        Assert.Equal(["/", "/data"], config.Telemetry.Mounts);
        Assert.Equal(new LedConfig(0, 17, ActiveLow: true), config.Led);
        Assert.Equal(("broker.example", 8884, true), (config.Broker!.Host, config.Broker.Port, config.Broker.UseTls));
        Assert.Equal("/etc/fwagent/device.key", config.Broker.KeyFile);
        Assert.Equal("/etc/fwagent/trust.json", config.TrustFile);
    }

    [Fact]
    public void Applies_defaults_to_a_minimal_file()
    {
        var config = AgentConfigParser.Parse(Minimal, "agent.yml");

        Assert.Equal("/data/fwagent", config.DataDirectory);
        Assert.True(config.SlotA.IsFile);
        Assert.Equal(new SimulatedBootConfig("/data/boot.state"), config.Boot);
        Assert.Equal(3, config.TrialTries);
        Assert.Equal(HealthConfig.DefaultTimeout, config.Health.Timeout);
        Assert.Null(config.Health.Services);
        Assert.Empty(config.Health.Commands);
        Assert.Equal(new TelemetryConfig(TelemetryConfig.DefaultInterval, TelemetryConfig.DefaultRingCapacity, ["/data/fwagent"]).Mounts, config.Telemetry.Mounts);
        Assert.Null(config.Led);
        Assert.Null(config.Broker);
        Assert.Equal("/etc/fwagent/trust.json", config.TrustFile);
    }

    [Theory]
    [InlineData("uboot", "uboot: { fw-env-config: /etc/fw_env.config }")]
    [InlineData("uboot", "")]
    [InlineData("tryboot", "tryboot: { partition-a: 5, partition-b: 6 }")]
    public void Reads_each_boot_backend(string backend, string block)
    {
        var yaml = Minimal.Replace("boot: { backend: simulated, simulated: { state: /data/boot.state } }", $"boot:\n  backend: {backend}\n  {block}", StringComparison.Ordinal);

        var boot = AgentConfigParser.Parse(yaml, "agent.yml").Boot;

        Assert.Equal(backend, boot.Name);
        if (boot is TrybootBootConfig tryboot)
        {
            Assert.Equal((TrybootBootConfig.DefaultAutoboot, 5, 6), (tryboot.Autoboot, tryboot.PartitionA, tryboot.PartitionB));
        }
        else
        {
            Assert.Equal(new UBootBootConfig(UBootBootConfig.DefaultFwEnvConfig), boot);
        }
    }

    [Fact]
    public void Reads_a_password_login_and_the_default_mqtts_port()
    {
        var config = AgentConfigParser.Parse(Minimal + "\nbroker: { url: 'mqtts://10.0.0.5', username: dev1, password-file: /etc/fwagent/password }", "agent.yml");

        Assert.Equal((8883, "dev1", "/etc/fwagent/password"), (config.Broker!.Port, config.Broker.Username, config.Broker.PasswordFile));
    }

    [Theory]
    [InlineData("mqtt://broker", false, "broker", 1883)]
    [InlineData("mqtts://broker.example:8884/", true, "broker.example", 8884)]
    [InlineData("mqtt://10.0.0.5:1884", false, "10.0.0.5", 1884)]
    [InlineData("mqtts://[fd00::5]", true, "fd00::5", 8883)]
    [InlineData("mqtt://[::1]:2000", false, "::1", 2000)]
    public void Reads_broker_urls(string url, bool tls, string host, int port)
    {
        var broker = AgentConfigParser.Parse(AgentConfigParserTests.Minimal + $"\nbroker: {{ url: '{url}' }}", "agent.yml").Broker!;

        Assert.Equal((tls, host, port), (broker.UseTls, broker.Host, broker.Port));
    }

    [Theory]
    [InlineData("http://broker")]
    [InlineData("mqtt://")]
    [InlineData("mqtt://user@broker")]
    [InlineData("mqtt://broker:0")]
    [InlineData("mqtt://broker:70000")]
    [InlineData("mqtt://broker/topic")]
    [InlineData("mqtt://[nonsense]")]
    [InlineData("mqtt://broker:12x")]
    public void Rejects_other_urls(string url)
    {
        var error = Assert.Throws<AgentConfigException>(() => AgentConfigParser.Parse(AgentConfigParserTests.Minimal + $"\nbroker: {{ url: '{url}' }}", "agent.yml"));

        Assert.Equal((AgentConfigError.InvalidValue, "broker.url"), (error.Error, error.Key));
    }

    private static readonly IEqualityComparer<CommandCheckConfig> CommandComparer = EqualityComparer<CommandCheckConfig>.Create(
        (x, y) => x!.Name == y!.Name && x.Timeout == y.Timeout && x.Arguments.SequenceEqual(y.Arguments), c => c.Name.GetHashCode(StringComparison.Ordinal));
}
