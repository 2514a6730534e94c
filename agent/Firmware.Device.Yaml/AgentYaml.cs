using YamlDotNet.Serialization;

namespace Firmware.Device.Yaml;

// agent.yml exactly as written, before validation (docs/agent.md, "Configuration"). Every value is
// nullable so that the validator, not the deserializer, decides what is required and which
// defaults apply. Settable properties only: the static generator cannot assign init-only ones.

/// <summary>The whole file.</summary>
internal sealed class AgentYaml
{
    [YamlMember(Alias = "device")]
    public DeviceYaml? Device { get; set; }

    [YamlMember(Alias = "data-dir")]
    public string? DataDir { get; set; }

    [YamlMember(Alias = "slots")]
    public SlotsYaml? Slots { get; set; }

    [YamlMember(Alias = "boot")]
    public BootYaml? Boot { get; set; }

    [YamlMember(Alias = "health")]
    public HealthYaml? Health { get; set; }

    [YamlMember(Alias = "telemetry")]
    public TelemetryYaml? Telemetry { get; set; }

    [YamlMember(Alias = "led")]
    public LedYaml? Led { get; set; }

    [YamlMember(Alias = "broker")]
    public BrokerYaml? Broker { get; set; }

    [YamlMember(Alias = "trust")]
    public string? Trust { get; set; }
}

/// <summary><c>device: { id: ..., compatible: ... }</c>.</summary>
internal sealed class DeviceYaml
{
    [YamlMember(Alias = "id")]
    public string? Id { get; set; }

    [YamlMember(Alias = "compatible")]
    public string? Compatible { get; set; }
}

/// <summary><c>slots: { a: ..., b: ... }</c>.</summary>
internal sealed class SlotsYaml
{
    [YamlMember(Alias = "a")]
    public SlotYaml? A { get; set; }

    [YamlMember(Alias = "b")]
    public SlotYaml? B { get; set; }
}

/// <summary>
/// One slot: <c>{ device: /dev/mmcblk0p2 }</c> or <c>{ file: /data/slot-a.img, size: 256MiB }</c>,
/// with its boot partition where the board has one per slot: <c>boot: { device: /dev/mmcblk0p2 }</c>.
/// </summary>
internal sealed class SlotYaml
{
    [YamlMember(Alias = "boot")]
    public SlotYaml? Boot { get; set; }

    [YamlMember(Alias = "device")]
    public string? Device { get; set; }

    [YamlMember(Alias = "file")]
    public string? File { get; set; }

    [YamlMember(Alias = "size")]
    public string? Size { get; set; }
}

/// <summary><c>boot: { backend: grub, tries: 3, grub: {...} }</c>: one settings block, the backend's.</summary>
internal sealed class BootYaml
{
    [YamlMember(Alias = "backend")]
    public string? Backend { get; set; }

    [YamlMember(Alias = "tries")]
    public int? Tries { get; set; }

    [YamlMember(Alias = "grub")]
    public GrubYaml? Grub { get; set; }

    [YamlMember(Alias = "uboot")]
    public UBootYaml? UBoot { get; set; }

    [YamlMember(Alias = "tryboot")]
    public TrybootYaml? Tryboot { get; set; }

    [YamlMember(Alias = "simulated")]
    public SimulatedYaml? Simulated { get; set; }
}

/// <summary><c>grub: { env: /boot/efi/EFI/BOOT/grubenv }</c>.</summary>
internal sealed class GrubYaml
{
    [YamlMember(Alias = "env")]
    public string? Env { get; set; }
}

/// <summary><c>uboot: { fw-env-config: /etc/fw_env.config }</c>.</summary>
internal sealed class UBootYaml
{
    [YamlMember(Alias = "fw-env-config")]
    public string? FwEnvConfig { get; set; }
}

/// <summary><c>tryboot: { autoboot: ..., tryboot-flag: ..., partition-a: 2, partition-b: 3 }</c>.</summary>
internal sealed class TrybootYaml
{
    [YamlMember(Alias = "autoboot")]
    public string? Autoboot { get; set; }

    [YamlMember(Alias = "tryboot-flag")]
    public string? TrybootFlag { get; set; }

    [YamlMember(Alias = "partition-a")]
    public int? PartitionA { get; set; }

    [YamlMember(Alias = "partition-b")]
    public int? PartitionB { get; set; }
}

/// <summary><c>simulated: { state: /data/fwagent/boot.env }</c>.</summary>
internal sealed class SimulatedYaml
{
    [YamlMember(Alias = "state")]
    public string? State { get; set; }
}

