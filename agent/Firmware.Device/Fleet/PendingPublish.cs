namespace Firmware.Device.Fleet;

/// <summary>One QoS 1 message waiting for its PUBACK.</summary>
/// <param name="Sequence">Its place in the outbox.</param>
/// <param name="Topic">The full topic.</param>
/// <param name="Payload">The payload bytes.</param>
public sealed record PendingPublish(long Sequence, string Topic, byte[] Payload);
