using Firmware.Bench.Metering;
using Firmware.Bench.Serial;
using Firmware.Flash;

namespace Firmware.Bench.Cycle;

/// <summary>The outcome of a bench cycle that reached its marker.</summary>
/// <param name="Flash">What the flash wrote.</param>
/// <param name="FlashTime">From the start of the flash to its end, read-back included.</param>
/// <param name="BootTime">From power-on to the marker.</param>
/// <param name="Marker">Where the marker appeared.</param>
/// <param name="LogPath">The console log file, if one was kept.</param>
/// <param name="LogBytes">Console bytes received from power-on to the marker.</param>
/// <param name="Power">Power drawn from power-on to the marker, when a meter is fitted.</param>
public sealed record BenchCycleResult(FlashResult Flash, TimeSpan FlashTime, TimeSpan BootTime, MarkerMatch Marker, string? LogPath, long LogBytes, PowerSummary? Power);
