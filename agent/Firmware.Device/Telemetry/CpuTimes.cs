namespace Firmware.Device.Telemetry;

/// <summary>Cumulative CPU time since boot over all CPUs, in USER_HZ ticks.</summary>
/// <param name="Busy">Ticks spent on anything but idle and I/O wait.</param>
/// <param name="Total">All ticks.</param>
public readonly record struct CpuTimes(ulong Busy, ulong Total)
{
    /// <summary>The busy share between <paramref name="earlier"/> and this reading, 0-100; 0 when no time passed.</summary>
    public double PercentSince(CpuTimes earlier)
    {
        var total = Total - earlier.Total;
        return total == 0 || Total < earlier.Total || Busy < earlier.Busy ? 0 : Math.Round(100.0 * (Busy - earlier.Busy) / total, 1);
    }
}
