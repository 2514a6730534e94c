namespace Firmware.Bench.Serial;

/// <summary>Where and when a marker appeared on the console.</summary>
/// <param name="Offset">The marker's first byte, counted from the first byte the console received.</param>
/// <param name="Timestamp">When the read that completed the marker returned, as a <see cref="TimeProvider.GetTimestamp"/> value.</param>
/// <param name="At">The same moment on the wall clock.</param>
public sealed record MarkerMatch(long Offset, long Timestamp, DateTimeOffset At);
