using Firmware.Yaml;

namespace Firmware.Fleet.Controller.Chunks;

/// <summary>The chunk server's limits: bytes per second per device and for all devices together (each with a one-second burst).</summary>
/// <param name="DeviceBytesPerSecond">Each device's rate.</param>
/// <param name="TotalBytesPerSecond">The global bandwidth cap.</param>
public sealed record ChunkRates(long DeviceBytesPerSecond, long TotalBytesPerSecond)
{
    /// <summary>The defaults of <c>fwtool fleet serve</c>: 1 MiB/s per device, 20 MiB/s in all.</summary>
    public static ChunkRates Default { get; } = new(1 << 20, 20 << 20);

    /// <summary>Parses a rate such as <c>1MiB/s</c>, <c>512K/s</c> or <c>20M/s</c> (binary sizes, <see cref="ByteSizes"/>).</summary>
    /// <exception cref="ArgumentException">Not a positive size followed by <c>/s</c>; the message names <paramref name="option"/>.</exception>
    public static long ParseRate(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.EndsWith("/s", StringComparison.Ordinal) && ByteSizes.TryParse(text[..^2], out var bytes) && bytes > 0
            ? bytes
            : throw new ArgumentException($"{option}: '{text}' is not a rate such as 1MiB/s or 512K/s", nameof(text));
    }
}
