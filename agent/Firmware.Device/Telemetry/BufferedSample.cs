namespace Firmware.Device.Telemetry;

/// <summary>One buffered sample.</summary>
/// <param name="Sequence">Its place in the ring: larger is newer.</param>
/// <param name="Json">The sample as published.</param>
public sealed record BufferedSample(long Sequence, ReadOnlyMemory<byte> Json);
