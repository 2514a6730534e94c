using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Controller.Devices;

/// <summary>What the controller knows of one device: its last birth, its liveness, its health and its current job.</summary>
public sealed record DeviceRecord
{
    /// <summary>The device id.</summary>
    public required string Id { get; init; }

    /// <summary>The last birth (board, compatible, version, slot, tags...), or null before the first.</summary>
    public DeviceState? Birth { get; init; }

    /// <summary>The installed firmware version, as the last birth says.</summary>
    public string? Version => Birth?.Version;

    /// <summary>True between a birth and a will.</summary>
    public bool Online { get; init; }

    /// <summary>The last message of any kind from the device.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>The last telemetry sample's figures.</summary>
    public HealthSummary? Health { get; init; }

    /// <summary>The job the device is working on, if any.</summary>
    public string? Job { get; init; }

    /// <summary>That job's last progress state, as its wire name.</summary>
    public string? JobState { get; init; }

    /// <summary>Chunks of that job downloaded.</summary>
    public int ChunksDone { get; init; }

    /// <summary>Chunks of that job in all.</summary>
    public int ChunksTotal { get; init; }
}
