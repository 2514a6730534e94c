namespace Firmware.Bench.Metering;

/// <summary>An instrument that reads the board's power draw. Optional: a cycle runs without one.</summary>
public interface IPowerMeter
{
    /// <summary>Reads the power the board draws now, in milliwatts.</summary>
    /// <exception cref="BenchException">The instrument failed.</exception>
    double ReadMilliwatts();
}
