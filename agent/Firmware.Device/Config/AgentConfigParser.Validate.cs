using Firmware.Device.Slots;
using Firmware.Device.Yaml;
using Firmware.Versioning;

namespace Firmware.Device.Config;

// The semantic stage: the document deserialized; now decide what is required, apply defaults,
// check ranges and settings that contradict each other. Errors name the line where the offending
// mapping starts and the key as a dotted path.
public static partial class AgentConfigParser
{
    private const string DefaultDataDirectory = "/data/fwagent";
    private const string DefaultTrustFile = "/etc/fwagent/trust.json";
    private const int DayInSeconds = 24 * 60 * 60;

    private static AgentConfig Validate(AgentYaml file, Checker check, FirmwareRelease? release)
    {
        var device = file.Device ?? throw check.Error(AgentConfigError.MissingKey, file, "device", "is required: { id: ..., compatible: ... }");
        var compatible = CompatibleOf(device, release, check);
        var dataDirectory = check.AbsolutePath(file.DataDir ?? DefaultDataDirectory, file, "data-dir");
        var boot = file.Boot ?? throw check.Error(AgentConfigError.MissingKey, file, "boot", "is required: { backend: grub|uboot|tryboot|simulated, ... }");
        var slots = file.Slots ?? throw check.Error(AgentConfigError.MissingKey, file, "slots", "is required: { a: ..., b: ... }");
        var slotA = SlotOf(SlotName.A, slots.A, slots, check);
        var slotB = SlotOf(SlotName.B, slots.B, slots, check);
        var places = new[] { slotA, slotA.Boot, slotB, slotB.Boot }.OfType<SlotConfig>().GroupBy(s => s.Path).FirstOrDefault(g => g.Count() > 1);
        if (places is not null)
        {
            throw check.Error(AgentConfigError.Conflict, slots, "slots", $"two targets are the same place ({places.Key})");
        }

        if ((slotA.Boot is null) != (slotB.Boot is null))
        {
            var without = slotA.Boot is null ? "a" : "b";
            throw check.Error(AgentConfigError.Conflict, slots, $"slots.{without}.boot", "is required: the other slot has a boot partition, and both slots must be the same group of targets");
        }

        var broker = file.Broker is { } b ? BrokerOf(b, check) : null;
        return new AgentConfig
        {
            Source = check.Source,
            DeviceId = check.Name(device.Id, device, "device.id"),
            Compatible = compatible,
            DataDirectory = dataDirectory,
            SlotA = slotA,
            SlotB = slotB,
            Boot = BootOf(boot, check),
            TrialTries = check.Range(boot.Tries ?? 3, 1, 10, boot, "boot.tries"),
            Health = file.Health is { } health ? HealthOf(health, broker, check) : new HealthConfig(),
            Telemetry = TelemetryOf(file.Telemetry, dataDirectory, check),
            Led = file.Led is { } led ? LedOf(led, check) : null,
            Broker = broker,
            TrustFile = check.AbsolutePath(file.Trust ?? DefaultTrustFile, file, "trust"),
        };
    }

    private static SlotConfig SlotOf(SlotName name, SlotYaml? slot, SlotsYaml slots, Checker check)
    {
        var key = $"slots.{name.Letter().ToLowerInvariant()}";
        if (slot is null)
        {
            throw check.Error(AgentConfigError.MissingKey, slots, key, "is required: { device: /dev/... } or { file: ..., size: ... }");
        }

        var boot = slot.Boot is { } bootSlot ? TargetOf(name, bootSlot, $"{key}.boot", check) : null;
        return TargetOf(name, slot, key, check) with { Boot = boot };
    }

    private static SlotConfig TargetOf(SlotName name, SlotYaml slot, string key, Checker check)
    {
        if (slot.Boot is not null && key.EndsWith(".boot", StringComparison.Ordinal))
        {
            throw check.Error(AgentConfigError.InvalidValue, slot, $"{key}.boot", "a boot partition has no boot partition of its own");
        }

        long? size = slot.Size is { } text ? check.Size(text, slot, $"{key}.size") : null;
        return (slot.Device, slot.File) switch
        {
            ({ } device, null) => new SlotConfig(name, check.AbsolutePath(device, slot, $"{key}.device"), IsFile: false, size),
            (null, { } path) when size is not null => new SlotConfig(name, check.AbsolutePath(path, slot, $"{key}.file"), IsFile: true, size),
            (null, { }) => throw check.Error(AgentConfigError.MissingKey, slot, $"{key}.size", "is required for a file-backed slot"),
            (null, null) => throw check.Error(AgentConfigError.MissingKey, slot, key, "needs device: or file:"),
            _ => throw check.Error(AgentConfigError.Conflict, slot, key, "has both device: and file:; a slot is one or the other"),
        };
    }

