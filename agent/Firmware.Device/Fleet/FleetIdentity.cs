using Firmware.Device.Slots;

namespace Firmware.Device.Fleet;

/// <summary>What the birth message says about the device (docs/protocol.md 3.1).</summary>
public sealed record FleetIdentity
{
    /// <summary>The device id: also the MQTT client id and username.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The board name.</summary>
    public required string Board { get; init; }

    /// <summary>The compatibility string bundles are matched against.</summary>
    public required string Compatible { get; init; }

    /// <summary>The installed firmware version.</summary>
    public required string Version { get; init; }

    /// <summary>The slot booted.</summary>
    public required SlotName Slot { get; init; }

    /// <summary>Boots counted by the agent.</summary>
    public required long BootCount { get; init; }

    /// <summary>The agent's version.</summary>
    public required string Agent { get; init; }

    /// <summary>Tags from agent.yml.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
