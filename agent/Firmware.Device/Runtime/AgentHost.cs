using Firmware.Device.Boot;
using Firmware.Device.Config;
using Firmware.Device.Health;
using Firmware.Device.Slots;
using Firmware.Versioning;

namespace Firmware.Device.Runtime;

/// <summary>
/// What the system around the agent offers a device composed from agent.yml: where procfs and
/// sysfs are, how to reboot, the network, the clock. The real device takes the defaults and the
/// init's control socket; tests and the fleet simulator point each part at their own.
/// </summary>
public sealed record AgentHost
{
    /// <summary>procfs, sysfs and /dev: slot detection, health checks and telemetry read the system through them.</summary>
    public SystemRoots Roots { get; init; } = SystemRoots.Host;

    /// <summary>How the device restarts: the init's control socket on a real device.</summary>
    public required IReboot Reboot { get; init; }

    /// <summary>The HTTP client of http(s) bundle sources.</summary>
    public required HttpClient Http { get; init; }

    /// <summary>The clock of the engine, the health gate, telemetry and the fleet link.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The version the device was flashed with, until an update commits (the checkpoint's record then replaces it).</summary>
    public FirmwareVersion? FlashedVersion { get; init; }

    /// <summary>
    /// The slots, when they are not agent.yml's files or devices: given the slot, the booted slot and
    /// the configured size (the fleet simulator keeps its slots in memory). Null for agent.yml's.
    /// </summary>
    public Func<SlotName, ActiveSlot, long, ISlotDevice>? Slots { get; init; }

    /// <summary>The health gate of a trial boot; null for the checks agent.yml configures (the fleet simulator scripts its own).</summary>
    public Func<AgentConfig, IHealthGate>? HealthGate { get; init; }

    /// <summary>The gate agent.yml configures over this host's system, or the scripted one.</summary>
    public IHealthGate GateFor(AgentConfig config) =>
        HealthGate?.Invoke(config) ?? HealthChecks.Gate(config, HealthEnvironment.Host with { Roots = Roots, Clock = Clock });
}
