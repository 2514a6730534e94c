namespace Firmware.Device.Telemetry;

/// <summary>The load averages of <c>/proc/loadavg</c>.</summary>
/// <param name="One">Over 1 minute.</param>
/// <param name="Five">Over 5 minutes.</param>
/// <param name="Fifteen">Over 15 minutes.</param>
public readonly record struct LoadAverage(double One, double Five, double Fifteen);
