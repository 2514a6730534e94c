namespace Firmware.Fleet.Controller.Chunks;

/// <summary>The chunk server's limits: bytes per second per device and for all devices together (each with a one-second burst).</summary>
/// <param name="DeviceBytesPerSecond">Each device's rate.</param>
/// <param name="TotalBytesPerSecond">The global bandwidth cap.</param>
public sealed record ChunkRates(long DeviceBytesPerSecond, long TotalBytesPerSecond)
{
    /// <summary>The defaults of <c>fwtool fleet serve</c>: 1 MiB/s per device, 20 MiB/s in all.</summary>
    public static ChunkRates Default { get; } = new(1 << 20, 20 << 20);
}
