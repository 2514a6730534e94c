using Firmware.Bench.Metering;

namespace Firmware.Bench.Tests.Doubles;

/// <summary>A power meter that reads a fixed draw, or fails.</summary>
public sealed class FakePowerMeter(double milliwatts) : IPowerMeter
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public bool Broken { get; set; }

    public double ReadMilliwatts()
    {
        Interlocked.Increment(ref _reads);
        return Broken ? throw new BenchException(BenchError.PowerMeterFailed, "INA219: remote I/O error") : milliwatts;
    }
}
