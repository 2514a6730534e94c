namespace Firmware.Bench.Metering;

/// <summary>What the power meter saw over an interval.</summary>
/// <param name="Samples">Readings taken.</param>
/// <param name="AverageMilliwatts">Their mean.</param>
/// <param name="PeakMilliwatts">The largest.</param>
/// <param name="Duration">The interval sampled.</param>
public sealed record PowerSummary(int Samples, double AverageMilliwatts, double PeakMilliwatts, TimeSpan Duration)
{
    /// <summary>Energy used over the interval, from the mean power (mW x s = mJ).</summary>
    public double Millijoules => AverageMilliwatts * Duration.TotalSeconds;
}
