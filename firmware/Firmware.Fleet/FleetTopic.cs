namespace Firmware.Fleet;

/// <summary>A parsed device topic: whose it is and which one.</summary>
/// <param name="DeviceId">The device id (valid).</param>
/// <param name="Kind">The topic.</param>
public readonly record struct FleetTopic(string DeviceId, FleetTopicKind Kind);
