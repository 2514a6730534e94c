namespace Firmware.Device.Health;

/// <summary>How a command ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">The end of what it wrote to standard error, then standard output, for the report.</param>
public sealed record CommandOutcome(int ExitCode, string Output);
