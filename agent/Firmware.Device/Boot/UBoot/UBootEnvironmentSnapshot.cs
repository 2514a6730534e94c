using Firmware.Boot;

namespace Firmware.Device.Boot.UBoot;

/// <summary>The current U-Boot environment and where it came from.</summary>
/// <param name="Environment">The variables of the current copy.</param>
/// <param name="CopyIndex">Which copy is current (0 or 1; always 0 for a single environment).</param>
/// <param name="Flags">The current copy's generation byte (0 for a single environment).</param>
internal sealed record UBootEnvironmentSnapshot(UBootEnvironment Environment, int CopyIndex, byte Flags);
