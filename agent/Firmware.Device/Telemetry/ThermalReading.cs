namespace Firmware.Device.Telemetry;

/// <summary>One thermal zone.</summary>
/// <param name="Zone">The zone's directory name (<c>thermal_zone0</c>).</param>
/// <param name="Type">What it measures, as the driver names it (<c>cpu-thermal</c>), or null.</param>
/// <param name="Celsius">The temperature.</param>
public sealed record ThermalReading(string Zone, string? Type, double Celsius);