    private static BootBackendConfig BootOf(BootYaml boot, Checker check)
    {
        // One settings block, the selected backend's: a block for another backend is a mistake
        // that would otherwise be silently ignored.
        var blocks = new (string Name, object? Block)[] { ("grub", boot.Grub), ("uboot", boot.UBoot), ("tryboot", boot.Tryboot), ("simulated", boot.Simulated) };
        var backend = boot.Backend ?? throw check.Error(AgentConfigError.MissingKey, boot, "boot.backend", "is required: grub, uboot, tryboot or simulated");
        if (blocks.All(b => b.Name != backend))
        {
            throw check.Error(AgentConfigError.InvalidValue, boot, "boot.backend", $"'{backend}' is not grub, uboot, tryboot or simulated");
        }

        if (blocks.FirstOrDefault(b => b.Block is not null && b.Name != backend) is { Name: { } other })
        {
            throw check.Error(AgentConfigError.Conflict, boot, $"boot.{other}", $"settings for {other}, but the backend is {backend}");
        }

        return backend switch
        {
            "grub" => new GrubBootConfig(check.AbsolutePath(boot.Grub?.Env, (object?)boot.Grub ?? boot, "boot.grub.env")),
            "uboot" => new UBootBootConfig(check.AbsolutePath(boot.UBoot?.FwEnvConfig ?? UBootBootConfig.DefaultFwEnvConfig, (object?)boot.UBoot ?? boot, "boot.uboot.fw-env-config")),
            "tryboot" => TrybootOf(boot.Tryboot ?? new TrybootYaml(), check),
            _ => new SimulatedBootConfig(check.AbsolutePath(boot.Simulated?.State, (object?)boot.Simulated ?? boot, "boot.simulated.state")),
        };
    }

    private static TrybootBootConfig TrybootOf(TrybootYaml tryboot, Checker check)
    {
        // Partition numbers as the firmware's boot_partition= takes them (1-based MBR/GPT index).
        var a = check.Range(tryboot.PartitionA ?? 2, 1, 127, tryboot, "boot.tryboot.partition-a");
        var b = check.Range(tryboot.PartitionB ?? 3, 1, 127, tryboot, "boot.tryboot.partition-b");
        return a == b
            ? throw check.Error(AgentConfigError.Conflict, tryboot, "boot.tryboot.partition-b", $"is the same partition as partition-a ({a})")
            : new TrybootBootConfig(
                check.AbsolutePath(tryboot.Autoboot ?? TrybootBootConfig.DefaultAutoboot, tryboot, "boot.tryboot.autoboot"),
                check.AbsolutePath(tryboot.TrybootFlag ?? TrybootBootConfig.DefaultTrybootFlag, tryboot, "boot.tryboot.tryboot-flag"),
                a,
                b);
    }

    private static TelemetryConfig TelemetryOf(TelemetryYaml? telemetry, string dataDirectory, Checker check)
    {
        var interval = check.Range(telemetry?.IntervalS ?? (int)TelemetryConfig.DefaultInterval.TotalSeconds, 1, DayInSeconds, telemetry, "telemetry.interval-s");
        var ring = check.Range(telemetry?.Ring ?? TelemetryConfig.DefaultRingCapacity, 1, 1_000_000, telemetry, "telemetry.ring");
        var mounts = telemetry?.Mounts is { } list
            ? check.Distinct(list.Select((m, i) => check.AbsolutePath(m, telemetry, $"telemetry.mounts[{i}]")).ToList(), telemetry, "telemetry.mounts")
            : [dataDirectory];
        return new TelemetryConfig(TimeSpan.FromSeconds(interval), ring, mounts);
    }

    private static LedConfig LedOf(LedYaml led, Checker check)
    {
        var chip = check.Range(led.Chip ?? 0, 0, 255, led, "led.chip");
        var line = led.Line is { } n ? check.Range(n, 0, 1023, led, "led.line") : throw check.Error(AgentConfigError.MissingKey, led, "led.line", "is required: the line's offset on the GPIO chip");
        return led.Active switch
        {
            null or "high" => new LedConfig(chip, line, ActiveLow: false),
            "low" => new LedConfig(chip, line, ActiveLow: true),
            _ => throw check.Error(AgentConfigError.InvalidValue, led, "led.active", $"'{led.Active}' is not high or low"),
        };
    }

    // One image boots on one board: the root's release file names it, so agent.yml may leave it out
    // (one agent.yml for every board an image is built for), and must not contradict it.
    private static string CompatibleOf(DeviceYaml device, FirmwareRelease? release, Checker check)
    {
        if (device.Compatible is null && release is not null)
        {
            return release.Board;
        }

        var compatible = check.Name(device.Compatible, device, "device.compatible");
        return release is null || release.Board == compatible
            ? compatible
            : throw check.Error(AgentConfigError.Conflict, device, "device.compatible",
                $"is '{compatible}', but the running root was built for board '{release.Board}' ({FirmwareRelease.Path}); leave it out to take the root's");
    }
}