/// <summary>The health gate's checks and deadline.</summary>
internal sealed class HealthYaml
{
    [YamlMember(Alias = "timeout-s")]
    public int? TimeoutS { get; set; }

    [YamlMember(Alias = "retry-s")]
    public int? RetryS { get; set; }

    [YamlMember(Alias = "services")]
    public ServicesYaml? Services { get; set; }

    [YamlMember(Alias = "broker")]
    public BrokerCheckYaml? Broker { get; set; }

    [YamlMember(Alias = "commands")]
    public List<CommandYaml>? Commands { get; set; }

    [YamlMember(Alias = "min-memory")]
    public string? MinMemory { get; set; }

    [YamlMember(Alias = "disks")]
    public List<DiskYaml>? Disks { get; set; }
}

/// <summary><c>services: { status: /run/fw-init/services, required: [a, b] }</c>.</summary>
internal sealed class ServicesYaml
{
    [YamlMember(Alias = "status")]
    public string? Status { get; set; }

    [YamlMember(Alias = "required")]
    public List<string>? Required { get; set; }

    [YamlMember(Alias = "up-s")]
    public int? UpS { get; set; }
}

/// <summary><c>broker: { timeout-s: 10 }</c> under <c>health:</c>.</summary>
internal sealed class BrokerCheckYaml
{
    [YamlMember(Alias = "timeout-s")]
    public int? TimeoutS { get; set; }
}

/// <summary><c>{ name: ..., run: [argv...], timeout-s: 10 }</c>.</summary>
internal sealed class CommandYaml
{
    [YamlMember(Alias = "name")]
    public string? Name { get; set; }

    [YamlMember(Alias = "run")]
    public List<string>? Run { get; set; }

    [YamlMember(Alias = "timeout-s")]
    public int? TimeoutS { get; set; }
}

/// <summary><c>{ mount: /data, min-free: 64MiB }</c>.</summary>
internal sealed class DiskYaml
{
    [YamlMember(Alias = "mount")]
    public string? Mount { get; set; }

    [YamlMember(Alias = "min-free")]
    public string? MinFree { get; set; }
}

/// <summary><c>telemetry: { interval-s: 60, ring: 10000, mounts: [/, /data] }</c>.</summary>
internal sealed class TelemetryYaml
{
    [YamlMember(Alias = "interval-s")]
    public int? IntervalS { get; set; }

    [YamlMember(Alias = "ring")]
    public int? Ring { get; set; }

    [YamlMember(Alias = "mounts")]
    public List<string>? Mounts { get; set; }
}

/// <summary><c>led: { chip: 0, line: 17, active: high }</c>.</summary>
internal sealed class LedYaml
{
    [YamlMember(Alias = "chip")]
    public int? Chip { get; set; }

    [YamlMember(Alias = "line")]
    public int? Line { get; set; }

    [YamlMember(Alias = "active")]
    public string? Active { get; set; }
}

/// <summary><c>broker: { url: mqtts://host:8883, ca: ..., cert: ..., key: ..., username: ..., password-file: ... }</c>.</summary>
internal sealed class BrokerYaml
{
    [YamlMember(Alias = "url")]
    public string? Url { get; set; }

    [YamlMember(Alias = "ca")]
    public string? Ca { get; set; }

    [YamlMember(Alias = "cert")]
    public string? Cert { get; set; }

    [YamlMember(Alias = "key")]
    public string? Key { get; set; }

    [YamlMember(Alias = "username")]
    public string? Username { get; set; }

    [YamlMember(Alias = "password-file")]
    public string? PasswordFile { get; set; }
}

/// <summary>The generated, reflection-free (NativeAOT-safe) serialization context for the types above.</summary>
[YamlStaticContext]
[YamlSerializable(typeof(AgentYaml))]
[YamlSerializable(typeof(DeviceYaml))]
[YamlSerializable(typeof(SlotsYaml))]
[YamlSerializable(typeof(SlotYaml))]
[YamlSerializable(typeof(BootYaml))]
[YamlSerializable(typeof(GrubYaml))]
[YamlSerializable(typeof(UBootYaml))]
[YamlSerializable(typeof(TrybootYaml))]
[YamlSerializable(typeof(SimulatedYaml))]
[YamlSerializable(typeof(HealthYaml))]
[YamlSerializable(typeof(ServicesYaml))]
[YamlSerializable(typeof(BrokerCheckYaml))]
[YamlSerializable(typeof(CommandYaml))]
[YamlSerializable(typeof(DiskYaml))]
[YamlSerializable(typeof(TelemetryYaml))]
[YamlSerializable(typeof(LedYaml))]
[YamlSerializable(typeof(BrokerYaml))]
public sealed partial class AgentYamlContext : StaticContext;
