namespace Firmware.Device.Config;

/// <summary>
/// The device agent's validated configuration (agent.yml, docs/agent.md "Configuration").
/// Immutable; <see cref="AgentConfigParser"/> makes it.
/// </summary>
public sealed record AgentConfig
{
    /// <summary>Where the configuration came from (a path, or a name for text parsed from memory).</summary>
    public required string Source { get; init; }

    /// <summary>This device's identity in the fleet: its MQTT subtree and its name in reports.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The board's compatible string; a bundle must list it to be installed here.</summary>
    public required string Compatible { get; init; }

    /// <summary>The agent's own directory on the data partition: checkpoint, telemetry ring, downloads.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where slot A lives.</summary>
    public required SlotConfig SlotA { get; init; }

    /// <summary>Where slot B lives.</summary>
    public required SlotConfig SlotB { get; init; }

    /// <summary>The bootloader backend and its settings.</summary>
    public required BootBackendConfig Boot { get; init; }

    /// <summary>How many times the bootloader boots a new slot before it falls back by itself.</summary>
    public required int TrialTries { get; init; }

    /// <summary>The checks that decide whether a trial boot is committed.</summary>
    public required HealthConfig Health { get; init; }

    /// <summary>What telemetry collects, how often, and how much it buffers offline.</summary>
    public required TelemetryConfig Telemetry { get; init; }

    /// <summary>The status LED, or null when the board has none.</summary>
    public LedConfig? Led { get; init; }

    /// <summary>The MQTT broker, or null for a device that is managed offline only.</summary>
    public BrokerConfig? Broker { get; init; }

    /// <summary>The trust file bundles are verified against.</summary>
    public required string TrustFile { get; init; }

    /// <summary>The configuration of <paramref name="slot"/>.</summary>
    public SlotConfig Slot(Slots.SlotName slot) => slot == Slots.SlotName.A ? SlotA : SlotB;
}
